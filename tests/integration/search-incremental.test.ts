/**
 * The search index across builds: a build after a few posts changed patches
 * the last build's index (it tokenises only those posts) and writes exactly
 * what a clean build writes; a last index it cannot trust is made whole.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { NOW, tempDir } from '../helpers/tree.js'
import { diffWithClean } from '../helpers/site-copy.js'

const flags = { drafts: false, future: false }
const POSTS = 40

function post(id: number, extra = ''): string {
  const day = String((id % 28) + 1).padStart(2, '0')
  const month = String(Math.floor(id / 28) + 1).padStart(2, '0')
  return `---\ntitle: 第${id}篇 Post ${id}\ndate: 2024-${month}-${day} 10:00\ntags: [标签${id % 4}]\n---\n\n## 小节 ${id}\n\n排版与标点挤压，rendering pipelines ${id}。${extra}\n`
}

function site(): string {
  const root = tempDir('search-incr')
  mkdirSync(join(root, 'content/posts'), { recursive: true })
  writeFileSync(join(root, 'content/site.yaml'), 'title: 搜索\nurl: https://search.example/\nlanguage: zh-CN\ntimezone: Asia/Shanghai\nhighlight: false\nupdated_from_git: false\n')
  for (let id = 0; id < POSTS; id++) writeFileSync(join(root, `content/posts/p${String(id).padStart(2, '0')}.md`), post(id))
  return root
}

describe('the search index across builds', () => {
  it('is patched for the posts that changed, and equals a clean build after every step', async () => {
    const root = site()
    const out = tempDir('search-incr-out')
    const first = await build({ root, outDir: out, flags, now: NOW })
    expect(first.ok).toBe(true)
    expect(first.stats.searchTokenised).toBe(POSTS)
    const steps: Array<{ name: string; apply: () => void; tokenised: number }> = [
      { name: 'a sentence added to one body', apply: () => writeFileSync(join(root, 'content/posts/p20.md'), post(20, '新增的一句话 cache。')), tokenised: 1 },
      { name: 'a title changed', apply: () => writeFileSync(join(root, 'content/posts/p21.md'), post(21).replace('title: 第21篇', 'title: 改名的第21篇')), tokenised: 1 },
      { name: 'a heading removed', apply: () => writeFileSync(join(root, 'content/posts/p22.md'), post(22).replace('## 小节 22\n', '')), tokenised: 1 },
      { name: 'the newest post removed', apply: () => rmSync(join(root, `content/posts/p${POSTS - 1}.md`)), tokenised: 1 },
      { name: 'a newest post added', apply: () => writeFileSync(join(root, 'content/posts/p99.md'), post(99, '最新')), tokenised: 1 },
      { name: 'two posts edited', apply: () => { writeFileSync(join(root, 'content/posts/p01.md'), post(1, '甲')); writeFileSync(join(root, 'content/posts/p02.md'), post(2, '乙')) }, tokenised: 2 },
      // Every later post's id moves: the index is made whole.
      { name: 'the oldest post removed', apply: () => rmSync(join(root, 'content/posts/p00.md')), tokenised: POSTS - 1 }
    ]
    for (const step of steps) {
      step.apply()
      const result = await build({ root, outDir: out, flags, now: NOW })
      expect(result.problems.filter((p) => p.fatal), step.name).toEqual([])
      expect(result.stats.searchTokenised, step.name).toBe(step.tokenised)
      const { diff, cleanOk } = await diffWithClean(root, out, flags, NOW)
      expect(cleanOk, step.name).toBe(true)
      expect(diff, step.name).toEqual([])
    }
  })

  it('is made whole when a file of the last index is gone or altered, and when the cache is off', async () => {
    const root = site()
    const out = tempDir('search-incr-out')
    expect((await build({ root, outDir: out, flags, now: NOW })).ok).toBe(true)
    // The map blocks name every document: without one the last index cannot be read.
    for (const name of readdirSync(join(out, 'search/m'))) rmSync(join(out, 'search/m', name))
    writeFileSync(join(root, 'content/posts/p10.md'), post(10, '改'))
    const result = await build({ root, outDir: out, flags, now: NOW })
    expect(result.stats.searchTokenised).toBe(POSTS)
    expect((await diffWithClean(root, out, flags, NOW)).diff).toEqual([])
    // The entry altered: the manifest's key no longer matches it.
    writeFileSync(join(out, 'search.json'), '{"version":2}')
    writeFileSync(join(root, 'content/posts/p11.md'), post(11, '改'))
    expect((await build({ root, outDir: out, flags, now: NOW })).stats.searchTokenised).toBe(POSTS)
    expect((await diffWithClean(root, out, flags, NOW)).diff).toEqual([])
    writeFileSync(join(root, 'content/posts/p12.md'), post(12, '改'))
    expect((await build({ root, outDir: out, flags, now: NOW, cache: false })).stats.searchTokenised).toBe(POSTS)
  })
})
