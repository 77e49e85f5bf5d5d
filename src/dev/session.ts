/**
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
import { build, noStats, type BuildResult } from '../build.js'
import type { Problem, SiteConfig } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { rendererFor } from '../parse-entries.js'
import { splitFrontMatter } from '../content/front-matter.js'
import { formatReport, plain, type Paint } from '../cli/report.js'
import { BuildQueue } from './queue.js'
import { startServer, type SiteServer } from './server.js'
import { watchSite, type SiteWatcher } from './watch.js'
import { overlayProblems, type OverlayProblem } from './client.js'
import { forget, type BuildMemory } from './memory.js'
import { PageError, type SiteImage } from '../render/site-image.js'

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
  close(): Promise<void>
}

/**
 * Start a dev session: first build, server, watcher.
 *
 * @param options Root, host, port, flags.
 * @returns The running session.
 */
export async function startDev(options: DevOptions): Promise<DevSession> {
  const root = resolve(options.root)
  const log = options.log ?? (() => {})
  const paint = options.paint ?? plain
  const now = options.now ?? (() => Date.now())
  const flags = { drafts: options.drafts !== false, future: options.future !== false, baseUrl: options.baseUrl, dev: true }
  const memory: BuildMemory = {}
  const events = new EventEmitter()
  let basePath = '/'
  let overlay: OverlayProblem[] = []
  let last: DevBuild | undefined
  let count = 0
  let server: SiteServer | undefined
  let image: SiteImage | undefined

  // `INKSTONE_TIMINGS=1`: the stages of every build, after its summary line.
  const timings = process.env.INKSTONE_TIMINGS ? new Map<string, number>() : undefined
  const onTiming = timings && ((stage: string, ms: number) => void timings.set(stage, (timings.get(stage) ?? 0) + ms))
  const runBuild = async (changed: Set<string> | undefined, structural: boolean): Promise<void> => {
    const started = performance.now()
    timings?.clear()
    memory.changed = structural ? undefined : changed
    let result: BuildResult
    try {
      result = await build({ root, flags, now: now(), cache: true, memory, lazy: true, onTiming })
    } catch (error) {
      // An internal error: forget the fast path's state and report it like a build error.
      forget(memory)
      const problem: Problem = { path: '.', reason: `Internal error: ${(error as Error).stack ?? error}`, ruleId: 'internal-error', fatal: true }
      result = { ok: false, problems: [problem], files: [], stats: noStats() }
    }
    const ms = performance.now() - started
    count++
    if (result.ok && result.config) basePath = result.config.basePath
    if (result.ok && result.image) image = result.image
    // Errors, and the warnings of a good build (shown in a small panel, see client.ts).
    overlay = overlayProblems(result.problems, root)
    const names = changed ? [...changed].sort() : []
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

  // Folder events (a bundle added, renamed or removed) make the change set uncertain: read everything.
  let structural = false
  const queue = new BuildQueue({
    quietMs: options.quietMs,
    run: async (changed) => {
      const s = structural
      structural = false
      await runBuild(changed, s)
    },
    onError: (error) => log(paint.red(`inkstone dev: ${(error as Error).message}\n`))
  })

  await runBuild(undefined, true)
  // Load the Markdown stack now, not on the first edit (a cached first build never needed it).
  const first = last?.result
  if (first?.ok && first.config && first.graph) void warmUp(root, first.config, first.graph).catch(() => undefined)
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
  let watcher: SiteWatcher
  try {
    watcher = await watchSite(
      root,
      (path, event) => {
        if (event === 'addDir' || event === 'unlinkDir') structural = true
        queue.add(path)
      },
      { onError: (error) => log(paint.red(`inkstone dev: watcher: ${(error as Error).message}\n`)) }
    )
  } catch (error) {
    await server.close()
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
    async close() {
      await watcher.close()
      await queue.close()
      await running.close()
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
