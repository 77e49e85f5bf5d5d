/**
 * The in-memory fast path of `inkstone dev`: what one build leaves for the
 * next one in the same process, so that a one-file edit neither reads nor
 * hashes the other 3,999 files, nor deserialises the entry cache, nor stats
 * the whole output folder.
 *
 * Correctness rests on two facts: a parsed entry is a pure function of its
 * file's bytes, kind, bundle assets, referenced files and the config (the
 * same facts the persistent cache keys on), and the watcher reports every
 * changed path. When in doubt (`changed` undefined: first build, a folder
 * was added or removed, or the config changed) everything is read again.
 */
import type { Entry, Problem } from '../types.js'
import type { SourceRef } from '../content/discover.js'
import type { Manifest } from '../emit/manifest.js'
import type { DiskState } from '../emit/write.js'
import { configDigest } from '../cache/digest.js'
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
  parse?: { digest: string; records: Map<string, Remembered> }
  /** The output folder as the last successful emit left it. */
  output?: { outDir: string; manifest: Manifest; disk: DiskState }
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
  const digest = configDigest(input.configText)
  const known = memory.parse?.digest === digest ? memory.parse.records : undefined
  const changed = memory.changed
  const reuse = new Map<string, Remembered>()
  if (known && changed) {
    const check: Array<Promise<void>> = []
    for (const source of input.sources) {
      const last = known.get(source.path)
      if (!last || changed.has(source.path) || last.key !== keyOf(source)) continue
      // Only entries that reference files (images) need a stat of them.
      if (last.assets === '') reuse.set(source.path, last)
      else check.push(fingerprint(input.root, last.entry).then((f) => void (f === last.assets && reuse.set(source.path, last))))
    }
    await Promise.all(check)
  }
  const fresh = input.sources.filter((s) => !reuse.has(s.path))
  // Without a known change set, the persistent cache does the work; with one, only changed files are parsed.
  const parsed = await parseEntries(reuse.size > 0 ? { ...input, sources: fresh, useCache: false } : input)
  const byPath = new Map(parsed.entries.map((e) => [e.path, e]))
  const entries: Entry[] = []
  const records = new Map<string, Remembered>()
  for (const source of input.sources) {
    const kept = reuse.get(source.path)
    const entry = kept ? kept.entry : byPath.get(source.path)
    if (!entry) continue
    entries.push(entry)
    records.set(source.path, kept ?? { key: keyOf(source), assets: await fingerprint(input.root, entry), entry })
  }
  memory.parse = { digest, records }
  return { entries, problems: parsed.problems, stats: { ...parsed.stats, cached: parsed.stats.cached + reuse.size } }
}

/**
 * Remember the output folder after a successful emit: the manifest lists
 * every file with the size and mtime it was written with.
 *
 * @param memory State to update.
 * @param outDir Output folder (absolute).
 * @param manifest The manifest emit returned.
 */
export function rememberOutput(memory: BuildMemory, outDir: string, manifest: Manifest): void {
  const disk: DiskState = new Map()
  for (const [path, f] of Object.entries(manifest.files)) disk.set(path, { size: f.size, mtimeMs: f.mtimeMs })
  memory.output = { outDir, manifest, disk }
}
