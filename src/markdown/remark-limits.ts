/**
 * Limits on a parsed Markdown tree, before any other transform walks it
 * (most of them recurse): how deep its nodes nest (inline nesting such as
 * `*a **b *c …` is not seen by content/limits.ts), and how many table cells
 * it makes: remark-rehype pads every row of a table to the header's width, so
 * a wide header over many one-cell rows turns kilobytes into millions of
 * cells.
 */
import type { Root } from 'mdast'
import type { VFile } from 'vfile'

/** Deepest nesting of Markdown nodes. */
export const MAX_TREE_DEPTH = 200

/** Most table cells (rows × header width, summed over tables) in one file. */
export const MAX_TABLE_CELLS = 100_000

/**
 * A limit a file went over: thrown from the transform, reported by
 * content/parse.ts at the file. Recognised there by its name, not its class:
 * the Markdown stack may be loaded from a bundle of its own.
 */
export class LimitError extends Error {
  override readonly name = 'InkstoneLimitError'
  constructor(readonly rule: 'nesting-too-deep' | 'too-many-cells', message: string, readonly place?: { line: number; column: number }) {
    super(message)
  }
}

/** A remark plugin that throws a LimitError when the tree is over a limit. */
export default function remarkLimits() {
  return (tree: Root, _file: VFile): void => {
    let cells = 0
    const stack: Array<[node: { type: string; children?: unknown[]; align?: unknown[] | null; position?: { start: { line: number; column: number } } }, depth: number]> = [[tree, 0]]
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!
      const place = node.position?.start && { line: node.position.start.line, column: node.position.start.column }
      if (depth > MAX_TREE_DEPTH) throw new LimitError('nesting-too-deep', `The Markdown nests more than ${MAX_TREE_DEPTH} levels deep`, place)
      if (node.type === 'table') {
        const rows = node.children ?? []
        const width = Math.max(node.align?.length ?? 0, ...rows.slice(0, 1).map((r) => ((r as { children?: unknown[] }).children ?? []).length))
        cells += rows.length * width
        if (cells > MAX_TABLE_CELLS) throw new LimitError('too-many-cells', `The tables make more than ${MAX_TABLE_CELLS} cells (rows × header columns)`, place)
      }
      if (node.children) for (const child of node.children) stack.push([child as (typeof stack)[number][0], depth + 1])
    }
  }
}
