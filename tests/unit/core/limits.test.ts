/**
 * The limits on one content file (content/limits.ts, markdown/remark-limits.ts,
 * content/parse.ts): each a problem at the file, never an exception.
 */
import { describe, expect, it } from 'vitest'
import { MAX_BLOCK_DEPTH, blockDepth } from '../../../src/content/limits.js'
import { parseEntry } from '../../../src/content/parse.js'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { validateConfig } from '../../../src/config/schema.js'
import { parseYaml } from '../../../src/util/yaml.js'

const { config } = validateConfig(parseYaml('title: T\nurl: https://t.example/\nlimits: {file_size: 2 KB}\n'), 'content/site.yaml')
const render = createBodyRenderer({ root: '/nonexistent', highlight: false, summaryLength: 140 })
const head = '---\ntitle: T\ndate: 2024-01-01\n---\n'
const source = { path: 'content/posts/x.md', name: 'x', kind: 'post' as const, bundle: false, assets: [] }
const parse = async (body: string, limits = config.limits) => {
  const entry = await parseEntry(source, new TextEncoder().encode(head + body), { ...config, limits }, render)
  return entry.problems.map((p) => [p.ruleId, p.line])
}

describe('blockDepth', () => {
  it('counts quote and list markers, and list items open by indentation', () => {
    expect(blockDepth('text\n').depth).toBe(0)
    expect(blockDepth('> > > a\n').depth).toBe(3)
    expect(blockDepth('- a\n  - b\n    - c\n').depth).toBe(3)
    expect(blockDepth('- a\n  - b\nback\n- c\n').depth).toBe(2)
    expect(blockDepth('> - 1. a\n').depth).toBe(3)
    expect(blockDepth('x\n\n'.repeat(3) + '>'.repeat(150) + ' deep\n').place).toEqual({ line: 7, column: 1 })
  })
})

describe('parseEntry limits', () => {
  it('a file over limits.file_size is file-too-large', async () => {
    expect(await parse('x'.repeat(3000))).toEqual([['file-too-large', undefined]])
  })

  it('block nesting past the limit is nesting-too-deep at its line, before parsing', async () => {
    const big = { fileSize: 1024 * 1024, parseSeconds: 30 }
    expect(await parse('ok\n\n' + '>'.repeat(10_000) + ' a\n', big)).toEqual([['nesting-too-deep', 7]])
    expect(await parse(Array.from({ length: MAX_BLOCK_DEPTH + 5 }, (_, i) => '  '.repeat(i) + '- a').join('\n'), big)).toEqual([['nesting-too-deep', 4 + MAX_BLOCK_DEPTH + 5]])
  })

  it('inline nesting past the limit is nesting-too-deep (the tree is checked before any plugin recurses)', async () => {
    const problems = await parse('*a **b '.repeat(150) + 'c' + '** d*'.repeat(150) + '\n')
    expect(problems.map((p) => p[0])).toEqual(['nesting-too-deep'])
  })

  it('a table whose header is far wider than its rows is too-many-cells, at the table', async () => {
    const table = ['|' + 'a|'.repeat(600), '|' + '-|'.repeat(600), ...Array(200).fill('|x')].join('\n')
    const big = { ...config, limits: { fileSize: 1024 * 1024, parseSeconds: 30 } }
    const entry = await parseEntry(source, new TextEncoder().encode(head + '\n' + table + '\n'), big, render)
    expect(entry.problems.map((p) => [p.ruleId, p.line])).toEqual([['too-many-cells', 6]])
  })

  it('an exception of the renderer is parse-failed at the file, not thrown', async () => {
    const entry = await parseEntry(source, new TextEncoder().encode(head + 'x\n'), config, async () => { throw new TypeError('boom') })
    expect(entry.problems.map((p) => [p.ruleId, p.reason])).toEqual([['parse-failed', 'Inkstone failed on this file: boom']])
  })
})
