/**
 * The persistent cache of parsed entries: one file per site
 * (`.inkstone-cache/entries.v8`), keyed inside by the config digest (which
 * includes the tool version, lockfile and code; see digest.ts) and per entry
 * by the hash of the file's bytes. A missing or stale cache is ignored; a
 * corrupt or truncated one is ignored with a `cache-corrupt` warning; either
 * way it is rebuilt by the next build that parses something.
 *
 * File layout: 8 bytes magic `INKC\0\0\0\x03`, 8 bytes payload length
 * (little-endian), then the payload, a v8-serialised CacheFile. The length
 * catches a half-written or cut-off file before deserialising it.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Entry, Problem } from '../types.js'
import { problem } from '../messages.js'

/**
 * One cached entry. The entry is kept v8-serialised (`bytes`): workers send
 * entries to the main thread in that form, so writing the cache after a cold
 * build costs a copy, not a second serialisation of every entry, and a read
 * deserialises only the entries that are used (see entryOf).
 */
export interface CacheRecord {
  /** Hash of the file's bytes (and kind, bundle assets). */
  hash: string
  /** Fingerprint of referenced files (sizes, mtimes). */
  assets: string
  /** The Entry, v8-serialised. */
  bytes: Uint8Array
}

interface CacheFile {
  format: 3
  digest: string
  records: Array<[string, CacheRecord]>
}

/**
 * The entry of a record.
 *
 * @param record Cache record.
 * @returns The entry, or undefined when its bytes do not deserialise (treat as a miss).
 */
export function entryOf(record: CacheRecord): Entry | undefined {
  try {
    const entry = deserialize(record.bytes) as Entry
    return entry && typeof entry === 'object' && typeof entry.path === 'string' ? entry : undefined
  } catch {
    return undefined
  }
}

/**
 * Serialise an entry for the cache.
 *
 * @param entry Entry.
 * @returns Bytes.
 */
export function entryBytes(entry: Entry): Uint8Array {
  return serialize(entry)
}

/** The cache file's name inside the cache folder. */
export const ENTRY_CACHE_FILE = 'entries.v8'
const MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 3])
const HEADER = 16

function corrupt(problems: Problem[], why: string): Map<string, CacheRecord> {
  problems.push(problem(`.inkstone-cache/${ENTRY_CACHE_FILE}`, 'cache-corrupt', `The cache could not be read (${why})`))
  return new Map()
}

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
    bytes = await readFile(join(cacheDir, ENTRY_CACHE_FILE))
  } catch {
    return new Map()
  }
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return corrupt(problems, 'not an Inkstone cache file, or one of another format')
  const length = Number(bytes.readBigUInt64LE(8))
  if (bytes.length - HEADER !== length) return corrupt(problems, `truncated: ${bytes.length - HEADER} of ${length} bytes`)
  try {
    const data = deserialize(bytes.subarray(HEADER)) as CacheFile
    if (data?.format !== 3 || typeof data.digest !== 'string' || !Array.isArray(data.records)) throw new Error('unknown format')
    if (data.digest !== digest) return new Map()
    return new Map(data.records)
  } catch (error) {
    return corrupt(problems, (error as Error).message)
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
  const data: CacheFile = { format: 3, digest, records: [...records.entries()] }
  const payload = serialize(data)
  const header = Buffer.alloc(HEADER)
  MAGIC.copy(header, 0)
  header.writeBigUInt64LE(BigInt(payload.length), 8)
  const target = join(cacheDir, ENTRY_CACHE_FILE)
  const tmp = `${target}.${process.pid}.tmp`
  try {
    const handle = await open(tmp, 'w')
    try {
      const { bytesWritten } = await handle.writev([header, payload])
      if (bytesWritten !== HEADER + payload.length) throw new Error(`short write to ${tmp}`)
    } finally {
      await handle.close()
    }
    await rename(tmp, target)
  } catch (error) {
    await rm(tmp, { force: true })
    throw error
  }
}
