/** plainTextOf (src/markdown/search-text.ts): the text a reader sees, one line per block. */
import { describe, expect, it } from 'vitest'
import { plainTextOf } from '../../../src/markdown/search-text.js'

describe('plainTextOf', () => {
  it('puts blocks on their own lines and collapses whitespace inside them', () => {
    expect(plainTextOf('<h2 id="a">标题</h2>\n<p>第一段  <strong>加粗</strong>\n文字。</p><ul><li>一</li><li>二</li></ul>', { code: false }))
      .toBe('标题\n第一段 加粗 文字。\n一\n二')
  })
  it('leaves out code blocks unless asked, and keeps inline code', () => {
    const html = '<p>用 <code>grid</code> 排版</p><pre class="shiki"><code><span>const 变量 = 1</span></code></pre><p>后文</p>'
    expect(plainTextOf(html, { code: false })).toBe('用 grid 排版\n后文')
    expect(plainTextOf(html, { code: true })).toBe('用 grid 排版\nconst 变量 = 1\n后文')
  })
  it('leaves out what readers do not read: anchors, screen-reader labels, KaTeX glyphs, scripts', () => {
    const html = '<h2 id="x">小节<a class="heading-anchor" aria-label="本节链接" href="#x">#</a></h2>' +
      '<section data-footnotes class="footnotes"><h2 class="sr-only" id="footnote-label">脚注</h2><ol><li><p>注释</p></li></ol></section>' +
      '<script>var 秘密 = 1</script><svg><text>图</text></svg>'
    expect(plainTextOf(html, { code: false })).toBe('小节\n注释')
  })
  it('keeps the TeX source of a formula, not its rendering', () => {
    const html = '<p>公式 <span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>x</mi></mrow>' +
      '<annotation encoding="application/x-tex">x^2</annotation></semantics></math></span><span class="katex-html" aria-hidden="true"><span>x</span><span>2</span></span></span> 完</p>'
    expect(plainTextOf(html, { code: false })).toBe('公式 x^2 完')
  })
  it('decodes character references and keeps raw HTML text', () => {
    expect(plainTextOf('<p>A &#x26; B &lt;tag&gt; &amp;amp; &#128512; &nbsp;</p><div><span>raw</span></div>', { code: false })).toBe('A & B <tag> &amp; 😀\nraw')
  })
  it('handles nested elements of the skipped kind', () => {
    expect(plainTextOf('<p>前<span aria-hidden="true"><span>藏</span><span>藏</span></span>后</p>', { code: false })).toBe('前后')
  })
})
