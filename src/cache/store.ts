/**
 * The persistent cache of parsed entries: one file per site, keyed inside by
 * the config digest (which includes the tool version). A missing, stale or
 * corrupt cache is ignored (a corrupt one with a warning) and rebuilt.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Entry, Problem } from '../types.js'
import { problem } from '../messages.js'

/** One cached entry. */
export interface CacheRecord {
  /** Hash of the file's bytes (and kind, bundle assets). */
  hash: string
  /** Fingerprint of referenced files (sizes, mtimes). */
  assets: string
  entry: Entry
}

interface CacheFile {
  format: 1
  digest: string
  records: Array<[string, CacheRecord]>
}

const FILE = 'entries.v8'

/**
 * Read the entry cache.
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest the entries must have been made with.
 * @param problems Where a corrupt-cache warning goes.
 * @returns Records by path (empty when missing, stale or corrupt).
 */
export async function readEntryCache(cacheDir: string, digest: string, problems: Problem[]): Promise<Map<string, CacheRecord>> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(cacheDir, FILE))
  } catch {
    return new Map()
  }
  try {
    const data = deserialize(bytes) as CacheFile
    if (data.format !== 1 || !Array.isArray(data.records)) throw new Error('unknown format')
    if (data.digest !== digest) return new Map()
    return new Map(data.records)
  } catch (error) {
    problems.push(problem(`.inkstone-cache/${FILE}`, 'cache-corrupt', `The cache could not be read (${(error as Error).message})`))
    return new Map()
  }
}

/**
 * Write the entry cache atomically (temp file + rename), so a crash mid-write
 * leaves the old cache or none, never half a file.
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest.
 * @param records Records by path.
 */
export async function writeEntryCache(cacheDir: string, digest: string, records: Map<string, CacheRecord>): Promise<void> {
  await mkdir(cacheDir, { recursive: true })
  const data: CacheFile = { format: 1, digest, records: [...records.entries()] }
  const target = join(cacheDir, FILE)
  const tmp = `${target}.${process.pid}.tmp`
  await writeFile(tmp, serialize(data))
  await rename(tmp, target)
}
