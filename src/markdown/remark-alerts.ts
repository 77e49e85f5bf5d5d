/**
 * GitHub alerts (`> [!NOTE]`): remark-github-blockquote-alert, then their
 * titles in the site's language (remark-alert-titles.ts). Both walk the whole
 * tree looking for blockquotes; most posts have none, so a scan of the block
 * containers (where alone a blockquote can be) decides first whether they run.
 */
import type { Root } from 'mdast'
import { remarkAlert } from 'remark-github-blockquote-alert'
import remarkAlertTitles, { type AlertTitleOptions } from './remark-alert-titles.js'

/** Node types that can hold a blockquote among their children. */
const containers = new Set(['root', 'blockquote', 'list', 'listItem', 'footnoteDefinition'])

/** Whether `tree` has a blockquote anywhere. */
export function hasBlockquote(tree: Root): boolean {
  const stack: Array<{ type: string; children?: unknown[] }> = [tree]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'blockquote') return true
    if (containers.has(node.type) && node.children) {
      for (const child of node.children) stack.push(child as { type: string; children?: unknown[] })
    }
  }
  return false
}

/** Turn alert blockquotes into alerts with titles in `language`; skip trees without blockquotes. */
export default function remarkAlerts(options: AlertTitleOptions) {
  // Its attacher uses no processor: called directly, with its defaults as before.
  const alerts = (remarkAlert as unknown as () => (tree: Root) => void)()
  const titles = remarkAlertTitles(options)
  return function (tree: Root): undefined {
    if (!hasBlockquote(tree)) return
    alerts(tree)
    titles(tree)
  }
}
