import { describe, expect, test } from 'vitest'
import { render } from './helpers.js'

const body = '## 第一节\n\n> [!WARNING]\n> 小心。\n\nText[^1].\n\n[^1]: 注释。\n'

describe('labels in the site language', () => {
  test('Chinese sites get Chinese alert titles, footnote heading and anchor labels', async () => {
    const { html } = await render(body, 'content/posts/post.md', { language: 'zh-CN' })
    expect(html).toMatch(/class="markdown-alert-title"[^>]*>.*<\/svg>警告<\/p>/s)
    expect(html).toContain('id="footnote-label">脚注<')
    expect(html).toContain('aria-label="本节链接：第一节"')
    expect(html).toContain('aria-label="回到引用 1"')
  })

  test('other languages keep the English labels', async () => {
    const { html } = await render(body, 'content/posts/post.md', { language: 'en' })
    expect(html).toMatch(/<\/svg>Warning<\/p>/i)
    expect(html).toContain('id="footnote-label">Footnotes<')
    expect(html).toContain('aria-label="Permalink: 第一节"')
  })
})
