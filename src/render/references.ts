/**
 * Resolve the `inkstone-ref:N` placeholders the Markdown stage leaves in
 * rendered HTML, once the site graph knows every URL. String replacement on
 * cached HTML: the body is never parsed again.
 */
import type { SiteConfig } from '../types.js'
import { absolute, href, type SiteLink } from '../site/urls.js'

const placeholder = /inkstone-ref:(\d+)/g

/**
 * Replace placeholders with URLs.
 *
 * @param html HTML with placeholders.
 * @param urls Resolved links, by reference index.
 * @param config Site config (base path, origin).
 * @param mode `href` for root-relative links, `absolute` for feeds.
 * @returns HTML with real URLs.
 */
export function resolveReferences(html: string, urls: SiteLink[], config: SiteConfig, mode: 'href' | 'absolute'): string {
  if (!html.includes('inkstone-ref:')) return html
  return html.replace(placeholder, (_, n: string) => {
    const link = urls[Number(n)]
    if (link === undefined) return '#'
    return escapeAttribute(mode === 'href' ? href(config, link.path, link.fragment) : absolute(config, link.path, link.fragment))
  })
}

/**
 * Escape text for HTML element content.
 *
 * @param text Text.
 * @returns Escaped HTML.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
}
