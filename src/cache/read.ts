/**
 * Reading the entry cache (format.ts): the header and the index of the base
 * and its delta, checked against their lengths and checksums, not the tails
 * (the bodies are most of the file): a record's tail is read, and checked,
 * when its body's HTML or code blocks are. A missing or stale cache is
 * ignored; a damaged one is ignored with a `cache-corrupt` warning naming
 * the file; either way the next build that parses something rebuilds it.
 */
import { fstatSync, openSync, closeSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import type { Problem } from '../types.js'
import { CacheDamaged, cacheProblem } from './damaged.js'
import { CacheFile, type OpenFiles } from './open-files.js'
import { Chunks, DELTA_MAGIC, ENTRY_CACHE_FILE, ENTRY_DELTA_FILE, HEADER, MAGIC, recordKey, type CacheRecord, type EntryCache } from './format.js'

/** A cache file that cannot be read: a warning naming it, and no records. */
function corrupt(problems: Problem[], why: string, file = ENTRY_CACHE_FILE): EntryCache {
  problems.push(cacheProblem(file, why))
  return { records: new Map() }
}

/** Reads `[path, hash, assets, at, length, crc]` + head chunk pairs until the index ends. */
function readRecords(chunks: Chunks, file: CacheFile, into: (path: string, record: CacheRecord) => void): void {
  while (!chunks.done) {
    const meta: unknown = JSON.parse(chunks.next().toString('utf8'))
    if (!Array.isArray(meta) || meta.length !== 6) throw new Error('a record has the wrong shape')
    const [path, hash, assets, at, length, crc] = meta as [unknown, unknown, unknown, unknown, unknown, unknown]
    if (typeof path !== 'string' || typeof hash !== 'string' || typeof assets !== 'string' || typeof crc !== 'number') throw new Error('a record has the wrong shape')
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || (at as number) < HEADER || (at as number) + (length as number) > file.tailsEnd) {
      throw new Error('a record points outside the file')
    }
    const tail = (): Buffer => {
      const bytes = file.read(at as number, length as number)
      if (crc32(bytes) !== crc) throw new CacheDamaged(file.name, `the record of ${path} does not match its checksum`)
      return bytes
    }
    into(path, { hash, assets, bytes: chunks.next(), tail })
  }
}

/** A cache file opened with its index read, or why it cannot be read; undefined when missing or of another format of ours. */
function openCacheFile(dir: string, name: string, magic: Buffer, files: OpenFiles): { file: CacheFile; index: Buffer } | string | undefined {
  let fd: number
  try {
    fd = openSync(join(dir, name), 'r')
  } catch {
    return undefined
  }
  const fail = <T>(result: T): T => {
    closeSync(fd)
    return result
  }
  try {
    const size = fstatSync(fd).size
    const header = Buffer.alloc(HEADER)
    const got = readSync(fd, header, 0, HEADER, 0)
    // Another format of ours (an older or newer tool): stale, not corrupt.
    if (got >= 8 && header.subarray(0, 4).equals(magic.subarray(0, 4)) && !header.subarray(0, 8).equals(magic)) return fail(undefined)
    if (got < HEADER || !header.subarray(0, 8).equals(magic)) return fail('not an Inkstone cache file')
    const length = Number(header.readBigUInt64LE(8))
    if (size - HEADER !== length) return fail(`truncated: ${size - HEADER} of ${length} bytes`)
    const indexAt = Number(header.readBigUInt64LE(16))
    if (indexAt < HEADER || indexAt > size) return fail('the index is outside the file')
    const index = Buffer.allocUnsafe(size - indexAt)
    if (readSync(fd, index, 0, index.length, indexAt) !== index.length) return fail('cut short while read')
    if (crc32(index) !== header.readUInt32LE(24)) return fail('the index does not match its checksum')
    return { file: files.add(new CacheFile(fd, name, indexAt)), index }
  } catch (error) {
    return fail((error as Error).message)
  }
}

/**
 * Read the entry cache: the base, overlaid with its delta.
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest the entries must have been made with.
 * @param problems Where a corrupt-cache warning goes.
 * @param files Where the files opened go (their records read their tails from them until closed).
 * @returns Records (empty when missing, stale or corrupt) and what the base holds.
 */
export async function readEntryCache(cacheDir: string, digest: string, problems: Problem[], files: OpenFiles): Promise<EntryCache> {
  const opened = openCacheFile(cacheDir, ENTRY_CACHE_FILE, MAGIC, files)
  if (opened === undefined) return { records: new Map() }
  if (typeof opened === 'string') return corrupt(problems, opened)
  const records = new Map<string, CacheRecord>()
  const keys = new Map<string, string>()
  let id: string
  try {
    const chunks = new Chunks(opened.index)
    if (chunks.next().toString('utf8') !== digest) return { records }
    id = chunks.next().toString('utf8')
    readRecords(chunks, opened.file, (path, record) => {
      records.set(path, record)
      keys.set(path, recordKey(record))
    })
  } catch (error) {
    return corrupt(problems, (error as Error).message)
  }
  const delta = openCacheFile(cacheDir, ENTRY_DELTA_FILE, DELTA_MAGIC, files)
  let badDelta = false
  if (typeof delta === 'string') {
    corrupt(problems, delta, ENTRY_DELTA_FILE)
    badDelta = true
  } else if (delta) {
    try {
      const chunks = new Chunks(delta.index)
      // Made with another config or for another base: stale.
      if (chunks.next().toString('utf8') === digest && chunks.next().toString('utf8') === id) {
        const changed = new Map<string, CacheRecord>()
        readRecords(chunks, delta.file, (path, record) => changed.set(path, record))
        for (const [path, record] of changed) records.set(path, record)
      } else {
        badDelta = true
      }
    } catch (error) {
      corrupt(problems, (error as Error).message, ENTRY_DELTA_FILE)
      badDelta = true
    }
  }
  return { records, base: { id, keys }, badDelta }
}
