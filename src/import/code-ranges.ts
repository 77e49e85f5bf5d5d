/**
 * Where a Markdown body holds code (fenced or indented blocks, inline code
 * spans), found with a real parse (remark-parse and its positions): the
 * import never converts anything inside them.
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import { visit } from 'unist-util-visit'

/** A half-open range of offsets `[start, end)`. */
export type Range = [number, number]

const parser = unified().use(remarkParse)

/**
 * The code ranges of a Markdown text, sorted by start.
 *
 * @param text Markdown (no front matter).
 * @returns Ranges of code blocks and code spans.
 */
export function codeRanges(text: string): Range[] {
  const tree = parser.parse(text)
  const ranges: Range[] = []
  visit(tree, (node) => {
    if ((node.type === 'code' || node.type === 'inlineCode') && node.position) {
      const start = node.position.start.offset
      const end = node.position.end.offset
      if (start !== undefined && end !== undefined) ranges.push([start, end])
    }
  })
  return ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}

/**
 * Whether an offset lies inside one of the ranges.
 *
 * @param ranges Sorted ranges.
 * @param offset Offset.
 * @returns True when inside.
 */
export function inRanges(ranges: Range[], offset: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const [start, end] = ranges[mid]
    if (offset < start) hi = mid - 1
    else if (offset >= end) lo = mid + 1
    else return true
  }
  // Ranges may nest (a code span cannot be inside a block, but be safe): fall back to a scan.
  return ranges.some(([s, e]) => offset >= s && offset < e)
}
