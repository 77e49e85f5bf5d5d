/** buildIndex (src/search/build-index.ts): shards hold exactly the engine's tokens; an edit rewrites only what it touches. */
import { describe, expect, it } from 'vitest'
import { buildIndex } from '../../../src/search/build-index.js'
import { numberedPaths, shardCount } from '../../../src/search/index-files.js'
import { searchEngine } from '../../../src/search/engine.js'
import { indexInput, type Post } from './index-input.js'

const engine = searchEngine()

const plain: Post[] = [
  { title: '标点挤压', date: '2024-01-01', url: '/a/', headings: ['规则'], text: '中文排版里的标点挤压。CSS text-spacing-trim 可以做到。' },
  { title: 'Rust 的所有权', date: '2024-01-02', column: '技术', url: '/b/', headings: [], text: '所有权是 Rust 的核心。数据迁移到另一个变量。𠀀𠀁 e\u0301x' },
  { title: '读书', date: '2024-01-03', url: '/c/', headings: ['一张表', 'Ｔａｂｌｅ'], text: '今年读完了十四本书。Rendering pipelines.' }
]
const posts = plain.map(indexInput)

/** token → [id, level] pairs, from the shard files. */
function postingsOf(files: Array<{ path: string; text: string }>): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>()
  for (const f of files.filter((f) => f.path.startsWith('i/'))) {
    for (const [token, text] of Object.entries(JSON.parse(f.text) as Record<string, string>)) out.set(token, [...engine.decodePostings(text, new Map())])
  }
  return out
}

describe('buildIndex', () => {
  it('holds every token of engine.eachToken with the best field of each post, in the shard the engine looks in', () => {
    const want = new Map<string, Map<number, number>>()
    plain.forEach((p, id) => {
      const note = (level: number) => (t: string): void => {
        const m = want.get(t) ?? new Map<number, number>()
        m.set(id, Math.max(m.get(id) ?? 0, level))
        want.set(t, m)
      }
      engine.eachToken(engine.fold(p.text), note(0))
      engine.eachToken(engine.fold(p.headings.join('\n')), note(1))
      engine.eachToken(engine.fold(p.title), note(2))
    })
    const { entry, files } = buildIndex(posts, { hashed: true })
    const got = postingsOf(files)
    expect(new Map([...got].map(([t, l]) => [t, new Map(l)]))).toEqual(want)
    const e = JSON.parse(entry)
    for (const f of files.filter((f) => f.path.startsWith('i/'))) {
      const k = Number(f.path.split('/')[1].split('.')[0])
      for (const token of Object.keys(JSON.parse(f.text))) expect(engine.shardOf(engine.shardKey(token), e.s), token).toBe(k)
    }
  })

  it('is the same for the same posts, and names files after their content', () => {
    const a = buildIndex(posts, { hashed: true })
    const b = buildIndex(structuredClone(plain).map(indexInput), { hashed: true })
    expect(b.entry).toBe(a.entry)
    expect(b.files.map((f) => [f.path, f.text])).toEqual(a.files.map((f) => [f.path, f.text]))
    const names = new Set(a.files.map((f) => f.path))
    expect(names.size).toBe(a.files.length)
    for (const f of a.files) expect(f.path).toContain(f.hash)
  })

  it('rewrites, for an edit of one post, only the shards of the tokens it gained or lost, its document, its map block and the entry', () => {
    const before = buildIndex(posts, { hashed: true })
    const edited = plain.map((p, i) => (i === 1 ? { ...p, text: p.text + '新增一句。' } : p)).map(indexInput)
    const after = buildIndex(edited, { hashed: true })
    const old = new Set(before.files.map((f) => f.path))
    const changed = after.files.filter((f) => !old.has(f.path)).map((f) => f.path.split('/')[0] + '/' + (f.path.startsWith('d/') ? '' : f.path.split('/')[1].split('.')[0]))
    const gained: string[] = []
    engine.eachToken(engine.fold('。新增一句。'), (t) => gained.push(t))
    const e = JSON.parse(after.entry)
    const touched = new Set(gained.filter((t) => !postingsOf(before.files).get(t)?.some(([id]) => id === 1)).map((t) => 'i/' + engine.shardOf(engine.shardKey(t), e.s)))
    expect(new Set(changed)).toEqual(new Set([...touched, 'm/0', 'd/']))
    expect(touched.size).toBeLessThan(e.s)
  })

  it('names files by number when asked (dev), matching numberedPaths', () => {
    const { files } = buildIndex(posts, { hashed: false })
    expect(files.map((f) => f.path).sort()).toEqual(numberedPaths(posts.length).sort())
  })

  it('grows the shard count with the site, in powers of two', () => {
    expect(shardCount(3)).toBe(16)
    expect(shardCount(4000)).toBe(2048)
    expect(shardCount(10000)).toBe(4096)
    expect(shardCount(100000)).toBe(4096)
  })
})
