/**
 * Shapes shared by the modules of `inkstone import`: the source blog read into
 * memory, the files the import writes, and what its report says.
 */

/** The generators an import reads. */
export type SourceKind = 'hexo' | 'jekyll' | 'hugo' | 'markdown'

/** Every file of the source blog, by posix path relative to its root, sorted by path. */
export type SourceTree = Map<string, Buffer>

/** A construct the import left in place for a human, with where it is in the source. */
export interface Leftover {
  /** Source path, posix, relative to the source root. */
  file: string
  line: number
  /** What it is, e.g. `{% include %}`. */
  construct: string
}

/** What an import found and did; the report is written from it. */
export interface ImportReport {
  kind: SourceKind
  counts: { posts: number; drafts: number; pages: number; files: number; columns: number }
  /** Conversion name → how many times it was made. */
  conversions: Map<string, number>
  leftovers: Leftover[]
  /** Settings of the old site that the new one does not carry, with why. */
  settingsDropped: string[]
  /** Things the new engine cannot do yet that the old site did (feed paths, …). */
  engineGaps: string[]
  /** Posts whose old URL differs from the new one (and became an alias). */
  aliased: number
  /** Posts keeping their old URL. */
  kept: number
  /** The chosen permalink pattern. */
  permalink: string
  /** Old URL → new URL of tag and category pages (and their `/page/N/`), written as `redirects:` in site.yaml. */
  listRedirects: Array<[string, string]>
  /** Old feed paths kept by `feed.paths` in site.yaml, with their format. */
  feedPaths: Array<[string, string]>
  /** Other notes, one line each. */
  notes: string[]
}

/** Count one conversion in a report. */
export function count(report: Pick<ImportReport, 'conversions'>, name: string, n = 1): void {
  report.conversions.set(name, (report.conversions.get(name) ?? 0) + n)
}

/** The display name of a generator. */
export function kindName(kind: SourceKind): string {
  return { hexo: 'Hexo', jekyll: 'Jekyll', hugo: 'Hugo', markdown: 'plain Markdown' }[kind]
}
