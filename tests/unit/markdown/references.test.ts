import { describe, expect, test } from 'vitest'
import { resolveLocal } from '../../../src/markdown/local-paths.js'
import { render } from './helpers.js'

describe('resolveLocal', () => {
  test.each([
    ['../other-post.md', 'content/posts/a.md', { target: 'content/other-post.md', fragment: '' }],
    ['other/index.md#%E6%9F%90%E4%B8%AA', 'content/posts/a.md', { target: 'content/posts/other/index.md', fragment: '某个' }],
    ['./b.md#intro', 'content/posts/trip/index.md', { target: 'content/posts/trip/b.md', fragment: 'intro' }],
    ['%E7%8C%AB.png?v=1', 'content/posts/a.md', { target: 'content/posts/猫.png', fragment: '' }],
    ['https://example.com/a.md', 'content/posts/a.md', undefined],
    ['mailto:a@example.com', 'content/posts/a.md', undefined],
    ['#frag', 'content/posts/a.md', undefined],
    ['/images/x.png', 'content/posts/a.md', undefined],
    ['//cdn.example.com/x.png', 'content/posts/a.md', undefined]
  ])('%s from %s', (url, from, expected) => {
    expect(resolveLocal(url, from)).toEqual(expected)
  })
})

describe('post links', () => {
  test('become placeholders and references, in order', async () => {
    const result = await render('See [a](../a.md) and\n[b](trip/index.md#某个标题).', 'content/posts/post.md')
    expect(result.html).toBe('<p>See <a href="inkstone-ref:0">a</a> and\n<a href="inkstone-ref:1">b</a>.</p>')
    expect(result.references).toEqual([
      { kind: 'link', target: 'content/a.md', fragment: '', line: 1, column: 5 },
      { kind: 'link', target: 'content/posts/trip/index.md', fragment: '某个标题', line: 2, column: 1 }
    ])
    expect(result.problems).toEqual([])
  })

  test('placeholders also appear in the excerpt with the same index', async () => {
    const result = await render('[x](x.md)')
    expect(result.excerptHtml).toBe('<p><a href="inkstone-ref:0">x</a></p>')
  })

  test('external links get rel, others do not', async () => {
    const { html } = await render('[e](https://example.com) [m](mailto:a@b.c) [f](#x)')
    expect(html).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer">e</a> <a href="mailto:a@b.c">m</a> <a href="#x">f</a></p>'
    )
  })
})

describe('assets', () => {
  // Site root is tests/fixtures/markdown; the assets fixture holds the files.
  const path = 'assets/post.md'

  test('image gets size, lazy loading and a placeholder', async () => {
    const result = await render('![猫](cat.png)', path)
    expect(result.html).toBe(
      '<p><img src="inkstone-ref:0" alt="猫" width="3" height="2" loading="lazy" decoding="async"></p>'
    )
    expect(result.references).toEqual([{ kind: 'asset', target: 'assets/cat.png', fragment: '', line: 1, column: 1 }])
  })

  test('SVG size is read too', async () => {
    const { html } = await render('![d](diagram.svg)', path)
    expect(html).toContain('width="120" height="80"')
  })

  test('titled image alone in its paragraph becomes a figure', async () => {
    const { html } = await render('![A sunset](photos/sunset.png "夕阳")', path)
    expect(html).toBe(
      '<figure><img src="inkstone-ref:0" alt="A sunset" width="3" height="2" loading="lazy" decoding="async"><figcaption>夕阳</figcaption></figure>'
    )
  })

  test('titled image inside text stays inline', async () => {
    const { html } = await render('Look ![c](cat.png "Cat") here', path)
    expect(html).toBe(
      '<p>Look <img src="inkstone-ref:0" alt="c" title="Cat" width="3" height="2" loading="lazy" decoding="async"> here</p>'
    )
  })

  test('linked file is an asset', async () => {
    const result = await render('[slides](slides.pdf)', path)
    expect(result.html).toBe('<p><a href="inkstone-ref:0">slides</a></p>')
    expect(result.references[0]).toMatchObject({ kind: 'asset', target: 'assets/slides.pdf' })
  })

  test('root-relative URLs become site references (the base path is added later); remote ones are left alone', async () => {
    const result = await render('![a](/images/x%20y.png) ![b](https://example.com/x.png) [c](/about/#%E8%81%94%E7%B3%BB) [d](/search/?q=1)', path)
    expect(result.html).toBe('<p><img src="inkstone-ref:0" alt="a"> <img src="https://example.com/x.png" alt="b"> ' +
      '<a href="inkstone-ref:1">c</a> <a href="/search/?q=1">d</a></p>')
    expect(result.references).toEqual([
      { kind: 'site', target: '/images/x y.png', fragment: '', line: 1, column: 1 },
      { kind: 'site', target: '/about/', fragment: '联系', line: 1, column: 57 }
    ])
    expect(result.problems).toEqual([])
  })

  test.each([
    ['missing image', 'Text.\n\n![x](nope.png)', 3, 1, 'Image `nope.png` does not exist (looked for `assets/nope.png`)'],
    ['missing file', 'A [pdf](gone.pdf).', 1, 3, 'File `gone.pdf` does not exist (looked for `assets/gone.pdf`)'],
    ['outside the site', '![x](../../../etc/passwd.png)', 1, 1, 'Image `../../../etc/passwd.png` is outside the site folder'],
    ['folder', '![x](photos)', 1, 1, 'Image `photos` is a folder, not a file (looked for `assets/photos`)']
  ])('%s is an error at its line', async (_name, input, line, column, reason) => {
    const result = await render(input, path)
    expect(result.problems).toEqual([
      expect.objectContaining({ path, ruleId: 'missing-image', fatal: true, line, column, reason })
    ])
  })
})
