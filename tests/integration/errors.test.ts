/**
 * One tiny invalid site per error (tests/fixtures/invalid/<case>/). Each is
 * built by the real CLI over a previous output folder: the exit code is 1,
 * the report has exactly the lines in `messages.txt` (path:line:column:
 * error: message [rule-id]), and the previous output is left as it was.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTree, tempDir } from '../helpers/tree.js'
import { cli, repo } from '../helpers/cli.js'

const cases = join(repo, 'tests', 'fixtures', 'invalid')

describe('invalid sites', () => {
  for (const name of readdirSync(cases).sort()) {
    it(`${name}: exit 1, exact messages, previous output untouched`, () => {
      const root = tempDir(`invalid-${name}`)
      cpSync(join(cases, name), root, { recursive: true, verbatimSymlinks: true })
      const out = join(root, 'previous-output')
      mkdirSync(join(out, 'posts', 'old'), { recursive: true })
      writeFileSync(join(out, 'index.html'), '<p>the previous site</p>\n')
      writeFileSync(join(out, 'posts', 'old', 'index.html'), '<p>an old post</p>\n')
      const before = readTree(out)

      const { code, stderr } = cli(['build', root, '--out', out])

      expect(code).toBe(1)
      const expected = readFileSync(join(cases, name, 'messages.txt'), 'utf8').trim().split('\n')
      const got = stderr.split('\n').filter((l) => /^(content|public|templates)\//.test(l))
      expect(got).toEqual(expected)
      expect(stderr).toMatch(/✗ \d+ errors?, \d+ warnings?; .* was left as it was/)
      expect(readTree(out)).toEqual(before)
    })
  }
})
