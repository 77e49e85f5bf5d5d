/**
 * Links written as old-site URLs become links to `.md` files; other links,
 * and anything in code, stay as written.
 */
import { describe, expect, it } from 'vitest'
import { rewriteOldLinks } from '../../../src/import/old-links.js'

const ctx = {
  from: '/2020/05/here/',
  host: 'old.example',
  basePath: '/blog/',
  lookup: (path: string) => ({ '/2020/05/there/': './there.md', '/about/': '../pages/about.md', '/2020/05/中文/': './中文.md' })[path]
}

describe('rewriteOldLinks', () => {
  it('rewrites root-relative, relative and absolute links to old URLs, keeping the fragment', () => {
    const body = '[a](/blog/2020/05/there/) [b](../there/#part) [c](https://old.example/blog/about/) [d](/blog/2020/05/%E4%B8%AD%E6%96%87/)\n\n[r]: /blog/about/index.html\n'
    expect(rewriteOldLinks(body, ctx)).toEqual({ text: '[a](./there.md) [b](./there.md#part) [c](../pages/about.md) [d](./中文.md)\n\n[r]: ../pages/about.md\n', count: 5 })
  })

  it('leaves other sites, unknown paths, .md links, fragments and code alone', () => {
    const body = '[x](https://else.example/blog/about/) [y](/blog/nowhere/) [z](./there.md) [w](#top) `[v](/blog/about/)`\n\n    [u](/blog/about/)\n'
    expect(rewriteOldLinks(body, ctx)).toEqual({ text: body, count: 0 })
  })

  it('finds the destination of a link whose text holds brackets and parentheses', () => {
    expect(rewriteOldLinks('[see [this] (too)](/blog/about/ "t")', ctx).text).toBe('[see [this] (too)](../pages/about.md "t")')
  })
})
