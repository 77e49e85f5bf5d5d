/**
 * XML output with the unified collective's xast: trees made with
 * `xastscript`, serialised by `xast-util-to-xml`. Two gaps are closed here:
 * the serialiser keeps characters XML 1.0 forbids (U+FFFE/U+FFFF, lone
 * surrogates; it only strips C0 controls) and does not escape the `>` of a
 * `]]>` in text, which makes a document ill-formed. Every string goes
 * through `text()`/`attr()`, and CDATA is never used.
 */
import type { Element, ElementContent, Root } from 'xast'
import { toXml } from 'xast-util-to-xml'

// C0 controls except tab, LF and CR; U+FFFE and U+FFFF; lone surrogates.
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Remove the characters XML 1.0 does not allow.
 *
 * @param value Any string.
 * @returns The string without them.
 */
export function cleanXmlText(value: string): string {
  return value.replace(forbidden, '')
}

/**
 * Text content, safe in any element: cleaned and escaped (`&`, `<`, `>`, so a
 * `]]>` in the text can never end anything). Escaped here with one regular
 * expression rather than by the serialiser: feeds carry whole post bodies as
 * text, and the generic entity encoder was most of the cost of writing them.
 *
 * @param value Text.
 * @returns xast children (one raw node holding escaped text).
 */
export function text(value: string): ElementContent[] {
  const clean = cleanXmlText(value)
  if (clean === '') return []
  return [{ type: 'raw', value: clean.replace(/[&<>]/g, escapeChar), data: { escapedText: true } } as unknown as ElementContent]
}

function escapeChar(c: string): string {
  return c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'
}

/**
 * An attribute value: cleaned, with white space collapsed (parsers normalise it anyway).
 *
 * @param value Value.
 * @returns Safe value.
 */
export function attr(value: string): string {
  return cleanXmlText(value).replace(/[\t\n\r]+/g, ' ')
}

/**
 * Indent an element's element children (for readers of the file; parsers do not care).
 * Elements with text content are left alone.
 *
 * @param node Element.
 * @param depth Current depth.
 * @returns The same element, indented.
 */
export function indent(node: Element, depth = 0): Element {
  const kids = node.children
  // Raw children are pre-serialised elements (see `preserialized`): indent around them, not into them.
  const isBlock = (k: ElementContent): boolean =>
    k.type === 'element' || ((k as { type: string }).type === 'raw' && !(k as { data?: { escapedText?: boolean } }).data?.escapedText)
  if (kids.length === 0 || !kids.every(isBlock)) return node
  const pad = '\n' + '  '.repeat(depth + 1)
  const out: ElementContent[] = []
  for (const kid of kids) out.push({ type: 'text', value: pad }, kid.type === 'element' ? indent(kid, depth + 1) : kid)
  out.push({ type: 'text', value: '\n' + '  '.repeat(depth) })
  node.children = out
  return node
}

/**
 * Serialise a document with an XML declaration.
 *
 * @param root Root element.
 * @returns XML text ending with a newline.
 */
export function serialize(root: Element): string {
  const tree: Root = {
    type: 'root',
    children: [{ type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }, { type: 'text', value: '\n' }, indent(root)]
  }
  // `allowDangerousXml` lets the raw nodes through: text escaped by `text()` and entries from `preserialized()`.
  return toXml(tree, { allowDangerousXml: true, closeEmptyElements: true }) + '\n'
}

/**
 * Serialise an element once, indented for `depth`, as a raw node that can be
 * placed in many documents: a post appears in the site feed and in the feed
 * of each of its tags and columns, and its (large) content is escaped once.
 *
 * @param element Element.
 * @param depth Depth at which it will sit.
 * @returns Raw xast node.
 */
export function preserialized(element: Element, depth: number): ElementContent {
  const value = toXml(indent(element, depth), { allowDangerousXml: true, closeEmptyElements: true })
  return { type: 'raw', value } as unknown as ElementContent
}
