/**
 * A small `#` link appended to each heading, with a spoken label, so readers
 * can copy a link to a section. The output of rehype-autolink-headings with
 * `behavior: 'append'` (which this replaces), made in one element walk
 * without unist-util-visit's per-node closures.
 */
import type { Element, Root } from 'hast'
import { headingText } from './rehype-heading-ids.js'
import { walkElements } from './walk.js'

const headings = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Options of `rehypeHeadingAnchors`. */
export interface HeadingAnchorOptions {
  /** Site language: the spoken label is Chinese for `zh*`. */
  language: string
}

/** Append `<a class="heading-anchor" aria-label="…" href="#id">#</a>` to every heading with an id (run after rehype-heading-ids). */
export default function rehypeHeadingAnchors(options: HeadingAnchorOptions) {
  // "#" alone means nothing when spoken; name the section.
  const label = options.language.toLowerCase().startsWith('zh') ? '本节链接：' : 'Permalink: '
  return function (tree: Root): undefined {
    walkElements(tree, function (node) {
      // Footnotes' screen-reader-only heading needs no anchor.
      if (!headings.has(node.tagName) || !node.properties.id || isScreenReaderOnly(node)) return
      node.children.push({
        type: 'element',
        tagName: 'a',
        properties: { className: ['heading-anchor'], ariaLabel: label + headingText(node), href: '#' + String(node.properties.id) },
        children: [{ type: 'text', value: '#' }]
      })
      return false
    })
  }
}

/** Whether `element` is visually hidden (`sr-only`). */
function isScreenReaderOnly(element: Element): boolean {
  const classes = element.properties.className
  return Array.isArray(classes) && classes.includes('sr-only')
}
