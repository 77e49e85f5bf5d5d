/**
 * Read the Markdown sources of a build, or take a source's content hash from
 * the last build when its file provably did not change: the same size,
 * modification and change times and inode as then, and last changed well
 * before that build began: a stat of a file costs much less than reading
 * and hashing it. A CI checkout gives every file new times, so there every
 * file is read.
 *
 * The change time (ctime) is what makes this safe: tools that restore a
 * modification time (`cp -p`, `rsync -t`, `touch -d`) cannot restore it.
 * The racy case, a file written again within the file system's timestamp
 * granularity of being read, is ruled out by trusting only files that last
 * changed RACY_MS before the last build began (git's index does the same).
 */
import { readFileSync, statSync, type Stats } from 'node:fs'
import { sep } from 'node:path'
import { hashBytes } from '../util/hash.js'
import type { SourceRef } from './discover.js'

/** How long before the last build a file must have last changed for its recorded stat to be trusted (ms). */
export const RACY_MS = 2000

/** The content hash of a source that could not be read. */
export const UNREADABLE = 'unreadable'

/** What the last build recorded about its sources. */
export interface LastSources {
  /** Content hash per source path (Manifest.sources). */
  hashes?: Record<string, { readonly 0: string }>
  /** Stat key per source path (statKey). */
  stats?: Record<string, string>
  /** When that build began (ms). */
  at?: number
}

/** Sources as read: bytes (undefined when the hash came from the last build), content hashes, stat keys. */
export interface ReadSources {
  /** Each source's bytes, an Error when it could not be read, or undefined when not read (unchanged). */
  bytes: Array<Uint8Array | Error | undefined>
  /** Each source's content hash (hashBytes), or UNREADABLE. */
  hashes: string[]
  /** Stat key per source path, for the next build. */
  stats: Record<string, string>
}

/** The stat of a file as one string: size, modification and change times, inode. */
export function statKey(stats: Stats): string {
  return `${stats.size}:${stats.mtimeMs}:${stats.ctimeMs}:${stats.ino}`
}

/**
 * Read (or recognise as unchanged) every source.
 *
 * @param root Site root.
 * @param sources Sources.
 * @param last What the last build recorded, if anything.
 * @returns Bytes, hashes and stat keys, in source order.
 */
export function readSources(root: string, sources: readonly SourceRef[], last: LastSources): ReadSources {
  const out: ReadSources = { bytes: [], hashes: [], stats: {} }
  const before = last.at === undefined ? -Infinity : last.at - RACY_MS
  // Paths by concatenation: path.join normalises every one, which showed in profiles (root is absolute, resolved).
  const prefix = root.endsWith(sep) ? root : root + sep
  for (const source of sources) {
    const file = prefix + source.path
    const stats = statSync(file, { throwIfNoEntry: false })
    const key = stats && statKey(stats)
    const hash = last.hashes?.[source.path]?.[0]
    if (stats && key && hash !== undefined && hash !== UNREADABLE && last.stats?.[source.path] === key && stats.ctimeMs < before && stats.mtimeMs < before) {
      out.bytes.push(undefined)
      out.hashes.push(hash)
      out.stats[source.path] = key
      continue
    }
    let bytes: Uint8Array | Error
    try {
      bytes = readFileSync(file)
    } catch (error) {
      bytes = error as Error
    }
    out.bytes.push(bytes)
    out.hashes.push(bytes instanceof Error ? UNREADABLE : hashBytes(bytes))
    if (key) out.stats[source.path] = key
  }
  return out
}
