/**
 * Limits on one content file, checked before its Markdown is parsed (see the
 * README's Safety section): the file's size, and how deep its block
 * containers (block quotes, list items) nest. The Markdown stack recurses
 * once per level of nesting and overflows the stack at about a thousand; and
 * its parse time grows faster than the size of deeply nested text.
 */
import type { Place } from '../types.js'

/** Deepest nesting of block quotes and list items a Markdown body may have. */
export const MAX_BLOCK_DEPTH = 100

/** Default largest content file, in bytes (`limits.file_size` in site.yaml). */
export const DEFAULT_FILE_SIZE = 10 * 1024 * 1024

/** A block-container marker: up to 3 spaces, then `>`, or a bullet or ordinal followed by a space or the line's end. */
const marker = /^ {0,3}(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/

/**
 * How deep the block containers of a Markdown text nest, and where first
 * deepest, without parsing it: counts the markers that open each line
 * (`> > - 1.`), on top of the list items still open by indentation. An
 * estimate that errs high (a fenced block of list-like lines counts), cheap
 * and linear, meant to be compared with MAX_BLOCK_DEPTH.
 *
 * @param text Markdown text.
 * @returns The deepest nesting and its place (1-based).
 */
export function blockDepth(text: string): { depth: number; place: Place } {
  let best = { depth: 0, place: { line: 1, column: 1 } }
  /** Content columns of the list items open by indentation. */
  const open: number[] = []
  let line = 0
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    line++
    const indent = /^[ \t]*/.exec(text.slice(start, Math.min(end, start + 4096)))![0].length
    if (indent < end - start) {
      while (open.length > 0 && open[open.length - 1] > indent) open.pop()
      let depth = open.length
      let at = start + indent
      for (;;) {
        const m = marker.exec(text.slice(at, Math.min(end, at + 16)))
        if (!m) break
        depth++
        at += m[0].length
        while (text[at] === ' ' || text[at] === '\t') at++
        if (!m[0].endsWith('>')) open.push(at - start)
      }
      if (depth > best.depth) best = { depth, place: { line, column: indent + 1 } }
    }
    start = end + 1
  }
  return best
}
