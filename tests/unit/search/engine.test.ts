/** The engine shared by the build and the browser (src/search/engine.ts): tokens, shards, postings, queries. */
import { describe, expect, it } from 'vitest'
import { searchEngine, type SearchDoc } from '../../../src/search/engine.js'
import { engineSource } from '../../../src/search/engine-source.js'

const engine = searchEngine()
const tokens = (text: string): string[] => {
  const out: string[] = []
  engine.eachToken(engine.fold(text), (t) => out.push(t))
  return out
}

describe('tokens', () => {
  it('indexes CJK runs by characters and bigrams, other text by folded words', () => {
    expect(tokens('标点挤压')).toEqual(['标', '点', '标点', '挤', '点挤', '压', '挤压'])
    expect(tokens('Ｒｕｓｔ的所有权 v2.0')).toEqual(['rust', '的', '所', '的所', '有', '所有', '权', '有权', 'v2', '0'])
    expect(tokens('かな漢字 한국어 café')).toEqual(['か', 'な', 'かな', '漢', 'な漢', '字', '漢字', '한', '국', '한국', '어', '국어', 'café'])
    // Characters outside the BMP are one character, and a combining mark stays in its word.
    expect(tokens('𠀀𠀁 e\u0301x')).toEqual(['𠀀', '𠀁', '𠀀𠀁', 'éx'])
  })
  it('keeps words that share three letters in one shard, so a prefix query reads one', () => {
    expect(engine.shardKey('rendering')).toBe('ren')
    expect(engine.shardKey('go')).toBe('go')
    expect(engine.shardKey('挤压')).toBe('挤压')
    const shards = 1024
    expect(engine.shardOf(engine.shardKey('render'), shards)).toBe(engine.shardOf(engine.shardKey('renderer'), shards))
    const spread = new Set(['一二', '三四', '五六', '七八', '九十', 'alpha', 'beta', 'gamma'].map((t) => engine.shardOf(t, shards)))
    expect(spread.size).toBeGreaterThan(4)
  })
})

describe('postings', () => {
  it('round-trips ids and levels, large gaps included', () => {
    const ids = [0, 1, 2, 40, 41, 1000, 70000, 70001]
    const levels = [0, 2, 1, 0, 0, 2, 1, 0]
    const text = engine.encodePostings(ids, levels)
    expect(text).toMatch(/^[0-9a-zA-Z_-]+$/)
    expect([...engine.decodePostings(text, new Map())]).toEqual(ids.map((id, i) => [id, levels[i]]))
  })
  it('keeps the higher level when one id comes twice (a prefix query joining words)', () => {
    const into = engine.decodePostings(engine.encodePostings([3], [0]), new Map())
    engine.decodePostings(engine.encodePostings([3], [2]), into)
    expect([...into]).toEqual([[3, 2]])
  })
})

describe('queries', () => {
  const doc = (x: string, t = '无关', h: string[] = []): SearchDoc => ({ t, d: '2024-01-01', u: '/p/', h, x })
  it('is settled by the index for one or two CJK characters and single words, not for longer phrases', () => {
    expect(engine.parseQuery('挤压')!.settled).toBe(true)
    expect(engine.parseQuery('迁 css render')!.settled).toBe(true)
    expect(engine.parseQuery('所有权')!.settled).toBe(false)
    expect(engine.parseQuery('CSS排版')!.settled).toBe(false)
    expect(engine.parseQuery(' ，、 ')).toBeNull()
  })
  it('looks up covering bigrams of a phrase and the shard of a word prefix', () => {
    expect(engine.parseQuery('数学公式')!.lookups.map((l) => l.token)).toEqual(['数学', '公式'])
    expect(engine.parseQuery('所有权')!.lookups.map((l) => l.token)).toEqual(['所有', '有权'])
    expect(engine.parseQuery('Render')!.lookups).toEqual([{ key: 'ren', token: 'render', prefix: true }])
  })
  it('matches phrases exactly, words at word starts, and tells title, heading and body apart', () => {
    const q = engine.parseQuery('所有权')!
    expect(engine.levelOf(q, doc('所有的书都有权限'))).toBe(-1)
    expect(engine.levelOf(q, doc('数据的所有权'))).toBe(0)
    expect(engine.levelOf(q, doc('正文', '谈所有权'))).toBe(2)
    expect(engine.levelOf(q, doc('所有权', '题', ['所有权']))).toBe(1)
    const w = engine.parseQuery('render')!
    expect(engine.levelOf(w, doc('pre-rendering works'))).toBe(0)
    expect(engine.levelOf(w, doc('prerender'))).toBe(-1)
    expect(engine.levelOf(engine.parseQuery('CSS排版')!, doc('用 ＣＳＳ 排版'))).toBe(0)
    expect(engine.levelOf(engine.parseQuery('css 排版')!, doc('排版不用 css'))).toBe(0)
    expect(engine.levelOf(engine.parseQuery('go')!, doc('golang'))).toBe(-1)
  })
  it('cuts a snippet around the first match and marks every match, in the original characters', () => {
    const q = engine.parseQuery('ＣＳＳ 挤压')!
    const text = '开头'.repeat(60) + '这段讲 CSS 的标点挤压。' + '结尾'.repeat(80)
    const pieces = engine.snippetOf(q, text, 40)
    expect(pieces[0]).toEqual({ text: '…', mark: false })
    expect(pieces.at(-1)).toEqual({ text: '…', mark: false })
    expect(pieces.filter((p) => p.mark).map((p) => p.text)).toEqual(['CSS', '挤压'])
    expect(pieces.map((p) => p.text).join('').replace(/…/g, '').length).toBeLessThanOrEqual(40)
  })
  it('is self-contained plain script: its source runs on its own', () => {
    const again = new Function(`return (${engineSource})()`)() as typeof engine
    expect(again.parseQuery('标点挤压')!.lookups.map((l) => l.token)).toEqual(['标点', '挤压'])
  })
})
