/**
 * The summary of a post for lists and feeds: what comes before a
 * `<!-- more -->` marker, or else the first blocks of prose up to about
 * `summaryLength` characters, cut at a sentence end. Works on the final hast,
 * so the excerpt is balanced HTML and shares the body's placeholders.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import { cjkLetter } from './cjk.js'
import { stateOf } from './state.js'

/** Options of `rehypeSummary`. */
export interface SummaryOptions {
  /** Target length in characters of an automatic excerpt. */
  summaryLength: number
}

/** `<!-- more -->`, `<!--more-->`, any spacing or case. */
const moreMarker = /^<!--\s*more\s*-->$/i

/** Longest plain-text summary (meta descriptions are shown up to about this). */
const maxTextLength = 160

/**
 * A sentence end: CJK full stops (run of them, e.g. `……`, `！？`), or Latin
 * `. ! ?` followed by whitespace or the end, each with closing quotes/brackets.
 */
const sentenceEnd = /(?:[。！？；]+|…+|[.!?]+(?=[”’"')\]]*(?:\s|$)))[」』”’"'）)\]]*/g

/** Elements whose text must not be cut into: links, code, math, footnote calls. */
const uncuttable = new Set(['a', 'code', 'kbd', 'sup', 'sub', 'math', 'svg'])

/** Elements that separate words in plain text. */
const blockTags = new Set(['p', 'li', 'ul', 'ol', 'blockquote', 'div', 'figure', 'figcaption', 'pre', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'hr'])

/** Compute `excerptHtml`, `excerptText` and `hasMore`. */
export default function rehypeSummary(options: SummaryOptions) {
  return function (tree: Root, file: VFile): undefined {
    const state = stateOf(file)
    const marked = beforeMarker(tree)
    state.hasMore = marked !== undefined
    const blocks = marked ?? automaticExcerpt(tree, options.summaryLength)
    const children: RootContent[] = []
    for (const block of blocks) {
      if (children.length > 0) children.push({ type: 'text', value: '\n' })
      children.push(block)
    }
    const excerpt: Root = { type: 'root', children }
    state.excerptHtml = toHtml(excerpt, { allowDangerousHtml: true })
    state.excerptText = shorten(plainText(excerpt).replace(/\s+/g, ' ').trim(), maxTextLength)
  }
}

/** Clones of the blocks before a `<!-- more -->` marker, or undefined without one. */
function beforeMarker(tree: Root): ElementContent[] | undefined {
  const blocks: ElementContent[] = []
  for (const child of tree.children) {
    if (isMarker(child)) return blocks
    if (child.type === 'element') {
      // A marker written inside a paragraph (`text <!-- more --> text`) cuts that paragraph.
      const at = child.tagName === 'p' ? child.children.findIndex(isMarker) : -1
      if (at !== -1) {
        const head = clean({ ...child, children: child.children.slice(0, at) })
        trimEnd(head)
        if (toString(head).trim() !== '') blocks.push(head)
        return blocks
      }
      blocks.push(clean(child))
    } else if (child.type === 'raw') {
      blocks.push({ ...child })
    }
  }
  return undefined
}

/** Whether `node` is the more marker. */
function isMarker(node: RootContent): boolean {
  return node.type === 'raw' && moreMarker.test(node.value.trim())
}

/**
 * Whole prose blocks (paragraphs, lists item by item, blockquotes) until the
 * target is reached; the paragraph that crosses it is cut at a sentence end.
 * Headings, code, math, tables, figures, alerts and raw HTML are skipped.
 */
function automaticExcerpt(tree: Root, target: number): ElementContent[] {
  const blocks: ElementContent[] = []
  let length = 0
  for (const child of tree.children) {
    if (length >= target) break
    if (child.type !== 'element') continue
    if (child.tagName === 'p') {
      const paragraph = clean(child)
      const size = textLength(paragraph)
      // Image-only paragraphs have no prose.
      if (size === 0) continue
      if (length + size > target) {
        blocks.push(cutParagraph(paragraph, target - length, target))
        break
      }
      blocks.push(paragraph)
      length += size
    } else if (child.tagName === 'ul' || child.tagName === 'ol') {
      const list = clean(child)
      const items: ElementContent[] = []
      for (const item of list.children) {
        if (length >= target) break
        items.push(item)
        length += item.type === 'element' ? textLength(item) : 0
      }
      // Keep the source's line break before `</ul>` whatever the last kept node was.
      while (items.length > 0 && items[items.length - 1].type === 'text') items.pop()
      items.push({ type: 'text', value: '\n' })
      list.children = items
      blocks.push(list)
    } else if (child.tagName === 'blockquote') {
      const quote = clean(child)
      blocks.push(quote)
      length += textLength(quote)
    }
  }
  return blocks
}

/** Text length of a block, collapsed whitespace. */
function textLength(node: Element): number {
  return toString(node).replace(/\s+/g, ' ').trim().length
}

/**
 * A deep copy of `node` fit for a summary: without footnote calls (their
 * notes are not in the summary), heading anchors and ids (the summary sits on
 * list pages, next to other posts' summaries).
 */
function clean(node: Element): Element {
  const copy: Element = { type: 'element', tagName: node.tagName, properties: { ...node.properties }, children: [] }
  delete copy.properties.id
  for (const child of node.children) {
    if (child.type !== 'element') {
      copy.children.push({ ...child } as ElementContent)
      continue
    }
    if (child.tagName === 'sup' && child.children.some(isFootnoteCall)) continue
    if (child.tagName === 'a' && hasClass(child, 'heading-anchor')) continue
    copy.children.push(clean(child))
  }
  return copy
}

/** Whether `node` is the link of a footnote call. */
function isFootnoteCall(node: ElementContent): boolean {
  return node.type === 'element' && node.tagName === 'a' && node.properties.dataFootnoteRef !== undefined
}

/** Whether `node` has class `name`. */
function hasClass(node: Element, name: string): boolean {
  const classes = node.properties.className
  return Array.isArray(classes) && classes.includes(name)
}

/** A text node of a paragraph with its offset in the paragraph's text. */
interface Segment {
  node: Text
  start: number
  cuttable: boolean
}

/**
 * Cut a paragraph (already a copy) at the first sentence end at or after
 * `need` characters. Without one, keep it whole when it is only a little
 * longer, else cut at a word boundary and add `…`. Paragraphs with inline raw
 * HTML are kept whole: cutting between an opening and a closing raw tag would
 * unbalance the HTML.
 */
function cutParagraph(paragraph: Element, need: number, target: number): Element {
  const segments: Segment[] = []
  let raw = false
  let text = ''
  const walk = function (parent: Element, cuttable: boolean): void {
    for (const child of parent.children) {
      if (child.type === 'text') {
        segments.push({ node: child, start: text.length, cuttable })
        text += child.value
      } else if (child.type === 'element') {
        walk(child, cuttable && !uncuttable.has(child.tagName) && !hasClass(child, 'katex'))
      } else if (child.type === 'raw') {
        raw = true
      }
    }
  }
  walk(paragraph, true)
  if (raw) return paragraph
  // Offsets count raw characters; `need` counted collapsed ones. Leading whitespace is the only big difference.
  const offset = text.length - text.trimStart().length
  const sentence = findSentenceEnd(text, segments, need + offset)
  if (sentence === 'whole') return paragraph
  const at = sentence ?? findWordBreak(segments, need + offset, text.trim().length - need, target)
  if (!at) return paragraph
  cutAt(paragraph, at.segment.node, at.index - at.segment.start, at.ellipsis)
  return paragraph
}

/** Where to cut: a segment, the offset in the paragraph text, and whether to mark the cut. */
interface Cut {
  segment: Segment
  index: number
  ellipsis: boolean
}

/** The first sentence end at or after `need` that lies in cuttable text; `'whole'` when it is the paragraph's end. */
function findSentenceEnd(text: string, segments: Segment[], need: number): Cut | 'whole' | undefined {
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    if (end < need) continue
    // A cut at the very end keeps the whole paragraph.
    if (end >= text.trimEnd().length) return 'whole'
    const segment = segmentAt(segments, match.index)
    if (!segment || !segment.cuttable) continue
    // Closing quotes past the end of this text node are left out rather than cut across nodes.
    const index = Math.min(end, segment.start + segment.node.value.length)
    return { segment, index, ellipsis: false }
  }
  return undefined
}

/**
 * No usable sentence end: when what is left is long (over half a summary),
 * cut at the first space or after the first CJK character at or after
 * `need`, and mark it with `…`; else keep the paragraph whole.
 */
function findWordBreak(segments: Segment[], need: number, rest: number, target: number): Cut | undefined {
  if (rest <= target / 2) return undefined
  for (const segment of segments) {
    if (!segment.cuttable) continue
    const value = segment.node.value
    for (let i = Math.max(0, need - segment.start); i < value.length; i++) {
      if (/\s/.test(value[i])) return { segment, index: segment.start + i, ellipsis: true }
      if (cjkLetter.test(value[i]) && i + 1 < value.length) return { segment, index: segment.start + i + 1, ellipsis: true }
    }
  }
  return undefined
}

/** The segment containing offset `index`. */
function segmentAt(segments: Segment[], index: number): Segment | undefined {
  for (const segment of segments) {
    if (index >= segment.start && index < segment.start + segment.node.value.length) return segment
  }
  return undefined
}

/** Truncate `parent` at `length` characters into text node `target`, dropping everything after it. */
function cutAt(parent: Element, target: Text, length: number, ellipsis: boolean): boolean {
  for (let i = 0; i < parent.children.length; i++) {
    const child = parent.children[i]
    const found =
      child === target ? true : child.type === 'element' ? cutAt(child, target, length, ellipsis) : false
    if (!found) continue
    if (child === target) target.value = target.value.slice(0, length).trimEnd() + (ellipsis ? '…' : '')
    parent.children.length = i + 1
    return true
  }
  return false
}

/** Remove trailing whitespace text from an element. */
function trimEnd(node: Element): void {
  while (node.children.length > 0) {
    const last = node.children[node.children.length - 1]
    if (last.type !== 'text') return
    last.value = last.value.trimEnd()
    if (last.value !== '') return
    node.children.pop()
  }
}

/**
 * Plain text of the excerpt: blocks separated by spaces, KaTeX as its TeX
 * source (the MathML annotation) rather than its visual glyph soup, hidden
 * decorations (icons) left out.
 */
function plainText(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' && node.type !== 'root') return ''
  if (node.type === 'element') {
    if (String(node.properties.ariaHidden) === 'true') return ''
    if (node.tagName === 'annotation') return toString(node)
    if (node.tagName === 'math') {
      const annotation = findAnnotation(node)
      return annotation ? ' ' + toString(annotation) + ' ' : ''
    }
  }
  let out = ''
  for (const child of node.children) out += plainText(child as ElementContent)
  return node.type === 'element' && blockTags.has(node.tagName) ? ` ${out} ` : out
}

/** The TeX annotation inside a KaTeX `<math>`. */
function findAnnotation(node: Element): Element | undefined {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'annotation') return child
    const found = findAnnotation(child)
    if (found) return found
  }
  return undefined
}

/**
 * Shorten plain text to at most `max` characters: at the last sentence end if
 * there is one in the second half, else at the last space (or anywhere
 * between CJK characters), with `…` unless it ends a sentence.
 */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text
  const head = text.slice(0, max - 1)
  let best = -1
  // Matched on the whole text, so "followed by a space" sees past the cut.
  for (const match of text.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    // A sentence that ends right at `max` needs no `…`, so it may use the last character.
    if (end > max) break
    if (end > max / 2) best = end
  }
  if (best !== -1) return text.slice(0, best).trimEnd()
  const space = head.lastIndexOf(' ')
  let cut = space > max / 2 ? space : head.length
  // Do not split a surrogate pair.
  const code = head.charCodeAt(cut - 1)
  if (code >= 0xd800 && code <= 0xdbff) cut--
  return head.slice(0, cut).trimEnd() + '…'
}
