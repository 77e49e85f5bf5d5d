/**
 * Highlighted code blocks remembered from the last parse of a file, so that
 * parsing it again after a prose edit does not start Shiki. Starting it
 * (WASM, themes) and compiling a grammar's regular expressions is most of
 * what parsing a post with code costs, while the
 * block's highlighting is a pure function of its language and text (the
 * themes and Shiki's version are part of the tool digest, which keys the
 * whole cache).
 *
 * A block is kept as the hast Shiki made for it, in a compact JSON form
 * (elements as `[tag, properties index, ...children]`, text as strings,
 * each distinct properties object once): a fraction of the size of its
 * HTML.
 */
import { createHash } from 'node:crypto'
import type { Element, ElementContent, Properties } from 'hast'

/** The memo of one parse: what the previous parse of the file highlighted, and what this one did. */
export interface CodeMemo {
  /** Compact highlighted blocks of the previous parse, by codeKey. */
  previous?: ReadonlyMap<string, string>
  /** Every block this parse highlighted: [codeKey, compact], in document order. */
  made: Array<[string, string]>
}

declare module 'vfile' {
  interface DataMap {
    /** Set by the caller of the body renderer to reuse and collect highlighted blocks. */
    inkstoneCodeMemo: CodeMemo
  }
}

/** The key of a code block: its language and text. */
export function codeKey(lang: string, text: string): string {
  return createHash('sha1').update(lang).update('\0').update(text).digest('hex').slice(0, 24)
}

type Compact = string | [string, number, ...Compact[]]

/**
 * The compact form of a highlighted block, or undefined when the tree has
 * anything this form does not keep exactly (positions, data, other node
 * types, values JSON would change): such a block is simply not remembered.
 *
 * @param pre Shiki's `<pre>` element.
 * @returns JSON text.
 */
export function encodeHighlighted(pre: Element): string | undefined {
  const table: string[] = []
  const index = new Map<string, number>()
  function encode(node: ElementContent): Compact | undefined {
    if (node.type === 'text') return node.position || node.data ? undefined : node.value
    if (node.type !== 'element' || node.position || node.data || node.content) return undefined
    if (!Object.values(node.properties).every(exact)) return undefined
    const key = JSON.stringify(node.properties)
    let at = index.get(key)
    if (at === undefined) {
      at = table.length
      table.push(key)
      index.set(key, at)
    }
    const out: Compact = [node.tagName, at]
    for (const child of node.children) {
      const compact = encode(child)
      if (compact === undefined) return undefined
      out.push(compact)
    }
    return out
  }
  const tree = encode(pre)
  return tree === undefined ? undefined : JSON.stringify([table.map((key) => JSON.parse(key) as Properties), tree])
}

/** A property value that JSON gives back exactly. */
function exact(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  return Array.isArray(value) && value.every((item) => typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item) && !Object.is(item, -0)))
}

/**
 * The block encodeHighlighted remembered, as a fresh tree (each properties
 * object its own copy: later plugins may change one).
 *
 * @param text JSON text from encodeHighlighted.
 * @returns The `<pre>` element, or undefined when the text is not a block.
 */
export function decodeHighlighted(text: string): Element | undefined {
  try {
    const [table, tree] = JSON.parse(text) as [Properties[], Compact]
    const node = decode(table, tree)
    return node.type === 'element' && node.tagName === 'pre' ? node : undefined
  } catch {
    return undefined
  }
}

function decode(table: Properties[], compact: Compact): ElementContent {
  if (typeof compact === 'string') return { type: 'text', value: compact }
  const [tagName, at, ...children] = compact
  const properties = table[at]
  if (typeof tagName !== 'string' || !properties) throw new Error('not a remembered block')
  return { type: 'element', tagName, properties: structuredClone(properties), children: children.map((child) => decode(table, child)) }
}
