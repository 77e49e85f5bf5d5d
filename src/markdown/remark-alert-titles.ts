/**
 * Titles of GitHub alerts in the site's language: remark-github-blockquote-alert
 * writes "Note", "Tip", … in English; a Chinese blog shows 注意, 提示, ….
 */
import type { Blockquote, Root } from 'mdast'
import { visit } from 'unist-util-visit'

const zh: Record<string, string> = { note: '注意', tip: '提示', important: '重要', warning: '警告', caution: '小心' }

/** Options: the site's language (BCP 47). */
export interface AlertTitleOptions {
  language: string
}

/** Replace alert titles for languages other than English. */
export default function remarkAlertTitles(options: AlertTitleOptions) {
  const words = options.language.toLowerCase().startsWith('zh') ? zh : undefined
  return (tree: Root): void => {
    if (!words) return
    visit(tree, 'blockquote', (node: Blockquote) => {
      const data = node.data as { hProperties?: { className?: unknown } } | undefined
      const classes = data?.hProperties?.className
      if (!Array.isArray(classes) || !classes.includes('markdown-alert')) return
      const type = (classes as string[]).find((c) => c.startsWith('markdown-alert-'))?.slice('markdown-alert-'.length)
      const title = (node as { children: Array<{ type: string; children?: Array<{ type: string; value?: string }> }> }).children[0]
      const text = title?.children?.find((c) => c.type === 'text')
      if (type && text && words[type]) text.value = words[type]
    })
  }
}
