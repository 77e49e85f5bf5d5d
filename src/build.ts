/**
 * Over 300 lines for one job: the options and result of a build, documented field by field, and the one
 * sequence of stages; every stage's work lives in its own module.
 *
 * The orchestrator: config → content → markdown → site graph → render →
 * emit. No logic of its own beyond wiring stages and collecting problems;
 * nothing is written unless the whole build is free of errors.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { problem } from './messages.js'
import { toolDigestOf } from './cache/digest.js'
import { buildInputs, inputsRecord, sameInputs } from './build-inputs.js'
import { unchangedViews, viewBasisOf } from './unchanged-views.js'
import type { BuildFlags, Entry, OutputFile, PostEntry, Problem, SiteConfig } from './types.js'
import type { SourceRef } from './content/discover.js'
import { readSources } from './content/read-sources.js'
import type { SiteGraph } from './site/graph.js'
import { routesOf, type RouteOptions } from './render/routes.js'
import { renderRoutes } from './render/render.js'
import { lazySite, type SiteImage } from './render/site-image.js'
import { themeAssetFiles } from './render/theme-assets.js'
import { katexFiles } from './render/katex-files.js'
import { assetCopies, publicCollisions, publicCopies, takeAuthorRedirects } from './render/copies.js'
import { redirectProblems } from './render/redirect-checks.js'
import { generatedOutputs, publishingFiles } from './render/publish.js'
import { readCustomFiles } from './render/custom-files.js'
import { loadPluginConfig, withPlugins } from './config/markdown-plugins.js'
import { StagedEmit, recoverCommit } from './emit/write.js'
import { handOffTo } from './emit/hand-off.js'
import { writeFailure } from './emit/write-failure.js'
import { commitOutput } from './emit/commit.js'
import { hashBytes } from './util/hash.js'
import { CacheDamaged, cacheProblem } from './cache/damaged.js'
import { OpenFiles } from './cache/open-files.js'
import { dropEntryCache } from './cache/write.js'
import { takeLock } from './emit/lock.js'
import { scanOutput, type DiskState } from './emit/scan.js'
import { readOutput } from './emit/read-output.js'
import { startAside, type Aside } from './workers/aside.js'
import { markdownBundle } from './markdown/load.js'
import { manifestPath, outputIntact, readManifest } from './emit/manifest.js'
import type { ParseStats } from './parse-entries.js'
import { defaultStages, type BuildStages } from './build-stages.js'
import { noGitDates } from './git/dates.js'
import { gitProblems, withGitDates } from './git/apply.js'

/** Options of one build. */
export interface BuildOptions {
  /** Site root (absolute or relative to cwd). */
  root: string
  /** Output folder; default `<root>/dist`. */
  outDir?: string
  flags: BuildFlags
  /** The current time in ms (injected: tests pin it). */
  now: number
  /** Use the persistent cache (default true). */
  cache?: boolean
  /** Write the output (default true); false only computes it. */
  write?: boolean
  /** Worker threads for parsing; default: decided by the number of changed files and cores. */
  workers?: number
  /** Called with the wall time of each stage (ms), for `INKSTONE_TIMINGS=1` and benchmarks. */
  onTiming?: (stage: string, ms: number) => void
  /** Called with progress while a long build runs. */
  onProgress?: (done: number, total: number, stage: string) => void
  /**
   * Called (at most once) when the build finds it must parse or make many files (LARGE_PARSE, LARGE_OUTPUT):
   * the CLI starts a build with V8's optimizing compiler off and turns it back on here.
   */
  onLargeWork?: () => void
  /**
   * Stages that replace the default ones (build-stages.ts): a process running many builds of one site
   * (`inkstone dev`) supplies stages that remember the last build's results.
   */
  stages?: Partial<BuildStages>
  /**
   * Who keeps the entry cache's files open (the entries read their bodies from them): a caller that uses the
   * entries after the build (the dev server, for its memory and its lazy image) passes its own and closes it
   * when done. Without it, the build closes them when it ends; a lazy build's then stay open with its image.
   */
  openFiles?: OpenFiles
  /**
   * Start the aside worker (workers/aside.ts): the output folder is listed, and the few files an edit
   * changed are parsed, in a thread of their own. The CLI does; off by default, so that a process running
   * many small builds (tests) does not start a thread for each. Never for a lazy build.
   */
  aside?: boolean
  /**
   * Make nothing up front and write nothing: the result's `image` makes each
   * page, feed and file when it is read (the dev server). `outDir` is unused.
   */
  lazy?: boolean
}

/** What a build did. */
export interface BuildResult {
  ok: boolean
  problems: Problem[]
  /** The output files (in memory, for `--verify` and tests); empty for a lazy build, and for one that stopped early. */
  files: OutputFile[]
  /** Nothing changed since the last build into an untouched output folder: the build stopped early and made nothing. */
  early?: boolean
  /** A lazy build's outputs, made on demand. */
  image?: SiteImage
  config?: SiteConfig
  graph?: SiteGraph
  stats: {
    posts: number
    pages: number
    written: number
    unchanged: number
    removed: number
    rendered: number
    skipped: number
    /** Of the skipped pages, those whose views were not even made (see unchangedViews). */
    unmade: number
    /** Posts whose text the search index tokenised: every post when it was made whole, the changed ones when the last build's was patched. */
    searchTokenised: number
    parse: ParseStats
  }
}

/** The stats of a build that did nothing. */
export function noStats(): BuildResult['stats'] {
  return { posts: 0, pages: 0, written: 0, unchanged: 0, removed: 0, rendered: 0, skipped: 0, unmade: 0, searchTokenised: 0, parse: { parsed: 0, cached: 0, workers: 0, aside: 0 } }
}

/** Files to parse before a build counts as large work (BuildOptions.onLargeWork). */
export const LARGE_PARSE = 8
/** Output files to make (pages, feeds: not kept ones) before a build counts as large work. */
export const LARGE_OUTPUT = 50

/** Where the persistent cache lives. */
export function cacheDirOf(root: string): string {
  return join(resolve(root), '.inkstone-cache')
}

/**
 * Build a site.
 *
 * @param options Root, output, flags, now.
 * @returns Problems, output and stats; the output folder is only touched when `ok`.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const outDir = resolve(options.outDir ?? join(resolve(options.root), 'dist'))
  // One build at a time writes a site's output and cache (not a lazy or in-memory build: they write neither;
  // nor --no-cache, which writes nothing into the cache folder, the lock's home).
  const lock = options.write !== false && !options.lazy && options.cache !== false && existsSync(resolve(options.root))
    ? takeLock(join(cacheDirOf(options.root), `build-${hashBytes(outDir).slice(0, 12)}.lock`))
    : undefined
  if (lock && 'heldBy' in lock) {
    const who = Number.isNaN(lock.heldBy) ? 'another build' : `another inkstone build (pid ${lock.heldBy})`
    return { ok: false, problems: [problem('.inkstone-cache', 'build-locked', `${who} is building this site into ${outDir} now`)], files: [], stats: noStats() }
  }
  try {
    // A build killed while putting its files in place: finish that first (its output, whole; see JOURNAL).
    if (options.write !== false && !options.lazy) recoverCommit(outDir)
    try {
      return await buildOwningFiles(options, outDir)
    } catch (error) {
      if (!(error instanceof CacheDamaged)) throw error
      // The entry cache turned out damaged while in use (nothing was written): drop it, and build again from
      // the sources, with the warning.
      dropEntryCache(cacheDirOf(options.root))
      const again = await buildOwningFiles(options, outDir)
      return { ...again, problems: [cacheProblem(error.file, error.why), ...again.problems] }
    }
  } finally {
    lock?.release()
  }
}

/** build(), closing the cache files its entries read from when it ends (unless the caller or the image keeps them). */
async function buildOwningFiles(options: BuildOptions, outDir: string): Promise<BuildResult> {
  const openFiles = options.openFiles ?? new OpenFiles()
  try {
    return await buildLocked({ ...options, openFiles }, outDir)
  } finally {
    if (!options.openFiles && !options.lazy) openFiles.closeAll()
  }
}

/** build(), holding the site's lock. */
async function buildLocked(options: BuildOptions, outDir: string): Promise<BuildResult> {
  // The aside worker loads the Markdown stack while this thread loads the config, finds the sources and reads
  // the manifest, parses the few files an edit changed, then lists the output folder (see workers/aside.ts).
  const aside = options.aside && !options.lazy ? startAside({ outDir, bundle: markdownBundle() }) : undefined
  try {
    return await buildWith(options, outDir, aside)
  } finally {
    aside?.stop()
  }
}

/** build(), with the output folder and the aside worker it started. */
async function buildWith(options: BuildOptions, outDir: string, aside: Aside | undefined): Promise<BuildResult> {
  const root = resolve(options.root)
  const cacheDir = cacheDirOf(root)
  const useCache = options.cache !== false
  const problems: Problem[] = []
  let last = performance.now()
  const mark = (stage: string): void => {
    const at = performance.now()
    options.onTiming?.(stage, at - last)
    last = at
  }
  const emptyStats = noStats()
  let large = false
  const largeWork = (): void => {
    if (large) return
    large = true
    options.onLargeWork?.()
  }
  // The output folder's files, listed once: by the aside worker when there is one (after the files it parses).
  let listing: Promise<DiskState> | undefined
  const listOutput = (): Promise<DiskState> => {
    if (listing) return listing
    listing = aside ? aside.listing() : options.lazy ? Promise.resolve(new Map()) : scanOutput(outDir)
    // A build that stops early (a broken theme) may never await it: its failure is not an unhandled one.
    listing.catch(() => undefined)
    return listing
  }

  // config
  const stages: BuildStages = { ...defaultStages, ...options.stages }
  const loaded = await stages.loadConfig(root, options.flags.baseUrl)
  problems.push(...loaded.problems)
  // The author's Markdown plugins (inkstone.config.*), bundled; their digest goes into every cache key.
  const plugins = await loadPluginConfig(root, useCache ? cacheDir : undefined)
  problems.push(...plugins.problems)
  const config = withPlugins(loaded.config, plugins)
  if (problems.some((p) => p.fatal)) return { ok: false, problems, files: [], stats: emptyStats }
  mark('config')

  // content: find the sources, and (unless the build is lazy: it has no output folder to compare with)
  // read each once, or know from the last build that it did not change (see read-sources.ts): its hash
  // decides whether anything changed at all, and the parse reuses the bytes.
  const sources: SourceRef[] = await stages.discover(root)
  mark('discover')
  const manifestFile = manifestPath(cacheDir, outDir)
  const manifest = useCache && !options.lazy ? await readManifest(manifestFile) : { version: 1 as const, files: {} }
  const read = options.lazy ? undefined : readSources(root, sources, { hashes: manifest.sources, stats: manifest.sourceStats, at: manifest.statsAt })
  // git: one `git log` for the whole site, running while the files are parsed.
  const gitDatesRead = config.updatedFromGit ? stages.readGitDates(root) : Promise.resolve(noGitDates())
  // The theme. --no-cache writes nothing into the cache folder, the compiled theme included.
  const theme = await stages.loadTheme(root, useCache ? cacheDir : undefined)
  // The author's stylesheet and snippets (templates/): part of the theme, read on every build (three small files).
  const custom = await readCustomFiles(root, config)
  mark('theme, manifest, sources')

  // The early stop: nothing changed since the last build into an untouched output folder, so the output
  // would be byte-identical (see build-inputs.ts for what "nothing" covers). Not for a lazy build, one that
  // writes nothing, or --no-cache. The listing is awaited here only when it decides whether to stop; otherwise the
  // aside worker makes it after the files it parses, while this thread reads the cached entries and makes
  // the graph and routes.
  const inputs = useCache && read && options.write !== false && !('problems' in theme)
    ? buildInputs(root, { tool: toolDigestOf(), theme: theme.digest + custom.digest + (config.plugins?.digest ?? ''), configText: loaded.text, flags: options.flags, git: await gitDatesRead }, sources.map((source, i) => [source.path, read.hashes[i]]))
    : undefined
  if (inputs && sameInputs(manifest, inputs, options.now)) {
    const listed = await listOutput()
    mark('scan output')
    if (outputIntact(manifest, listed)) {
      mark('unchanged')
      const counts = manifest.counts ?? { posts: 0, pages: 0 }
      const unchanged = Object.keys(manifest.files).length
      return {
        ok: true, early: true, problems: [...(manifest.problems ?? [])], files: [], config,
        stats: { ...emptyStats, ...counts, unchanged, skipped: counts.pages }
      }
    }
  }

  // content and markdown: parse every source (from the cache, the aside worker or worker threads).
  const parsed = await stages.parseEntries({
    root, sources, config, configText: loaded.text, cacheDir, useCache, workers: options.workers, openFiles: options.openFiles!,
    onProgress: options.onProgress, preread: read?.bytes, contentHashes: read?.hashes,
    onMisses: (count) => void (count >= LARGE_PARSE && largeWork()),
    // The aside worker lists the output folder after the files it was sent; with none, it ends once it has
    // (its thread and heap are not needed for the rest of a long build).
    aside, onAsked: (count) => {
      void listOutput()
      if (count === 0) aside?.stop()
    }
  })
  aside?.stop()
  mark('parse')
  problems.push(...parsed.problems)
  const gitDates = await gitDatesRead
  problems.push(...gitProblems(gitDates))
  const entries: Entry[] = withGitDates(parsed.entries, gitDates, config.timezone, config.checks)
  for (const entry of entries) problems.push(...entry.problems)
  mark('git dates')

  // site graph
  const graphInput = { entries, config, flags: options.flags, now: options.now }
  const graph = stages.siteGraph(graphInput)
  problems.push(...graph.problems)
  mark('site graph')

  if ('problems' in theme || custom.problems.length > 0) {
    problems.push(...('problems' in theme ? theme.problems : []), ...custom.problems)
    return { ok: false, problems, files: [], config, graph, stats: emptyStats }
  }
  mark('theme')

  // render: the theme's assets and KaTeX's, the routes with their views, the files copied as they are, and
  // the generated files (feeds, sitemap, search index).
  const themeAssets = themeAssetFiles(theme.theme.assets)
  const katex = await katexFiles(graph)
  const files: OutputFile[] = [...themeAssets.files, ...custom.files, ...katex.files]
  const routeOptions: RouteOptions = {
    dev: options.flags.dev === true,
    themeAssets: { css: themeAssets.names['assets/theme.css'] ?? 'assets/theme.css', js: themeAssets.names['assets/theme.js'] ?? 'assets/theme.js' },
    katexCss: katex.css,
    favicon: ['favicon.svg', 'favicon.png', 'favicon.ico'].find((name) => existsSync(join(root, 'public', name))),
    custom: custom.route
  }
  const routes = routesOf(graph, routeOptions)
  const viewBasis = inputs && viewBasisOf(inputs, manifest, entries, routeOptions)
  const known = viewBasis && unchangedViews(manifest, viewBasis, options.now)
  mark('routes')

  files.push(...assetCopies(root, graph), ...(await publicCopies(root)))
  const authorRedirects = await takeAuthorRedirects(root, files, graph)
  mark('assets')
  // The search index reads every post's text: large work on any site of more than a handful of posts.
  if (graph.posts.length >= LARGE_OUTPUT) largeWork()
  let searchTokenised = 0
  const generated = publishingFiles(graph, {
    urls: routes.map((r) => r.url), committed: gitDates.committed, taken: new Set(files.map((f) => f.outPath)), lazy: options.lazy,
    last: { manifest: manifest.files, read: (outPath) => readOutput(outDir, outPath) },
    onSearchIndex: (tokenised) => (searchTokenised = tokenised),
    authorRedirects
  })
  mark('search index')
  problems.push(...redirectProblems(graph, [...files, ...routes, ...generated], authorRedirects), ...publicCollisions(root, files, [...routes, ...generated]))

  const counts = { posts: graph.posts.length, pages: routes.length }
  if (options.lazy) {
    // The dev server's image: pages and generated files are made when requested.
    const ok = !problems.some((p) => p.fatal)
    const image = lazySite({ files, routes, generated }, theme.theme)
    return { ok, problems, files: [], config, graph, image, stats: { ...emptyStats, ...counts, parse: parsed.stats } }
  }

  // emit: each file is staged beside its target as soon as it is made (emit/hand-off.ts) and commit() puts
  // them all in place at the end, so a failed build leaves the output folder as it was. Nothing is staged
  // when the build has already failed, or only computes the output (`--verify`, tests: they keep the bytes).
  const onDisk = await listOutput()
  mark('scan output')
  const staging = options.write !== false && !problems.some((p) => p.fatal) ? new StagedEmit(outDir, manifest, onDisk) : undefined
  const handOff = handOffTo(staging, outDir, (made) => void (made === LARGE_OUTPUT && largeWork()))
  let rendered
  try {
    for (let i = 0; i < files.length; i++) files[i] = handOff.take(files[i])
    // The tool's code is part of every view hash: a new renderer version re-renders every page.
    rendered = renderRoutes(routes, theme.theme, theme.digest + toolDigestOf() + (options.flags.dev ? ':dev' : ''), manifest.files, onDisk, handOff.take, known)
    problems.push(...rendered.problems)
    files.push(...rendered.files)
    mark('render')
    const published = generatedOutputs(generated, manifest.files, onDisk, known, handOff.take)
    files.push(...published.files)
    for (const [outPath, key] of published.views) rendered.views.set(outPath, key)
    mark('feeds+sitemap')
  } catch (error) {
    staging?.abort()
    const failed = writeFailure(error, outDir)
    if (failed) return { ok: false, problems: [...problems, failed], files, config, graph, stats: emptyStats }
    throw error
  }
  const writeError = handOff.failure()
  if (writeError) {
    staging?.abort()
    return { ok: false, problems: [...problems, writeError], files, config, graph, stats: emptyStats }
  }
  const stats = { ...emptyStats, ...counts, rendered: rendered.rendered, skipped: rendered.skipped, unmade: rendered.unmade, searchTokenised, parse: parsed.stats }
  const ok = !problems.some((p) => p.fatal)
  if (!ok || !staging) {
    staging?.abort()
    return { ok, problems, files, config, graph, stats }
  }
  const record = inputs && viewBasis && inputsRecord(inputs, viewBasis, {
    sourceStats: read?.stats, now: options.now, problems, counts,
    postDates: entries.flatMap((e) => (e.kind === 'post' ? [(e as PostEntry).matter.date.ms] : []))
  })
  const committed = await commitOutput(staging, outDir, { path: useCache ? manifestFile : undefined, record })
  if ('failed' in committed) return { ok: false, problems: [...problems, committed.failed], files, config, graph, stats: emptyStats }
  problems.push(...committed.problems)
  mark('emit')
  const { written, unchanged, removed } = committed.result
  return { ok, problems, files, config, graph, stats: { ...stats, written, unchanged, removed } }
}
