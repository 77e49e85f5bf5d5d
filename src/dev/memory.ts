/**
 * The in-memory fast path of `inkstone dev`: what one build leaves for the
 * next one in the same process, so that a one-file edit neither reads nor
 * hashes the other 3,999 files, nor deserialises the entry cache; nor lists
 * the sources, parses the config, loads the theme or runs git again unless
 * they changed; and patches the site graph instead of rebuilding it when
 * the edit changed nothing the graph reads.
 *
 * Correctness rests on two facts: a parsed entry is a pure function of its
 * file's bytes, kind, bundle assets, referenced files and the config (the
 * same facts the persistent cache keys on), and the watcher reports every
 * changed path. When in doubt (`changed` undefined: first build, a folder
 * was added or removed, or the config changed) everything is read again.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { Entry, Problem, SiteConfig } from '../types.js'
import { buildSiteGraph, graphFacts, type GraphInput, type SiteGraph } from '../site/graph.js'
import { discover, type SourceRef } from '../content/discover.js'
import { configDigest } from '../cache/digest.js'
import { CONFIG_PATH, loadConfig } from '../config/load.js'
import { loadTheme, type LoadedTheme } from '../render/theme.js'
import { gitDirOf, headStamp, noGitDates, readGitDates, type GitDates } from '../git/dates.js'
import { fingerprint, parseEntries, type ParseInput, type ParseStats } from '../parse-entries.js'

interface Remembered {
  /** Kind and bundle assets of the source when parsed. */
  key: string
  /** Content hashes of referenced files (see `fingerprint`). */
  assets: string
  entry: Entry
}

/** State carried from one build to the next (pass the same object to every build). */
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
  /** The last site graph and what it was built from (entries by path). */
  graph?: {
    graph: SiteGraph
    entries: Map<string, Entry>
    config: SiteConfig
    flags: string
    now: number
    /** The graph's post, page or column of each entry (made on the first patch). */
    owners?: Map<Entry, { entry: Entry }>
    undo?: () => void
  }
}

/**
 * The site graph, patched instead of rebuilt when the only changed entries
 * changed in their bodies' HTML and in nothing the graph reads (see
 * graphFacts): the common edit of a post's text. The patch swaps the new
 * entries into the graph's posts, pages or columns, which is exactly what a
 * rebuild would give. Anything else (a new, removed or renamed file; a
 * changed title, date, tag, heading or link; an entry with an error; a
 * post's date passed since the last build; another config) builds it anew.
 *
 * @param memory State from the last build (updated in place).
 * @param input What buildSiteGraph takes.
 * @returns The graph.
 */
export function graphWithMemory(memory: BuildMemory, input: GraphInput): SiteGraph {
  const flags = JSON.stringify(input.flags)
  const last = memory.graph
  if (last) last.undo = undefined
  if (last && last.config === input.config && last.flags === flags && last.entries.size === input.entries.length) {
    const swaps: Array<[Entry, Entry]> = []
    let same = true
    for (const entry of input.entries) {
      const before = last.entries.get(entry.path)
      if (before === entry) continue
      if (!before || entry.problems.some((p) => p.fatal) || graphFacts(before) !== graphFacts(entry)) {
        same = false
        break
      }
      swaps.push([before, entry])
    }
    // A post whose date lies between the two builds' "now" changed its `future` flag.
    if (same) same = !input.entries.some((e) => e.kind === 'post' && !e.problems.some((p) => p.fatal) && e.matter.date.ms > last.now !== e.matter.date.ms > input.now)
    if (same) {
      const byEntry = (last.owners ??= new Map([...last.graph.posts, ...last.graph.pages, ...last.graph.columnsById.values()].map((o) => [o.entry, o])))
      const undo: Array<() => void> = []
      for (const [before, entry] of swaps) {
        const owner = byEntry.get(before)
        if (owner) {
          owner.entry = entry
          byEntry.delete(before)
          byEntry.set(entry, owner)
          undo.push(() => {
            owner.entry = before
            byEntry.delete(entry)
            byEntry.set(before, owner)
          })
        }
        last.entries.set(entry.path, entry)
        undo.push(() => void last.entries.set(entry.path, before))
      }
      last.undo = () => undo.reverse().forEach((f) => f())
      last.now = input.now
      return last.graph
    }
  }
  const graph = buildSiteGraph(input)
  memory.graph = { graph, entries: new Map(input.entries.map((e) => [e.path, e])), config: input.config, flags, now: input.now }
  return graph
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
export async function themeWithMemory(memory: BuildMemory, root: string, cacheDir: string): Promise<Awaited<ReturnType<typeof loadTheme>>> {
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
  const parsed = await parseEntries({ ...input, sources: fresh, useCache: false })
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
 * After a failed build: put back the entries the graph patch swapped in, so
 * that the graph the server still shows stays the last good build's.
 *
 * @param memory State from the last build.
 */
export function undoGraphPatch(memory: BuildMemory): void {
  memory.graph?.undo?.()
  if (memory.graph) memory.graph.undo = undefined
}
