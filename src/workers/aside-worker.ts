/**
 * The aside worker (see aside.ts): loads the parsing code and the Markdown
 * stack, then does what the build asks, in the order it asks: parse a file
 * (one message each), list the output folder (once).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { listOutput } from '../emit/scan.js'
import type { AsideData, AsideReply, AsideRequest } from './aside.js'
import type { parserFor as ParserFor } from './parse-task.js'

if (!parentPort) throw new Error('Internal error: aside-worker.js runs as a worker thread only')
const port = parentPort
const { outDir, bundle } = workerData as AsideData

/** The parsing code and the Markdown stack. */
const load = (): Promise<typeof ParserFor> => import('./parse-task.js').then(async (module) => {
  const { loadMarkdown } = await import('../markdown/load.js')
  await loadMarkdown(bundle)
  return module.parserFor
})
// Loaded now, before any file is asked for: a build asks once it has read its sources, and the thread is
// idle until then. Not when running from the modules (tests, a stale bundle): hundreds of modules would
// cost every build ~0.3 s of the other core.
const preloaded = bundle ? load() : undefined
let parserFor: Promise<typeof ParserFor> | undefined = preloaded
let parse: Promise<(task: Extract<AsideRequest, { kind: 'parse' }>['task']) => Promise<Uint8Array>> | undefined

/** One request, answered. */
async function answer(request: AsideRequest): Promise<void> {
  if (request.kind === 'list') {
    const listing = listOutput(outDir)
    port.postMessage({ kind: 'listing', listing } satisfies AsideReply, [listing.numbers.buffer as ArrayBuffer])
    return
  }
  let run: (task: Extract<AsideRequest, { kind: 'parse' }>['task']) => Promise<Uint8Array>
  try {
    parse ??= (parserFor ??= load()).then((make) => make(request.setup))
    run = await parse
  } catch {
    // The parsing code did not load here: the build parses the file itself.
    port.postMessage({ kind: 'parsed', id: request.id, ok: false, unavailable: true } satisfies AsideReply)
    return
  }
  try {
    const bytes = await run(request.task)
    port.postMessage({ kind: 'parsed', id: request.id, ok: true, value: bytes } satisfies AsideReply, [bytes.buffer as ArrayBuffer])
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error))
    port.postMessage({ kind: 'parsed', id: request.id, ok: false, error: { message: err.message, stack: err.stack } } satisfies AsideReply)
  }
}

// One request at a time, in the order they came, after the preload: the build sends the files to parse,
// then asks for the listing, which it needs later. (A build with nothing to parse waits for the listing
// behind the preload: a warm build at 4,000 posts takes ~0.35 s instead of ~0.29 s, a one-post edit ~20 ms
// less.)
let queue: Promise<unknown> = (preloaded ?? Promise.resolve()).catch(() => undefined)
port.on('message', (request: AsideRequest) => {
  queue = queue.then(() => answer(request))
})
