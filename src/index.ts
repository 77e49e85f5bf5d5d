/**
 * Inkstone's programmatic API, what `import … from 'inkstone'` reaches: build a site, load a site (config,
 * content and site graph, without rendering), and the types a build result and a theme are made of.
 * Everything else under src/ is internal and may change without notice.
 */
import { resolve } from 'node:path'
import { build as runBuild, cacheDirOf, type BuildResult } from './build.js'
import { loadConfig } from './config/load.js'
import { loadPluginConfig, withPlugins } from './config/markdown-plugins.js'
import { discover } from './content/discover.js'
import { parseEntries } from './parse-entries.js'
import { OpenFiles } from './cache/open-files.js'
import { noGitDates, readGitDates } from './git/dates.js'
import { gitProblems, withGitDates } from './git/apply.js'
import { buildSiteGraph, type SiteGraph } from './site/graph.js'
import type { BuildFlags, Problem, SiteConfig } from './types.js'

export type { BuildResult } from './build.js'
export type { SiteGraph, Post, Tag, Column, Page, ArchiveYear, ArchiveMonth } from './site/graph.js'
export type { SiteImage } from './render/site-image.js'
export type {
  SiteConfig, Problem, Place, BuildFlags, Entry, PostEntry, ColumnEntry, PageEntry, RenderedBody, Heading, TocItem, SiteDate, OutputFile
} from './types.js'
// The theme's side: the view-models templates receive, the Theme they export, and the JSX types (the JSX
// factory itself is `inkstone/jsx`).
export type * from './render/view-types.js'
export type { Node, Child, Raw } from './render/jsx.js'
export { formatReport, formatProblem, sortProblems } from './report/format.js'

/** Which site, and which of its posts: the options loadSite and build share. */
export interface SiteOptions {
  /** The site root: the folder holding `content/site.yaml` (absolute, or relative to the working directory). */
  root: string
  /** Include posts with `draft: true` (default false). */
  drafts?: boolean
  /** Include posts dated after `now` (default false). */
  future?: boolean
  /** Replace `url` from site.yaml. */
  baseUrl?: string
  /** The current time in ms (default: the clock); decides which posts are in the future. */
  now?: number
  /** Read and write the persistent cache in `<root>/.inkstone-cache` (default true). */
  cache?: boolean
}

/** Options of build(): the site, and where its output goes. */
export interface BuildSiteOptions extends SiteOptions {
  /** The output folder (default `<root>/dist`). */
  outDir?: string
  /** Write the output folder (default true); false only makes the files, in `result.files`. */
  write?: boolean
  /** Worker threads for parsing: 0 parses in this thread (default: decided by the work and the cores). */
  workers?: number
}

/** A loaded site: its config, its site graph, and every problem found on the way. */
export interface LoadedSite {
  /** No problem is an error. */
  ok: boolean
  /** Errors and warnings, as the CLI prints them (formatReport). */
  problems: Problem[]
  config: SiteConfig
  /** Absent when the config has an error (nothing else is read then). */
  graph?: SiteGraph
  /**
   * Close the cache files the entries read their bodies' HTML from (kept open until then: the bodies are
   * read when used). Call it when done with the graph.
   */
  close(): void
}

function flagsOf(options: SiteOptions): BuildFlags {
  return { drafts: options.drafts === true, future: options.future === true, ...(options.baseUrl !== undefined ? { baseUrl: options.baseUrl } : {}) }
}

/**
 * Build a site into its output folder, as `inkstone build` does. The output folder changes only when the
 * build has no error, and then all at once.
 *
 * @param options The site root, flags, output folder.
 * @returns Whether it succeeded, its problems, and counts of what it wrote.
 */
export async function build(options: BuildSiteOptions): Promise<BuildResult> {
  return runBuild({
    root: options.root,
    outDir: options.outDir,
    flags: flagsOf(options),
    now: options.now ?? Date.now(),
    cache: options.cache,
    write: options.write,
    workers: options.workers
  })
}

/**
 * Load a site without rendering it: the config, every post, column and page parsed, and the site graph
 * (posts newest first, tags, columns, pages, archives). Writes nothing but the parse cache.
 *
 * @param options The site root and flags.
 * @returns Config, graph and problems.
 */
export async function loadSite(options: SiteOptions): Promise<LoadedSite> {
  const root = resolve(options.root)
  const flags = flagsOf(options)
  const loaded = await loadConfig(root, flags.baseUrl)
  const plugins = await loadPluginConfig(root, options.cache !== false ? cacheDirOf(root) : undefined)
  const problems = [...loaded.problems, ...plugins.problems]
  const config = withPlugins(loaded.config, plugins)
  const openFiles = new OpenFiles()
  const close = (): void => openFiles.closeAll()
  if (problems.some((p) => p.fatal)) return { ok: false, problems, config, close }
  const sources = await discover(root)
  const gitDatesRead = config.updatedFromGit ? readGitDates(root) : Promise.resolve(noGitDates())
  const parsed = await parseEntries({ root, sources, config, configText: loaded.text, cacheDir: cacheDirOf(root), useCache: options.cache !== false, openFiles })
  problems.push(...parsed.problems)
  const gitDates = await gitDatesRead
  problems.push(...gitProblems(gitDates))
  const entries = withGitDates(parsed.entries, gitDates, config.timezone)
  for (const entry of entries) problems.push(...entry.problems)
  const graph = buildSiteGraph({ entries, config, flags, now: options.now ?? Date.now() })
  problems.push(...graph.problems)
  return { ok: !problems.some((p) => p.fatal), problems, config, graph, close }
}
