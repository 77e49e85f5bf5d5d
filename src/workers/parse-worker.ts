/**
 * A parse worker: source + bytes in, Entry out (see content/parse.ts). The
 * body renderer (unified processor, Shiki) is created once per worker, on the
 * first file that needs it. Runs only inside a worker thread started by
 * workers/pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { SiteConfig } from '../types.js'
import type { SourceRef } from '../content/discover.js'
import { parseEntry, type BodyRenderer } from '../content/parse.js'
import type { WorkerReply } from './pool.js'
import { loadMarkdown } from '../markdown/load.js'
import { entryBytes } from '../cache/store.js'
import type { CodeMemo } from '../markdown/code-memo.js'

/** What the main thread sends once per worker. */
export interface ParseWorkerData {
  root: string
  config: SiteConfig
  /** Where to load the Markdown stack from (see markdown/load.ts). */
  bundle: string | undefined
}

/** One task. */
export interface ParseTask {
  source: SourceRef
  bytes: Uint8Array
}

const { root, config, bundle } = workerData as ParseWorkerData
let renderer: Promise<BodyRenderer> | undefined

const lazyRender: BodyRenderer = async (file, body) => {
  renderer ??= loadMarkdown(bundle).then(({ createBodyRenderer }) =>
    createBodyRenderer({ root, highlight: config.highlight, summaryLength: config.summaryLength, language: config.language })
  )
  return (await renderer)(file, body)
}

if (!parentPort) throw new Error('parse-worker.js must run in a worker thread')
const port = parentPort
// The entry goes back serialised (entryBytes), its buffer transferred (not copied): the
// main thread deserialises it once and keeps the bytes for the cache file,
// instead of structured-cloning it here and serialising it again there.
port.on('message', ({ id, input }: { id: number; input: ParseTask }) => {
  const memo: CodeMemo = { made: [] }
  parseEntry(input.source, input.bytes, config, lazyRender, memo).then(
    (entry) => {
      let bytes: Uint8Array = entryBytes(entry, memo.made)
      // Transfer only a buffer this message owns alone (never a pooled one).
      if (bytes.byteOffset !== 0 || bytes.buffer.byteLength !== bytes.byteLength) bytes = new Uint8Array(bytes)
      port.postMessage({ id, ok: true, value: bytes } satisfies WorkerReply<Uint8Array>, [bytes.buffer as ArrayBuffer])
    },
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      port.postMessage({ id, ok: false, error: { message: err.message, stack: err.stack } } satisfies WorkerReply<Uint8Array>)
    }
  )
})
