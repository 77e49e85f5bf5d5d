/**
 * A post with no date anywhere takes the date of its first commit in git,
 * with a warning that says so; outside git it stays an error. A repository
 * made here, with commits at set dates.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { parseGitLog } from '../../src/git/dates.js'
import { NOW, tempDir } from '../helpers/tree.js'

let repo: string

function git(cwd: string, args: string[], date: string): void {
  const env = {
    ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org',
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date
  }
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env, encoding: 'utf8' })
}

const siteYaml = 'title: Undated\nurl: https://undated.example/\nlanguage: en\ntimezone: Asia/Shanghai\n'
const buildAt = (root: string) => build({ root, outDir: tempDir('git-first-out'), flags: { drafts: false, future: false }, now: NOW, cache: false })

beforeAll(() => {
  repo = tempDir('git-first-repo')
  mkdirSync(join(repo, 'content/posts'), { recursive: true })
  writeFileSync(join(repo, 'content/site.yaml'), siteYaml)
  writeFileSync(join(repo, 'content/posts/notes.md'), '# Notes without a date\n\nText.\n')
  git(repo, ['init', '-q'], '2021-03-04T05:06:07Z')
  git(repo, ['add', '.'], '2021-03-04T05:06:07Z')
  git(repo, ['commit', '-q', '-m', 'add'], '2021-03-04T05:06:07Z')
  writeFileSync(join(repo, 'content/posts/notes.md'), '# Notes without a date\n\nText, edited.\n')
  git(repo, ['commit', '-q', '-a', '-m', 'edit'], '2022-01-01T00:00:00Z')
})

describe('the date of the first commit', () => {
  it('dates a post that has no date with its first commit, with a warning at the file', async () => {
    const result = await buildAt(repo)
    expect(result.ok).toBe(true)
    const post = result.graph!.posts[0]
    expect(post.title).toBe('Notes without a date')
    expect(post.entry.matter.date.iso).toBe('2021-03-04T13:06:07+08:00')
    // The later commit is an edit.
    expect(post.entry.matter.updated?.iso).toBe('2022-01-01T08:00:00+08:00')
    expect(result.problems.map((p) => [p.path, p.line, p.fatal, p.ruleId, p.reason])).toEqual([
      ['content/posts/notes.md', 1, false, 'missing-date', "No date in the front matter or the file name; using the date of the file's first commit in git, 2021-03-04T13:06:07+08:00"]
    ])
  })

  it('follows `checks:` (off: no warning; error: the build fails)', async () => {
    const off = tempDir('git-first-off')
    cpSync(repo, off, { recursive: true })
    writeFileSync(join(off, 'content/site.yaml'), siteYaml + 'checks:\n  missing-date: off\n')
    git(off, ['commit', '-q', '-a', '-m', 'checks'], '2022-02-02T00:00:00Z')
    const quiet = await buildAt(off)
    expect(quiet.problems).toEqual([])
    expect(quiet.graph!.posts[0].entry.matter.date.iso).toBe('2021-03-04T13:06:07+08:00')
    writeFileSync(join(off, 'content/site.yaml'), siteYaml + 'checks:\n  missing-date: error\n')
    const strict = await buildAt(off)
    expect(strict.ok).toBe(false)
    expect(strict.problems.map((p) => [p.ruleId, p.fatal])).toEqual([['missing-date', true]])
  })

  it('stays an error outside git', async () => {
    const plain = tempDir('git-first-none')
    cpSync(join(repo, 'content'), join(plain, 'content'), { recursive: true })
    const result = await buildAt(plain)
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => [p.ruleId, p.fatal])).toEqual([['missing-date', true]])
  })

  it('parseGitLog keeps the oldest add-or-modify time as the first commit', () => {
    const log = '\x01300\0M\0content/a.md\0\x01100\0A\0content/a.md\0\x01200\0M\0content/a.md\0'
    expect(parseGitLog(log).first.get('content/a.md')).toBe(100_000)
  })
})
