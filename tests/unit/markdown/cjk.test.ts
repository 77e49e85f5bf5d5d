import { describe, expect, test } from 'vitest'
import { render } from './helpers.js'

describe('CJK-friendly emphasis and strikethrough', () => {
  test.each([
    ['**真，**她', '<p><strong>真，</strong>她</p>'],
    ['~~删除，~~了', '<p><del>删除，</del>了</p>'],
    ['*「引用」*文字', '<p><em>「引用」</em>文字</p>'],
    ['**bold** text', '<p><strong>bold</strong> text</p>']
  ])('%s', async (input, html) => {
    expect((await render(input)).html).toBe(html)
  })
})

describe('soft line breaks', () => {
  test.each([
    ['between Han characters', '中文\n换行', '<p>中文换行</p>'],
    ['after CJK punctuation', '第一句。\n第二句', '<p>第一句。第二句</p>'],
    ['between kana', 'これは\nテスト', '<p>これはテスト</p>'],
    ['across emphasis', '**中文**\n换行', '<p><strong>中文</strong>换行</p>'],
    ['trailing space before the break', '中文 \n换行', '<p>中文换行</p>'],
    ['between Latin words', 'hello\nworld', '<p>hello\nworld</p>'],
    ['CJK then Latin', '中文\nEnglish', '<p>中文\nEnglish</p>'],
    ['Latin then CJK', 'English\n中文', '<p>English\n中文</p>'],
    ['hangul keeps its space (Korean separates words)', '한국어\n문장', '<p>한국어\n문장</p>'],
    ['curly quote next to Han', '“你好”\n他说', '<p>“你好”他说</p>'],
    ['curly quotes alone stay Latin', 'say “hi”\n“bye”', '<p>say “hi”\n“bye”</p>']
  ])('%s', async (_name, input, html) => {
    expect((await render(input)).html).toBe(html)
  })

  test('hard breaks are untouched', async () => {
    expect((await render('中文\\\n换行')).html).toBe('<p>中文<br>\n换行</p>')
  })
})
