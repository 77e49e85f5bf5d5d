/**
 * Soft line breaks between CJK characters vanish instead of becoming spaces:
 * Chinese and Japanese are written without spaces, so a line wrapped in the
 * editor must not put a visible gap in the sentence. Latin text keeps its
 * newline (rendered as a space).
 */
import type { Nodes, Parent, Root, Text } from 'mdast'
import { joinsAcrossBreak } from './cjk.js'

/** A run of inline content: a text node we may rewrite, or something else seen only for its edge characters. */
interface Leaf {
  node: Text | undefined
  value: string
}

/** Remove soft line breaks (and the spaces around them) that sit between two CJK characters. */
export default function remarkCjkLineBreaks() {
  return function (tree: Root): undefined {
    blocks(tree)
  }
}

/** Find the blocks that hold phrasing content (a plain recursion: cheaper than unist-util-visit here). */
function blocks(node: Parent): void {
  for (const child of node.children as Nodes[]) {
    if (child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell') joinBreaks(child)
    else if ('children' in child) blocks(child)
  }
}

/** Join the CJK soft breaks of one block of phrasing content. */
function joinBreaks(block: Parent): void {
  const leaves: Leaf[] = []
  collect(block, leaves)
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]
    if (leaf.node && leaf.value.includes('\n')) {
      leaf.node.value = join(leaf.value, edge(leaves, i, -1), edge(leaves, i, 1))
    }
  }
}

/** Flatten the phrasing content of `parent` into leaves, in reading order. */
function collect(parent: Parent, leaves: Leaf[]): void {
  for (const child of parent.children as Nodes[]) {
    switch (child.type) {
      case 'text':
        leaves.push({ node: child, value: child.value })
        break
      case 'inlineCode':
      case 'inlineMath':
      case 'html':
        leaves.push({ node: undefined, value: child.value })
        break
      case 'break':
        leaves.push({ node: undefined, value: '\n' })
        break
      default:
        // Emphasis, links, … are transparent; images and footnote calls are opaque boundaries.
        if ('children' in child) collect(child, leaves)
        else leaves.push({ node: undefined, value: '' })
    }
  }
}

/** The character just outside leaf `i` in direction `dir` (-1 before, 1 after), if any. */
function edge(leaves: Leaf[], i: number, dir: -1 | 1): string | undefined {
  const next = leaves[i + dir]
  if (!next || next.value === '') return undefined
  return dir < 0 ? lastChar(next.value, next.value.length) : firstChar(next.value, 0)
}

/** Rewrite the soft breaks in one text value; `before`/`after` are the characters around the value. */
function join(value: string, before: string | undefined, after: string | undefined): string {
  return value.replace(/[ \t]*\n[ \t]*/g, function (match, offset: number) {
    const end = offset + match.length
    const left = offset > 0 ? lastChar(value, offset) : before
    const right = end < value.length ? firstChar(value, end) : after
    return joinsAcrossBreak(left, right) ? '' : match
  })
}

/** The code point ending at `end` (surrogate-pair aware). */
function lastChar(value: string, end: number): string {
  const code = value.charCodeAt(end - 1)
  return code >= 0xdc00 && code <= 0xdfff && end >= 2 ? value.slice(end - 2, end) : value.charAt(end - 1)
}

/** The code point starting at `start` (surrogate-pair aware). */
function firstChar(value: string, start: number): string {
  return String.fromCodePoint(value.codePointAt(start) ?? 0)
}
