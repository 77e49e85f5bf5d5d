/**
 * The stages of a build that read the site root and make the site graph, as
 * one replaceable set: a
 * caller that runs many builds of one site (the dev server) supplies its own,
 * which remember the last build's results and read again only what changed.
 * Whatever it supplies must give what the default stage would give for the
 * same files; the build does not know where the results came from.
 */
import type { Entry, Problem, SiteConfig } from './types.js'
import { loadConfig } from './config/load.js'
import { discover, type SourceRef } from './content/discover.js'
import { readGitDates, type GitDates } from './git/dates.js'
import { loadTheme, type LoadedTheme } from './render/theme.js'
import { parseEntries, type ParseInput, type ParseStats } from './parse-entries.js'
import { buildSiteGraph, type GraphInput, type SiteGraph } from './site/graph.js'

/** The stages a build reads the site root with. */
export interface BuildStages {
  /** Read and check `content/site.yaml` (config/load.ts). */
  loadConfig(root: string, baseUrl: string | undefined): Promise<{ config: SiteConfig; problems: Problem[]; text: string }>
  /** Find the sources (content/discover.ts). */
  discover(root: string): Promise<SourceRef[]>
  /** The edited dates from git (git/dates.ts); called only when the config asks for them. */
  readGitDates(root: string): Promise<GitDates>
  /** Load the theme (render/theme.ts); `cacheDir` undefined: compile it without the cache. */
  loadTheme(root: string, cacheDir: string | undefined): Promise<LoadedTheme | { problems: Problem[] }>
  /** Parse every source into an entry (parse-entries.ts); `preread` bytes, when given, are the sources' in order. */
  parseEntries(input: ParseInput): Promise<{ entries: Entry[]; problems: Problem[]; stats: ParseStats }>
  /** Make the site graph from the entries (site/graph.ts). */
  siteGraph(input: GraphInput): SiteGraph
}

/** The stages of a single build: each reads what it needs. */
export const defaultStages: BuildStages = { loadConfig, discover, readGitDates, loadTheme, parseEntries, siteGraph: buildSiteGraph }
