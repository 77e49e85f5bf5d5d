/**
 * Over 300 lines for one job: the session's state (watcher, queue, memory, image, overlay) is shared by its
 * start, its rebuilds and its close.
 *
 * `inkstone dev` as a library: build the site lazily (pages, feeds and the
 * search index are made when the browser asks for them, from the build's
 * image in memory), serve it, watch the sources, rebuild (one build at a
 * time, changes coalesced) and tell the open pages to reload or to show the
 * errors. A failed build keeps the last good image served. Nothing is
 * written to disk except the entry cache.
 */
import { EventEmitter } from 'node:events'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { VFile } from 'vfile'
import { noStats, type BuildResult } from '../build.js'
import type { Problem, SiteConfig } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { rendererFor } from '../parse-entries.js'
import { splitFrontMatter } from '../content/front-matter.js'
import { formatReport, plain, type Paint } from '../report/format.js'
import { BuildQueue } from './queue.js'
import { startServer, type SiteServer } from './server.js'
import { watchSite, type SiteWatcher } from './watch.js'
import { overlayProblems, type OverlayProblem } from './client.js'
import { buildWithMemory, forget, type BuildMemory } from './memory.js'
import { OpenFiles } from '../cache/open-files.js'
import { PageError, type SiteImage } from '../render/site-image.js'

/**
 * Points where a test can act at an exact moment of a session (each is
 * awaited where it may be async). Not for anything else.
 */
export interface DevHooks {
  /** Before each start of the watcher: 1 at start-up, then 2, 3… at each restart. */
  beforeWatch?: (start: number) => void | Promise<void>
  /** After the watcher reported a path and it was queued, synchronously (the queue's quiet time has begun). */
  reported?: (path: string, event: string) => void
  /** Synchronously, each time build number `build` ends a stage (`parse`: every source it reads is read). */
  stage?: (build: number, stage: string) => void
  /** After build number `build` and before its result is served or announced. */
  afterBuild?: (build: number) => void | Promise<void>
}

/** Options of a dev session. */
export interface DevOptions {
  root: string
  host?: string
  port?: number
  /** Try the next ports when `port` is taken (default true). */
  nextFreePort?: boolean
  /** Show drafts (default true in dev). */
  drafts?: boolean
  /** Show posts dated in the future (default true in dev). */
  future?: boolean
  baseUrl?: string
  /** Quiet time before a batch of changes is built (ms). */
  quietMs?: number
  /** Where messages go. */
  log?: (text: string) => void
  paint?: Paint
  now?: () => number
  /** The watcher to use (default watchSite; tests wrap it). */
  watch?: typeof watchSite
  hooks?: DevHooks
}

/** What one dev build did (the `build` event). */
export interface DevBuild {
  /** 1 for the first build. */
  number: number
  ok: boolean
  ms: number
  changed: string[]
  result: BuildResult
}

/** A running dev session. */
export interface DevSession {
  url: string
  server: SiteServer
  /** What the server serves: the last good build's files, made on demand. */
  image(): SiteImage | undefined
  /** Emits `build` (DevBuild) after every build. */
  events: EventEmitter
  /** The last build. */
  last(): DevBuild | undefined
  /** Resolves when no build is pending or running. */
  idle(): Promise<void>
  /** Restart the watcher (it restarts itself after an error); resolves once the new one is ready. */
  rewatch(): Promise<void>
  close(): Promise<void>
}

/** Restarts of the watcher after errors allowed within RESTART_WINDOW_MS before it is left stopped. */
const MAX_RESTARTS = 3
const RESTART_WINDOW_MS = 60_000
/** Errors of the watcher within this time are met with one restart. */
const RESTART_DELAY_MS = 250

/**
 * Start a dev session: watcher, first build, server.
 *
 * No change can fall between what a build reads and what the watcher
 * reports: the watcher is ready (watching every file and folder) before any
 * build reads a file, each start of the watcher (the first, and every
 * restart) is followed by a build that reads everything again, and the paths
 * reported since the last good build are read again until a build succeeds
 * (a failed build may stop before it reads them).
 *
 * @param options Root, host, port, flags.
 * @returns The running session.
 */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const root = resolve(options.root)
  const log = options.log ?? (() => {})
  const paint = options.paint ?? plain
  const now = options.now ?? (() => Date.now())
  const hooks = options.hooks ?? {}
  const flags = { drafts: options.drafts !== false, future: options.future !== false, baseUrl: options.baseUrl, dev: true }
  const memory: BuildMemory = {}
  // The entry cache's files, which the memory's entries read their bodies from: closed when the session ends.
  const openFiles = new OpenFiles()
  const events = new EventEmitter()
  let basePath = '/'
  let overlay: OverlayProblem[] = []
  let last: DevBuild | undefined
  let count = 0
  let server: SiteServer | undefined
  let image: SiteImage | undefined
  /** The next build must read everything: the watcher (re)started, or a folder was added or removed. */
  let readAll = false
  /** What changed since the last good build: every path reported, and whether everything must be read. */
  const sinceGood = new Set<string>()
  let readAllSinceGood = false

  // `INKSTONE_TIMINGS=1`: the stages of every build, after its summary line.
  const timings = process.env.INKSTONE_TIMINGS ? new Map<string, number>() : undefined
  let building = 0
  const onTiming = (timings || hooks.stage) && ((stage: string, ms: number) => {
    timings?.set(stage, (timings.get(stage) ?? 0) + ms)
    hooks.stage?.(building, stage)
  })
  const runBuild = async (changed: Set<string>): Promise<void> => {
    const started = performance.now()
    building = count + 1
    timings?.clear()
    readAllSinceGood ||= readAll
    readAll = false
    for (const path of changed) sinceGood.add(path)
    memory.changed = readAllSinceGood ? undefined : new Set(sinceGood)
    let result: BuildResult
    try {
      result = await buildWithMemory(memory, { root, flags, now: now(), cache: true, lazy: true, onTiming, openFiles })
    } catch (error) {
      // An internal error: forget the fast path's state and report it like a build error.
      forget(memory)
      const problem: Problem = { path: '.', reason: `Internal error: ${(error as Error).stack ?? error}`, ruleId: 'internal-error', fatal: true }
      result = { ok: false, problems: [problem], files: [], stats: noStats() }
    }
    await hooks.afterBuild?.(building)
    const ms = performance.now() - started
    count = building
    if (result.ok) {
      sinceGood.clear()
      readAllSinceGood = false
    }
    if (result.ok && result.config) basePath = result.config.basePath
    if (result.ok && result.image) image = result.image
    // Errors, and the warnings of a good build (shown in a small panel, see client.ts).
    overlay = overlayProblems(result.problems, root)
    const names = [...changed].sort()
    last = { number: count, ok: result.ok, ms, changed: names, result }
    const report = formatReport(result.problems, root, paint)
    if (report) log(report)
    const s = result.stats
    const what = names.length === 0 ? '' : names.length === 1 ? ` · ${names[0]}` : ` · ${names.length} files changed`
    if (result.ok) {
      log(`${paint.bold('✓')} ${count === 1 ? 'built' : 'rebuilt'} in ${Math.round(ms)} ms: ${s.posts} posts, ${s.pages} pages${what}\n`)
    } else {
      const errors = result.problems.filter((p) => p.fatal).length
      const serving = image ? 'still serving the last good build' : 'nothing to serve until it is fixed'
      log(paint.red(`✗ ${errors} error${errors === 1 ? '' : 's'}; ${serving}`) + `${what}\n`)
    }
    // Pages are made on request from the new build, so every good build reloads the open pages.
    if (server) server.broadcast(result.ok ? 'reload' : 'problems', result.ok ? { build: count } : { build: count, problems: overlay })
    if (timings) log(`  ${[...timings].map(([stage, t]) => `${stage} ${t.toFixed(0)} ms`).join(' · ')}\n`)
    events.emit('build', last)
  }

  const queue = new BuildQueue({
    quietMs: options.quietMs,
    run: runBuild,
    onError: (error) => log(paint.red(`inkstone dev: ${(error as Error).message}\n`))
  })

  // The watcher. Each start is followed by a build that reads everything: a change made while no watcher
  // was ready (before the first start, or between a stop and the next start) has no event of its own.
  const watchWith = options.watch ?? watchSite
  let watcher: SiteWatcher | undefined
  let starts = 0
  let closed = false
  const onEvent = (path: string, event: string): void => {
    // Folder events (a bundle added, renamed or removed) make the change set uncertain: read everything.
    if (event === 'addDir' || event === 'unlinkDir') readAll = true
    queue.add(path)
    hooks.reported?.(path, event)
  }
  const startWatching = async (): Promise<void> => {
    starts++
    await hooks.beforeWatch?.(starts)
    const next = await watchWith(root, onEvent, { onError: onWatchError })
    if (closed) return next.close()
    watcher = next
    readAll = true
    queue.add()
  }
  // After an error the watcher may have stopped watching a folder: start it again (a few times at most).
  const restartsAt: number[] = []
  let restartTimer: NodeJS.Timeout | undefined
  let restarting: Promise<void> | undefined
  const rewatch = (): Promise<void> => {
    restarting ??= (async () => {
      const old = watcher
      watcher = undefined
      await old?.close()
      if (!closed) await startWatching()
    })().finally(() => (restarting = undefined))
    return restarting
  }
  function onWatchError(error: unknown): void {
    log(paint.red(`inkstone dev: watcher: ${(error as Error).message}\n`))
    if (closed || restartTimer) return
    const at = Date.now()
    while (restartsAt.length > 0 && at - restartsAt[0] > RESTART_WINDOW_MS) restartsAt.shift()
    if (restartsAt.length >= MAX_RESTARTS) {
      if (restartsAt.length === MAX_RESTARTS) log(paint.red('inkstone dev: the watcher keeps failing; changes may go unnoticed until inkstone dev is restarted\n'))
      restartsAt.push(at)
      return
    }
    restartsAt.push(at)
    restartTimer = setTimeout(() => {
      restartTimer = undefined
      // A restart already under way (the first start included) is waited for, then done again.
      void Promise.resolve(restarting ?? startup).then(() => rewatch()).catch((failure) => log(paint.red(`inkstone dev: watcher: ${(failure as Error).message}\n`)))
    }, RESTART_DELAY_MS)
  }

  const firstBuild = new Promise<void>((done) => events.once('build', () => done()))
  const startup: Promise<void> = startWatching()
  try {
    await startup
  } catch (error) {
    closed = true
    if (restartTimer) clearTimeout(restartTimer)
    await queue.close()
    openFiles.closeAll()
    throw error
  }
  // The first build follows the first start of the watcher (the queue settles after it even if it threw).
  await Promise.race([firstBuild, queue.idle()])
  // Load the Markdown stack now, not on the first edit (a cached first build never needed it).
  const first = last?.result
  if (first?.ok && first.config && first.graph) void warmUp(root, first.config, first.graph).catch(() => undefined)
  try {
    server = await startServer({
      files: () => image,
      basePath: () => basePath,
      live: true,
      problems: () => overlay,
      failed: (error) => {
        if (!(error instanceof PageError)) throw error
        log(formatReport([error.problem], root, paint))
        return overlayProblems([error.problem], root)
      },
      host: options.host ?? '127.0.0.1',
      port: options.port ?? 4000,
      nextFreePort: options.nextFreePort !== false
    })
  } catch (error) {
    closed = true
    if (restartTimer) clearTimeout(restartTimer)
    await restarting?.catch(() => undefined)
    await watcher?.close()
    await queue.close()
    openFiles.closeAll()
    throw error
  }
  const running = server
  return {
    url: running.url,
    server: running,
    image: () => image,
    events,
    last: () => last,
    idle: () => queue.idle(),
    rewatch,
    async close() {
      closed = true
      if (restartTimer) clearTimeout(restartTimer)
      await restarting?.catch(() => undefined)
      await watcher?.close()
      await queue.close()
      await running.close()
      openFiles.closeAll()
    }
  }
}

/**
 * Render (and drop) the newest post with code and the newest with math, so
 * that the unified processor, Shiki with the site's grammars, and KaTeX are
 * loaded before the author's first edit instead of during it.
 *
 * @param root Site root.
 * @param config Site config.
 * @param graph The first build's graph.
 */
async function warmUp(root: string, config: SiteConfig, graph: SiteGraph): Promise<void> {
  const render = await rendererFor(root, config)
  const picks = new Set([graph.posts.find((p) => p.entry.body.code), graph.posts.find((p) => p.entry.body.math), graph.posts[0]])
  for (const post of picks) {
    if (!post) continue
    const file = new VFile({ path: post.entry.path })
    await render(file, splitFrontMatter(file, await readFile(join(root, post.entry.path), 'utf8')).body)
  }
}
