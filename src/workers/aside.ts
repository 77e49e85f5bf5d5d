/**
 * The aside worker: one thread a build starts first thing, to do off its
 * own thread what it would otherwise wait for. It lists the output folder
 * (~55 ms of system calls at 4,000 posts) while the build loads the config,
 * finds the sources and reads the manifest; then it loads the parsing code
 * and the Markdown stack, and parses the few files an edit changed while the
 * build takes every other entry from the cache. A one-post edit of a
 * 4,000-post blog spent ~80 ms on its one file, most of it loading the
 * Markdown stack, and ~60 ms listing the output folder.
 *
 * Whatever the thread cannot do (it does not start, crashes, or exits), the
 * build does itself: the listing is made in this thread, and a file sent
 * aside is parsed here (AsideUnavailable). So the output never depends on it.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import { bundleFile } from '../bundles.js'
import { packageRoot } from '../package-root.js'
import { scanOutput, stateOf, type DiskState, type FlatListing } from '../emit/scan.js'
import type { ParseSetup, ParseTask } from './parse-task.js'

/** What the aside worker starts with. */
export interface AsideData {
  outDir: string
  /** The Markdown bundle to load (markdownBundle()), or undefined for the modules. */
  bundle: string | undefined
}

/** A file to parse aside. */
export interface AsideRequest {
  id: number
  setup: ParseSetup
  task: ParseTask
}

/** What the aside worker posts: the listing first, then one reply per file. */
export type AsideReply =
  | { kind: 'listing'; listing: FlatListing }
  | { kind: 'parsed'; id: number; ok: true; value: Uint8Array }
  | { kind: 'parsed'; id: number; ok: false; error: { message: string; stack?: string } }

/** A file sent aside could not be parsed there (the thread is gone): parse it here. */
export class AsideUnavailable extends Error {}

/** The aside worker of one build. */
export interface Aside {
  /** What scanOutput(outDir) gives. */
  listing: Promise<DiskState>
  /**
   * Parse a file in the aside thread.
   *
   * @returns Its entry bytes (entryBytes); rejects with AsideUnavailable when the thread is gone.
   */
  parse(setup: ParseSetup, task: ParseTask): Promise<Uint8Array>
  /** No more files to parse: the thread ends once the listing is in (and any file in flight). */
  stop(): void
}

/** The aside worker's module: from the CLI bundle when current (as the CLI is), else from the modules. */
export function asideWorkerFile(): URL {
  return pathToFileURL(bundleFile('cli', 'aside-worker.js') ?? join(packageRoot, '.build', 'src', 'workers', 'aside-worker.js'))
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
  } catch {
    worker = undefined
  }
  let gone = worker === undefined
  let stopped = false
  let listed = false
  let next = 0
  const inFlight = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>()
  let resolveListing!: (state: DiskState | Promise<DiskState>) => void
  const listing = new Promise<DiskState>((resolve) => { resolveListing = resolve })
  // A build that stops early (a broken config) never awaits the listing: its failure is not an unhandled one.
  listing.catch(() => undefined)

  /** Keep the process alive only while the build waits for the thread; end it once it has no more to do. */
  const settle = (): void => {
    if (!worker || gone || !listed || inFlight.size > 0) return
    if (stopped) void worker.terminate()
    else worker.unref()
  }
  const lost = (): void => {
    if (gone) return
    gone = true
    if (!listed) {
      listed = true
      resolveListing(scanOutput(data.outDir))
    }
    for (const { reject } of inFlight.values()) reject(new AsideUnavailable('the aside worker is gone'))
    inFlight.clear()
  }
  if (!worker) {
    listed = true
    resolveListing(scanOutput(data.outDir))
  } else {
    worker.on('message', (reply: AsideReply) => {
      if (reply.kind === 'listing') {
        listed = true
        resolveListing(stateOf(reply.listing))
      } else {
        const waiting = inFlight.get(reply.id)
        inFlight.delete(reply.id)
        if (reply.ok) waiting?.resolve(reply.value)
        else {
          const err = new Error(`Internal error in the aside worker thread: ${reply.error.message}`)
          if (reply.error.stack) err.stack = `${err.message}\n${reply.error.stack.split('\n').slice(1).join('\n')}`
          waiting?.reject(err)
        }
      }
      settle()
    })
    worker.on('error', lost)
    worker.on('exit', lost)
  }

  return {
    listing,
    parse(setup, task) {
      if (gone || stopped || !worker) return Promise.reject(new AsideUnavailable('the aside worker is gone'))
      const id = next++
      const answer = new Promise<Uint8Array>((resolve, reject) => inFlight.set(id, { resolve, reject }))
      worker.ref()
      worker.postMessage({ id, setup, task } satisfies AsideRequest)
      return answer
    },
    stop() {
      stopped = true
      settle()
    }
  }
}
