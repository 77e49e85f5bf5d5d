/**
 * Highlight fenced code at build time with Shiki, in light and dark colours
 * at once (CSS variables, no client JavaScript). Blocks in a language Shiki
 * does not know stay plain `<pre><code>` and get a warning.
 */
import type { Element, Root } from 'hast'
import { toString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import { report } from '../messages.js'
import { codeKey, decodeHighlighted, encodeHighlighted } from './code-memo.js'
import { reusedBlock, shareBlock } from './code-reuse.js'
import { getHighlighter, isKnownLanguage, loadLanguages, themes } from './highlighter.js'
import { stateOf } from './state.js'
import { walkElements } from './walk.js'

/** Options of `rehypeShikiHighlight`. */
export interface ShikiHighlightOptions {
  /** Highlight at all (config `highlight`); when false only `RenderedBody.code` is set. */
  highlight: boolean
}

/** A `<pre><code>` block found in the tree. */
interface Block {
  pre: Element
  parent: Root | Element
  lang: string
}

/** Replace fenced code blocks by Shiki's highlighted HTML; flag the body as having code. */
export default function rehypeShikiHighlight(options: ShikiHighlightOptions) {
  return async function (tree: Root, file: VFile): Promise<undefined> {
    const blocks: Block[] = []
    walkElements(tree, function (node, parent) {
      if (node.tagName !== 'pre') return
      const code = node.children[0]
      if (!code || code.type !== 'element' || code.tagName !== 'code') return false
      const lang = languageOf(code)
      // ```math blocks are KaTeX's, not code.
      if (lang !== 'math') blocks.push({ pre: node, parent, lang: lang ?? 'text' })
      return false
    })
    if (blocks.length === 0) return
    stateOf(file).code = true
    if (!options.highlight) return

    const known = blocks.filter(function (block) {
      if (isKnownLanguage(block.lang)) return true
      report(file, 'unknown-language', `Unknown code language \`${block.lang}\``, block.pre.position)
      return false
    })
    if (known.length === 0) return

    // Blocks the last parse of this file highlighted come from its memo (see
    // code-memo.ts), blocks another post of this process had from code-reuse.ts;
    // Shiki starts only for the others.
    const memo = file.data.inkstoneCodeMemo
    const todo: Array<Block & { key: string; text: string; highlighted?: Element; compact?: string }> = known.map((block) => {
      const text = toString(block.pre).replace(/\n$/, '')
      const key = codeKey(block.lang, text)
      const remembered = memo?.previous?.get(key) ?? reusedBlock(key)
      const highlighted = remembered === undefined ? undefined : decodeHighlighted(remembered)
      return { ...block, key, text, highlighted, compact: highlighted ? remembered : undefined }
    })
    const fresh = todo.filter((block) => !block.highlighted)
    if (fresh.length > 0) {
      const highlighter = await getHighlighter()
      await loadLanguages(highlighter, new Set(fresh.map((block) => block.lang)))
      for (const block of fresh) {
        // No time limit: Shiki's default (500 ms a line) silently leaves the rest of a line
        // uncoloured when the machine is busy or a grammar compiles on first use, which made
        // output depend on load (seen in tests) and would poison the content-hash cache.
        const result = highlighter.codeToHast(block.text, { lang: block.lang, themes, defaultColor: false, tokenizeTimeLimit: 0 })
        const highlighted = result.children[0]
        if (highlighted && highlighted.type === 'element') block.highlighted = highlighted
      }
    }

    for (const { pre, parent, lang, key, highlighted, compact: remembered } of todo) {
      if (!highlighted) continue
      const compact = remembered ?? encodeHighlighted(highlighted)
      if (compact !== undefined) {
        memo?.made.push([key, compact])
        shareBlock(key, compact)
      }
      // Themes may style by language; keep it visible without a class lookup.
      highlighted.properties.dataLanguage = lang
      highlighted.position = pre.position
      parent.children[parent.children.indexOf(pre)] = highlighted
    }
  }
}

/** The language of a `<code>` from its `language-x` class, lowercased. */
function languageOf(code: Element): string | undefined {
  const classes = code.properties.className
  if (!Array.isArray(classes)) return undefined
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return name.slice(9).toLowerCase()
  }
  return undefined
}
