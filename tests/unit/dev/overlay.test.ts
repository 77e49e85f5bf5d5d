/** The dev overlay's problems (dev/client.ts): errors first, and warnings too, each with its place. */
import { describe, expect, it } from 'vitest'
import { overlayProblems } from '../../../src/dev/client.js'
import { tempDir } from '../../helpers/tree.js'

describe('overlayProblems', () => {
  it('lists errors first, then warnings, each by place', () => {
    const got = overlayProblems([
      { path: 'content/posts/b.md', line: 3, column: 2, reason: 'W', ruleId: 'missing-image', fatal: false },
      { path: 'content/posts/c.md', line: 1, column: 1, reason: 'E', ruleId: 'missing-title', fatal: true },
      { path: 'content/posts/a.md', line: 9, column: 4, reason: 'W2', ruleId: 'invalid-tex', fatal: false }
    ], tempDir('overlay'))
    expect(got.map((p) => `${p.where} ${p.severity} ${p.ruleId}`)).toEqual([
      'content/posts/c.md:1:1 error missing-title',
      'content/posts/a.md:9:4 warning invalid-tex',
      'content/posts/b.md:3:2 warning missing-image'
    ])
  })
})
