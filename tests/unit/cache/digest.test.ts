/** The cache key: the config text and the tool (version, lockfile, compiled code) each change it. */
import { describe, expect, it } from 'vitest'
import { configDigest, toolDigestOf, toolVersion } from '../../../src/cache/digest.js'

describe('configDigest', () => {
  it('is stable for the same inputs', () => {
    expect(configDigest('title: a\n')).toBe(configDigest('title: a\n'))
    expect(toolDigestOf()).toBe(toolDigestOf())
    expect(toolVersion).toMatch(/^\d+\.\d+\.\d+/)
  })
  it('changes with any config change (a plugin option such as highlight)', () => {
    expect(configDigest('highlight: true\n')).not.toBe(configDigest('highlight: false\n'))
    expect(configDigest('summary_length: 140\n')).not.toBe(configDigest('summary_length: 141\n'))
  })
  it('changes with the tool (version, lockfile or code)', () => {
    expect(configDigest('title: a\n', 'tool-1')).not.toBe(configDigest('title: a\n', 'tool-2'))
    expect(configDigest('title: a\n', toolDigestOf())).toBe(configDigest('title: a\n'))
  })
})
