/**
 * Code frames under a message: short lines whole, long lines as a window
 * around the column with the caret still under the character it points at.
 */
import { describe, expect, it } from 'vitest'
import { codeFrame } from '../../../src/report/format.js'

describe('codeFrame', () => {
  it('shows the line before and after, and a caret under the column', () => {
    expect(codeFrame('a\nbcd\ne', 2, 3)).toEqual(['  1 | a', '> 2 | bcd', '    |   ^', '  3 | e'])
  })

  it('clips a long line to a window around the column, the caret under the same character', () => {
    const line = 'x'.repeat(5000) + 'Y' + 'z'.repeat(5000)
    const frame = codeFrame(line, 1, 5001)
    const shown = frame[0].slice('> 1 | '.length)
    const caret = frame[1].indexOf('^') - '    | '.length
    expect(shown.length).toBeLessThanOrEqual(122)
    expect(shown.startsWith('…') && shown.endsWith('…')).toBe(true)
    expect(shown[caret]).toBe('Y')
  })

  it('clips a long line at its start when the column is near it', () => {
    const frame = codeFrame('>'.repeat(10_000), 1, 1)
    expect(frame[0]).toBe('> 1 | ' + '>'.repeat(120) + '…')
    expect(frame[1]).toBe('    | ^')
  })
})
