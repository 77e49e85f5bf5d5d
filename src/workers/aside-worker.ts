/**
 * The aside worker (see aside.ts): lists the output folder and posts the
 * listing back, then loads the parsing code and the Markdown stack and
 * parses the files the build sends it, one message each.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { listOutput } from '../emit/scan.js'
import type { AsideData, AsideReply, AsideRequest } from './aside.js'
import type { parserFor as ParserFor } from './parse-task.js'

if (!parentPort) throw new Error('Internal error: aside-worker.js runs as a worker thread only')
const port = parentPort
const { outDir, bundle } = workerData as AsideData
const listing = listOutput(outDir)
port.postMessage({ kind: 'listing', listing } satisfies AsideReply, [listing.numbers.buffer as ArrayBuffer])

/** The parsing code and the Markdown stack. */
const load = (): Promise<typeof ParserFor> => import('./parse-task.js').then(async (module) => {
  const { loadMarkdown } = await import('../markdown/load.js')
  await loadMarkdown(bundle)
  return module.parserFor
})
// Loaded now, before any file is asked for: a build asks right after it has read its sources, and the
// thread is idle until then (a build that asks for nothing stops the thread). Not when running from the
// modules (tests, a stale bundle): hundreds of modules would cost every build ~0.3 s of the other core.
const preloaded = bundle ? load() : undefined
let parse: Promise<(task: AsideRequest['task']) => Promise<Uint8Array>> | undefined
port.on('message', (request: AsideRequest) => {
  parse ??= (preloaded ?? load()).then((parserFor) => parserFor(request.setup))
  parse.then((run) => run(request.task)).then(
    (bytes) => port.postMessage({ kind: 'parsed', id: request.id, ok: true, value: bytes } satisfies AsideReply, [bytes.buffer as ArrayBuffer]),
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error))
      port.postMessage({ kind: 'parsed', id: request.id, ok: false, error: { message: err.message, stack: err.stack } } satisfies AsideReply)
    }
  )
})
