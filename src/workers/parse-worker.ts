/**
 * A parse worker: source + bytes in, Entry out (see parse-task.ts). Runs only
 * inside a worker thread started by workers/pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads'
import type { WorkerReply } from './pool.js'
import { parserFor, type ParseSetup, type ParseTask } from './parse-task.js'

/** What the main thread sends once per worker. */
export type ParseWorkerData = ParseSetup
export type { ParseTask }

if (!parentPort) throw new Error('parse-worker.js must run in a worker thread')
const port = parentPort
const parse = parserFor(workerData as ParseWorkerData)
port.on('message', ({ id, input }: { id: number; input: ParseTask }) => {
  parse(input).then(
    (bytes) => port.postMessage({ id, ok: true, value: bytes } satisfies WorkerReply<Uint8Array>, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      port.postMessage({ id, ok: false, error: { message: err.message, stack: err.stack } } satisfies WorkerReply<Uint8Array>)
    }
  )
})
