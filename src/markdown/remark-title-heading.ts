/**
 * A post without `title` in its front matter takes the text of its first
 * level-1 heading as the title (plain Markdown folders, GitHub-issue dumps);
 * the heading is taken out of the body so the page does not show it twice.
 * Only top-level headings count (not one inside a quote or a list).
 */
import type { Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { VFile } from 'vfile'
import { stateOf } from './state.js'

/** Take the first `# heading` out as the title when `file.data.inkstoneTitleFromBody` asks for it. */
export default function remarkTitleHeading() {
  return function (tree: Root, file: VFile): undefined {
    if (!file.data.inkstoneTitleFromBody) return
    const index = tree.children.findIndex((node) => node.type === 'heading' && node.depth === 1)
    if (index === -1) return
    const title = toString(tree.children[index]).replace(/\s+/g, ' ').trim()
    if (title === '') return
    stateOf(file).title = title
    tree.children.splice(index, 1)
  }
}
