/**
 * Redirect pages: each alias of a post (`aliases`, `redirect_from`, a file
 * permalink) and each post that is only a redirect (`redirect_to`) gets a
 * small page that sends the reader on (a meta refresh, `rel=canonical` and a
 * visible link; `noindex`, and never in the sitemap or the feeds), and the
 * site gets a `_redirects` file that static hosts (Netlify, Cloudflare
 * Pages) read to answer with a real 301. Pure; the theme is not involved.
 */
import type { SiteConfig } from '../types.js'
import type { Redirect, SiteGraph } from '../site/graph.js'
import { absolute, href, outPathOf } from '../site/urls.js'
import { escapeHtml } from './references.js'

/** Where a redirect leads, as an href and as an absolute URL. */
function target(config: SiteConfig, to: string): { href: string; absolute: string } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(to)) return { href: to, absolute: to }
  return { href: href(config, to), absolute: absolute(config, to) }
}

/**
 * The HTML of one redirect page.
 *
 * @param config Site config (base path, language).
 * @param redirect The redirect.
 * @returns A complete, small HTML document.
 */
export function redirectPage(config: SiteConfig, redirect: Redirect): string {
  const to = target(config, redirect.to)
  const zh = config.language.toLowerCase().startsWith('zh')
  const attr = (text: string): string => escapeHtml(text).replace(/"/g, '&quot;')
  return [
    '<!doctype html>',
    `<html lang="${attr(config.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(redirect.title)}</title>`,
    '<meta name="robots" content="noindex">',
    `<link rel="canonical" href="${attr(to.absolute)}">`,
    `<meta http-equiv="refresh" content="0; url=${attr(to.href)}">`,
    '</head>',
    '<body>',
    `<p>${zh ? '这一页已搬到' : 'This page has moved to'} <a href="${attr(to.href)}">${escapeHtml(redirect.title)}</a>${zh ? '。' : '.'}</p>`,
    '</body>',
    '</html>',
    ''
  ].join('\n')
}

/** The output file of a redirect page. */
export function redirectOutPath(redirect: Redirect): string {
  return outPathOf(redirect.from)
}

/**
 * The `_redirects` file: one `from to 301` line per redirect (aliases,
 * `redirect_to` posts, site.yaml's `redirects:`), in `from` order, then the
 * asking file's path. The author's own `public/_redirects`, when there is
 * one, comes first as written: hosts apply the first rule that matches, and
 * a path both name is an error (redirect-checks.ts).
 *
 * @param graph Site graph.
 * @param authorText Text of the author's `public/_redirects`, if any.
 * @returns File text.
 */
export function redirectsFile(graph: Pick<SiteGraph, 'config' | 'redirects'>, authorText?: string): string {
  const ours = graph.redirects.map((r) => `${href(graph.config, r.from)} ${target(graph.config, r.to).href} 301\n`).join('')
  if (authorText === undefined || authorText.trim() === '') return ours
  return authorText.replace(/\n?$/, '\n') + ours
}
