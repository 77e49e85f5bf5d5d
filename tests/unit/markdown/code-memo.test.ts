/**
 * The highlighted-code memo (src/markdown/code-memo.ts): a block kept from
 * the last parse of a file comes back as exactly the tree Shiki made, and a
 * parse that finds its blocks in the memo takes them from there.
 */
import type { Element } from 'hast'
import { VFile } from 'vfile'
import { describe, expect, test } from 'vitest'
import { codeKey, decodeHighlighted, encodeHighlighted, type CodeMemo } from '../../../src/markdown/code-memo.js'
import { getHighlighter, loadLanguages, themes } from '../../../src/markdown/highlighter.js'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { problemsOf } from '../../../src/messages.js'
import { codeMemoOf, entryBytes, entryFromBytes } from '../../../src/cache/entry-bytes.js'
import type { Entry } from '../../../src/types.js'
import { fixturesRoot } from './helpers.js'

const samples: Array<[string, string]> = [
  ['css', 'a { color: red; }\n/* x & <y> "z" */'],
  ['ts', 'const a: Map<string, number> = new Map()\n\nexport function f(x = 1) { return `${x}` }'],
  ['python', 'def 你好(x):\n    return x  # 注释 & <tag>'],
  ['text', 'plain\n\ttabs and  spaces'],
  ['sh', '']
]

async function shiki(lang: string, text: string): Promise<Element> {
  const highlighter = await getHighlighter()
  await loadLanguages(highlighter, [lang])
  const pre = highlighter.codeToHast(text, { lang, themes, defaultColor: false, tokenizeTimeLimit: 0 }).children[0]
  if (pre?.type !== 'element') throw new Error('no <pre>')
  return pre
}

const renderer = createBodyRenderer({ root: fixturesRoot, highlight: true, summaryLength: 140 })

async function renderWith(body: string, memo?: CodeMemo) {
  const file = new VFile({ path: 'content/posts/code.md' })
  if (memo) file.data.inkstoneCodeMemo = memo
  const result = await renderer(file, body)
  return { ...result, problems: problemsOf(file) }
}

const body = [
  'Intro with `inline` code.',
  '```css\na { color: red; }\n```',
  '- a list item with code:\n\n  ```ts\n  let a = 1\n  ```',
  '<!-- more -->',
  '```python\nprint("你好")\n```',
  '```css\na { color: red; }\n```'
].join('\n\n')

describe('code memo', () => {
  test.each(samples)('a %s block comes back as the tree Shiki made', async (lang, text) => {
    const pre = await shiki(lang, text)
    const compact = encodeHighlighted(pre)
    expect(compact).toBeDefined()
    expect(decodeHighlighted(compact!)).toEqual(pre)
    // Each decoded tree is its own: changing one leaves the next decode alone.
    const first = decodeHighlighted(compact!)!
    first.properties.dataLanguage = lang
    expect(decodeHighlighted(compact!)).toEqual(pre)
  })

  test('trees the compact form would not keep exactly are not remembered', async () => {
    const pre = await shiki('css', 'a {}')
    expect(encodeHighlighted({ ...pre, position: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } })).toBeUndefined()
    expect(encodeHighlighted({ ...pre, data: { meta: 'x' } })).toBeUndefined()
    expect(encodeHighlighted({ ...pre, properties: { ...pre.properties, tabIndex: Number.NaN } })).toBeUndefined()
    expect(encodeHighlighted({ ...pre, children: [{ type: 'comment', value: 'x' } as never] })).toBeUndefined()
    expect(decodeHighlighted('not json')).toBeUndefined()
    expect(decodeHighlighted(JSON.stringify([[{}], ['span', 0]]))).toBeUndefined()
  })

  test('a parse given the last parse\'s blocks gives the same body, and collects the same blocks', async () => {
    const first: CodeMemo = { made: [] }
    const plain = await renderWith(body)
    const once = await renderWith(body, first)
    expect(once).toEqual(plain)
    // One per highlighted block, in document order (the repeated block twice).
    expect(first.made.map(([key]) => key)).toEqual([
      codeKey('css', 'a { color: red; }'), codeKey('ts', 'let a = 1'), codeKey('python', 'print("你好")'), codeKey('css', 'a { color: red; }')
    ])
    const second: CodeMemo = { previous: new Map(first.made), made: [] }
    expect(await renderWith(body, second)).toEqual(plain)
    expect(second.made).toEqual(first.made)
    expect(plain.excerptHtml).toContain('data-language="ts"')
  })

  test('blocks found in the memo are taken from it; the others are highlighted', async () => {
    const first: CodeMemo = { made: [] }
    await renderWith(body, first)
    // Plant a marked tree under the CSS block's key: it shows only if the memo is used.
    const previous = new Map(first.made)
    const css = codeKey('css', 'a { color: red; }')
    previous.set(css, previous.get(css)!.replace('"color"', '"colour-from-memo"'))
    const edited = body.replace('print("你好")', 'print("再见")')
    const result = await renderWith(edited, { previous, made: [] })
    expect(result.html.split('colour-from-memo').length - 1).toBe(2)
    expect(result.html).toContain('再见')
    expect(result.html).toContain('data-language="python"')
    expect(result.problems).toEqual([])
  })

  test('the cache keeps the blocks beside the entry, and the entry reads as before', () => {
    const entry = { kind: 'page', path: 'content/pages/a.md', name: 'a', keys: {}, matter: { title: 'A', extra: {} }, problems: [], body: { html: '<p>正文</p>', excerptHtml: '', excerptText: '', hasMore: false, headings: [], toc: [], references: [], metrics: { cjkChars: 2, latinWords: 0, words: 2, readingMinutes: 1 }, math: false, code: true } } as unknown as Entry
    const made: Array<[string, string]> = [['k1', '[[{}],["pre",0]]'], ['k2', '[[{"a":"中"}],["pre",0,"x"]]']]
    const bytes = entryBytes(entry, made)
    expect(codeMemoOf(bytes)).toEqual(new Map(made))
    expect(entryFromBytes(bytes)).toEqual(entry)
    expect(codeMemoOf(entryBytes(entry))).toEqual(new Map())
    expect(codeMemoOf(bytes.subarray(0, 6))).toEqual(new Map())
  })
})
