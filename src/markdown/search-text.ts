/**
 * The plain text of a rendered body, for the search index: what a reader
 * sees, one line per block. Code blocks are left out unless asked for,
 * formulas keep their TeX source, and what is hidden from readers (heading
 * anchors, screen-reader-only labels, KaTeX's visual copy) is left out.
 * Pure; a small tag scanner, because the body is our own renderer's HTML
 * and a full HTML parse of every post would cost a cold build seconds.
 */

import { hashBytes } from '../util/hash.js'

/** Elements whose start and end put the text on a new line. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'td', 'th', 'tr', 'ul'
])
/** Elements without an end tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'])
/** Elements whose content is never text a reader reads. */
const NEVER = new Set(['script', 'style', 'template', 'svg', 'math', 'noscript', 'iframe', 'object', 'button', 'select', 'textarea'])

const TAG = /<(\/?)([a-zA-Z][\w:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|<![^>]*>|([^<]+)/g
const TEX = /<math\b[^>]*>[\s\S]*?<annotation encoding="application\/x-tex">([\s\S]*?)<\/annotation>[\s\S]*?<\/math>/g
const HIDDEN = /\saria-hidden="true"|\sclass="[^"]*\b(?:heading-anchor|sr-only|katex-html)\b/

/**
 * What names a post's document in the search index (search/index-files.ts):
 * a digest of what the index holds of its body, kept with the body in the
 * entry cache, so that a build can tell an unchanged post without reading
 * its text.
 *
 * @param headings The headings' text.
 * @param text The body's plain text (plainTextOf).
 * @returns Hex digest.
 */
export function searchDigestOf(headings: string[], text: string): string {
  return hashBytes(JSON.stringify([headings, text]))
}

/** Options of plainTextOf. */
export interface PlainTextOptions {
  /** Keep the text of code blocks (`<pre>`). */
  code: boolean
}

/** Decode the character references our HTML serialiser writes (numeric, and the few named ones). */
function decode(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (all, ref: string) => {
    const lower = ref.toLowerCase()
    if (lower[0] === '#') {
      const code = lower[1] === 'x' ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all
    }
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[lower] ?? all
  })
}

/**
 * The plain text of body HTML: blocks on lines of their own, whitespace
 * inside a block collapsed to one space, no empty lines.
 *
 * @param html Body HTML.
 * @param options Whether code blocks count.
 * @returns Text.
 */
export function plainTextOf(html: string, options: PlainTextOptions): string {
  const source = html.includes('<math') ? html.replace(TEX, (_all, tex: string) => ` ${tex} `) : html
  let out = ''
  let skip: string | undefined
  let depth = 0
  TAG.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = TAG.exec(source))) {
    if (m[4] !== undefined) {
      // Line breaks inside a block are spaces (our renderer already joined CJK lines without one).
      if (!skip) out += decode(m[4]).replace(/\s+/g, ' ')
      continue
    }
    const name = m[2]?.toLowerCase()
    if (!name) continue
    const closing = m[1] === '/'
    if (skip) {
      if (name === skip && !VOID.has(name)) depth += closing ? -1 : m[3].endsWith('/') ? 0 : 1
      if (depth === 0) skip = undefined
      continue
    }
    if (!closing && !VOID.has(name) && !m[3].endsWith('/') && (NEVER.has(name) || (name === 'pre' && !options.code) || HIDDEN.test(m[3]))) {
      skip = name
      depth = 1
      continue
    }
    if (BLOCKS.has(name)) out += '\n'
  }
  return out
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
}
