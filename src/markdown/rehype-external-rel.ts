/**
 * Links to other sites get `rel="noopener noreferrer"`: opener isolation and
 * no referrer leak; new tabs are the reader's choice. The output of
 * rehype-external-links with `rel: ['noopener', 'noreferrer']` (which this
 * replaces), made in one element walk without unist-util-visit's per-node
 * closures.
 */
import type { Root } from 'hast'
import { walkElements } from './walk.js'

/** A URL with a scheme (`https:`, `mailto:`), not a Windows path (`C:\`); as is-absolute-url decides. */
const absolute = /^[a-zA-Z][a-zA-Z\d+\-.]*?:/
const windowsPath = /^[a-zA-Z]:\\/

/** Whether `href` points to another site: `http:`, `https:` or protocol-relative `//`. */
export function isExternalHref(href: string): boolean {
  if (!windowsPath.test(href) && absolute.test(href)) {
    const scheme = href.slice(0, href.indexOf(':'))
    return scheme === 'http' || scheme === 'https'
  }
  return href.startsWith('//')
}

/** Set `rel` to `noopener noreferrer` on every `<a>` whose href is external. */
export default function rehypeExternalRel() {
  return function (tree: Root): undefined {
    walkElements(tree, function (node) {
      if (node.tagName === 'a' && typeof node.properties.href === 'string' && isExternalHref(node.properties.href)) {
        node.properties.rel = ['noopener', 'noreferrer']
      }
    })
  }
}
