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
 * Text content, safe in any element: cleaned, and `]]>` broken with a `&gt;`.
 *
 * @param value Text.
 * @returns xast children.
 */
export function text(value: string): ElementContent[] {
  const parts = cleanXmlText(value).split(']]>')
  const out: ElementContent[] = []
  parts.forEach((part, i) => {
    if (i > 0) out.push({ type: 'text', value: ']]' }, { type: 'raw', value: '&gt;' } as unknown as ElementContent)
    if (part !== '') out.push({ type: 'text', value: part })
  })
  return out
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
  const isBlock = (k: ElementContent): boolean => k.type === 'element' || (k as { type: string }).type === 'raw'
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
  // `allowDangerousXml` only lets the `&gt;` raw nodes made by `text()` through.
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
