/**
 * Word counts and reading time from the Markdown tree, so that code, math and
 * raw HTML (which nobody reads as prose) do not inflate them.
 */
import type { Nodes, Root } from 'mdast'
import type { VFile } from 'vfile'
import type { TextMetrics } from '../types.js'
import { cjkLetterGlobal } from './cjk.js'
import { stateOf } from './state.js'

/**
 * Reading rates. Chinese readers manage roughly 300–500 characters a minute
 * for online prose; 400 is the middle. English adults read 200–250 words a
 * minute; 220 leaves a little room for the technical posts this tool is for.
 */
const cjkPerMinute = 400
const latinPerMinute = 220

/**
 * A non-CJK word: letters, marks and digits, with inner apostrophes, dots or
 * hyphens (`don't`, `3.14`, `well-known`). Numbers count as words. A regex is
 * used rather than `Intl.Segmenter`: same answers for space-separated
 * scripts, several times faster.
 */
const latinWord = /[\p{L}\p{M}\p{N}]+(?:['’.\-][\p{L}\p{M}\p{N}]+)*/gu

/** Node types whose text is not prose. */
const skipped = new Set(['code', 'inlineCode', 'math', 'inlineMath', 'html'])

/** Count CJK characters and other words of the body and store them as the file's metrics. */
export default function remarkTextMetrics() {
  return function (tree: Root, file: VFile): undefined {
    const parts: string[] = []
    gather(tree, parts)
    stateOf(file).metrics = measureText(parts.join(' '))
  }
}

/** Metrics of a plain text. */
export function measureText(text: string): TextMetrics {
  let cjkChars = 0
  const rest = text.replace(cjkLetterGlobal, function () {
    cjkChars++
    return ' '
  })
  const latinWords = rest.match(latinWord)?.length ?? 0
  return {
    cjkChars,
    latinWords,
    words: cjkChars + latinWords,
    readingMinutes: Math.max(1, Math.round(cjkChars / cjkPerMinute + latinWords / latinPerMinute))
  }
}

/** Push the prose text of `node` onto `parts`. */
function gather(node: Nodes, parts: string[]): void {
  if (skipped.has(node.type)) return
  if (node.type === 'text') {
    parts.push(node.value)
    return
  }
  // The alert plugin adds a "NOTE"/"TIP" title paragraph; it is decoration, not prose.
  const props = node.data?.hProperties as { className?: unknown } | undefined
  if (props && props.className === 'markdown-alert-title') return
  if ('children' in node) for (const child of node.children) gather(child as Nodes, parts)
}
