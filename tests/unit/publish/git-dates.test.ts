/**
 * Dates from git: a repository made here, with commits at set dates; a
 * shallow clone of it; and the same site without git.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../.build/src/build.js'
import { buildWithMemory } from '../../../.build/src/dev/memory.js'
import { NOW, tempDir } from '../../helpers/tree.js'
import { checkAtom, metaOf, textOf } from './helpers.js'

let repo: string

function git(cwd: string, args: string[], date?: string): string {
  const env: NodeJS.ProcessEnv = {
    ...process.env, GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.org',
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null'
  }
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date })
  return execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd, env, encoding: 'utf8' })
}

const post = (title: string, extra = '', body = 'Body.') => `---\ntitle: ${title}\ndate: 2024-01-05 10:00\n${extra}---\n${body}\n`

async function buildSite(root: string) {
  const out = tempDir('publish-git-out')
  const result = await build({ root, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: false })
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
  return { result, out, updated: (name: string) => result.graph!.posts.find((p: any) => p.entry.name === name)?.entry.matter.updated }
}

beforeAll(() => {
  repo = tempDir('publish-git-repo')
  mkdirSync(join(repo, 'content/posts'), { recursive: true })
  writeFileSync(join(repo, 'content/site.yaml'), 'title: Git dates\nurl: https://git.example/\ntimezone: Asia/Shanghai\nlanguage: en\n')
  writeFileSync(join(repo, 'content/posts/edited.md'), post('Edited'))
  writeFileSync(join(repo, 'content/posts/pinned.md'), post('Pinned', 'updated: 2024-02-01 09:00\n'))
  writeFileSync(join(repo, 'content/posts/untouched.md'), post('Untouched'))
  writeFileSync(join(repo, 'content/posts/early.md'), post('Early', '').replace('2024-01-05', '2024-06-01'))
  git(repo, ['init', '-q'])
  git(repo, ['add', '.'])
  git(repo, ['commit', '-q', '-m', 'add posts'], '2024-01-10T12:00:00Z')
  // Edits: `edited` and `pinned` after their date; `early` before its date (2024-06-01).
  writeFileSync(join(repo, 'content/posts/edited.md'), post('Edited, with a new title', '', 'Body, edited.'))
  writeFileSync(join(repo, 'content/posts/pinned.md'), post('Pinned', 'updated: 2024-02-01 09:00\n', 'Body, edited.'))
  writeFileSync(join(repo, 'content/posts/early.md'), post('Early', '', 'Body, edited.').replace('2024-01-05', '2024-06-01'))
  git(repo, ['commit', '-q', '-a', '-m', 'edit'], '2024-03-15T10:00:00Z')
})

describe('dates from git', () => {
  it('a post edited in git shows the edit date, without a front-matter change', async () => {
    const { result, out, updated } = await buildSite(repo)
    expect(result.problems.filter((p) => p.ruleId === 'git-shallow')).toEqual([])
    // 2024-03-15T10:00:00Z in Asia/Shanghai.
    expect(updated('edited')?.iso).toBe('2024-03-15T18:00:00+08:00')
    expect(updated('edited')?.ms).toBe(Date.parse('2024-03-15T10:00:00Z'))
    // Front matter wins; the commit that added a file is not an edit; edits before `date` do not count.
    expect(updated('pinned')?.iso).toBe('2024-02-01T09:00:00+08:00')
    expect(updated('untouched')).toBeUndefined()
    expect(updated('early')).toBeUndefined()
    // It reaches the page, the feed and the sitemap; the entry id did not change with the title.
    const html = readFileSync(join(out, 'posts/edited/index.html'), 'utf8')
    expect(metaOf(html).get('article:modified_time')).toEqual(['2024-03-15T18:00:00+08:00'])
    const entry = checkAtom(readFileSync(join(out, 'atom.xml'), 'utf8'), 'atom').entry.find((e: any) => textOf(e.id) === 'tag:git.example,2024-01-05:posts/edited')
    expect(textOf(entry.title)).toBe('Edited, with a new title')
    expect(textOf(entry.updated)).toBe('2024-03-15T18:00:00+08:00')
    expect(textOf(entry.published)).toBe('2024-01-05T10:00:00+08:00')
    expect(readFileSync(join(out, 'sitemap.xml'), 'utf8')).toContain('<loc>https://git.example/posts/edited/</loc>\n    <lastmod>2024-03-15T18:00:00+08:00</lastmod>')
  })

  it('can be turned off with updated_from_git: false', async () => {
    const copy = tempDir('publish-git-off')
    cpSync(repo, copy, { recursive: true })
    writeFileSync(join(copy, 'content/site.yaml'), readFileSync(join(repo, 'content/site.yaml'), 'utf8') + 'updated_from_git: false\n')
    const { updated } = await buildSite(copy)
    expect(updated('edited')).toBeUndefined()
  })

  it('a shallow clone warns with what to do, and gives no wrong dates', async () => {
    const clone = join(tempDir('publish-git-shallow'), 'site')
    git(repo, ['clone', '-q', '--depth', '1', `file://${repo}`, clone])
    const { result, updated } = await buildSite(clone)
    const shallow = result.problems.filter((p) => p.ruleId === 'git-shallow')
    expect(shallow).toHaveLength(1)
    expect(shallow[0].fatal).toBe(false)
    expect(shallow[0].reason).toContain('fetch-depth: 0')
    // Every file looks added in the clone's one commit: no edit date rather than a wrong one.
    expect(updated('edited')).toBeUndefined()
  })

  it('without git nothing breaks and nothing is dated', async () => {
    const plain = tempDir('publish-git-none')
    cpSync(join(repo, 'content'), join(plain, 'content'), { recursive: true })
    const { result, updated } = await buildSite(plain)
    expect(result.problems).toEqual([])
    expect(updated('edited')).toBeUndefined()
    expect(updated('pinned')?.iso).toBe('2024-02-01T09:00:00+08:00')
  })
})

describe('dates from git in `inkstone dev`', () => {
  it('are read again once HEAD moves (a commit), and reused while it does not', async () => {
    const copy = tempDir('publish-git-dev')
    cpSync(repo, copy, { recursive: true })
    const memory: Record<string, unknown> = {}
    const flags = { drafts: false, future: false, dev: true }
    const devBuild = async (changed: string[]) => {
      memory.changed = new Set(changed)
      const result = await buildWithMemory(memory, { root: copy, flags, now: NOW, lazy: true })
      expect(result.problems.filter((p) => p.fatal)).toEqual([])
      return (name: string) => result.graph!.posts.find((p: any) => p.entry.name === name)?.entry.matter.updated
    }
    memory.changed = undefined
    await buildWithMemory(memory, { root: copy, flags, now: NOW, lazy: true })
    const before = (memory.git as { dates: unknown }).dates
    writeFileSync(join(copy, 'content/posts/untouched.md'), post('Untouched', '', 'Now touched.'))
    expect((await devBuild(['content/posts/untouched.md']))('untouched')).toBeUndefined()
    expect((memory.git as { dates: unknown }).dates).toBe(before)
    git(copy, ['commit', '-q', '-a', '-m', 'touch'], '2024-04-20T08:00:00Z')
    // A commit changes no file under content/: the next build (any change) sees the new HEAD.
    expect((await devBuild([]))('untouched')?.iso).toBe('2024-04-20T16:00:00+08:00')
  })
})
