/**
 * Render `$…$`, `$$…$$` and ```` ```math ```` with KaTeX at build time, and
 * turn KaTeX failures into our own `invalid-tex` errors. In math mode `auto`
 * (file.data.inkstoneMath) a formula KaTeX cannot parse stays as the text
 * it was, with an `invalid-tex` warning; in mode `false` nothing is math.
 *
 * Output is KaTeX's default `htmlAndMathml`: the HTML draws the formula, the
 * hidden MathML is what screen readers speak. The extra bytes are worth it.
 */
import type { Element, ElementContent, Root } from 'hast'
import { toText } from 'hast-util-to-text'
import type { VFile } from 'vfile'
import { report } from '../messages.js'
import { stateOf } from './state.js'
import { walkElements } from './walk.js'

/** Classes remark-math and fenced ```math blocks put on math code. */
const mathClasses = new Set(['language-math', 'math-inline', 'math-display'])

/**
 * rehype-katex's transformer, imported on first use: KaTeX and the HTML
 * parser rehype-katex brings are a large part of the Markdown stack's code,
 * and most posts have no math.
 */
let katex: Promise<(tree: Root, file: VFile) => void> | undefined

/** KaTeX's parser, for the formulas of `auto` mode (imported on first use, like rehype-katex). */
let parser: Promise<(tex: string, displayMode: boolean) => void> | undefined

/** KaTeX rendering with Inkstone messages; sets `RenderedBody.math`. */
export default function rehypeMath() {
  return async function (tree: Root, file: VFile): Promise<undefined> {
    const mode = file.data.inkstoneMath ?? 'true'
    if (mode === 'false' || !hasMath(tree)) return
    if (mode === 'auto' && !(await keepParsable(tree, file))) return
    stateOf(file).math = true
    // `strict: 'ignore'`: KaTeX would otherwise console.warn about e.g. Chinese
    // text in math mode, from inside workers, with no file or line.
    katex ??= import('rehype-katex').then(({ default: rehypeKatex }) => rehypeKatex({ strict: 'ignore' }) as (tree: Root, file: VFile) => void)
    const render = await katex
    const before = file.messages.length
    render(tree, file)
    // rehype-katex reports with its own source and the KaTeX error name as rule; re-issue as ours.
    const theirs = file.messages.splice(before)
    for (const message of theirs) {
      if (message.source !== 'rehype-katex') {
        file.messages.push(message)
        continue
      }
      const detail = message.cause instanceof Error ? message.cause.message : message.reason
      // Display math (`$$`) has its position on the `<pre>`, not on the `<code>` KaTeX reports.
      const place = message.place ?? message.ancestors?.findLast((node) => node.position)?.position
      report(file, 'invalid-tex', `Invalid TeX: ${detail.replace(/^KaTeX parse error: /, '')}`, place)
    }
  }
}

/** Whether the tree has any math for KaTeX (cheap check, skips the KaTeX walk for most posts). */
function hasMath(tree: Root): boolean {
  let found = false
  walkElements(tree, function (node: Element) {
    if (found) return false
    if (node.tagName !== 'code') return
    const classes = node.properties.className
    if (Array.isArray(classes) && classes.some((name) => mathClasses.has(String(name)))) found = true
  })
  return found
}

/**
 * Mode `auto`: turn each formula KaTeX cannot parse back into the text it was
 * (`$…$` inline; a display formula into a plain code block), with a warning.
 *
 * @returns Whether any math is left.
 */
async function keepParsable(tree: Root, file: VFile): Promise<boolean> {
  parser ??= import('katex').then(({ default: katex }) => (tex: string, displayMode: boolean) => {
    katex.renderToString(tex, { displayMode, throwOnError: true, strict: 'ignore' })
  })
  const parse = await parser
  let left = false
  walkElements(tree, function (node: Element, parent: Root | Element, index: number) {
    if (node.tagName !== 'code') return
    const classes = node.properties.className
    if (!Array.isArray(classes) || !classes.some((name) => mathClasses.has(String(name)))) return
    const display = !classes.includes('math-inline')
    const tex = toText(node, { whitespace: 'pre' })
    try {
      parse(tex, display)
      left = true
      return false
    } catch (error) {
      const detail = (error instanceof Error ? error.message : String(error)).replace(/^KaTeX parse error: /, '')
      report(file, 'invalid-tex', `Not read as math, KaTeX cannot parse it (${detail}); it stays text`, node.position ?? parent.position, { fatal: false })
      if (display) node.properties.className = ['language-tex']
      else parent.children[index] = { type: 'text', value: `$${tex}$` } satisfies ElementContent
      return false
    }
  })
  return left
}
