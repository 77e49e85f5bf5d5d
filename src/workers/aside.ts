/**
 * The aside worker: one thread a build starts first thing, to do off its
 * own thread what it would otherwise wait for. It loads the parsing code and
 * the Markdown stack while the build loads the config, finds the sources and
 * reads the manifest; then it parses the few files an edit changed while the
 * build reads every other entry from the cache, and then lists the output
 * folder (~55 ms of system calls at 4,000 posts) while the build makes the
 * site graph and the routes. A one-post edit of a 4,000-post blog spent ~80
 * ms on its one file, most of it loading the Markdown stack, and ~60 ms
 * listing the output folder. (A build where nothing changed asks for the
 * listing at once, and waits for it behind the preload.)
 *
 * Whatever the thread cannot do (it does not start, crashes, or exits), the
 * build does itself: the listing is made in this thread, and a file sent
 * aside is parsed here (AsideUnavailable). So the output never depends on it.
 */
import { Worker } from 'node:worker_threads'
import { workerModule } from '../bundles.js'
import { scanOutput, stateOf, type DiskState, type FlatListing } from '../emit/scan.js'
import type { ParseSetup, ParseTask } from './parse-task.js'

/** What the aside worker starts with. */
export interface AsideData {
  outDir: string
  /** The Markdown bundle to load (markdownBundle()), or undefined for the modules. */
  bundle: string | undefined
}

/** What the build asks of the aside worker: to parse a file, or to list the output folder. */
export type AsideRequest = { kind: 'parse'; id: number; setup: ParseSetup; task: ParseTask } | { kind: 'list' }

/** What the aside worker posts: one reply per file, and the listing. */
export type AsideReply =
  | { kind: 'listing'; listing: FlatListing }
  | { kind: 'parsed'; id: number; ok: true; value: Uint8Array }
  | { kind: 'parsed'; id: number; ok: false; error: { message: string; stack?: string } }
  /** The parsing code did not load in the thread. */
  | { kind: 'parsed'; id: number; ok: false; unavailable: true }

/** A file sent aside could not be parsed there (the thread is gone): parse it here. */
export class AsideUnavailable extends Error {}

/** The aside worker of one build. */
export interface Aside {
  /** What scanOutput(outDir) gives: asked for on the first call, after the files sent to parse so far. */
  listing(): Promise<DiskState>
  /**
   * Parse a file in the aside thread.
   *
   * @returns Its entry bytes (entryBytes); rejects with AsideUnavailable when the thread is gone.
   */
  parse(setup: ParseSetup, task: ParseTask): Promise<Uint8Array>
  /** No more requests: the thread ends once it has answered those in flight. */
  stop(): void
}

/** The aside worker's module (see workerModule). */
export function asideWorkerFile(): URL {
  return workerModule('aside-worker.js')
}

/**
 * Start the aside worker.
 *
 * @param data The output folder to list, the Markdown bundle to load.
 * @param file The worker module (tests pass one that fails).
 * @returns The worker's handle.
 */
export function startAside(data: AsideData, file: URL = asideWorkerFile()): Aside {
  let worker: Worker | undefined
  try {
    worker = new Worker(file, { workerData: data })
    // Until the build asks for something, the thread must not keep the process alive.
    worker.unref()
  } catch {
    worker = undefined
  }
  let gone = worker === undefined
  let stopped = false
  let listing: Promise<DiskState> | undefined
  let listed: ((state: DiskState | Promise<DiskState>) => void) | undefined
  let next = 0
  const inFlight = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>()

  /** Keep the process alive only while the build waits for the thread; end it once it has no more to do. */
  const settle = (): void => {
    if (!worker || gone) return
    if (listed || inFlight.size > 0) worker.ref()
    else if (stopped) void worker.terminate()
    else worker.unref()
  }
  const lost = (): void => {
    if (gone) return
    gone = true
    listed?.(scanOutput(data.outDir))
    listed = undefined
    for (const { reject } of inFlight.values()) reject(new AsideUnavailable('the aside worker is gone'))
    inFlight.clear()
  }
  worker?.on('message', (reply: AsideReply) => {
    if (reply.kind === 'listing') {
      listed?.(stateOf(reply.listing))
      listed = undefined
    } else {
      const waiting = inFlight.get(reply.id)
      inFlight.delete(reply.id)
      if (reply.ok) waiting?.resolve(reply.value)
      else if ('unavailable' in reply) waiting?.reject(new AsideUnavailable('the parsing code did not load in the aside worker'))
      else {
        const err = new Error(`Internal error in the aside worker thread: ${reply.error.message}`)
        if (reply.error.stack) err.stack = `${err.message}\n${reply.error.stack.split('\n').slice(1).join('\n')}`
        waiting?.reject(err)
      }
    }
    settle()
  })
  worker?.on('error', lost)
  worker?.on('exit', lost)

  return {
    listing() {
      if (listing) return listing
      if (gone || !worker) return (listing = scanOutput(data.outDir))
      listing = new Promise<DiskState>((resolve) => { listed = resolve })
      // A build that stops early (a broken config) may never await it: its failure is not an unhandled one.
      listing.catch(() => undefined)
      worker.postMessage({ kind: 'list' } satisfies AsideRequest)
      settle()
      return listing
    },
    parse(setup, task) {
      if (gone || stopped || !worker) return Promise.reject(new AsideUnavailable('the aside worker is gone'))
      const id = next++
      const answer = new Promise<Uint8Array>((resolve, reject) => inFlight.set(id, { resolve, reject }))
      worker.postMessage({ kind: 'parse', id, setup, task } satisfies AsideRequest)
      settle()
      return answer
    },
    stop() {
      stopped = true
      settle()
    }
  }
}
