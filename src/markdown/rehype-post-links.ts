/**
 * Links to other Markdown files (`../b.md`, `trip/index.md#某个标题`) become
 * references: the site stage knows which posts are published and what their
 * URLs are, so here the href only becomes a placeholder.
 */
import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { isMarkdownPath, resolveLocal } from './local-paths.js'
import { addReference } from './state.js'
import { walkElements } from './walk.js'

/** Replace hrefs of relative links to `.md` files by `inkstone-ref:N` and record the references. */
export default function rehypePostLinks() {
  return function (tree: Root, file: VFile): undefined {
    walkElements(tree, function (node) {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return
      const local = resolveLocal(node.properties.href, file.path ?? '')
      if (!local || !isMarkdownPath(local.target)) return
      const start = node.position?.start
      node.properties.href = addReference(file, {
        kind: 'link',
        target: local.target,
        fragment: local.fragment,
        line: start?.line ?? 0,
        column: start?.column ?? 0
      })
    })
  }
}
