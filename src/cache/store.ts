/**
 * The persistent cache of parsed entries: one base file per site
 * (`.inkstone-cache/entries.v8`) and a small delta beside it
 * (`entries.delta.v8`), keyed inside by the config digest (which includes
 * the tool version, lockfile and code; see digest.ts) and per entry by the
 * hash of the file's bytes. A missing or stale cache is ignored; a corrupt
 * or truncated one is ignored with a `cache-corrupt` warning; either way it
 * is rebuilt by the next build that parses something.
 *
 * Base layout (format 10): 8 bytes magic `INKC\0\0\0\x0a`, 8 bytes payload
 * length (little-endian; the file's length less the 24-byte header), 8 bytes
 * where the index begins. Then the records' tails (the bodies' HTML and
 * remembered code blocks, see entryBytes), one after another, and at the end
 * the index: the digest as a chunk, the base's id as a chunk (40 hex digits:
 * a digest of its records' paths and hashes), then per entry a chunk of JSON
 * `[path, hash, assets, tail offset, tail length]` and a chunk of the entry's
 * head (entryBytes without the tail); a chunk is a 4-byte little-endian
 * length and that many bytes. The length catches a half-written or cut-off
 * file; chunks that do not fill the index exactly, or a tail outside the
 * tails, mean a corrupt one.
 *
 * A read reads the header and the index only (a small part of the file:
 * the bodies are most of it) and keeps the file open: a body's tail is read
 * when the body's HTML or code blocks are (a one-post edit reads a dozen).
 * Reading the whole file would cost a one-post edit the read and a buffer
 * as large as the cache to collect.
 *
 * The delta (magic `INKD\0\0\0\x06`, same layout, the id being that of the
 * base it applies to) holds the records that differ from the base's. A build
 * that re-parses a few files (edited or new) writes only the delta, not
 * the whole base again (figures in tests/bench/README.md). A build that
 * changes many files, or drops a file the base has, writes a new base and
 * removes the delta (see deltaBase in parse-entries.ts). A delta made for
 * another base (or digest) is stale: ignored, and replaced by the next write.
 *
 * Files are written record by record (EntryCacheWriter): tails go to the
 * file as they come, heads to a temp file copied after
 * them as the index, so a build never holds a second copy of its entries to
 * write the cache.
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { Entry, Problem, RenderedBody } from '../types.js'
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
  /** The Entry, serialised (entryBytes); only its head when `tail` is set. */
  bytes: Uint8Array
  /** Reads the rest of the entry's bytes from the cache file: a record read from a cache file holds its head only. */
  tail?: () => Buffer
}

/**
 * The entry of a record.
 *
 * @param record Cache record.
 * @returns The entry, or undefined when its bytes do not deserialise (treat as a miss).
 */
export function entryOf(record: CacheRecord): Entry | undefined {
  return entryFromBytes(record.bytes, record.tail)
}

/** The whole serialised entry of a record (entryBytes), its tail read when it is on disk. */
export function recordBytes(record: CacheRecord): Uint8Array {
  return record.tail ? Buffer.concat([record.bytes, record.tail()]) : record.bytes
}

/** Length of the head of entry bytes: four lengths, the entry, its later parts. */
const LENGTHS = 16

/** The lengths whole entry bytes start with, or undefined when they do not add up to the bytes' length. */
function lengthsOf(view: Buffer): { entry: number; later: number; html: number; memo: number; head: number } | undefined {
  if (view.length < LENGTHS) return undefined
  const entry = view.readUInt32LE(0)
  const later = view.readUInt32LE(4)
  const html = view.readUInt32LE(8)
  const memo = view.readUInt32LE(12)
  const head = LENGTHS + entry + later
  if (head + html + memo !== view.length) return undefined
  return { entry, later, html, memo, head }
}

/** Views of an entry's bytes: the entry, its later parts, and its tail (HTML, code memo) or where to read it. */
interface Parts {
  entry: Buffer
  later: Buffer
  html: Buffer | (() => Buffer)
  memo: () => Buffer
}

/** The parts of an entry's bytes (see entryBytes), or undefined when they do not fit. */
function partsOf(bytes: Uint8Array, tail?: () => Buffer): Parts | undefined {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (!tail) {
    const n = lengthsOf(view)
    if (!n) return undefined
    return {
      entry: view.subarray(LENGTHS, LENGTHS + n.entry),
      later: view.subarray(LENGTHS + n.entry, n.head),
      html: view.subarray(n.head, n.head + n.html),
      memo: () => view.subarray(n.head + n.html)
    }
  }
  if (view.length < LENGTHS) return undefined
  const entry = view.readUInt32LE(0)
  const html = view.readUInt32LE(8)
  if (LENGTHS + entry > view.length) return undefined
  return {
    entry: view.subarray(LENGTHS, LENGTHS + entry),
    later: view.subarray(LENGTHS + entry),
    html: () => tail().subarray(0, html),
    memo: () => tail().subarray(html)
  }
}

/**
 * The parts of a body that only a page showing it reads (its own page, a
 * list with its excerpt, a feed, the search index, a link to one of its
 * headings), kept apart in the cache and deserialised on first use: a
 * one-post edit of a 4,000-post blog reads them for a dozen entries.
 */
const LATER = ['excerptHtml', 'excerptText', 'searchText', 'headings', 'toc'] as const
type Later = Pick<RenderedBody, (typeof LATER)[number]>

/** Where a cached body keeps its serialised parts (a non-enumerable own property). */
const PARTS = Symbol('inkstone.cachedBody')
interface BodyParts {
  later: Buffer | Later
  html: Buffer | (() => Buffer)
  /** The HTML once set (it is decoded on every read otherwise). */
  text?: string
  /** The entry, for the message when its later part does not deserialise. */
  path: string
}

function laterOf(body: RenderedBody): Later {
  const parts = (body as unknown as { [PARTS]: BodyParts })[PARTS]
  if (!Buffer.isBuffer(parts.later)) return parts.later
  let later: unknown
  try {
    later = deserialize(parts.later)
  } catch {
    later = undefined
  }
  // The entry was taken as sound when it was read; a damaged part found now cannot be reparsed.
  if (!later || typeof later !== 'object' || LATER.some((key) => !(key in later))) {
    throw new Error(`The cached entry of ${parts.path} is damaged: delete .inkstone-cache/ (or build with --no-cache)`)
  }
  return (parts.later = later as Later)
}

/**
 * Accessors of a cached body, the same functions for every body, not a
 * closure per entry (thousands of them, made on every build that reads the
 * cache). Own and enumerable, so the body reads, copies and
 * compares like a plain one.
 */
const cachedBodyAccessors: PropertyDescriptorMap = {
  html: {
    enumerable: true, configurable: true,
    // Decoded on every read, not kept: a build reads a body once or twice
    // (its page, its feed item), and keeping the text beside the bytes
    // would hold every body twice by the end of a cold build.
    get(this: { [PARTS]: BodyParts }) {
      const parts = this[PARTS]
      if (parts.text !== undefined) return parts.text
      return (typeof parts.html === 'function' ? parts.html() : parts.html).toString('utf8')
    },
    set(this: { [PARTS]: BodyParts }, value: string) {
      this[PARTS].text = value
    }
  }
}
for (const key of LATER) {
  cachedBodyAccessors[key] = {
    enumerable: true, configurable: true,
    get(this: RenderedBody) {
      return laterOf(this)[key]
    },
    set(this: RenderedBody, value: never) {
      laterOf(this)[key] = value
    }
  }
}

/**
 * The entry serialised by entryBytes. Its body's HTML stays UTF-8 bytes
 * until it is read, and its excerpts, headings and table of contents stay
 * serialised until one of them is: a build that renders a few pages reads a
 * few bodies, not every body of the site (figures in tests/bench/README.md).
 *
 * @param bytes Serialised entry (entryBytes), or its head when `tail` is given.
 * @param tail Reads the tail (a record read from a cache file).
 * @returns The entry, or undefined when the bytes do not deserialise.
 */
export function entryFromBytes(bytes: Uint8Array, tail?: () => Buffer): Entry | undefined {
  try {
    const parts = partsOf(bytes, tail)
    if (!parts) return undefined
    const entry = deserialize(parts.entry) as Entry
    if (!entry || typeof entry !== 'object' || typeof entry.path !== 'string' || !entry.body || typeof entry.body !== 'object') return undefined
    const state: BodyParts = { later: parts.later, html: parts.html, path: entry.path }
    Object.defineProperty(entry.body, PARTS, { value: state })
    Object.defineProperties(entry.body, cachedBodyAccessors)
    return entry
  } catch {
    return undefined
  }
}

/**
 * Let an entry made from bytes in memory (a worker's, a parse's) read its
 * body's HTML from the cache file those bytes were just written to, and
 * drop them: a cold build otherwise holds every entry's bytes to its end,
 * where its memory peaks.
 * An entry not made by entryFromBytes, or already reading from a file, is
 * left as it is.
 *
 * @param entry Entry.
 * @param tail Reads the entry's tail (HTML, code memo) from the file (EntryCacheWriter.tailOf).
 */
export function readBodyFrom(entry: Entry, tail: () => Buffer): void {
  const parts = (entry.body as unknown as { [PARTS]?: BodyParts })[PARTS]
  if (!parts || typeof parts.html === 'function') return
  const length = parts.html.length
  parts.html = () => tail().subarray(0, length)
  // A copy: a view would keep the whole of the entry's bytes.
  if (Buffer.isBuffer(parts.later)) parts.later = Buffer.from(parts.later)
}

/**
 * The highlighted code blocks kept with an entry (CodeMemo.made of its
 * parse), for the next parse of the same file.
 *
 * @param bytes Serialised entry (entryBytes), or its head when `tail` is given.
 * @param tail Reads the tail (a record read from a cache file).
 * @returns Compact blocks by key; empty when there are none or they do not read.
 */
export function codeMemoOf(bytes: Uint8Array, tail?: () => Buffer): Map<string, string> {
  try {
    const memo = partsOf(bytes, tail)?.memo()
    if (!memo || memo.length === 0) return new Map()
    const pairs: unknown = JSON.parse(memo.toString('utf8'))
    if (!Array.isArray(pairs)) return new Map()
    return new Map(pairs.filter((pair): pair is [string, string] => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string'))
  } catch {
    return new Map()
  }
}

/**
 * Serialise an entry for the cache. The head: four 4-byte little-endian
 * lengths, the entry v8-serialised without its body's HTML and later parts
 * (LATER), those parts v8-serialised. The tail: the HTML as UTF-8, then the
 * highlighted code blocks of its parse as JSON (empty when none).
 *
 * @param entry Entry.
 * @param code Highlighted blocks of the parse (CodeMemo.made).
 * @returns Bytes (a buffer of their own, which a worker can transfer).
 */
export function entryBytes(entry: Entry, code: ReadonlyArray<[string, string]> = []): Uint8Array {
  const { html, excerptHtml, excerptText, searchText, headings, toc, ...rest } = entry.body
  const first = serialize({ ...entry, body: rest })
  const later = serialize({ excerptHtml, excerptText, searchText, headings, toc } satisfies Later)
  const htmlLength = Buffer.byteLength(html, 'utf8')
  const memo = code.length > 0 ? JSON.stringify(code) : ''
  const memoLength = Buffer.byteLength(memo, 'utf8')
  const head = LENGTHS + first.length + later.length
  const bytes = Buffer.allocUnsafeSlow(head + htmlLength + memoLength)
  bytes.writeUInt32LE(first.length, 0)
  bytes.writeUInt32LE(later.length, 4)
  bytes.writeUInt32LE(htmlLength, 8)
  bytes.writeUInt32LE(memoLength, 12)
  first.copy(bytes, LENGTHS)
  later.copy(bytes, LENGTHS + first.length)
  bytes.write(html, head, 'utf8')
  bytes.write(memo, head + htmlLength, 'utf8')
  return bytes
}

/** The cache file's name inside the cache folder. */
export const ENTRY_CACHE_FILE = 'entries.v8'
/** The delta's name inside the cache folder. */
export const ENTRY_DELTA_FILE = 'entries.delta.v8'
const MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 11])
const DELTA_MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x44, 0, 0, 0, 7])
const HEADER = 24
/** Records are gathered into writes of about this size (one write per record would be a system call each). */
const WRITE_BUFFER = 1 << 20

function corrupt(problems: Problem[], why: string, file = ENTRY_CACHE_FILE): EntryCache {
  problems.push(problem(`.inkstone-cache/${file}`, 'cache-corrupt', `The cache could not be read (${why})`))
  return { records: new Map() }
}

/** The entry cache as read: its records (base overlaid with the delta), and what the base holds. */
export interface EntryCache {
  /** Records by path, in file order. Their bytes are the heads, views into the index as read; their tails stay on disk. */
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

/**
 * An open cache file, whose tails are read on demand. Closed when nothing
 * refers to it any more (its records and entries are gone), or with the
 * process. Still readable after a later build renames a new file over it.
 */
class CacheFile {
  constructor(readonly fd: number, readonly name: string, readonly tailsEnd: number) {
    closeWhenUnused.register(this, fd, this)
  }

  /** Close it now (it is not used): the registry must then not close the number again, which may be reused. */
  close(): void {
    closeWhenUnused.unregister(this)
    closeSync(this.fd)
  }

  /** `length` bytes at `at`; throws when the file is shorter than it was when opened. */
  read(at: number, length: number): Buffer {
    const bytes = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = readSync(this.fd, bytes, done, length - done, at + done)
      if (n === 0) throw new Error(`The cache file .inkstone-cache/${this.name} was cut short while in use: delete .inkstone-cache/ (or build with --no-cache)`)
      done += n
    }
    return bytes
  }
}

const closeWhenUnused = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd)
  } catch {
    // Already closed with the process.
  }
})

/** Reads `[path, hash, assets, at, length]` + head chunk pairs until the index ends. */
function readRecords(chunks: Chunks, file: CacheFile, into: (path: string, record: CacheRecord) => void): void {
  while (!chunks.done) {
    const meta: unknown = JSON.parse(chunks.next().toString('utf8'))
    if (!Array.isArray(meta) || meta.length !== 5) throw new Error('a record has the wrong shape')
    const [path, hash, assets, at, length] = meta as [unknown, unknown, unknown, unknown, unknown]
    if (typeof path !== 'string' || typeof hash !== 'string' || typeof assets !== 'string') throw new Error('a record has the wrong shape')
    if (!Number.isSafeInteger(at) || !Number.isSafeInteger(length) || (at as number) < HEADER || (at as number) + (length as number) > file.tailsEnd) {
      throw new Error('a record points outside the file')
    }
    into(path, { hash, assets, bytes: chunks.next(), tail: () => file.read(at as number, length as number) })
  }
}

/** A cache file opened with its index read, or why it cannot be read; undefined when missing or of another format of ours. */
function openCacheFile(dir: string, name: string, magic: Buffer): { file: CacheFile; index: Buffer } | string | undefined {
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
    const file = new CacheFile(fd, name, indexAt)
    try {
      return { file, index: file.read(indexAt, size - indexAt) }
    } catch (error) {
      file.close()
      return (error as Error).message
    }
  } catch (error) {
    return fail((error as Error).message)
  }
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
  const opened = openCacheFile(cacheDir, ENTRY_CACHE_FILE, MAGIC)
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
  const delta = openCacheFile(cacheDir, ENTRY_DELTA_FILE, DELTA_MAGIC)
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

/** Buffered writes, one after another, from the start of a file. */
class Appender {
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER)
  private used = 0
  /** Bytes flushed to the file. */
  private flushed = 0
  constructor(readonly fd: number) {}

  /** Bytes written so far, buffered ones included: where the next byte goes. */
  get length(): number {
    return this.flushed + this.used
  }

  put(data: Uint8Array): void {
    if (this.used + data.byteLength > this.buffer.length) this.flush()
    if (data.byteLength > this.buffer.length) {
      this.write(data)
      return
    }
    this.buffer.set(data, this.used)
    this.used += data.byteLength
  }

  /** A chunk: a 4-byte little-endian length, then the data. */
  chunk(data: Uint8Array): void {
    const length = Buffer.allocUnsafe(4)
    length.writeUInt32LE(data.byteLength, 0)
    this.put(length)
    this.put(data)
  }

  flush(): void {
    if (this.used === 0) return
    this.write(this.buffer.subarray(0, this.used))
    this.used = 0
  }

  private write(data: Uint8Array): void {
    let done = 0
    while (done < data.byteLength) done += writeSync(this.fd, data, done, data.byteLength - done, this.flushed + done)
    this.flushed += data.byteLength
  }
}

/**
 * Writes a base file or a delta one record at a time into a temp file,
 * renamed over the old one by commit() (so a crash mid-write leaves the old
 * cache or none, never half a file). Records are written in the order they
 * are added: each tail at once, each head to a second temp file, copied
 * after the tails as the index by commit() (so the heads are not held in
 * memory either).
 */
export class EntryCacheWriter {
  private readonly target: string
  private readonly tmp: string
  private readonly cacheDir: string
  private readonly digest: string
  private readonly base: EntryCache['base'] | undefined
  /** The file: header, tails, then (at commit) the index. */
  private file: Appender | undefined
  /** The index's records until commit. */
  private index: Appender | undefined
  private readonly id: Hash = createHash('sha1')
  private records = 0
  /** Where each record's tail went: offset and length, by path. */
  private readonly placed = new Map<string, [at: number, length: number]>()
  /** The file as written, open for reading tails (after commit). */
  private written: CacheFile | undefined

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
    this.digest = digest
    this.base = base
    this.target = join(cacheDir, base ? ENTRY_DELTA_FILE : ENTRY_CACHE_FILE)
    this.tmp = `${this.target}.${process.pid}.tmp`
    this.file = new Appender(openSync(this.tmp, 'w'))
    try {
      this.index = new Appender(openSync(`${this.tmp}.index`, 'w+'))
    } catch (error) {
      this.abort()
      throw error
    }
    // The header is written last, when the lengths are known.
    this.file.put(Buffer.alloc(HEADER))
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
    if (!this.file || !this.index) throw new Error('Internal error: the entry cache writer is closed')
    if (this.base && this.base.keys.get(path) === recordKey(record)) return
    this.id.update(`${path}\0${recordKey(record)}\n`)
    this.records++
    let head: Uint8Array = record.bytes
    let tail: Uint8Array
    if (record.tail) {
      tail = record.tail()
    } else {
      const view = Buffer.from(record.bytes.buffer, record.bytes.byteOffset, record.bytes.byteLength)
      const lengths = lengthsOf(view)
      if (!lengths) throw new Error(`Internal error: the cache record of ${path} is not entry bytes`)
      head = view.subarray(0, lengths.head)
      tail = view.subarray(lengths.head)
    }
    const at = this.file.length
    this.placed.set(path, [at, tail.byteLength])
    this.file.put(tail)
    this.index.chunk(Buffer.from(JSON.stringify([path, record.hash, record.assets, at, tail.byteLength]), 'utf8'))
    this.index.chunk(head)
  }

  /** Finish the file and put it in place of the old one (a new base removes the old delta; an empty delta is removed). */
  commit(): void {
    const { file, index } = this
    if (!file || !index) throw new Error('Internal error: the entry cache writer is closed')
    try {
      if (this.base && this.records === 0) {
        this.abort()
        rmSync(this.target, { force: true })
        return
      }
      const indexAt = file.length
      file.chunk(Buffer.from(this.digest, 'utf8'))
      file.chunk(Buffer.from(this.base ? this.base.id : this.id.digest('hex'), 'utf8'))
      // The records' index, copied from its temp file after the tails.
      index.flush()
      const piece = Buffer.allocUnsafe(WRITE_BUFFER)
      for (let at = 0; at < index.length;) {
        const n = readSync(index.fd, piece, 0, Math.min(piece.length, index.length - at), at)
        if (n === 0) throw new Error(`short read from ${this.tmp}.index`)
        file.put(piece.subarray(0, n))
        at += n
      }
      file.flush()
      const header = Buffer.alloc(HEADER)
      ;(this.base ? DELTA_MAGIC : MAGIC).copy(header, 0)
      header.writeBigUInt64LE(BigInt(file.length - HEADER), 8)
      header.writeBigUInt64LE(BigInt(indexAt), 16)
      if (writeSync(file.fd, header, 0, HEADER, 0) !== HEADER) throw new Error(`short write to ${this.tmp}`)
      const name = this.base ? ENTRY_DELTA_FILE : ENTRY_CACHE_FILE
      this.written = new CacheFile(openSync(this.tmp, 'r'), name, indexAt)
      this.close()
      rmSync(`${this.tmp}.index`, { force: true })
      renameSync(this.tmp, this.target)
      // The old delta belongs to the old base (its id would not match; this saves reading it).
      if (!this.base) rmSync(join(this.cacheDir, ENTRY_DELTA_FILE), { force: true })
    } catch (error) {
      this.abort()
      throw error
    }
  }

  /**
   * After commit: reads a record's tail from the file just written, which
   * an entry can read its body from instead of holding its bytes (readBodyFrom).
   *
   * @param path Source path of a record added to this file.
   * @returns The reader, or undefined (not in this file, or not committed).
   */
  tailOf(path: string): (() => Buffer) | undefined {
    const file = this.written
    const place = this.placed.get(path)
    if (!file || !place) return undefined
    return () => file.read(place[0], place[1])
  }

  /** Drop the temp files (after an error); the old cache, if any, stays. */
  abort(): void {
    this.written?.close()
    this.written = undefined
    this.close()
    rmSync(this.tmp, { force: true })
    rmSync(`${this.tmp}.index`, { force: true })
  }

  private close(): void {
    for (const appender of [this.file, this.index]) {
      if (!appender) continue
      try {
        closeSync(appender.fd)
      } catch {
        // Already closed or never usable: the files are removed by the caller either way.
      }
    }
    this.file = this.index = undefined
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
