/**
 * The one Shiki highlighter of the process (or worker). Creating it and
 * loading grammars are the expensive parts, so it is made lazily, once, and
 * grammars are loaded only when a post first uses them.
 */
import type { Highlighter } from 'shiki'
import { bundledLanguages, type BundledLanguage } from 'shiki/langs'

/** Light and dark themes, switched by CSS variables (see markdown-css.ts). */
export const themes = { light: 'github-light', dark: 'github-dark' } as const

/** Languages Shiki handles without a grammar. */
const plain = new Set(['text', 'txt', 'plain', 'plaintext'])

let pending: Promise<Highlighter> | undefined

/**
 * The shared highlighter. Oniguruma (WASM) rather than the JavaScript regex
 * engine: slower to start, once per worker, but every grammar works exactly
 * as in VS Code, and it highlighted faster (tests/bench/README.md).
 */
export function getHighlighter(): Promise<Highlighter> {
  // Shiki itself is imported here, not at the top: a parse whose code blocks
  // all come from the memo (code-memo.ts) never loads its code.
  pending ??= import('shiki').then(({ createHighlighter, createOnigurumaEngine }) =>
    createHighlighter({
      themes: [themes.light, themes.dark],
      langs: [],
      engine: createOnigurumaEngine(import('shiki/wasm'))
    }))
  return pending
}

/** Whether Shiki can highlight `lang` (a bundled language, alias, or plain text). */
export function isKnownLanguage(lang: string): boolean {
  return plain.has(lang) || Object.hasOwn(bundledLanguages, lang)
}

/** Load the grammars of `langs` that are not loaded yet; all must be known. */
export async function loadLanguages(highlighter: Highlighter, langs: Iterable<string>): Promise<void> {
  const loaded = new Set(highlighter.getLoadedLanguages())
  const missing: BundledLanguage[] = []
  for (const lang of langs) {
    if (!plain.has(lang) && !loaded.has(lang)) missing.push(lang as BundledLanguage)
  }
  if (missing.length > 0) await highlighter.loadLanguage(...missing)
}
