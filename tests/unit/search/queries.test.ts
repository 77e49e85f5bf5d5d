/**
 * The query set: expected hits of queries on the fixture posts of
 * tests/fixtures/search (built with the real pipeline, queried through the
 * engine the theme's script runs). Every hit must contain the query; words
 * inside longer words, across a source line break, full-width letters, and
 * near misses (a shared character, both halves apart) are the cases.
 */
import { cpSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/build.js'
import { NOW, tempDir } from '../../helpers/tree.js'
import { searchOver } from '../../helpers/search.js'

const fixture = resolve(import.meta.dirname, '..', '..', 'fixtures', 'search')
let search: ReturnType<typeof searchOver>
let out: string

beforeAll(async () => {
  const root = tempDir('search-site')
  cpSync(fixture, root, { recursive: true })
  out = tempDir('search-out')
  const result = await build({ root, outDir: out, flags: { drafts: true, future: false }, now: NOW, cache: false })
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
  search = searchOver(out)
}, 60_000)

describe('search queries on the fixture posts', () => {
  const cases: Array<[string, string[]]> = [
    // A word inside a longer word, mid-sentence (挤压 in 标点挤压).
    ['挤压', ['全角符号的间距']],
    ['标点挤压', ['全角符号的间距']],
    // A word split by a hard line break in the source (断行规\n则).
    ['断行规则', ['硬换行的段落']],
    // Mixed Chinese and English; prefix match of Latin words (render → Rendering).
    ['render 渲染管线', ['硬换行的段落']],
    ['rendering', ['硬换行的段落']],
    ['text-spacing', ['全角符号的间距']],
    // Full-width letters and digits equal half-width ones, both ways.
    ['CSS', ['用ＣＳＳ写一页杂志']],
    ['ｃｓｓ ｇｒｉｄ', ['用ＣＳＳ写一页杂志']],
    ['2024', ['用ＣＳＳ写一页杂志']],
    // Traditional and simplified are different queries.
    ['繁體', ['繁體中文的標點']],
    ['繁体', ['简体与繁体']],
    ['标点', ['全角符号的间距']],
    ['標點', ['繁體中文的標點']],
    // No false hits from a shared character or from both halves apart.
    ['迁移', ['Rust 的所有权']],
    ['所有权', ['Rust 的所有权']],
    ['数学公式', ['用ＣＳＳ写一页杂志']],
    ['有权限', ['几个相近的词']],
    // One character: every post that has it, title hits first, then newer first.
    ['迁', ['Rust 的所有权', '几个相近的词']],
    // Several terms: every one must be in the post.
    ['rust 迁移', ['Rust 的所有权']],
    ['rust 书架', []],
    // Drafts are never indexed; code blocks are not by default.
    ['秘密暗号', []],
    ['代码里的词', []],
    // Prefixes of Latin words count from three letters; shorter ones are whole words.
    ['ren', ['硬换行的段落']],
    ['re', []],
    ['', []],
    ['，。', []]
  ]
  for (const [query, titles] of cases) {
    it(`${JSON.stringify(query)} → ${titles.length ? titles.join(', ') : 'nothing'}`, async () => {
      expect(await search.titles(query)).toEqual(titles)
    })
  }

  it('ranks title hits above heading hits above body hits, then newer first', async () => {
    // 排版: body of 全角符号的间距 (03-01), heading of 用ＣＳＳ写一页杂志 (03-03).
    expect(await search.titles('排版')).toEqual(['用ＣＳＳ写一页杂志', '全角符号的间距'])
    // 繁: in both titles, so newer first; 文章: in both bodies, newer first.
    expect(await search.titles('繁')).toEqual(['简体与繁体', '繁體中文的標點'])
    expect(await search.titles('文章')).toEqual(['简体与繁体', '繁體中文的標點'])
    // 所有: title of Rust 的所有权 (newer), body of 几个相近的词.
    expect(await search.titles('所有')).toEqual(['Rust 的所有权', '几个相近的词'])
  })

  it('every hit contains the query, and its snippet marks it', async () => {
    for (const query of ['挤压', '断行规则', 'CSS', '所有权', '迁']) {
      for (const r of await search.results(query)) {
        const marked = r.snippet.filter((p) => p.mark).map((p) => p.text.normalize('NFKC').toLowerCase())
        expect(marked.length, query).toBeGreaterThan(0)
        for (const m of marked) expect(query.normalize('NFKC').toLowerCase().includes(m) || m.includes(query.toLowerCase()), `${query}: ${m}`).toBe(true)
      }
    }
    const [hit] = await search.results('断行规则')
    expect(hit.snippet.find((p) => p.mark)?.text).toBe('断行规则')
  })

  it('indexes published posts only', () => {
    const entry = JSON.parse(readFileSync(join(out, 'search.json'), 'utf8'))
    expect(entry.n).toBe(7)
    expect(readdirSync(join(out, 'search', 'd'))).toHaveLength(7)
  })
})
