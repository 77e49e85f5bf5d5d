/**
 * remark-alerts.ts runs the alert plugins only on trees with a blockquote:
 * the scan must find every blockquote an alert can be in, and the HTML must
 * be the one running both plugins on every tree gives.
 */
import type { Root } from 'mdast'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import { remarkAlert } from 'remark-github-blockquote-alert'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified, type PluggableList } from 'unified'
import { describe, expect, test } from 'vitest'
import remarkAlertTitles from '../../../src/markdown/remark-alert-titles.js'
import remarkAlerts, { hasBlockquote } from '../../../src/markdown/remark-alerts.js'

const parse = (markdown: string): Root => unified().use(remarkParse).use(remarkGfm).parse(markdown)
const html = (markdown: string, plugins: PluggableList): string =>
  String(unified().use(remarkParse).use(remarkGfm).use(plugins).use(remarkRehype).use(rehypeStringify).processSync(markdown))

const cases: Array<[string, string, boolean]> = [
  ['none', '# Title\n\nText with `> not a quote` and a | table |\n\n| a |\n| - |\n| > b |\n', false],
  ['top level', '> [!NOTE]\n> 注意这里。\n', true],
  ['plain quote', '> just a quote\n', true],
  ['in a list', '- item\n\n  > [!TIP]\n  > tip in a list\n', true],
  ['in an ordered list, nested', '1. a\n   - b\n\n     > [!WARNING]\n     > deep\n', true],
  ['in a footnote', 'Text[^1].\n\n[^1]: Note.\n\n    > [!CAUTION]\n    > in a footnote\n', true],
  ['quote in a quote', '> outer\n>\n> > [!IMPORTANT]\n> > inner\n', true],
  ['code only', '```md\n> [!NOTE]\n> in code\n```\n', false]
]

describe('alerts only where there are blockquotes', () => {
  test.each(cases)('%s: hasBlockquote is %s', (_, markdown, expected) => {
    expect(hasBlockquote(parse(markdown))).toBe(expected)
  })

  test.each(cases)('%s: the same HTML as both plugins on every tree (zh and en)', (_, markdown) => {
    for (const language of ['zh-CN', 'en']) {
      const always = html(markdown, [remarkAlert, [remarkAlertTitles, { language }]])
      expect(html(markdown, [[remarkAlerts, { language }]])).toBe(always)
    }
  })

  test('an alert still becomes one, with its title in the site language', () => {
    const out = html('- x\n\n  > [!TIP]\n  > 小提示\n', [[remarkAlerts, { language: 'zh-CN' }]])
    expect(out).toContain('markdown-alert-tip')
    expect(out).toContain('提示')
  })
})
