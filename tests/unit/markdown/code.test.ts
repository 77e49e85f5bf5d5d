import { describe, expect, test } from 'vitest'
import { render } from './helpers.js'

describe('code highlighting', () => {
  test('known language: dual-theme Shiki output, no inline colours without variables', async () => {
    const result = await render('```js\nlet a\n```')
    expect(result.code).toBe(true)
    expect(result.html).toMatch(/^<pre class="shiki shiki-themes github-light github-dark" style="--shiki-light:[^"]+" tabindex="0" data-language="js"><code><span class="line">/)
    expect(result.html).toContain('<span style="--shiki-light:#D73A49;--shiki-dark:#F97583">let</span>')
    expect(result.html).not.toMatch(/[^-]color:/)
    expect(result.problems).toEqual([])
  })

  test('aliases and case work', async () => {
    const result = await render('```TS\nlet a = 1\n```\n\n```sh\necho hi\n```')
    expect(result.problems).toEqual([])
    expect(result.html).toContain('data-language="ts"')
    expect(result.html).toContain('data-language="sh"')
  })

  test('unknown language: plain block and a warning at its line', async () => {
    const result = await render('Intro.\n\n\n```klingon\nqapla\n```', 'content/posts/k.md')
    expect(result.html).toBe('<p>Intro.</p>\n<pre><code class="language-klingon">qapla\n</code></pre>')
    expect(result.problems).toEqual([
      {
        path: 'content/posts/k.md',
        reason: 'Unknown code language `klingon`',
        ruleId: 'unknown-language',
        fatal: false,
        line: 4,
        column: 1,
        endLine: 6,
        endColumn: 4
      }
    ])
  })

  test('highlight off: plain blocks with the language class, no warnings', async () => {
    const result = await render('```klingon\nx\n```\n\n```js\nlet a\n```', undefined, { highlight: false })
    expect(result.html).toBe(
      '<pre><code class="language-klingon">x\n</code></pre>\n<pre><code class="language-js">let a\n</code></pre>'
    )
    expect(result.code).toBe(true)
    expect(result.problems).toEqual([])
  })

  test('inline code alone does not set code', async () => {
    expect((await render('Use `npm`.')).code).toBe(false)
  })

  test('code text is escaped', async () => {
    const { html } = await render('```text\n<script>alert(1)</script>\n```')
    expect(html).toContain('&#x3C;script>')
    expect(html).not.toContain('<script>')
  })
})
