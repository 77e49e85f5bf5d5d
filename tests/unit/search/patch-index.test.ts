/**
 * patchIndex (src/search/patch-index.ts): the last index patched for a few
 * changed posts is byte for byte the index made whole from the same posts;
 * what it cannot trust, it refuses (and the build makes the index whole).
 */
import { describe, expect, it } from 'vitest'
import { buildIndex } from '../../../src/search/build-index.js'
import { documents, shardCount, type BuiltIndex } from '../../../src/search/index-files.js'
import { patchIndex, type PreviousIndex } from '../../../src/search/patch-index.js'
import { indexInput, type Post } from './index-input.js'

const WORDS = ['排版', '标点', '挤压', '所有权', '迁移', '数学', '公式', '渲染', 'render', 'rendering', 'pipeline', 'Rust', 'CSS', 'ＣＳＳ', '2024', '读书', '笔记', 'cache', 'constructor', 'toString']

/** A deterministic site of `n` posts (a small linear congruential generator picks the words). */
function site(n: number): Post[] {
  let seed = 7
  const next = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % k
  }
  const words = (count: number): string => Array.from({ length: count }, () => WORDS[next(WORDS.length)]).join(next(3) === 0 ? ' ' : '')
  return Array.from({ length: n }, (_, id) => ({
    title: `${words(2)} ${id}`,
    date: `2024-01-${String((id % 28) + 1).padStart(2, '0')}`,
    ...(id % 3 === 0 ? { column: '专栏' } : {}),
    url: `/posts/${id}/`,
    headings: id % 2 === 0 ? [words(2)] : [],
    text: `${words(12)}。\n${words(8)}.`
  }))
}

/** The index as files, to read back. */
function asPrevious(index: BuiltIndex): PreviousIndex & { files: Map<string, string> } {
  const files = new Map(index.files.map((f) => [f.path, f.text]))
  return { entry: index.entry, files, read: (path) => files.get(path) }
}

/** What a build writes: the entry and every file's path and text. */
function written(index: BuiltIndex): { entry: string; files: Array<[string, string]> } {
  return { entry: index.entry, files: index.files.map((f) => [f.path, f.text]) }
}

const notWhole = (): BuiltIndex => {
  throw new Error('the patch made the index whole')
}

const base = site(200)

/** Patch the index of `base` for `edited` and check it against the whole index of `edited`; `changed` posts are tokenised. */
function checkPatch(edited: Post[], changed = 1): void {
  const previous = asPrevious(buildIndex(base.map(indexInput), { hashed: true }))
  const inputs = edited.map(indexInput)
  const whole = buildIndex(inputs, { hashed: true })
  const patched = patchIndex(inputs, documents(inputs, true), previous, notWhole)
  expect(patched, 'patched').toBeDefined()
  expect(written(patched!)).toEqual(written(whole))
  expect(patched!.tokenised).toBe(changed)
  // And through buildIndex, as a build calls it.
  expect(written(buildIndex(inputs, { hashed: true, previous }))).toEqual(written(whole))
}

const withPost = (id: number, change: (p: Post) => Post): Post[] => base.map((p, i) => (i === id ? change(p) : p))

describe('patchIndex', () => {
  it('equals the whole index after a sentence is added to a body', () => {
    checkPatch(withPost(100, (p) => ({ ...p, text: p.text + '\n新增一句：渲染 pipeline 的缓存。' })))
  })

  it('equals it after a sentence is removed (tokens lost) and after only the heading or the title changes (levels move)', () => {
    checkPatch(withPost(50, (p) => ({ ...p, text: p.text.split('\n')[0] })))
    checkPatch(withPost(10, (p) => ({ ...p, headings: ['所有权 rendering', ...p.headings] })))
    checkPatch(withPost(11, (p) => ({ ...p, title: p.text.slice(0, 6) })))
  })

  it('equals it when only what a result shows changes (date, column, url): no token moves', () => {
    checkPatch(withPost(7, (p) => ({ ...p, date: '2025-12-31', column: '新专栏', url: '/moved/' })))
  })

  it('equals it for tokens that are also names of object properties, and for numbers', () => {
    checkPatch(withPost(3, (p) => ({ ...p, text: p.text + ' __proto__ constructor hasOwnProperty 12345 0' })))
  })

  it('equals it after a post is added at the end, or the newest removed, and after several edits', () => {
    checkPatch([...base, { title: '新文章', date: '2025-01-01', url: '/posts/new/', headings: ['小节'], text: '全新的内容，render 一下。' }])
    checkPatch(base.slice(0, -1))
    checkPatch(base.map((p, i) => (i % 20 === 0 ? { ...p, text: p.text + ` 第${i}次修改` } : p)), 10)
  })

  it('refuses when many posts changed, when a post in the middle was removed (every later id moves), or when the shard count changes', () => {
    const previous = asPrevious(buildIndex(base.map(indexInput), { hashed: true }))
    const refuses = (edited: Post[]): void => {
      const inputs = edited.map(indexInput)
      expect(patchIndex(inputs, documents(inputs, true), previous, notWhole)).toBeUndefined()
    }
    refuses(base.map((p, i) => (i % 2 === 0 ? { ...p, text: p.text + '改' } : p)))
    refuses(base.filter((_, i) => i !== 20))
    expect(shardCount(300)).not.toBe(shardCount(200))
    refuses([...base, ...site(100).map((p, i) => ({ ...p, url: `/more/${i}/` }))])
  })

  it('refuses a last index whose files do not match their names, and takes a kept shard it cannot read from the whole index', () => {
    const index = buildIndex(base.map(indexInput), { hashed: true })
    const edited = withPost(100, (p) => ({ ...p, text: p.text + ' 缓存失效' })).map(indexInput)
    const whole = buildIndex(edited, { hashed: true })
    const touched = whole.files.filter((f) => f.path.startsWith('i/') && !index.files.some((g) => g.path === f.path))
    expect(touched.length).toBeGreaterThan(0)
    // A touched shard altered on disk: its text no longer matches its name.
    const damaged = asPrevious(index)
    const old = index.files.find((f) => f.path.startsWith(touched[0].path.split('.')[0] + '.'))!
    damaged.files.set(old.path, old.text.replace('}', ',"x":"a"}'))
    expect(patchIndex(edited, documents(edited, true), damaged, notWhole)).toBeUndefined()
    // A block of the document map gone.
    const noMap = asPrevious(index)
    for (const path of noMap.files.keys()) if (path.startsWith('m/0.')) noMap.files.delete(path)
    expect(patchIndex(edited, documents(edited, true), noMap, notWhole)).toBeUndefined()
    // A shard the edit does not touch, gone: the patch stands, and the shard's text comes from the whole index.
    const missing = asPrevious(index)
    const kept = index.files.find((f) => f.path.startsWith('i/') && whole.files.some((g) => g.path === f.path) && f.text !== '{}')!
    missing.files.delete(kept.path)
    let made = 0
    const patched = patchIndex(edited, documents(edited, true), missing, () => (made++, whole))
    expect(written(patched!)).toEqual(written(whole))
    expect(made).toBe(1)
  })
})
