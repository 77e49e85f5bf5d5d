/**
 * The in-memory fast path of `inkstone dev`: what one build leaves for the
 * next one in the same process, so that a one-file edit neither reads nor
 * hashes the other 3,999 files, nor deserialises the entry cache; nor lists
 * the sources, parses the config, loads the theme or runs git again unless
 * they changed; and patches the site graph instead of rebuilding it when
 * the edit changed nothing the graph reads. The dev session hands these
 * stages to build() (buildWithMemory); the build does not know they remember.
 *
 * Correctness rests on two facts: a parsed entry is a pure function of its
 * file's bytes, kind, bundle assets, referenced files and the config (the
 * same facts the persistent cache keys on), and the watcher reports every
 * changed path. When in doubt (`changed` undefined: first build, a folder
 * was added or removed, or the config changed) everything is read again.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Entry, Problem } from '../types.js'
import { graphWithMemory, undoGraphPatch, type GraphMemory } from './graph-patch.js'
import { discover, type SourceRef } from '../content/discover.js'
import { configDigest } from '../cache/digest.js'
import { CONFIG_PATH, loadConfig } from '../config/load.js'
import { loadTheme, type LoadedTheme } from '../render/theme.js'
import { gitDirOf, headStamp, noGitDates, readGitDates, type GitDates } from '../git/dates.js'
import { parseEntries, type ParseInput, type ParseStats } from '../parse-entries.js'
import { fingerprint } from '../content/asset-fingerprint.js'
import type { BuildStages } from '../build-stages.js'
import { build, type BuildOptions, type BuildResult } from '../build.js'

interface Remembered {
  /** Kind and bundle assets of the source when parsed. */
  key: string
  /** Content hashes of referenced files (see `fingerprint`). */
  assets: string
  entry: Entry
}

/** State carried from one build to the next (the same object for every build of a session). */
export interface BuildMemory {
  /**
   * Root-relative paths that may have changed since the last build; the dev
   * session sets it before each build. Undefined means unknown: read everything.
   */
  changed?: Set<string>
  /** Entries of the last build, by source path. */
  parse?: { digest: string; records: Map<string, Remembered>; sources: SourceRef[] }
  /** The config as last loaded, with the text and base URL it came from. */
  config?: { text: string; baseUrl: string | undefined; loaded: Awaited<ReturnType<typeof loadConfig>> }
  /** The sources last discovered. */
  sources?: SourceRef[]
  /** The theme last loaded without problems. */
  theme?: LoadedTheme
  /** The repository folder (null: not in a work tree) and the dates read at a HEAD stamp. */
  git?: { dir: string | null; stamp?: string; dates?: GitDates }
  /** The last site graph and what it was built from (graph-patch.ts). */
  graph?: GraphMemory
}

/**
 * Forget everything remembered (after an internal error): the next build reads all again.
 *
 * @param memory State to clear.
 */
export function forget(memory: BuildMemory): void {
  for (const key of Object.keys(memory) as Array<keyof BuildMemory>) delete memory[key]
}

/**
 * The config, parsed again only when the file's text or the base URL
 * override changed (reading it costs far less than parsing it).
 *
 * @param memory State from the last build (updated in place).
 * @param root Site root.
 * @param baseUrl The `--base-url` override.
 * @returns What loadConfig returns.
 */
export async function configWithMemory(memory: BuildMemory, root: string, baseUrl: string | undefined): Promise<Awaited<ReturnType<typeof loadConfig>>> {
  let text: string | undefined
  try {
    text = readFileSync(join(root, CONFIG_PATH), 'utf8')
  } catch {
    text = undefined
  }
  const last = memory.config
  if (last && text !== undefined && last.text === text && last.baseUrl === baseUrl) return last.loaded
  const loaded = await loadConfig(root, baseUrl)
  memory.config = { text: loaded.text, baseUrl, loaded }
  return loaded
}

/**
 * The sources, listed again unless every changed path is a source file the
 * last listing had and that still exists (an edit, not an add or remove).
 *
 * @param memory State from the last build (updated in place).
 * @param root Site root.
 * @returns Sources.
 */
export async function sourcesWithMemory(memory: BuildMemory, root: string): Promise<SourceRef[]> {
  const last = memory.sources
  const changed = memory.changed
  if (last && changed) {
    const known = new Set(last.map((s) => s.path))
    if ([...changed].every((path) => !path.startsWith('content/') || (known.has(path) && statSync(join(root, path), { throwIfNoEntry: false })?.isFile()))) return last
  }
  return (memory.sources = await discover(root))
}

/**
 * The theme, loaded again only when a changed path is one of its inputs or
 * lies under `templates/` (a template added), or the change set is unknown.
 *
 * @param memory State from the last build (updated in place).
 * @param root Site root.
 * @param cacheDir Cache folder.
 * @returns What loadTheme returns.
 */
export async function themeWithMemory(memory: BuildMemory, root: string, cacheDir: string | undefined): Promise<Awaited<ReturnType<typeof loadTheme>>> {
  const last = memory.theme
  const changed = memory.changed
  if (last && changed) {
    const inputs = new Set(last.inputs)
    if (![...changed].some((path) => path.startsWith('templates/') || inputs.has(join(root, path)))) return last
  }
  const theme = await loadTheme(root, cacheDir)
  memory.theme = 'problems' in theme ? undefined : theme
  return theme
}

/**
 * Dates from git, read again only when HEAD moved (a commit, a checkout) or
 * the clone's depth changed: `git log` lists commits, and edits to files
 * do not change them.
 *
 * @param memory State from the last build (updated in place).
 * @param root Site root.
 * @returns Git dates.
 */
export async function gitDatesWithMemory(memory: BuildMemory, root: string): Promise<GitDates> {
  memory.git ??= { dir: (await gitDirOf(root)) ?? null }
  const { dir } = memory.git
  if (dir === null) return noGitDates()
  const stamp = headStamp(dir)
  if (memory.git.dates && memory.git.stamp === stamp) return memory.git.dates
  const dates = await readGitDates(root)
  memory.git = { dir, stamp, dates }
  return dates
}

const keyOf = (source: SourceRef): string => `${source.kind}\0${source.assets.join('\0')}`


/**
 * Parse the sources, reusing the entries of the last build for files the
 * watcher did not report. Falls back to parseEntries (with the persistent
 * cache) for everything when the change set is unknown.
 *
 * @param memory State from the last build (updated in place).
 * @param input The same input parseEntries takes.
 * @returns What parseEntries returns.
 */
export async function parseWithMemory(
  memory: BuildMemory,
  input: ParseInput
): Promise<{ entries: Entry[]; problems: Problem[]; stats: ParseStats }> {
  const digest = configDigest(input.configText, undefined, input.config.plugins?.digest)
  const last = memory.parse?.digest === digest ? memory.parse : undefined
  const changed = memory.changed
  if (!last || !changed) {
    // Without a known change set, the persistent cache does the work.
    const parsed = await parseEntries(input)
    const records = new Map<string, Remembered>()
    const byPath = new Map(parsed.entries.map((e) => [e.path, e]))
    for (const source of input.sources) {
      const entry = byPath.get(source.path)
      if (entry) records.set(source.path, { key: keyOf(source), assets: await fingerprint(input.root, entry), entry })
    }
    memory.parse = { digest, records, sources: input.sources }
    return parsed
  }
  // Which sources to parse again: the changed ones, new ones, and those whose referenced files changed.
  const known = last.records
  const stale = new Set<string>()
  const check: Array<Promise<void>> = []
  const sameList = last.sources === input.sources
  for (const source of input.sources) {
    const record = known.get(source.path)
    if (!record || changed.has(source.path) || (!sameList && record.key !== keyOf(source))) stale.add(source.path)
    // Only entries that reference files (images) need a stat of them.
    else if (record.assets !== '') check.push(fingerprint(input.root, record.entry).then((f) => void (f !== record.assets && stale.add(source.path))))
  }
  await Promise.all(check)
  const fresh = input.sources.filter((s) => stale.has(s.path))
  // Bytes and hashes the build may have read are those of all the sources, in their order: not of this subset.
  const parsed = await parseEntries({ ...input, sources: fresh, useCache: false, preread: undefined, contentHashes: undefined })
  const records = sameList ? known : new Map<string, Remembered>()
  const byPath = new Map(parsed.entries.map((e) => [e.path, e]))
  const entries: Entry[] = []
  for (const source of input.sources) {
    const parsedEntry = byPath.get(source.path)
    if (parsedEntry) records.set(source.path, { key: keyOf(source), assets: await fingerprint(input.root, parsedEntry), entry: parsedEntry })
    else if (stale.has(source.path)) records.delete(source.path)
    else if (!sameList) records.set(source.path, known.get(source.path)!)
    const entry = records.get(source.path)?.entry
    if (entry) entries.push(entry)
  }
  memory.parse = { digest, records, sources: input.sources }
  return { entries, problems: parsed.problems, stats: { ...parsed.stats, cached: parsed.stats.cached + input.sources.length - fresh.length } }
}

/**
 * The build stages of a dev session: each remembers its last result in `memory` and reads again only what
 * `memory.changed` says may have changed.
 *
 * @param memory State kept between the session's builds (the same object every time).
 * @returns Stages for build().
 */
export function memoryStages(memory: BuildMemory): BuildStages {
  return {
    loadConfig: (root, baseUrl) => configWithMemory(memory, root, baseUrl),
    discover: (root) => sourcesWithMemory(memory, root),
    readGitDates: (root) => gitDatesWithMemory(memory, root),
    loadTheme: (root, cacheDir) => themeWithMemory(memory, root, cacheDir),
    parseEntries: (input) => parseWithMemory(memory, input),
    siteGraph: (input) => graphWithMemory(memory, input)
  }
}

/**
 * Build with the memory's stages; after a failed build, put the graph the server still shows back as it was.
 *
 * @param memory State kept between the session's builds (its `changed` set for this build).
 * @param options The build's options (lazy, for the dev server).
 * @returns What build() returns.
 */
export async function buildWithMemory(memory: BuildMemory, options: Omit<BuildOptions, 'stages'>): Promise<BuildResult> {
  const result = await build({ ...options, stages: memoryStages(memory) })
  if (!result.ok) undoGraphPatch(memory)
  return result
}
