/**
 * Small writers of the Markdown (and the little HTML) that conversions
 * produce: fenced code, block quotes, callouts, links, images, embeds.
 */

/** A fenced code block whose fence is longer than any backtick run in the code. */
export function fence(code: string, lang = '', meta = ''): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length))
  const ticks = '`'.repeat(Math.max(3, longest + 1))
  const info = [lang, meta].filter(Boolean).join(' ')
  return `${ticks}${info}\n${trimBlankEdges(code)}\n${ticks}`
}

/** Text without its leading and trailing blank lines (a tag's body starts and ends with a line break). */
export function trimBlankEdges(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '')
}

/** Every line of `text` prefixed with `> ` (an empty line with `>`). */
export function quote(text: string): string {
  return trimBlankEdges(text)
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** The GitHub alert kinds Inkstone renders as callouts. */
export type CalloutKind = 'NOTE' | 'TIP' | 'IMPORTANT' | 'WARNING' | 'CAUTION'

/** A callout (GitHub alert), with an optional bold title as its first line. */
export function callout(kind: CalloutKind, body: string, title = ''): string {
  const inner = (title ? `**${escapeText(title)}**\n\n` : '') + trimBlankEdges(body)
  return `> [!${kind}]\n` + quote(inner)
}

/** Text safe inside a link's or image's brackets. */
export function escapeText(text: string): string {
  return text.replace(/([\\[\]*_`<])/g, '\\$1')
}

/** A link or image destination; `<…>` when it has spaces or parentheses. */
export function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/</g, '%3C').replace(/>/g, '%3E')}>` : url
}

const titled = (title: string): string => (title ? ` "${title.replace(/["\\]/g, '\\$&')}"` : '')

/** A Markdown image. */
export function image(src: string, alt = '', title = ''): string {
  return `![${escapeText(alt)}](${destination(src)}${titled(title)})`
}

/** A Markdown link. */
export function link(text: string, url: string, title = ''): string {
  return `[${escapeText(text)}](${destination(url)}${titled(title)})`
}

const attr = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')

/** An embedded frame (video players, pages), lazy-loaded; nothing loads until the reader scrolls to it. */
export function embed(src: string, title: string, width?: string, height?: string): string {
  const size = (width ? ` width="${attr(width)}"` : '') + (height ? ` height="${attr(height)}"` : '')
  return `<iframe src="${attr(src)}" title="${attr(title)}"${size} loading="lazy" allowfullscreen></iframe>`
}

/** A `<details>` block with Markdown inside (blank lines let the inside be Markdown). */
export function details(summary: string, body: string): string {
  return `<details>\n<summary>${attr(summary)}</summary>\n\n${trimBlankEdges(body)}\n\n</details>`
}
