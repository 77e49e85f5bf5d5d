/**
 * A parse worker: source + bytes in, Entry out (see content/parse.ts). The
 * body renderer (unified processor, Shiki) is created once per worker, on the
 * first file that needs it. Runs only inside a worker thread started by
 * workers/pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { Entry, SiteConfig } from '../types.js'
import type { SourceRef } from '../content/discover.js'
import { parseEntry, type BodyRenderer } from '../content/parse.js'
import type { WorkerReply } from './pool.js'

/** What the main thread sends once per worker. */
export interface ParseWorkerData {
  root: string
  config: SiteConfig
}

/** One task. */
export interface ParseTask {
  source: SourceRef
  bytes: Uint8Array
}

const { root, config } = workerData as ParseWorkerData
let renderer: Promise<BodyRenderer> | undefined

const lazyRender: BodyRenderer = async (file, body) => {
  renderer ??= import('../markdown/index.js').then(({ createBodyRenderer }) =>
    createBodyRenderer({ root, highlight: config.highlight, summaryLength: config.summaryLength })
  )
  return (await renderer)(file, body)
}

if (!parentPort) throw new Error('parse-worker.js must run in a worker thread')
const port = parentPort
port.on('message', ({ id, input }: { id: number; input: ParseTask }) => {
  parseEntry(input.source, input.bytes, config, lazyRender).then(
    (value: Entry) => port.postMessage({ id, ok: true, value } satisfies WorkerReply<Entry>),
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      port.postMessage({ id, ok: false, error: { message: err.message, stack: err.stack } } satisfies WorkerReply<Entry>)
    }
  )
})
