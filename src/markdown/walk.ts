/**
 * A cheap depth-first walk over hast elements. unist-util-visit builds a
 * closure per node, which showed up in profiles of a render; the
 * plugins here only need elements, their parent and index.
 */
import type { Element, Root } from 'hast'

/** Return `false` to skip the element's children. */
export type ElementVisitor = (node: Element, parent: Root | Element, index: number) => boolean | void

/**
 * Call `visitor` on every element under `tree`, parents before children, in
 * document order. The visitor may replace `parent.children[index]`; the walk
 * then descends into the replacement.
 */
export function walkElements(tree: Root | Element, visitor: ElementVisitor): void {
  const parents: Array<Root | Element> = [tree]
  const indices: number[] = [0]
  while (parents.length > 0) {
    const top = parents.length - 1
    const parent = parents[top]
    const index = indices[top]
    if (index >= parent.children.length) {
      parents.pop()
      indices.pop()
      continue
    }
    indices[top] = index + 1
    const child = parent.children[index]
    if (child.type !== 'element') continue
    if (visitor(child, parent, index) === false) continue
    const current = parent.children[index]
    if (current && current.type === 'element' && current.children.length > 0) {
      parents.push(current)
      indices.push(0)
    }
  }
}
