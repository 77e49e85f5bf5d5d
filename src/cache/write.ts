/**
 * Writing the entry cache (format.ts) record by record: tails go to the
 * file as they come, heads to a temp file copied after them as the index,
 * so a build never holds a second copy of its entries to write the cache.
 */
import { createHash, type Hash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { lengthsOf } from './entry-bytes.js'
import { CacheFile, type OpenFiles } from './open-files.js'
import { DELTA_MAGIC, ENTRY_CACHE_FILE, ENTRY_DELTA_FILE, HEADER, MAGIC, WRITE_BUFFER, recordKey, type CacheRecord, type EntryCache } from './format.js'

/** Buffered writes, one after another, from the start of a file. */
class Appender {
  private readonly buffer = Buffer.allocUnsafe(WRITE_BUFFER)
  private used = 0
  /** Bytes flushed to the file. */
  private flushed = 0
  /** CRC-32 of the bytes put since checksum() began it. */
  private crc: number | undefined
  constructor(readonly fd: number) {}

  /** Start a CRC-32 of the bytes put from now on; gives it when called again. */
  checksum(): number {
    const crc = this.crc ?? 0
    this.crc = this.crc === undefined ? 0 : undefined
    return crc
  }

  /** Bytes written so far, buffered ones included: where the next byte goes. */
  get length(): number {
    return this.flushed + this.used
  }

  put(data: Uint8Array): void {
    if (this.crc !== undefined) this.crc = crc32(data, this.crc)
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
  /** Where the file as written goes, to be closed with the others (undefined: it is not opened). */
  private readonly files: OpenFiles | undefined

  /**
   * Start a cache file: a new base, or with `base` a delta over that base,
   * which then takes only the records that differ from the base's.
   *
   * @param cacheDir Cache folder (made if missing).
   * @param digest Config digest.
   * @param base The base the delta applies to (from readEntryCache), or undefined for a new base.
   * @param files Where the file as written goes once committed, for tailOf (undefined: no tailOf).
   */
  constructor(cacheDir: string, digest: string, base?: EntryCache['base'], files?: OpenFiles) {
    mkdirSync(cacheDir, { recursive: true })
    this.files = files
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
    this.index.chunk(Buffer.from(JSON.stringify([path, record.hash, record.assets, at, tail.byteLength, crc32(tail)]), 'utf8'))
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
      file.checksum()
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
      const crc = file.checksum()
      file.flush()
      const header = Buffer.alloc(HEADER)
      ;(this.base ? DELTA_MAGIC : MAGIC).copy(header, 0)
      header.writeBigUInt64LE(BigInt(file.length - HEADER), 8)
      header.writeBigUInt64LE(BigInt(indexAt), 16)
      header.writeUInt32LE(crc, 24)
      if (writeSync(file.fd, header, 0, HEADER, 0) !== HEADER) throw new Error(`short write to ${this.tmp}`)
      const name = this.base ? ENTRY_DELTA_FILE : ENTRY_CACHE_FILE
      if (this.files) this.written = this.files.add(new CacheFile(openSync(this.tmp, 'r'), name, indexAt))
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

/**
 * Remove the entry cache (base and delta), found damaged: the next parse rebuilds it.
 *
 * @param cacheDir Cache folder.
 */
export function dropEntryCache(cacheDir: string): void {
  rmSync(join(cacheDir, ENTRY_CACHE_FILE), { force: true })
  rmSync(join(cacheDir, ENTRY_DELTA_FILE), { force: true })
}
