import { describe, expect, test } from 'vitest'
import { shorten } from '../../../src/markdown/rehype-summary.js'
import { render } from './helpers.js'

describe('more marker', () => {
  test.each(['<!-- more -->', '<!--more-->', '<!--   MORE   -->', '<!-- More-->'])('%s', async (marker) => {
    const result = await render(`Before **it**.\n\n${marker}\n\nAfter.`)
    expect(result.hasMore).toBe(true)
    expect(result.excerptHtml).toBe('<p>Before <strong>it</strong>.</p>')
    expect(result.excerptText).toBe('Before it.')
  })

  test('marker inside a paragraph cuts it there', async () => {
    const result = await render('一。\n\n二 <!-- more --> 三')
    expect(result.hasMore).toBe(true)
    expect(result.excerptHtml).toBe('<p>一。</p>\n<p>二</p>')
  })

  test('everything before the marker is kept (headings too), minus ids, anchors and footnote calls', async () => {
    const result = await render('## 标题\n\n正文[^1]。\n\n<!-- more -->\n\n[^1]: 注')
    expect(result.excerptHtml).toBe('<h2>标题</h2>\n<p>正文。</p>')
  })

  test('no marker: hasMore false', async () => {
    expect((await render('Just text.')).hasMore).toBe(false)
  })
})

describe('automatic excerpt', () => {
  const zh = '第一句话在这里。第二句话也在这里。第三句话。'
  test.each([
    // target 10: the first 。 at or after 10 characters is the end of the second sentence (17).
    ['cut at 。', zh, 10, '<p>第一句话在这里。第二句话也在这里。</p>'],
    ['cut exactly at a sentence end', zh, 8, '<p>第一句话在这里。</p>'],
    ['cut at ". "', 'One two three. Four five six. Seven.', 10, '<p>One two three.</p>'],
    ['not at a dot inside a number', 'Pi is 3.14159 and more. Then.', 5, '<p>Pi is 3.14159 and more.</p>'],
    ['question marks and closing quotes', '他问：“真的吗？”我说是。', 3, '<p>他问：“真的吗？”</p>'],
    ['ellipsis', '等等……然后呢。', 1, '<p>等等……</p>'],
    ['short body kept whole', 'Short.', 140, '<p>Short.</p>'],
    ['whole blocks until the target', 'First para.\n\nSecond para.\n\nThird.', 20, '<p>First para.</p>\n<p>Second para.</p>']
  ])('%s', async (_name, input, summaryLength, excerpt) => {
    expect((await render(input, undefined, { summaryLength })).excerptHtml).toBe(excerpt)
  })

  test('a long paragraph without sentence ends is cut at a word with …', async () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ')
    const result = await render(words, undefined, { summaryLength: 20 })
    expect(result.excerptHtml).toBe('<p>word0 word1 word2 word3…</p>')
  })

  test('never cuts inside a link or code span', async () => {
    const input = 'Intro [a link. with dots. inside](https://e.com) and `code. here` end. Tail.'
    const result = await render(input, undefined, { summaryLength: 8 })
    expect(result.excerptHtml).toBe(
      '<p>Intro <a href="https://e.com" rel="noopener noreferrer">a link. with dots. inside</a> and <code>code. here</code> end.</p>'
    )
  })

  test('cut inside emphasis closes the tags', async () => {
    const result = await render('开头**加粗的第一句。加粗的第二句。**结尾。', undefined, { summaryLength: 5 })
    expect(result.excerptHtml).toBe('<p>开头<strong>加粗的第一句。</strong></p>')
  })

  test('skips headings, code, tables, images and figures; lists count item by item', async () => {
    const input = [
      '# Title',
      '```js\nx()\n```',
      '| a |\n| - |\n| b |',
      '![alone](https://e.com/x.png)',
      '- 一二三四五\n- 六七八九十\n- 不要这一项'
    ].join('\n\n')
    const result = await render(input, undefined, { summaryLength: 8 })
    expect(result.excerptHtml).toBe('<ul>\n<li>一二三四五</li>\n<li>六七八九十</li>\n</ul>')
  })

  test('footnote references are left out', async () => {
    const result = await render('Text[^1] here.\n\n[^1]: Note.')
    expect(result.excerptHtml).toBe('<p>Text here.</p>')
    expect(result.excerptText).toBe('Text here.')
  })

  test('math shows as TeX in the plain text', async () => {
    const result = await render('面积 $\\pi r^2$ 公式。')
    expect(result.excerptText).toBe('面积 \\pi r^2 公式。')
  })
})

describe('shorten (plain text)', () => {
  test.each([
    ['short text unchanged', 'Hello.', 20, 'Hello.'],
    ['at the last sentence end in the second half', 'One two. Three four five. Six seven eight nine.', 30, 'One two. Three four five.'],
    ['at a word boundary with …', 'aaaa bbbb cccc dddd eeee ffff', 17, 'aaaa bbbb cccc…'],
    ['CJK sentence end right at the limit', '第一句。第二句很长很长。第三句', 12, '第一句。第二句很长很长。'],
    ['CJK without a late sentence end: cut anywhere, with …', '第一句。第二句很长很长很长很长', 12, '第一句。第二句很长很长…']
  ])('%s', (_name, text, max, expected) => {
    expect(shorten(text, max)).toBe(expected)
  })

  test('meta text is at most 160 characters', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here.`).join(' ')
    const result = await render(long)
    expect(result.excerptText.length).toBeLessThanOrEqual(160)
    expect(result.excerptText.endsWith('.')).toBe(true)
  })
})
