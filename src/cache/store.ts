/**
 * The persistent cache of parsed entries: one base file per site
 * (`.inkstone-cache/entries.v8`) and a small delta beside it
 * (`entries.delta.v8`), keyed inside by the config digest (which includes
 * the tool version, lockfile and code; see digest.ts) and per entry by the
 * hash of the file's bytes. A missing or stale cache is ignored; a corrupt
 * or truncated one is ignored with a `cache-corrupt` warning; either way it
 * is rebuilt by the next build that parses something.
 *
 * Base layout (format 7): 8 bytes magic `INKC\0\0\0\x07`, 8 bytes payload
 * length (little-endian), then the payload: the digest as a chunk, the base's
 * id as a chunk (40 hex digits: a digest of its records' paths and hashes),
 * then per entry a chunk of JSON `[path, hash, assets]` and a chunk of the
 * entry's bytes (entryBytes: v8, the body as UTF-8, remembered code blocks); a chunk is a 4-byte
 * little-endian length and that many bytes. The length catches a
 * half-written or cut-off file; chunks that do not fill the payload exactly
 * mean a corrupt one.
 *
 * The delta (magic `INKD\0\0\0\x03`, same layout, the id being that of the
 * base it applies to) holds the records that differ from the base's. A build
 * that re-parses a few files (edited or new) writes only the delta:
 * rewriting the base of a 4,000-post blog cost a one-post edit 60–100 ms of
 * its ~1 s (measured in turn with and without the delta). A build that
 * changes many files, or drops a file the base has, writes a new base and
 * removes the delta (see deltaBase in parse-entries.ts). A delta made for
 * another base (or digest) is stale: ignored, and replaced by the next write.
 *
 * Files are written record by record (EntryCacheWriter), so a build never
 * holds a second copy of every entry to serialise the cache in one piece, and
 * read in one piece whose records are views into it (no copy per entry).
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Entry, Problem } from '../types.js'
import { problem } from '../messages.js'

/**
 * One cached entry. The entry is kept serialised (`bytes`, see entryBytes):
 * workers send entries to the main thread in that form, so writing the cache
 * after a cold build costs a copy, not a second serialisation of every
 * entry, and a read deserialises only the entries that are used (entryOf).
 */
export interface CacheRecord {
  /** Hash of the file's bytes (and kind, bundle assets). */
  hash: string
  /** Fingerprint of referenced files (content hashes). */
  assets: string
  /** The Entry, serialised (entryBytes). */
  bytes: Uint8Array
}

/**
 * The entry of a record.
 *
 * @param record Cache record.
 * @returns The entry, or undefined when its bytes do not deserialise (treat as a miss).
 */
export function entryOf(record: CacheRecord): Entry | undefined {
  return entryFromBytes(record.bytes)
}

/** The parts of a record's entry bytes (see entryBytes), or undefined when they do not fit. */
function partsOf(bytes: Uint8Array): { entry: Buffer; html: Buffer; memo: Buffer } | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.length < 8) return undefined
  const length = view.readUInt32LE(0)
  const htmlLength = view.readUInt32LE(4)
  if (8 + length + htmlLength > view.length) return undefined
  return {
    entry: view.subarray(8, 8 + length),
    html: view.subarray(8 + length, 8 + length + htmlLength),
    memo: view.subarray(8 + length + htmlLength)
  }
}

/**
 * The entry serialised by entryBytes. Its body's HTML stays UTF-8 bytes until
 * it is first read: a build that renders a few pages reads a few bodies, and
 * decoding 4,000 of them (30 M characters, mostly two-byte strings because of
 * the CJK text) cost a one-post edit ~80 ms of deserialising and collecting
 * garbage.
 *
 * @param bytes Serialised entry.
 * @returns The entry, or undefined when the bytes do not deserialise.
 */
export function entryFromBytes(bytes: Uint8Array): Entry | undefined {
  try {
    const parts = partsOf(bytes)
    if (!parts) return undefined
    const entry = deserialize(parts.entry) as Entry
    if (!entry || typeof entry !== 'object' || typeof entry.path !== 'string' || !entry.body || typeof entry.body !== 'object') return undefined
    const { html } = parts
    // Decoded on every read, not kept: a build reads a body once or twice
    // (its page, its feed item), and keeping the text beside the bytes
    // would hold every body twice by the end of a cold build.
    let text: string | undefined
    Object.defineProperty(entry.body, 'html', {
      enumerable: true, configurable: true,
      get: () => text ?? html.toString('utf8'),
      set: (value: string) => { text = value }
    })
    return entry
  } catch {
    return undefined
  }
}

/**
 * The highlighted code blocks kept with an entry (CodeMemo.made of its
 * parse), for the next parse of the same file.
 *
 * @param bytes Serialised entry.
 * @returns Compact blocks by key; empty when there are none or they do not read.
 */
export function codeMemoOf(bytes: Uint8Array): Map<string, string> {
  try {
    const memo = partsOf(bytes)?.memo
    if (!memo || memo.length === 0) return new Map()
    const pairs: unknown = JSON.parse(memo.toString('utf8'))
    if (!Array.isArray(pairs)) return new Map()
    return new Map(pairs.filter((pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string'))
  } catch {
    return new Map()
  }
}

/**
 * Serialise an entry for the cache: two 4-byte little-endian lengths, the
 * entry v8-serialised without its body's HTML, the HTML as UTF-8, then the
 * highlighted code blocks of its parse as JSON (empty when none).
 *
 * @param entry Entry.
 * @param code Highlighted blocks of the parse (CodeMemo.made).
 * @returns Bytes (a buffer of their own, which a worker can transfer).
 */
export function entryBytes(entry: Entry, code: ReadonlyArray<[string, string]> = []): Uint8Array {
  const rest = serialize({ ...entry, body: { ...entry.body, html: '' } })
  const html = entry.body.html
  const htmlLength = Buffer.byteLength(html, 'utf8')
  const memo = code.length > 0 ? JSON.stringify(code) : ''
  const bytes = Buffer.allocUnsafeSlow(8 + rest.length + htmlLength + Buffer.byteLength(memo, 'utf8'))
  bytes.writeUInt32LE(rest.length, 0)
  bytes.writeUInt32LE(htmlLength, 4)
  rest.copy(bytes, 8)
  bytes.write(html, 8 + rest.length, 'utf8')
  bytes.write(memo, 8 + rest.length + htmlLength, 'utf8')
  return bytes
}

/** The cache file's name inside the cache folder. */
export const ENTRY_CACHE_FILE = 'entries.v8'
/** The delta's name inside the cache folder. */
export const ENTRY_DELTA_FILE = 'entries.delta.v8'
const MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 7])
const DELTA_MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x44, 0, 0, 0, 3])
const HEADER = 16
const ID_LENGTH = 40
/** Records are gathered into writes of about this size (one write per record would be a system call each). */
const WRITE_BUFFER = 1 << 20

function corrupt(problems: Problem[], why: string, file = ENTRY_CACHE_FILE): EntryCache {
  problems.push(problem(`.inkstone-cache/${file}`, 'cache-corrupt', `The cache could not be read (${why})`))
  return { records: new Map() }
}

/** The entry cache as read: its records (base overlaid with the delta), and what the base holds. */
export interface EntryCache {
  /** Records by path, in file order. Their bytes are views into the files' buffers. */
  records: Map<string, CacheRecord>
  /** The base, when one was read: its id and each path's record key (recordKey). */
  base?: { id: string; keys: Map<string, string> }
  /** A delta file is there but unusable (corrupt, or stale: another base or digest): the next write replaces it. */
  badDelta?: boolean
}

/** What makes two records of a path the same: the source hash and the fingerprint of its assets. */
export function recordKey(record: Pick<CacheRecord, 'hash' | 'assets'>): string {
  return `${record.hash}\0${record.assets}`
}

/** Reads `[path, hash, assets]` + bytes chunk pairs until the payload ends. */
function readRecords(chunks: Chunks, into: (path: string, record: CacheRecord) => void): void {
  while (!chunks.done) {
    const meta: unknown = JSON.parse(chunks.next().toString('utf8'))
    if (!Array.isArray(meta) || meta.length !== 3 || !meta.every((m) => typeof m === 'string')) throw new Error('a record has the wrong shape')
    const [path, hash, assets] = meta as [string, string, string]
    into(path, { hash, assets, bytes: chunks.next() })
  }
}

/** The payload of a cache file, or why it cannot be read; undefined when missing or of another format of ours. */
async function payloadOf(path: string, magic: Buffer): Promise<Buffer | string | undefined> {
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch {
    return undefined
  }
  // Another format of ours (an older or newer tool): stale, not corrupt.
  if (bytes.length >= HEADER && bytes.subarray(0, 4).equals(magic.subarray(0, 4)) && !bytes.subarray(0, magic.length).equals(magic)) return undefined
  if (bytes.length < HEADER || !bytes.subarray(0, magic.length).equals(magic)) return 'not an Inkstone cache file'
  const length = Number(bytes.readBigUInt64LE(8))
  if (bytes.length - HEADER !== length) return `truncated: ${bytes.length - HEADER} of ${length} bytes`
  return bytes.subarray(HEADER)
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
 * Read the entry cache: the base, overlaid with its delta.
 *
 * @param cacheDir Cache folder.
 * @param digest Config digest the entries must have been made with.
 * @param problems Where a corrupt-cache warning goes.
 * @returns Records (empty when missing, stale or corrupt) and what the base holds.
 */
export async function readEntryCache(cacheDir: string, digest: string, problems: Problem[]): Promise<EntryCache> {
  const payload = await payloadOf(join(cacheDir, ENTRY_CACHE_FILE), MAGIC)
  if (payload === undefined) return { records: new Map() }
  if (typeof payload === 'string') return corrupt(problems, payload)
  const records = new Map<string, CacheRecord>()
  const keys = new Map<string, string>()
  let id: string
  try {
    const chunks = new Chunks(payload)
    if (chunks.next().toString('utf8') !== digest) return { records }
    id = chunks.next().toString('utf8')
    readRecords(chunks, (path, record) => {
      records.set(path, record)
      keys.set(path, recordKey(record))
    })
  } catch (error) {
    return corrupt(problems, (error as Error).message)
  }
  const delta = await payloadOf(join(cacheDir, ENTRY_DELTA_FILE), DELTA_MAGIC)
  let badDelta = false
  if (typeof delta === 'string') {
    corrupt(problems, delta, ENTRY_DELTA_FILE)
    badDelta = true
  } else if (delta) {
    try {
      const chunks = new Chunks(delta)
      // Made with another config or for another base: stale.
      if (chunks.next().toString('utf8') === digest && chunks.next().toString('utf8') === id) {
        const changed = new Map<string, CacheRecord>()
        readRecords(chunks, (path, record) => changed.set(path, record))
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

/**
 * Writes a base file or a delta one record at a time into a temp file,
 * renamed over the old one by commit() (so a crash mid-write leaves the old
 * cache or none, never half a file). Records are written in the order they
 * are added.
 */
export class EntryCacheWriter {
  private readonly target: string
  private readonly tmp: string
  private readonly cacheDir: string
  private readonly base: EntryCache['base'] | undefined
  private fd: number | undefined
  private buffer = Buffer.allocUnsafe(WRITE_BUFFER)
  private used = 0
  /** Bytes written to the file so far (header included). */
  private position = 0
  /** Where the base's id goes (written last, when every record is known). */
  private idAt = 0
  private readonly id: Hash = createHash('sha1')
  private records = 0

  /**
   * Start a cache file: a new base, or with `base` a delta over that base,
   * which then takes only the records that differ from the base's.
   *
   * @param cacheDir Cache folder (made if missing).
   * @param digest Config digest.
   * @param base The base the delta applies to (from readEntryCache), or undefined for a new base.
   */
  constructor(cacheDir: string, digest: string, base?: EntryCache['base']) {
    mkdirSync(cacheDir, { recursive: true })
    this.cacheDir = cacheDir
    this.base = base
    this.target = join(cacheDir, base ? ENTRY_DELTA_FILE : ENTRY_CACHE_FILE)
    this.tmp = `${this.target}.${process.pid}.tmp`
    this.fd = openSync(this.tmp, 'w')
    // The header is written last, when the length is known.
    this.put(Buffer.alloc(HEADER))
    this.chunk(Buffer.from(digest, 'utf8'))
    this.idAt = this.position + this.used + 4
    this.chunk(Buffer.from(base ? base.id : '0'.repeat(ID_LENGTH), 'utf8'))
  }

  /** Whether this writes a delta. */
  get delta(): boolean {
    return this.base !== undefined
  }

  /**
   * Add a record (a delta skips it when the base has the same).
   *
   * @param path Source path.
   * @param record Record.
   */
  add(path: string, record: CacheRecord): void {
    if (this.base && this.base.keys.get(path) === recordKey(record)) return
    this.id.update(`${path}\0${recordKey(record)}\n`)
    this.records++
    this.chunk(Buffer.from(JSON.stringify([path, record.hash, record.assets]), 'utf8'))
    this.chunk(record.bytes)
  }

  /** Finish the file and put it in place of the old one (a new base removes the old delta; an empty delta is removed). */
  commit(): void {
    if (this.fd === undefined) throw new Error('Internal error: the entry cache writer is closed')
    try {
      if (this.base && this.records === 0) {
        this.abort()
        rmSync(this.target, { force: true })
        return
      }
      this.flush()
      const header = Buffer.alloc(HEADER)
      ;(this.base ? DELTA_MAGIC : MAGIC).copy(header, 0)
      header.writeBigUInt64LE(BigInt(this.position - HEADER), 8)
      if (writeSync(this.fd, header, 0, HEADER, 0) !== HEADER) throw new Error(`short write to ${this.tmp}`)
      if (!this.base) {
        const id = Buffer.from(this.id.digest('hex'), 'utf8')
        if (writeSync(this.fd, id, 0, ID_LENGTH, this.idAt) !== ID_LENGTH) throw new Error(`short write to ${this.tmp}`)
      }
      closeSync(this.fd)
      this.fd = undefined
      renameSync(this.tmp, this.target)
      // The old delta belongs to the old base (its id would not match; this saves reading it).
      if (!this.base) rmSync(join(this.cacheDir, ENTRY_DELTA_FILE), { force: true })
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
