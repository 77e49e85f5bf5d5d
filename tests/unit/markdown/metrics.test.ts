import { describe, expect, test } from 'vitest'
import { measureText } from '../../../src/markdown/remark-text-metrics.js'
import { render } from './helpers.js'

describe('text metrics', () => {
  test.each([
    ['Chinese characters one by one, punctuation not counted', '你好，世界！', 4, 0],
    ['English words', "Don't panic: it's 3.14 well-known words.", 0, 6],
    ['mixed', '我用 TypeScript 写了 3 个插件', 7, 2],
    ['kana and hangul count as CJK', 'ひらがなカタカナ 한국어', 11, 0],
    ['empty', '', 0, 0]
  ])('%s', (_name, text, cjkChars, latinWords) => {
    expect(measureText(text)).toMatchObject({ cjkChars, latinWords, words: cjkChars + latinWords })
  })

  test('code blocks, inline code and math are excluded', async () => {
    const body = [
      '# 标题 Title',
      '正文有六个字 and four English words.',
      '```js\nconst notCounted = "不算"\n```',
      'Inline `notCounted 不算` and $x + y$ here.',
      '$$\n\\text{不算}\n$$'
    ].join('\n\n')
    const { metrics } = await render(body)
    // 标题 + 正文有六个字 = 8 CJK; Title, and, four, English, words, Inline, and, here = 8 words.
    expect(metrics).toEqual({ cjkChars: 8, latinWords: 8, words: 16, readingMinutes: 1 })
  })

  test('reading time: 400 CJK characters or 220 words a minute, at least 1', () => {
    expect(measureText('字'.repeat(1200)).readingMinutes).toBe(3)
    expect(measureText('word '.repeat(660)).readingMinutes).toBe(3)
    expect(measureText('字'.repeat(400) + ' word'.repeat(220)).readingMinutes).toBe(2)
    expect(measureText('short').readingMinutes).toBe(1)
  })
})
