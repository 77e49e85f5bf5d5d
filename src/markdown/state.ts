/**
 * Per-file state shared by the Markdown plugins. It lives on `file.data`, so
 * the frozen processor itself stays stateless and can be reused for every post.
 */
import type { VFile } from 'vfile'
import type { Heading, Reference, TextMetrics, TocItem } from '../types.js'

/** What the plugins collect about one body while it is processed. */
export interface BodyState {
  references: Reference[]
  headings: Heading[]
  toc: TocItem[]
  metrics: TextMetrics
  math: boolean
  code: boolean
  hasMore: boolean
  excerptHtml: string
  excerptText: string
  /** The first level-1 heading's text, when it was taken out as the title. */
  title?: string
}

declare module 'vfile' {
  interface DataMap {
    /** Collected by the plugins of `src/markdown/`. */
    inkstoneMarkdown: BodyState
    /** Take the first level-1 heading out of the body as the title (a post without `title`). */
    inkstoneTitleFromBody: boolean
    /** How `$…$` is read in this body (default `true`: always math, invalid TeX an error). */
    inkstoneMath: import('../types.js').MathMode
  }
}

/** A fresh, empty state (one per render). */
export function emptyState(): BodyState {
  return {
    references: [],
    headings: [],
    toc: [],
    metrics: { cjkChars: 0, latinWords: 0, words: 0, readingMinutes: 1 },
    math: false,
    code: false,
    hasMore: false,
    excerptHtml: '',
    excerptText: ''
  }
}

/** The state of `file`, created on first use so plugins also work on their own (in tests). */
export function stateOf(file: VFile): BodyState {
  let state = file.data.inkstoneMarkdown
  if (!state) {
    state = emptyState()
    file.data.inkstoneMarkdown = state
  }
  return state
}

/**
 * Record a reference and return the placeholder that stands for its URL.
 *
 * @returns `inkstone-ref:N`, N being the index in `references`.
 */
export function addReference(file: VFile, reference: Reference): string {
  const references = stateOf(file).references
  references.push(reference)
  return `inkstone-ref:${references.length - 1}`
}
