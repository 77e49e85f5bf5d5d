/**
 * The persistent cache of parsed entries: one file per site
 * (`.inkstone-cache/entries.v8`), keyed inside by the config digest (which
 * includes the tool version, lockfile and code; see digest.ts) and per entry
 * by the hash of the file's bytes. A missing or stale cache is ignored; a
 * corrupt or truncated one is ignored with a `cache-corrupt` warning; either
 * way it is rebuilt by the next build that parses something.
 *
 * File layout (format 4): 8 bytes magic `INKC\0\0\0\x04`, 8 bytes payload
 * length (little-endian), then the payload: the digest as a chunk, then per
 * entry a chunk of JSON `[path, hash, assets]` and a chunk of the entry's
 * v8-serialised bytes; a chunk is a 4-byte little-endian length and that many
 * bytes. The length catches a half-written or cut-off file; chunks that do
 * not fill the payload exactly mean a corrupt one.
 *
 * The file is written record by record (EntryCacheWriter), so a build never
 * holds a second copy of every entry to serialise the cache in one piece, and
 * read in one piece whose records are views into it (no copy per entry).
 */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
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
  /** Fingerprint of referenced files (content hashes). */
  assets: string
  /** The Entry, v8-serialised. */
  bytes: Uint8Array
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
const MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 4])
const HEADER = 16
/** Records are gathered into writes of about this size (one write per record would be a system call each). */
const WRITE_BUFFER = 1 << 20

function corrupt(problems: Problem[], why: string): Map<string, CacheRecord> {
  problems.push(problem(`.inkstone-cache/${ENTRY_CACHE_FILE}`, 'cache-corrupt', `The cache could not be read (${why})`))
  return new Map()
}

/** Reads the chunks of a payload in turn. */
class Chunks {
  private at = 0
  constructor(private readonly payload: Buffer) {}
  get done(): boolean {
    return this.at === this.payload.length
  }
  next(): Buffer {
    if (this.payload.length - this.at < 4) throw new Error('a chunk runs past the end')
    const length = this.payload.readUInt32LE(this.at)
    const start = this.at + 4
    if (this.payload.length - start < length) throw new Error('a chunk runs past the end')
    this.at = start + length
    return this.payload.subarray(start, this.at)
  }
}

/**
 * Read the entry cache.
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest the entries must have been made with.
 * @param problems Where a corrupt-cache warning goes.
 * @returns Records by path, in file order (empty when missing, stale or corrupt). Their bytes are views into the file's buffer.
 */
export async function readEntryCache(cacheDir: string, digest: string, problems: Problem[]): Promise<Map<string, CacheRecord>> {
  let bytes: Buffer
  try {
    bytes = await readFile(join(cacheDir, ENTRY_CACHE_FILE))
  } catch {
    return new Map()
  }
  // Another format of ours (an older or newer tool): stale, not corrupt.
  if (bytes.length >= HEADER && bytes.subarray(0, 4).equals(MAGIC.subarray(0, 4)) && !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return new Map()
  if (bytes.length < HEADER || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return corrupt(problems, 'not an Inkstone cache file')
  const length = Number(bytes.readBigUInt64LE(8))
  if (bytes.length - HEADER !== length) return corrupt(problems, `truncated: ${bytes.length - HEADER} of ${length} bytes`)
  try {
    const chunks = new Chunks(bytes.subarray(HEADER))
    if (chunks.next().toString('utf8') !== digest) return new Map()
    const records = new Map<string, CacheRecord>()
    while (!chunks.done) {
      const meta: unknown = JSON.parse(chunks.next().toString('utf8'))
      if (!Array.isArray(meta) || meta.length !== 3 || !meta.every((m) => typeof m === 'string')) throw new Error('a record has the wrong shape')
      const [path, hash, assets] = meta as [string, string, string]
      records.set(path, { hash, assets, bytes: chunks.next() })
    }
    return records
  } catch (error) {
    return corrupt(problems, (error as Error).message)
  }
}

/**
 * Writes the entry cache one record at a time into a temp file, renamed over
 * the cache file by commit() (so a crash mid-write leaves the old cache or
 * none, never half a file). Records are written in the order they are added.
 */
export class EntryCacheWriter {
  private readonly target: string
  private readonly tmp: string
  private fd: number | undefined
  private buffer = Buffer.allocUnsafe(WRITE_BUFFER)
  private used = 0
  /** Bytes written to the file so far (header included). */
  private position = 0

  /**
   * Start a cache file.
   *
   * @param cacheDir Cache folder (made if missing).
   * @param digest Config digest.
   */
  constructor(cacheDir: string, digest: string) {
    mkdirSync(cacheDir, { recursive: true })
    this.target = join(cacheDir, ENTRY_CACHE_FILE)
    this.tmp = `${this.target}.${process.pid}.tmp`
    this.fd = openSync(this.tmp, 'w')
    // The header is written last, when the length is known.
    this.put(Buffer.alloc(HEADER))
    this.chunk(Buffer.from(digest, 'utf8'))
  }

  /**
   * Add a record.
   *
   * @param path Source path.
   * @param record Record.
   */
  add(path: string, record: CacheRecord): void {
    this.chunk(Buffer.from(JSON.stringify([path, record.hash, record.assets]), 'utf8'))
    this.chunk(record.bytes)
  }

  /** Finish the file and put it in place of the old cache. */
  commit(): void {
    if (this.fd === undefined) throw new Error('Internal error: the entry cache writer is closed')
    try {
      this.flush()
      const header = Buffer.alloc(HEADER)
      MAGIC.copy(header, 0)
      header.writeBigUInt64LE(BigInt(this.position - HEADER), 8)
      if (writeSync(this.fd, header, 0, HEADER, 0) !== HEADER) throw new Error(`short write to ${this.tmp}`)
      closeSync(this.fd)
      this.fd = undefined
      renameSync(this.tmp, this.target)
    } catch (error) {
      this.abort()
      throw error
    }
  }

  /** Drop the temp file (after an error); the old cache, if any, stays. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd)
      } catch {
        // Already closed or never usable: the file is removed below either way.
      }
      this.fd = undefined
    }
    rmSync(this.tmp, { force: true })
  }

  private chunk(data: Uint8Array): void {
    const length = Buffer.allocUnsafe(4)
    length.writeUInt32LE(data.byteLength, 0)
    this.put(length)
    this.put(data)
  }

  private put(data: Uint8Array): void {
    if (this.used + data.byteLength > this.buffer.length) this.flush()
    if (data.byteLength > this.buffer.length) {
      this.write(data)
      return
    }
    this.buffer.set(data, this.used)
    this.used += data.byteLength
  }

  private flush(): void {
    if (this.used === 0) return
    this.write(this.buffer.subarray(0, this.used))
    this.used = 0
  }

  private write(data: Uint8Array): void {
    if (this.fd === undefined) throw new Error('Internal error: the entry cache writer is closed')
    let done = 0
    while (done < data.byteLength) done += writeSync(this.fd, data, done, data.byteLength - done, this.position + done)
    this.position += data.byteLength
  }
}

/**
 * Write the entry cache atomically (temp file + rename).
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest.
 * @param records Records by path, in the order to write them.
 */
export async function writeEntryCache(cacheDir: string, digest: string, records: Map<string, CacheRecord>): Promise<void> {
  const writer = new EntryCacheWriter(cacheDir, digest)
  try {
    for (const [path, record] of records) writer.add(path, record)
  } catch (error) {
    writer.abort()
    throw error
  }
  writer.commit()
}
