/**
 * Over 300 lines for one job: the cache lookup, the worker and aside-thread hand-off and the in-order cache
 * writes are one loop over the sources, sharing its per-source state.
 *
 * Read every content file and turn it into an Entry, reusing the persistent
 * cache for files whose bytes (and the config and tool version) did not
 * change. Per-file work is a pure function of those, so a cached entry is
 * exactly what parsing would give.
 *
 * Files that miss the cache are parsed in worker threads when there are
 * enough of them to pay for starting the workers (each loads the Markdown
 * stack once), else in this thread. Either way the entries come back in
 * source order, so the output does not depend on the number of workers.
 */
import { createHash } from 'node:crypto'
import { assetsUnchanged, fingerprintSync } from './content/asset-fingerprint.js'
import { hashBytes } from './util/hash.js'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { workerModule } from './bundles.js'
import type { Entry, Problem, SiteConfig } from './types.js'
import type { SourceRef } from './content/discover.js'
import { parseEntry, timedOutEntry } from './content/parse.js'
import type { BodyRenderer } from './content/parse.js'
import { codeMemoOf, entryBytes, entryFromBytes, readBodyFrom } from './cache/entry-bytes.js'
import { entryOf, recordKey, type CacheRecord, type EntryCache } from './cache/format.js'
import { readEntryCache } from './cache/read.js'
import { EntryCacheWriter } from './cache/write.js'
import type { OpenFiles } from './cache/open-files.js'
import type { CodeMemo } from './markdown/code-memo.js'
import { problem } from './messages.js'
import { configDigest } from './cache/digest.js'
import { runPool } from './workers/pool.js'
import { loadMarkdown, markdownBundle } from './markdown/load.js'
import { importPlugins } from './config/markdown-plugins.js'
import type { ParseTask, ParseWorkerData } from './workers/parse-worker.js'
import { AsideUnavailable, type Aside } from './workers/aside.js'

/** Counts of what parsing did. */
export interface ParseStats {
  parsed: number
  cached: number
  /** Worker threads of the pool. */
  workers: number
  /** Files parsed in the aside worker (workers/aside.ts). */
  aside: number
}

/** Inputs of parseEntries. */
export interface ParseInput {
  root: string
  sources: SourceRef[]
  config: SiteConfig
  configText: string
  cacheDir: string
  useCache: boolean
  /**
   * Worker threads: 0 parses in this thread; N ≥ 1 uses exactly N workers
   * whenever a file needs parsing; undefined decides by the number of files
   * to parse and the cores (see workersFor).
   */
  workers?: number
  onProgress?: (done: number, total: number, stage: string) => void
  /**
   * The sources' bytes, already read by the caller (same order as
   * `sources`). Each slot is emptied once read, so the bytes can be
   * collected while the build goes on.
   */
  preread?: Array<Uint8Array | Error | undefined>
  /**
   * hashBytes of each source's bytes (UNREADABLE for a preread Error), when the caller has them (the build
   * does): not hashed twice. A source with a hash and no preread bytes is read only when it must be parsed.
   */
  contentHashes?: readonly string[]
  /** Called with the number of files to parse once it is known (before any is parsed). */
  onMisses?: (count: number) => void
  /** The build's aside worker: a few files to parse (ASIDE_FILES at most) are parsed there, unless `workers` is 0. */
  aside?: Aside
  /** Called once the files for the aside worker are sent, with their number (the build then asks it for the rest of its work). */
  onAsked?: (count: number) => void
  /** Where the cache files the entries read their bodies from go: their owner closes them when done with the entries. */
  openFiles: OpenFiles
}

/**
 * At most this many files to parse go to the aside worker (workers/aside.ts),
 * one after another, while this thread reads the cached entries; more go
 * to the pool, or are parsed here.
 */
export const ASIDE_FILES = 16

/**
 * Files to parse per worker before a worker pays for itself: starting a
 * worker and loading unified and its plugins in it costs about as much CPU
 * as parsing this many posts (figures in tests/bench/README.md), so with
 * fewer files per worker one thread is as fast.
 */
export const FILES_PER_WORKER = 100

/**
 * How many workers to use for `misses` files to parse.
 *
 * @param misses Files that need parsing.
 * @param requested The `workers` option.
 * @param cores Available parallelism.
 * @returns 0 for this thread, else the pool size.
 */
export function workersFor(misses: number, requested: number | undefined, cores = availableParallelism()): number {
  if (misses === 0) return 0
  if (requested !== undefined) return Math.min(requested, misses)
  if (cores < 2 || misses < 2 * FILES_PER_WORKER) return 0
  return Math.min(cores, Math.floor(misses / FILES_PER_WORKER))
}

let renderer: { key: string; render: Promise<BodyRenderer> } | undefined

/**
 * The body renderer for a config, created once per process and config. The
 * Markdown stack (unified, Shiki, KaTeX) is imported only when a file
 * actually needs parsing: a warm build never pays for loading it.
 *
 * @param root Site root.
 * @param config Site config.
 * @returns Renderer.
 */
export async function rendererFor(root: string, config: SiteConfig): Promise<BodyRenderer> {
  const key = JSON.stringify([root, config.highlight, config.summaryLength, config.language, config.search?.code === true, config.plugins?.digest])
  if (renderer?.key !== key) {
    renderer = {
      key,
      render: loadMarkdown(markdownBundle()).then(async ({ createBodyRenderer }) =>
        createBodyRenderer({ root, highlight: config.highlight, summaryLength: config.summaryLength, language: config.language, searchCode: config.search?.code === true, plugins: await importPlugins(config.plugins) }))
    }
  }
  return renderer.render
}

/** A renderer that loads the Markdown stack on first use (files that cannot be read never need it). */
function lazyRenderer(root: string, config: SiteConfig): BodyRenderer {
  return async (file, body) => (await rendererFor(root, config))(file, body)
}

/**
 * The old-generation heap limit of a parse worker, in MB. Not to bound a
 * post (one needs a few tens of MB), but because V8 sizes its heap growth by
 * the limit: with the default (a quarter of the machine's memory, several
 * GB) each worker let its heap grow large with garbage before collecting;
 * with a limit of at most 1 GB it collects sooner, for about the same CPU
 * time, and the parse's peak memory is lower (figures in
 * tests/bench/README.md).
 */
export const WORKER_HEAP_MB = 1024

/** Default time budget of one file parsed in a worker (`limits.parse_seconds`). */
export const PARSE_SECONDS = 30

/** The parse worker's module (see workerModule). */
function workerFile(): URL {
  return workerModule('parse-worker.js')
}

/**
 * Writes cache records in source order as they become known (cached ones at
 * once, parsed ones as workers finish them, in any order), so that no record
 * is held longer than it takes the ones before it to arrive, and the file's
 * bytes do not depend on timing.
 */
class InOrder {
  private next = 0
  private readonly waiting = new Map<number, CacheRecord | null>()
  constructor(private readonly sources: readonly SourceRef[], private readonly writer: EntryCacheWriter) {}
  /** The record of source `index`, or null when the source has none (unreadable). */
  set(index: number, record: CacheRecord | null): void {
    this.waiting.set(index, record)
    while (this.waiting.has(this.next)) {
      const ready = this.waiting.get(this.next)
      this.waiting.delete(this.next)
      if (ready) this.writer.add(this.sources[this.next].path, ready)
      this.next++
    }
  }
  abort(): void {
    this.waiting.clear()
    this.writer.abort()
  }
  commit(): void {
    if (this.next !== this.sources.length) throw new Error(`Internal error: cache records missing from ${this.sources[this.next]?.path}`)
    this.writer.commit()
  }
  /** After commit: reads the tail of a source's record from the file written (EntryCacheWriter.tailOf). */
  tailOf(index: number): (() => Buffer) | undefined {
    return this.writer.tailOf(this.sources[index].path)
  }
}

/**
 * Whether to write only a delta over the cache's base (see cache/format.ts),
 * and over which: when every record of the base is still a source's (a
 * delta cannot drop one, so a deleted or renamed file gives a new base; a
 * new file's record goes to the delta like an edited one's), and at most
 * DELTA_LIMIT of the sources (or 32) would be in the delta: the files parsed
 * again, and the cached records that are not the base's (earlier edits).
 * Otherwise a new base, which also removes the delta.
 *
 * @param base The base as read, if any.
 * @param sources This build's sources.
 * @param kept Cached records by source index.
 * @param misses How many sources are parsed again.
 * @returns The base to write a delta over, or undefined for a new base.
 */
function deltaBase(base: EntryCache['base'], sources: readonly SourceRef[], kept: ReadonlyMap<number, CacheRecord>, misses: number): EntryCache['base'] | undefined {
  if (!base) return undefined
  let live = 0
  for (const source of sources) if (base.keys.has(source.path)) live++
  if (live !== base.keys.size) return undefined
  let differ = misses
  for (const [index, record] of kept) if (base.keys.get(sources[index].path) !== recordKey(record)) differ++
  return differ <= Math.max(32, sources.length * DELTA_LIMIT) ? base : undefined
}

/** The share of sources whose records may differ from the base's before a build writes a new base. */
export const DELTA_LIMIT = 0.05

/**
 * Parse every source, from the cache where possible.
 *
 * Memory: at 10,000 posts a cold build would otherwise hold every source's
 * bytes, every worker result and a one-piece serialisation of the cache at
 * the same time. So a source's bytes are dropped once handed to a worker
 * (and the caller's `preread` slot is cleared), each worker result is turned
 * into its entry and written to the cache file as it arrives, and the cache
 * file is written record by record.
 *
 * @param input Sources, config, cache settings. Slots of `input.preread` are emptied as they are read.
 * @returns Entries in source order, problems of the cache itself, stats.
 */
export async function parseEntries(input: ParseInput): Promise<{ entries: Entry[]; problems: Problem[]; stats: ParseStats }> {
  const { root, sources, config } = input
  const digest = configDigest(input.configText, undefined, input.config.plugins?.digest)
  const problems: Problem[] = []
  const read = input.useCache ? await readEntryCache(input.cacheDir, digest, problems, input.openFiles) : { records: new Map<string, CacheRecord>(), base: undefined }
  let cache = read.records
  const entries = new Array<Entry>(sources.length)
  const hashes = new Array<string>(sources.length)
  /** Cache records of cached sources, by index, until the cache file is written. */
  const kept = new Map<number, CacheRecord>()
  let unreadable = 0
  /**
   * Indexes of sources to parse, with their bytes (dropped once handed over)
   * and the bytes of the file's previous cache record, if any (its
   * highlighted code, see markdown/code-memo.ts).
   */
  const misses: Array<{ index: number; bytes: Uint8Array | Error | undefined; before?: CacheRecord }> = []
  let cached = 0

  // Read and hash every file, and find its cache record. Synchronous reads: for
  // thousands of small files they are about four times faster than promises
  // (no thread-pool round trip per open, stat, read and close).
  const readSource = (source: SourceRef): Uint8Array | Error => {
    try {
      return readFileSync(join(root, source.path))
    } catch (error) {
      return error as Error
    }
  }
  /** Records whose source and referenced files are unchanged, by source index (their entries are read next). */
  const hits = new Map<number, CacheRecord>()
  for (const [i, source] of sources.entries()) {
    // A source the caller knows by its hash alone (unchanged, see read-sources.ts) is read only if it must be parsed.
    let bytes = input.preread?.[i] ?? (input.contentHashes?.[i] === undefined ? readSource(source) : undefined)
    if (input.preread) input.preread[i] = undefined
    const content = bytes instanceof Error ? '' : (input.contentHashes?.[i] ?? hashBytes(bytes!))
    const hash = content && createHash('sha1').update(content).update('\0').update(source.kind).update('\0').update(source.assets.join('\0')).digest('hex')
    hashes[i] = hash
    const hit = hash ? cache.get(source.path) : undefined
    if (hit && hit.hash === hash && assetsUnchanged(root, hit.assets)) {
      hits.set(i, hit)
    } else {
      bytes ??= readSource(source)
      misses.push({ index: i, bytes, before: hit })
    }
  }
  // A few files to parse go to the aside worker now, to be parsed while the cached entries are read.
  // Not when the caller asked for parse workers: there every file has the pool's time budget.
  const aside = input.aside && input.workers === undefined && misses.length <= ASIDE_FILES ? input.aside : undefined
  const asked = new Map<number, Promise<Uint8Array>>()
  if (aside) {
    const setup = { root, config, bundle: markdownBundle() }
    for (const m of misses) {
      if (m.bytes instanceof Error || m.bytes === undefined) continue
      const previous = m.before && [...codeMemoOf(m.before.bytes, m.before.tail)]
      const answer = aside.parse(setup, { source: sources[m.index], bytes: m.bytes, previous })
      // Not awaited until the cached entries are read: a failure must not count as unhandled meanwhile.
      answer.catch(() => undefined)
      asked.set(m.index, answer)
    }
  }
  input.onAsked?.(asked.size)
  for (const [i, hit] of hits) {
    const entry = entryOf(hit)
    if (entry) {
      entries[i] = entry
      kept.set(i, hit)
      cached++
    } else {
      unreadable++
      misses.push({ index: i, bytes: readSource(sources[i]), before: hit })
    }
  }
  hits.clear()
  if (unreadable > 0) misses.sort((a, b) => a.index - b.index)
  input.onMisses?.(misses.length)
  if (unreadable > 0) {
    problems.push(problem('.inkstone-cache/entries.v8', 'cache-corrupt', `The cache could not be read (${unreadable} damaged entries)`))
  }
  // A record of a file that is gone also makes a rewrite, once: one in the
  // base gives a new base (deltaBase), one only in the delta is left out of
  // the next delta. So this does not hold on every later build.
  // (And an unusable delta is replaced once, so that it does not warn, or get read, on every build.)
  const rewrite = input.useCache && (misses.length > 0 || cache.size !== sources.length || read.badDelta === true)
  const out = rewrite ? new InOrder(sources, new EntryCacheWriter(input.cacheDir, digest, deltaBase(read.base, sources, kept, misses.length), input.openFiles)) : undefined
  // The records of sources that are gone (or changed) are not needed any more.
  cache = new Map()
  if (!rewrite) kept.clear()

  const record = (index: number, entry: Entry, bytes: () => Uint8Array): void => {
    if (!out) return
    const hash = hashes[index]
    out.set(index, hash ? { hash, assets: fingerprintSync(root, entry), bytes: bytes() } : null)
  }
  try {
    // Cached entries first: their records wait only for the misses before them.
    const fresh = new Set(misses.map((m) => m.index))
    if (out) {
      for (let i = 0; i < sources.length; i++) {
        if (fresh.has(i)) continue
        out.set(i, kept.get(i) ?? null)
      }
    }
    kept.clear()

    const readable = misses.filter((m) => !(m.bytes instanceof Error) && !asked.has(m.index))
    const workers = workersFor(readable.length, input.workers)
    const progress = input.onProgress
    if (workers > 0) {
      const tasks: ParseTask[] = readable.map((m) => {
        const task = { source: sources[m.index], bytes: m.bytes as Uint8Array }
        m.bytes = undefined
        return task
      })
      const data: ParseWorkerData = { root, config, bundle: markdownBundle() }
      const seconds = config.limits?.parseSeconds ?? PARSE_SECONDS
      await runPool<ParseTask, Uint8Array>(tasks.splice(0), {
        budgetMs: seconds * 1000,
        onTimeout: (k) => {
          const index = readable[k].index
          entries[index] = timedOutEntry(sources[index], seconds)
          // Not cached: the time depends on the machine and its load.
          out?.set(index, null)
        },
        file: workerFile(), workerData: data, size: workers, dropInputs: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
        label: (task) => task.source.path,
        consume: (bytes, k) => {
          const index = readable[k].index
          const entry = entryFromBytes(bytes)
          if (!entry) throw new Error(`Internal error: the entry of ${sources[index].path} from a worker does not deserialise`)
          entries[index] = entry
          record(index, entry, () => bytes)
        },
        onResult: progress ? (done) => { if (done % 200 === 0) progress(cached + done, sources.length, 'parse') } : undefined
      })
    }
    // Files sent aside: their entries, or parsed here when the aside thread is gone.
    let asideParsed = 0
    for (const [index, answer] of asked) {
      let bytes: Uint8Array
      try {
        bytes = await answer
      } catch (error) {
        if (error instanceof AsideUnavailable) continue
        throw error
      }
      const entry = entryFromBytes(bytes)
      if (!entry) throw new Error(`Internal error: the entry of ${sources[index].path} from the aside worker does not deserialise`)
      asideParsed++
      entries[index] = entry
      record(index, entry, () => bytes)
    }
    const render = lazyRenderer(root, config)
    let done = cached
    for (const m of misses) {
      if (entries[m.index] !== undefined) continue
      const memo: CodeMemo = { previous: m.before && codeMemoOf(m.before.bytes, m.before.tail), made: [] }
      const entry = await parseEntry(sources[m.index], m.bytes ?? new Error('Internal error: source bytes dropped'), config, render, memo)
      m.bytes = m.before = undefined
      entries[m.index] = entry
      record(m.index, entry, () => entryBytes(entry, memo.made))
      if (progress && ++done % 200 === 0) progress(done, sources.length, 'parse')
    }
    out?.commit()
    // The entries parsed now (in workers or aside) read their HTML from the file just written, and let their bytes go.
    if (out) {
      for (const m of misses) {
        const tail = out.tailOf(m.index)
        if (tail && entries[m.index]) readBodyFrom(entries[m.index], tail)
      }
    }
    return { entries, problems, stats: { parsed: misses.length, cached, workers, aside: asideParsed } }
  } catch (error) {
    out?.abort()
    throw error
  }
}
