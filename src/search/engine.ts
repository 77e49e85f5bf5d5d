/**
 * The search engine shared by the build and the browser: how text becomes
 * index tokens, how a token finds its shard, how postings are encoded, and
 * how a query is planned, checked against a post and turned into a snippet.
 *
 * The engine is plain ES2018 kept as text (engine-source.ts): the browser
 * loads that text as a script and Node makes the very same function from
 * it, so the index and the queries cannot disagree.
 *
 * Chinese (and Japanese, Korean) text is indexed by character bigrams plus
 * single characters, not by words: a segmenter (ICU's, in Intl.Segmenter)
 * cuts 所有权 into 所|有权 and 标点挤压 into 标点|挤|压, so a word index
 * would miss words a reader types. Bigrams find every run of two or more
 * characters; the phrase itself is then checked against the post's text, so
 * every hit contains the query. Latin text is NFKC-folded (ＣＳＳ = CSS) and
 * lowercased, indexed by words, and matched by prefix (`render` finds
 * `rendering`) for queries of three or more letters.
 */
import { engineSource } from './engine-source.js'

let factory: (() => SearchEngine) | undefined

/**
 * A search engine (see the module's comment), made from engineSource.
 *
 * @returns The engine's functions.
 */
export function searchEngine(): SearchEngine {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- our own constant source, never content
  factory ??= new Function(`return (${engineSource})`)() as () => SearchEngine
  return factory()
}

/** One index lookup of a query: a token (or, for `prefix`, every word it begins) in the shard of `key`. */
export interface Lookup {
  key: string
  token: string
  prefix: boolean
}

/** A parsed query. */
export interface SearchQuery {
  /** One pattern per term, over folded text (global, unicode). */
  terms: RegExp[]
  lookups: Lookup[]
  /** The index alone decides the hits (no candidate can fail the check). */
  settled: boolean
}

/** The entry file of an index (`search.json`). */
export interface SearchEntry {
  version: 2
  /** Posts indexed. */
  n: number
  /** Number of token shards (a power of two). */
  s: number
  /** Posts per block of the document map. */
  b: number
  /** Width of each hash in `i` and `m`; 0 when files are named by number only (dev). */
  w: number
  /** The token shards' hashes, concatenated. */
  i: string
  /** The document map blocks' hashes, concatenated. */
  m: string
}

/** What a result shows of a post, fetched for the results shown only. */
export interface SearchDoc {
  /** Title. */
  t: string
  /** Date, `YYYY-MM-DD`. */
  d: string
  /** Column title. */
  c?: string
  /** Href. */
  u: string
  /** Headings' text. */
  h: string[]
  /** The plain text of the body. */
  x: string
}

/** One result. */
export interface SearchResult {
  id: number
  level: number
  doc: SearchDoc
  snippet: Array<{ text: string; mark: boolean }>
}

/** A running query: candidates from the index, checked and returned in order as they are asked for. */
export interface SearchRun {
  query: SearchQuery | null
  /** Posts the index names; every one is a hit when `settled`. */
  candidates: number
  settled: boolean
  /** The next `count` results (fewer at the end). */
  next(count: number): Promise<SearchResult[]>
  /** Whether every candidate has been returned or dropped. */
  done(): boolean
}

/** Runs queries against an index. */
export interface Searcher {
  search(text: string): Promise<SearchRun>
}

/** What searchEngine returns. */
export interface SearchEngine {
  fold(text: string): string
  scan(folded: string, run: (kind: number, start: number, end: number) => void): void
  runsOf(folded: string): Array<{ k: string; s: string }>
  eachToken(folded: string, add: (token: string) => void): void
  shardKey(token: string): string
  shardOf(key: string, shards: number): number
  encodePostings(ids: number[], levels: number[]): string
  decodePostings(text: string, into: Map<number, number>): Map<number, number>
  parseQuery(query: string): SearchQuery | null
  levelOf(query: SearchQuery, doc: SearchDoc): number
  snippetOf(query: SearchQuery, text: string, width: number): Array<{ text: string; mark: boolean }>
  searcher(entry: SearchEntry, load: (path: string) => Promise<unknown>): Searcher
}
