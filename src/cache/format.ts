/**
 * The entry cache's file format. One base file per site
 * (`.inkstone-cache/entries.v8`) and a small delta beside it
 * (`entries.delta.v8`), keyed inside by the config digest (which includes
 * the tool version, lockfile and code; see digest.ts) and per entry by the
 * hash of the file's bytes.
 *
 * Base layout (format 11): 8 bytes magic `INKC\0\0\0\x0b`, 8 bytes payload
 * length (little-endian; the file's length less the 28-byte header), 8 bytes
 * where the index begins, 4 bytes CRC-32 of the index. Then the records'
 * tails (the bodies' HTML and remembered code blocks, see entry-bytes.ts),
 * one after another, and at the end the index: the digest as a chunk, the
 * base's id as a chunk (40 hex digits: a digest of its records' paths and
 * hashes), then per entry a chunk of JSON
 * `[path, hash, assets, tail offset, tail length, tail CRC-32]` and a chunk
 * of the entry's head (entryBytes without the tail); a chunk is a 4-byte
 * little-endian length and that many bytes. The length catches a
 * half-written or cut-off file and the checksums a damaged one: the index's
 * when the file is read, a tail's when it is (a build reads a few).
 *
 * The delta (magic `INKD\0\0\0\x07`, same layout, the id being that of the
 * base it applies to) holds the records that differ from the base's. A build
 * that re-parses a few files (edited or new) writes only the delta, not
 * the whole base again. A build that changes many files, or drops a file the
 * base has, writes a new base and removes the delta (see deltaBase in
 * parse-entries.ts). A delta made for another base (or digest) is stale:
 * ignored, and replaced by the next write.
 */
import { entryFromBytes } from './entry-bytes.js'
import type { Entry } from '../types.js'

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

/** The cache file's name inside the cache folder. */
export const ENTRY_CACHE_FILE = 'entries.v8'
/** The delta's name inside the cache folder. */
export const ENTRY_DELTA_FILE = 'entries.delta.v8'
/** The magic of a base file. */
export const MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 12])
/** The magic of a delta file. */
export const DELTA_MAGIC = Buffer.from([0x49, 0x4e, 0x4b, 0x44, 0, 0, 0, 8])
/** Magic, payload length, index offset, index CRC-32. */
export const HEADER = 28
/** Records are gathered into writes of about this size (one write per record would be a system call each). */
export const WRITE_BUFFER = 1 << 20

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

/** Reads the chunks of a payload in turn. */
export class Chunks {
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
