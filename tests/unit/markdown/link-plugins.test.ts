/**
 * rehype-heading-anchors.ts and rehype-external-rel.ts replace
 * rehype-autolink-headings and rehype-external-links (one element walk each,
 * no visitor closures): the HTML must be the one those plugins made, with
 * the settings Inkstone used.
 */
import rehypeAutolinkHeadings from 'rehype-autolink-headings'
import rehypeExternalLinks from 'rehype-external-links'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import type { Element } from 'hast'
import { unified, type PluggableList } from 'unified'
import { describe, expect, test } from 'vitest'
import rehypeExternalRel, { isExternalHref } from '../../../src/markdown/rehype-external-rel.js'
import rehypeHeadingAnchors from '../../../src/markdown/rehype-heading-anchors.js'
import rehypeHeadingIds, { headingText } from '../../../src/markdown/rehype-heading-ids.js'

/** The settings of rehype-autolink-headings before it was replaced. */
const autolinkOptions = (language: string) => ({
  behavior: 'append' as const,
  test: (element: Element) => !(Array.isArray(element.properties.className) && element.properties.className.includes('sr-only')),
  properties: (element: Element) => ({
    className: ['heading-anchor'],
    ariaLabel: (language.toLowerCase().startsWith('zh') ? '本节链接：' : 'Permalink: ') + headingText(element)
  }),
  content: { type: 'text' as const, value: '#' }
})

function html(markdown: string, plugins: PluggableList): string {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeHeadingIds)
    .use(plugins)
    .use(rehypeStringify, { allowDangerousHtml: true })
  return String(processor.processSync(markdown))
}

const body = [
  '# 标题 *强调* `code`',
  '## Section with a [link](https://example.com/a?b=1) and a note[^1]',
  '### ！！！',
  '#### Same',
  '#### Same',
  '> ## Quoted heading',
  '- ###### In a list',
  'Links: [http](http://a.example/), [https](HTTPS://b.example/), [scheme-relative](//c.example/x),',
  '[mail](mailto:a@b.example), [ftp](ftp://d.example/), [windows](C:\\dir\\file), [relative](../post.md),',
  '[fragment](#same), [query](?a=1), [data](data:text/plain,hi), [empty](), <https://autolink.example>,',
  'www.gfm-autolink.example and [h2](h2://x) [spaces]( https://e.example ).',
  '<a href="https://raw.example/">raw HTML stays as it is</a>',
  '| a | [b](https://table.example/) |\n| --- | --- |\n| 1 | 2 |',
  '[^1]: A note with [a link](https://note.example/).'
].join('\n\n')

describe('own link plugins give the replaced plugins\' HTML', () => {
  test.each(['zh-CN', 'en'])('heading anchors, language %s', (language) => {
    const theirs = html(body, [[rehypeAutolinkHeadings, autolinkOptions(language)]])
    const ours = html(body, [[rehypeHeadingAnchors, { language }]])
    expect(ours).toBe(theirs)
    expect(ours).toContain('class="heading-anchor"')
    expect(ours).not.toMatch(/id="footnote-label"[^>]*>[^<]*<a/)
  })

  test('external links', () => {
    const theirs = html(body, [[rehypeExternalLinks, { rel: ['noopener', 'noreferrer'] }]])
    const ours = html(body, [rehypeExternalRel])
    expect(ours).toBe(theirs)
    expect(ours).toContain('href="//c.example/x" rel="noopener noreferrer"')
  })

  test('both, in the pipeline\'s order', () => {
    const theirs = html(body, [[rehypeAutolinkHeadings, autolinkOptions('zh')], [rehypeExternalLinks, { rel: ['noopener', 'noreferrer'] }]])
    expect(html(body, [[rehypeHeadingAnchors, { language: 'zh' }], rehypeExternalRel])).toBe(theirs)
  })

  test.each([
    ['http://a', true], ['https://a', true], ['//a', true], ['HTTPS://a', false], ['mailto:a', false],
    ['ftp://a', false], ['C:\\a', false], ['c:/a', false], ['../a.md', false], ['#x', false], ['', false], ['h2://a', false]
  ])('isExternalHref(%j) is %s, as rehype-external-links decides', (href, external) => {
    expect(isExternalHref(href)).toBe(external)
    const out = html(`[x](<${href}>)`, [[rehypeExternalLinks, { rel: ['noopener', 'noreferrer'] }]])
    expect(out.includes('rel="noopener noreferrer"')).toBe(external)
  })
})
