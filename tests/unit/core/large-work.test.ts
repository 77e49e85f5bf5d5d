/**
 * BuildOptions.onLargeWork: the CLI starts `build` with V8's optimizing
 * compiler off and turns it back on when the build finds large work. It
 * must be told of every large build (parsing LARGE_PARSE files or more, or
 * making LARGE_OUTPUT files or more), once, and not of a one-post edit.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { LARGE_OUTPUT, LARGE_PARSE, build } from '../../../src/build.js'
import { NOW } from '../../helpers/tree.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** A site of `posts` posts with one tag each (a post page, a tag page...). */
function site(posts: number, tags = 1): string {
  const root = mkdtempSync(join(tmpdir(), 'inkstone-large-'))
  dirs.push(root)
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: 大小\nurl: https://large.example/\nhighlight: false\npaginate: 100\n')
  for (let i = 1; i <= posts; i++) {
    writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: 第 ${i} 篇\ndate: 2024-01-01 10:00\ntags: [t${i % tags}]\n---\n\n正文 ${i}。\n`)
  }
  return root
}
const flags = { drafts: false, future: false }

/** Builds `root` and counts the calls of onLargeWork. */
async function calls(root: string, outDir?: string): Promise<number> {
  let n = 0
  const result = await build({ root, outDir, flags, now: NOW, workers: 0, onLargeWork: () => n++ })
  expect(result.ok).toBe(true)
  return n
}

describe('large work', () => {
  it('is reported once for a build that parses many files, and not for a one-post edit or a warm build', async () => {
    const root = site(LARGE_PARSE)
    expect(await calls(root)).toBe(1)
    const post = join(root, 'content', 'posts', 'p1.md')
    writeFileSync(post, readFileSync(post, 'utf8') + '\n多一句。\n')
    expect(await calls(root)).toBe(0)
    expect(await calls(root)).toBe(0)
  }, 60_000)

  it('is reported for a build that makes many files while parsing none, and not for a small site', async () => {
    // One post: it and its tag, home, archives, feeds, sitemap...: well under LARGE_OUTPUT files.
    expect(await calls(site(1))).toBe(0)
    const big = site(LARGE_OUTPUT, LARGE_OUTPUT)
    await calls(big)
    // Every entry from the cache, every page made again into a new folder.
    expect(await calls(big, join(big, 'elsewhere'))).toBe(1)
  }, 60_000)
})
