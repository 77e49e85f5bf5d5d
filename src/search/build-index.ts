/**
 * The full-text search index of a site as files: an entry (`search.json`),
 * token shards, document-map blocks and one document per post. A query
 * reads the entry, the shards of its tokens, then the map block and the
 * document of each result it shows, nothing else. Files other than the entry
 * are named after their content's hash, so a browser never mixes an old
 * part with a new entry, and a post's edit changes only the shards its
 * changed tokens live in, its document, its map block and the entry. Pure.
 */
import { createHash } from 'node:crypto'
import { searchEngine, type SearchDoc, type SearchEntry } from './engine.js'

/** One post to index, oldest first (its position is its id). */
export interface IndexInput {
  title: string
  /** `YYYY-MM-DD`. */
  date: string
  column?: string
  url: string
  headings: string[]
  /** Plain text of the body (see plainTextOf). */
  text: string
}

/** A file of the index, relative to the index folder (`search/`). */
export interface IndexFile {
  path: string
  text: string
  /** Hash of the text (the name's, for hashed files). */
  hash: string
}

/** Posts per document-map block. */
export const MAP_BLOCK = 128

/** Hex digits of a content hash in the name of a shard or map block (one of each number exists at a time). */
const HASH_WIDTH = 8
/** Hex digits of a document's hash, its whole name (thousands exist at a time). */
const DOC_HASH_WIDTH = 12

/**
 * Number of token shards for a number of posts: a power of two, about one
 * for every two posts (so a shard stays a few KB), at least 16, at most 4,096.
 *
 * @param posts Posts indexed.
 * @returns Shard count.
 */
export function shardCount(posts: number): number {
  let shards = 16
  while (shards < posts / 2 && shards < 4096) shards *= 2
  return shards
}

/** The engine, made once. */
const engine = searchEngine()

function hashOf(text: string, width = HASH_WIDTH): string {
  return createHash('sha1').update(text).digest('hex').slice(0, width)
}

/**
 * The paths of an index's files when they are named by number (dev): they
 * are known without making the index.
 *
 * @param posts Posts indexed.
 * @returns Paths relative to the index folder.
 */
export function numberedPaths(posts: number): string[] {
  const paths: string[] = []
  for (let k = 0; k < shardCount(posts); k++) paths.push(`i/${k}.json`)
  for (let k = 0; k < Math.ceil(posts / MAP_BLOCK); k++) paths.push(`m/${k}.json`)
  for (let id = 0; id < posts; id++) paths.push(`d/${id}.json`)
  return paths
}

/**
 * Build the index.
 *
 * @param posts Posts, oldest first.
 * @param options `hashed`: name files after their content (a build); else by number (dev).
 * @returns The entry's text and the other files, in a stable order.
 */
export function buildIndex(posts: IndexInput[], options: { hashed: boolean }): { entry: string; files: IndexFile[] } {
  // Per token, `id * 3 + level` of every post that has it, ascending: a post's tokens are added together, so
  // a token seen again in the same post only raises the level of the last entry. CJK tokens are keyed by code
  // points (first character, then 0 or the second plus one): no string is made per occurrence. The tokens are
  // those of engine.eachToken (build-index.test.ts checks).
  const cjk = new Map<number, Map<number, number[]>>()
  const words = new Map<string, number[]>()
  let base = 0
  let v = 0
  const note = <K>(map: Map<K, number[]>, key: K): void => {
    const list = map.get(key)
    if (!list) map.set(key, [v])
    else if (list[list.length - 1] < base) list.push(v)
    else if (list[list.length - 1] < v) list[list.length - 1] = v
  }
  const add = (folded: string): void => {
    engine.scan(folded, (kind, start, end) => {
      if (kind === 2) return note(words, folded.slice(start, end))
      let before: Map<number, number[]> | undefined
      for (let i = start; i < end; ) {
        const cp = folded.codePointAt(i)!
        let after = cjk.get(cp)
        if (!after) cjk.set(cp, (after = new Map()))
        note(after, 0)
        if (before) note(before, cp + 1)
        before = after
        i += cp > 0xffff ? 2 : 1
      }
    })
  }
  posts.forEach((post, id) => {
    base = id * 3
    v = base
    add(engine.fold(post.text))
    v = base + 1
    if (post.headings.length) add(engine.fold(post.headings.join('\n')))
    v = base + 2
    add(engine.fold(post.title))
  })
  const postings = new Map<string, number[]>(words)
  for (const [first, after] of cjk) {
    const char = String.fromCodePoint(first)
    for (const [second, list] of after) postings.set(second === 0 ? char : char + String.fromCodePoint(second - 1), list)
  }

  const shards = shardCount(posts.length)
  const byShard: string[][] = Array.from({ length: shards }, () => [])
  for (const token of postings.keys()) byShard[engine.shardOf(engine.shardKey(token), shards)].push(token)
  const files: IndexFile[] = []
  const name = (dir: string, k: number | string, text: string): IndexFile => {
    const hash = hashOf(text)
    return { path: options.hashed ? `${dir}/${k}.${hash}.json` : `${dir}/${k}.json`, text, hash }
  }
  const ids: number[] = []
  const marks: number[] = []
  const shardFiles = byShard.map((tokens, k) => {
    // Code-unit order: the same in every build.
    tokens.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    const parts = tokens.map((token) => {
      const list = postings.get(token)!
      ids.length = 0
      marks.length = 0
      for (const v of list) {
        ids.push(Math.floor(v / 3))
        marks.push(v % 3)
      }
      // The postings alphabet needs no escaping in JSON.
      return `${JSON.stringify(token)}:"${engine.encodePostings(ids, marks)}"`
    })
    return name('i', k, `{${parts.join(',')}}`)
  })

  const docFiles = posts.map((post, id): IndexFile => {
    const doc: SearchDoc = { t: post.title, d: post.date, ...(post.column ? { c: post.column } : {}), u: post.url, h: post.headings, x: post.text }
    const text = JSON.stringify(doc)
    const hash = hashOf(text, DOC_HASH_WIDTH)
    return { path: options.hashed ? `d/${hash}.json` : `d/${id}.json`, text, hash }
  })
  const mapFiles: IndexFile[] = []
  for (let k = 0; k * MAP_BLOCK < posts.length; k++) {
    const names = docFiles.slice(k * MAP_BLOCK, (k + 1) * MAP_BLOCK).map((d, i) => (options.hashed ? d.hash : String(k * MAP_BLOCK + i)))
    mapFiles.push(name('m', k, JSON.stringify(names)))
  }

  const entry: SearchEntry = {
    version: 2, n: posts.length, s: shards, b: MAP_BLOCK, w: options.hashed ? HASH_WIDTH : 0,
    i: options.hashed ? shardFiles.map((f) => f.hash).join('') : '',
    m: options.hashed ? mapFiles.map((f) => f.hash).join('') : ''
  }
  return { entry: JSON.stringify(entry), files: [...shardFiles, ...mapFiles, ...docFiles] }
}
