import { describe, expect, test } from 'vitest'
import { tableOfContents } from '../../../src/markdown/rehype-heading-ids.js'
import { render } from './helpers.js'

describe('heading ids', () => {
  test.each([
    ['all Chinese', ['## 你好世界'], ['你好世界']],
    ['mixed, lowercased, punctuation dropped', ['## 安装 Inkstone!'], ['安装-inkstone']],
    ['full-width punctuation dropped', ['## 第一章：开始'], ['第一章开始']],
    ['duplicates numbered', ['## 简介', '## 简介', '## 简介'], ['简介', '简介-1', '简介-2']],
    ['punctuation-only falls back', ['## !!!', '## ？？？', '## 🎉'], ['section', 'section-1', 'section-2']],
    ['inline code kept as text', ['## Use `npm`'], ['use-npm']],
    ['footnote calls left out', ['## 标题[^1]\n\n[^1]: 注'], ['标题']]
  ])('%s', async (_name, lines, ids) => {
    const result = await render(lines.join('\n\n'))
    expect(result.headings.map((h) => h.id)).toEqual(ids)
  })

  test('footnote label id is not reused by a heading', async () => {
    const result = await render('## Footnote label\n\nText[^a].\n\n[^a]: Note.')
    expect(result.headings).toEqual([{ depth: 2, id: 'footnote-label-1', text: 'Footnote label' }])
  })

  test('anchor link appended with a label', async () => {
    const { html } = await render('## 安装')
    expect(html).toBe(
      '<h2 id="安装">安装<a class="heading-anchor" aria-label="Permalink: 安装" href="#安装">#</a></h2>'
    )
  })

  test('headings are plain text, all depths', async () => {
    const result = await render('# A *b*\n\n###### 六')
    expect(result.headings).toEqual([
      { depth: 1, id: 'a-b', text: 'A b' },
      { depth: 6, id: '六', text: '六' }
    ])
  })
})

describe('table of contents', () => {
  test('nests h2–h4 and drops h1, h5, h6', () => {
    const toc = tableOfContents([
      { depth: 1, id: 't', text: 'T' },
      { depth: 3, id: 'early', text: 'Early' },
      { depth: 2, id: 'a', text: 'A' },
      { depth: 3, id: 'a1', text: 'A1' },
      { depth: 4, id: 'a1x', text: 'A1x' },
      { depth: 5, id: 'deep', text: 'Deep' },
      { depth: 2, id: 'b', text: 'B' }
    ])
    expect(toc).toEqual([
      { depth: 3, id: 'early', text: 'Early', children: [] },
      {
        depth: 2,
        id: 'a',
        text: 'A',
        children: [
          { depth: 3, id: 'a1', text: 'A1', children: [{ depth: 4, id: 'a1x', text: 'A1x', children: [] }] }
        ]
      },
      { depth: 2, id: 'b', text: 'B', children: [] }
    ])
  })
})
