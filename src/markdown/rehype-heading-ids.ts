/**
 * Give every heading a stable, unique, readable id (GitHub-style slugs that
 * keep Chinese), and collect the headings and the table of contents.
 */
import GithubSlugger, { slug } from 'github-slugger'
import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import type { Heading, TocItem } from '../types.js'
import { stateOf } from './state.js'
import { walkElements } from './walk.js'

const rank: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 }

/** Headings shallower or deeper than this stay out of the table of contents. */
const tocMin = 2
const tocMax = 4

/** Id used when a heading has no sluggable text (only punctuation or emoji). */
const fallback = 'section'

/** Add `id`s to headings and fill `headings` and `toc`. */
export default function rehypeHeadingIds() {
  return function (tree: Root, file: VFile): undefined {
    // A fresh slugger per body: ids are unique within a page and do not depend on other posts.
    const slugger = new GithubSlugger()
    const found: Element[] = []
    walkElements(tree, function (node) {
      const id = node.properties.id
      // Ids that are already there (footnotes) are taken, so a heading cannot collide with them.
      if (typeof id === 'string' && id !== '') slugger.slug(id)
      else if (Object.hasOwn(rank, node.tagName)) {
        found.push(node)
        return false
      }
    })

    const headings: Heading[] = []
    for (const node of found) {
      const text = headingText(node)
      // Ask the stateless slug first: an empty slug must not be registered ('' then '-1').
      const id = slugger.slug(/^-*$/.test(slug(text)) ? fallback : text)
      node.properties.id = id
      headings.push({ depth: rank[node.tagName], id, text })
    }
    const state = stateOf(file)
    state.headings = headings
    state.toc = tableOfContents(headings)
  }
}

/**
 * Nest h2–h4 headings: each goes under the nearest earlier heading of a
 * smaller depth, or at the top when there is none (an h3 before any h2).
 */
export function tableOfContents(headings: Heading[]): TocItem[] {
  const root: TocItem[] = []
  const stack: TocItem[] = []
  for (const { depth, id, text } of headings) {
    if (depth < tocMin || depth > tocMax) continue
    const item: TocItem = { depth, id, text, children: [] }
    while (stack.length > 0 && stack[stack.length - 1].depth >= depth) stack.pop()
    ;(stack.length > 0 ? stack[stack.length - 1].children : root).push(item)
    stack.push(item)
  }
  return root
}

/** Plain text of a heading, without footnote calls (`## Title[^1]` is "Title", not "Title1"). */
export function headingText(node: Element): string {
  let text = ''
  const gather = function (parent: Element): void {
    for (const child of parent.children) {
      if (child.type === 'text') text += child.value
      else if (child.type === 'element' && !isFootnoteCall(child)) gather(child)
    }
  }
  gather(node)
  return text.replace(/\s+/g, ' ').trim()
}

/** A `<sup>` holding a footnote reference link. */
function isFootnoteCall(node: Element): boolean {
  if (node.tagName !== 'sup') return false
  const link = node.children[0]
  return link !== undefined && link.type === 'element' && link.properties.dataFootnoteRef !== undefined
}
