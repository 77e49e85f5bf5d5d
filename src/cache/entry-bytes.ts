/**
 * One entry as the cache keeps it (entryBytes): the entry v8-serialised
 * without its body's HTML and "later" parts, those parts, then the HTML and
 * the highlighted code blocks of its parse. Read back (entryFromBytes), the
 * body's HTML stays UTF-8 bytes (or on disk) and its later parts stay
 * serialised until a page reads them: a one-post edit of a 4,000-post blog
 * reads a dozen bodies, not every body.
 */
import { deserialize, serialize } from 'node:v8'
import type { Entry, RenderedBody } from '../types.js'
import { CacheDamaged } from './damaged.js'

/** Length of the head of entry bytes: four lengths, the entry, its later parts. */
const LENGTHS = 16

/** The lengths whole entry bytes start with, or undefined when they do not add up to the bytes' length. */
export function lengthsOf(view: Buffer): { entry: number; later: number; html: number; memo: number; head: number } | undefined {
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
  // The heads are checked when the file is read (its index checksum): this is a damaged file found in use.
  if (!later || typeof later !== 'object' || LATER.some((key) => !(key in later))) {
    throw new CacheDamaged(undefined, `the cached entry of ${parts.path} does not read`)
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
