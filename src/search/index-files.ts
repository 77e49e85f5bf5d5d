/**
 * The files of a search index and how each is written: the entry
 * (`search.json`), token shards (`i/`), document-map blocks (`m/`) and one
 * document per post (`d/`). Files other than the entry are named after their
 * content's hash, so a browser never mixes an old part with a new entry.
 * Shared by a whole build (build-index.ts) and a patch (patch-index.ts). Pure.
 */
import { createHash } from 'node:crypto'
import type { SearchDoc, SearchEntry } from './engine.js'

/** One post to index, oldest first (its position is its id). */
export interface IndexInput {
  title: string
  /** `YYYY-MM-DD`. */
  date: string
  column?: string
  url: string
  /** searchDigestOf the body's headings and text: an unchanged post is known by it without reading them. */
  digest: string
  /** What the index holds of the body, read only when needed. */
  body(): IndexedBody
}

/** What the index holds of a post's body. */
export interface IndexedBody {
  /** The headings' text. */
  headings: string[]
  /** Plain text of the body (see plainTextOf). */
  text: string
}

/** A file of the index, relative to the index folder (`search/`). */
export interface IndexFile {
  path: string
  /** Its text (made on first read for a document). */
  readonly text: string
  /** The hash in its name (of its text, or for a document of what it holds: see documentHash). */
  hash: string
}

/** Posts per document-map block. */
export const MAP_BLOCK = 128

/** Hex digits of a content hash in the name of a shard or map block (one of each number exists at a time). */
export const HASH_WIDTH = 8
/** Hex digits of a document's hash, its whole name (thousands exist at a time). */
export const DOC_HASH_WIDTH = 12

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

/**
 * The content hash an index file is named after.
 *
 * @param text The file's text.
 * @param width Hex digits kept.
 * @returns Hash.
 */
export function hashOf(text: string, width = HASH_WIDTH): string {
  return createHash('sha1').update(text).digest('hex').slice(0, width)
}

/**
 * A shard's text: its tokens in code-unit order (the same in every build), each with its encoded postings.
 *
 * @param tokens Tokens of the shard, sorted in place.
 * @param postingsOf Encoded postings of a token.
 * @returns The shard file's text.
 */
export function shardText(tokens: string[], postingsOf: (token: string) => string): string {
  tokens.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  // The postings alphabet needs no escaping in JSON.
  return `{${tokens.map((token) => `${JSON.stringify(token)}:"${postingsOf(token)}"`).join(',')}}`
}

/**
 * The entry file's text.
 *
 * @param posts Posts indexed.
 * @param shards The shard files, by number.
 * @param blocks The map blocks, by number.
 * @param hashed Files are named after their content.
 * @returns Text of `search.json`.
 */
export function entryText(posts: number, shards: IndexFile[], blocks: IndexFile[], hashed: boolean): string {
  const entry: SearchEntry = {
    version: 2, n: posts, s: shards.length, b: MAP_BLOCK, w: hashed ? HASH_WIDTH : 0,
    i: hashed ? shards.map((f) => f.hash).join('') : '',
    m: hashed ? blocks.map((f) => f.hash).join('') : ''
  }
  return JSON.stringify(entry)
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

/** A made index: the entry's text and the other files (shards, map blocks, documents, in that order). */
export interface BuiltIndex {
  entry: string
  files: IndexFile[]
  /** Posts whose text was tokenised to make it (all when made whole, the changed ones when patched). */
  tokenised: number
}

/**
 * An index file of a numbered kind (shard `i`, map block `m`).
 *
 * @param dir Its folder.
 * @param k Its number.
 * @param text Its text.
 * @param hashed Named after its content (else by number).
 * @returns The file.
 */
export function indexFile(dir: string, k: number, text: string, hashed: boolean): IndexFile {
  const hash = hashOf(text)
  return { path: hashed ? `${dir}/${k}.${hash}.json` : `${dir}/${k}.json`, text, hash }
}

/**
 * The name of a post's document: a hash of everything it holds, with the
 * body by its digest, so that it is known without reading the body.
 *
 * @param post The post (title, date, column, url, digest).
 * @returns Hash.
 */
export function documentHash(post: Omit<IndexInput, 'body'>): string {
  return hashOf(JSON.stringify([post.title, post.date, post.column ?? null, post.url, post.digest]), DOC_HASH_WIDTH)
}

/**
 * The document of each post; its text is made when it is read.
 *
 * @param posts Posts, oldest first.
 * @param hashed Named after its content (else by id).
 * @returns Files, by id.
 */
export function documents(posts: IndexInput[], hashed: boolean): IndexFile[] {
  return posts.map((post, id): IndexFile => {
    const hash = documentHash(post)
    let text: string | undefined
    return {
      path: hashed ? `d/${hash}.json` : `d/${id}.json`,
      hash,
      get text(): string {
        if (text === undefined) {
          const { headings, text: x } = post.body()
          const doc: SearchDoc = { t: post.title, d: post.date, ...(post.column ? { c: post.column } : {}), u: post.url, h: headings, x }
          text = JSON.stringify(doc)
        }
        return text
      }
    }
  })
}

/**
 * The document map: for each block of posts, the name of each one's document.
 *
 * @param docFiles Documents, by id.
 * @param hashed Named after their content (else by number).
 * @returns Map blocks, by number.
 */
export function mapBlocks(docFiles: IndexFile[], hashed: boolean): IndexFile[] {
  const blocks: IndexFile[] = []
  for (let k = 0; k * MAP_BLOCK < docFiles.length; k++) {
    const names = docFiles.slice(k * MAP_BLOCK, (k + 1) * MAP_BLOCK).map((d, i) => (hashed ? d.hash : String(k * MAP_BLOCK + i)))
    blocks.push(indexFile('m', k, JSON.stringify(names), hashed))
  }
  return blocks
}
