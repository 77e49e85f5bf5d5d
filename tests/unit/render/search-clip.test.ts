/** The search index's summary clipping (src/render/search.ts): code points, not UTF-16 units. */
import { describe, expect, test } from 'vitest'
import { clip } from '../../../src/render/search.js'

/** The obvious way to do it (what clip did before it had to be fast). */
function byArray(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(flat)
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('').trimEnd() + '…'
}

describe('clip', () => {
  test('short text stays whole, whitespace collapsed', () => {
    expect(clip('  一段\n\t文字  ', 10)).toBe('一段 文字')
  })

  test('long text keeps max - 1 code points and an ellipsis', () => {
    expect(clip('abcdefghij', 5)).toBe('abcd…')
    expect(clip('😀😀😀😀😀😀', 5)).toBe('😀😀😀😀…')
    // Five emoji are ten UTF-16 units but five code points: whole.
    expect(clip('😀😀😀😀😀', 5)).toBe('😀😀😀😀😀')
    expect(clip('abc d', 4)).toBe('abc…')
  })

  test('agrees with splitting into code points, on every length around the limit', () => {
    const pieces = ['a', '中', '😀', ' ', '\n', 'b', '\ud800', '\udc00', 'é', '🇨🇳']
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648)
    for (let n = 0; n < 2000; n++) {
      const length = next() % 30
      let text = ''
      for (let i = 0; i < length; i++) text += pieces[next() % pieces.length]
      for (const max of [1, 2, 5, 10, 12, 20]) expect(clip(text, max), JSON.stringify([text, max])).toBe(byArray(text, max))
    }
  })
})
