/**
 * The orchestrator: config → content → markdown → site graph → render →
 * emit. No logic of its own beyond wiring stages and collecting problems;
 * nothing is written unless the whole build is free of errors.
 */
import { existsSync, rmSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { createRequire } from 'node:module'
import { problem } from './messages.js'
import { toolDigestOf } from './cache/digest.js'
import { contextDigest, horizonOf, inputsDigest } from './build-inputs.js'
import type { BuildFlags, Entry, OutputFile, PostEntry, Problem, SiteConfig } from './types.js'
import { loadConfig } from './config/load.js'
import { discover, ignored, type SourceRef } from './content/discover.js'
import { readSources } from './content/read-sources.js'
import { buildSiteGraph, graphFacts, type SiteGraph } from './site/graph.js'
import { excerptRead, routesOf, type Route, type RouteOptions } from './render/routes.js'
import { renderPage, renderRoutes, templateProblem } from './render/render.js'
import { PageError, siteImage, type SiteImage } from './render/site-image.js'
import { loadTheme } from './render/theme.js'
import { readCustomFiles } from './render/custom-files.js'
import { loadPluginConfig, withPlugins } from './config/markdown-plugins.js'
import { StagedEmit, recoverCommit } from './emit/write.js'
import { hashBytes } from './util/hash.js'
import { takeLock } from './emit/lock.js'
import { scanOutput, type DiskState } from './emit/scan.js'
import { startAside, type Aside } from './workers/aside.js'
import { markdownBundle } from './markdown/load.js'
import { manifestPath, readManifest, writeManifest, type Manifest } from './emit/manifest.js'
import { parseEntries, type ParseStats } from './parse-entries.js'
import { configWithMemory, gitDatesWithMemory, graphWithMemory, parseWithMemory, sourcesWithMemory, themeWithMemory, undoGraphPatch, type BuildMemory } from './dev/memory.js'
import { noGitDates, readGitDates } from './git/dates.js'
import { gitProblems, withGitDates } from './git/apply.js'
import { generatedOutputs, publishingFiles } from './render/publish.js'
import { katexSubset } from './render/katex-css.js'
import { fileHash } from './util/file-hash.js'

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
  /** State kept between builds of one process (`inkstone dev`): the same object every time. */
  memory?: BuildMemory
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
    parse: ParseStats
  }
}

/** The stats of a build that did nothing. */
export function noStats(): BuildResult['stats'] {
  return { posts: 0, pages: 0, written: 0, unchanged: 0, removed: 0, rendered: 0, skipped: 0, unmade: 0, parse: { parsed: 0, cached: 0, workers: 0, aside: 0 } }
}

/** Files to parse before a build counts as large work (BuildOptions.onLargeWork). */
export const LARGE_PARSE = 8
/** Output files to make (pages, feeds: not kept ones) before a build counts as large work. */
export const LARGE_OUTPUT = 50

/** Where the persistent cache lives. */
export function cacheDirOf(root: string): string {
  return join(resolve(root), '.inkstone-cache')
}

async function publicFiles(root: string, rel = 'public'): Promise<string[]> {
  let entries
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true })
  } catch {
    return []
  }
  const out: string[] = []
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ignored(e.name) && e.name !== '.well-known') continue
    const path = `${rel}/${e.name}`
    if (e.isDirectory()) out.push(...(await publicFiles(root, path)))
    else if (e.isFile()) out.push(path)
  }
  return out
}

async function copyOf(root: string, from: string, outPath: string): Promise<OutputFile> {
  const abs = join(root, from)
  const file = fileHash(abs)
  if (!file) throw new Error(`Cannot read ${abs}`)
  return { outPath, kind: 'copy', from: abs, hash: file.hash, size: file.size }
}

/** Error codes of a file system that cannot take the output: full, over quota, read-only, failing. */
const WRITE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM', 'EFBIG'])

/** A write-failed problem for an exception of the file system while writing the output, else undefined. */
function writeFailure(error: unknown, outDir: string): Problem | undefined {
  const code = (error as NodeJS.ErrnoException)?.code
  if (!code || !WRITE_ERRORS.has(code)) return undefined
  const path = (error as NodeJS.ErrnoException).path ?? outDir
  return problem(outDir, 'write-failed', `Cannot write the output (${code}: ${path}); the previous output was left as it was`)
}

/** Whether the output folder holds exactly the files of the manifest, each as it was written. */
function intact(manifest: Manifest, onDisk: DiskState): boolean {
  const paths = Object.keys(manifest.files)
  if (paths.length === 0 || paths.length !== onDisk.size) return false
  for (const path of paths) {
    const disk = onDisk.get(path)
    const last = manifest.files[path]
    if (!disk || disk.size !== last.size || disk.mtimeMs !== last.mtimeMs) return false
  }
  return true
}

/** A build's inputs as build-inputs.ts digests them: the context, and each Markdown source's content hash. */
interface BuildInputs {
  context: string
  sources: Array<[string, string]>
}

/** A short digest of an entry's graph facts but for places (graph.ts). */
function factsKey(entry: Entry): string {
  return hashBytes(graphFacts(entry, false)).slice(0, 16)
}

/** A short digest of an entry's plain-text excerpt (what outputs listing excerptRead(path) show of it). */
function excerptKey(entry: Entry): string {
  return hashBytes(entry.body.excerptText).slice(0, 16)
}

/**
 * When only the bodies of some sources changed since the last build (same
 * context, same sources, the changed ones with the same graph facts, the
 * clock short of the last build's horizon), the site graph and every view
 * are the last build's except views that show a changed body. Then a route
 * (or feed, sitemap...) reading none of those (Route.reads,
 * GeneratedFile.reads) has the last build's view hash, and neither its view
 * nor the hash needs making: a one-post edit makes only the views that show
 * the post's body, not one per page of the site.
 *
 * @param manifest The last build's manifest.
 * @param basis This build's context, sources with facts, and route options.
 * @param now The current time (ms).
 * @returns The known view hash of an output, or undefined (make the view); undefined when nothing is known.
 */
function unchangedViews(
  manifest: Manifest,
  basis: { context: string; sources: Record<string, [string, string, string]>; routeOptions: string },
  now: number
): ((output: { outPath: string; reads(): readonly string[] }) => string | undefined) | undefined {
  const last = manifest.sources
  if (!last || manifest.context !== basis.context || manifest.routeOptions !== basis.routeOptions) return undefined
  if (!(now < (manifest.horizon ?? Infinity))) return undefined
  const paths = Object.keys(basis.sources)
  if (paths.length !== Object.keys(last).length) return undefined
  const changed = new Set<string>()
  for (const path of paths) {
    const [hash, facts, excerpt] = basis.sources[path]
    const before = last[path]
    if (!before || before[1] !== facts) return undefined
    if (before[0] === hash) continue
    changed.add(path)
    if (before[2] !== excerpt) changed.add(excerptRead(path))
  }
  return (output) => (output.reads().some((path) => changed.has(path)) ? undefined : manifest.files[output.outPath]?.view)
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
    return await buildLocked(options, outDir)
  } finally {
    lock?.release()
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

  const { memory } = options
  const loaded = await (memory ? configWithMemory(memory, root, options.flags.baseUrl) : loadConfig(root, options.flags.baseUrl))
  problems.push(...loaded.problems)
  // The author's Markdown plugins (inkstone.config.*), bundled; their digest goes into every cache key.
  const plugins = await loadPluginConfig(root, useCache ? cacheDir : undefined)
  problems.push(...plugins.problems)
  const config = withPlugins(loaded.config, plugins)
  if (problems.some((p) => p.fatal)) return { ok: false, problems, files: [], stats: emptyStats }
  mark('config')

  const sources: SourceRef[] = await (memory ? sourcesWithMemory(memory, root) : discover(root))
  mark('discover')
  const manifestFile = manifestPath(cacheDir, outDir)
  // A lazy build has no output folder to compare with.
  const manifest = useCache && !options.lazy ? await readManifest(manifestFile) : { version: 1 as const, files: {} }
  // Read every source once (or know from the last build that it did not change, see read-sources.ts):
  // its hash decides whether anything changed at all, and the parse reuses the bytes.
  // (The dev memory knows which files changed and reads only those.)
  const read = memory ? undefined : readSources(root, sources, { hashes: manifest.sources, stats: manifest.sourceStats, at: manifest.statsAt })
  // One `git log` for the whole site, running while the files are parsed.
  // (The dev memory runs it again only when HEAD moved.)
  const gitDatesRead = !config.updatedFromGit ? Promise.resolve(noGitDates()) : memory ? gitDatesWithMemory(memory, root) : readGitDates(root)
  // --no-cache writes nothing into the cache folder, the compiled theme included.
  const theme = await (memory ? themeWithMemory(memory, root, cacheDir) : loadTheme(root, useCache ? cacheDir : undefined))
  // The author's stylesheet and snippets (templates/): part of the theme, read on every build (three small files).
  const custom = await readCustomFiles(root, config)
  mark('theme, manifest, sources')

  // Nothing changed since the last build into an untouched output folder: the
  // output would be byte-identical, so stop here (see build-inputs.ts for
  // what "nothing" covers). Not in dev (it has its own memory) or --no-cache.
  let inputsKey: string | undefined
  let inputs: BuildInputs | undefined
  if (useCache && !memory && options.write !== false && !('problems' in theme)) {
    inputs = {
      context: contextDigest(root, { tool: toolDigestOf(), theme: theme.digest + custom.digest + (config.plugins?.digest ?? ''), configText: loaded.text, flags: options.flags, git: await gitDatesRead }),
      sources: sources.map((source, i) => [source.path, read!.hashes[i]])
    }
    inputsKey = inputsDigest(inputs.context, inputs.sources)
  }
  const unchangedInputs = inputsKey !== undefined && manifest.inputs === inputsKey && options.now < (manifest.horizon ?? Infinity)
  // The listing is awaited here only when it decides whether to stop; otherwise the aside worker makes it
  // after the files it parses, while this thread reads the cached entries and makes the graph and routes.
  if (unchangedInputs) {
    const listed = await listOutput()
    mark('scan output')
    if (intact(manifest, listed)) {
      mark('unchanged')
      const counts = manifest.counts ?? { posts: 0, pages: 0 }
      const unchanged = Object.keys(manifest.files).length
      return {
        ok: true, early: true, problems: [...(manifest.problems ?? [])], files: [], config,
        stats: { ...emptyStats, ...counts, unchanged, skipped: counts.pages }
      }
    }
  }
  const parsed = await (memory ? parseWithMemory.bind(null, memory) : parseEntries)({
    root, sources, config, configText: loaded.text, cacheDir, useCache, workers: options.workers,
    // The dev memory parses a subset of the sources: it reads its own files.
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

  const graphInput = { entries, config, flags: options.flags, now: options.now }
  const graph = memory ? graphWithMemory(memory, graphInput) : buildSiteGraph(graphInput)
  problems.push(...graph.problems)
  mark('site graph')

  if ('problems' in theme || custom.problems.length > 0) {
    problems.push(...('problems' in theme ? theme.problems : []), ...custom.problems)
    if (memory) undoGraphPatch(memory)
    return { ok: false, problems, files: [], config, graph, stats: emptyStats }
  }
  mark('theme')

  const files: OutputFile[] = []
  // Theme assets carry a content hash in their name so browsers can cache them forever.
  const themeAssets: Record<string, string> = {}
  for (const [path, text] of Object.entries(theme.theme.assets)) {
    const data = new TextEncoder().encode(text)
    const hash = hashBytes(data)
    const hashed = path.replace(/(\.[a-z]+)$/, `.${hash.slice(0, 8)}$1`)
    themeAssets[path] = hashed
    files.push({ outPath: hashed, kind: 'bytes', data, hash })
  }
  files.push(...custom.files)
  const usesMath = graph.posts.some((p) => p.entry.body.math) || graph.pages.some((p) => p.entry.body.math)
  let katexCss: string | undefined
  if (usesMath) {
    // Only the KaTeX rules and fonts the site's formulas use (see katex-css.ts).
    // Wherever npm put KaTeX: beside this package, or above it when Inkstone is installed as a dependency.
    const dist = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'))
    const bodies = [...graph.posts.map((p) => p.entry.body), ...graph.pages.map((p) => p.entry.body)].filter((b) => b.math).map((b) => b.html)
    const subset = katexSubset(await readFile(join(dist, 'katex.min.css'), 'utf8'), bodies)
    const data = new TextEncoder().encode(subset.css)
    const hash = hashBytes(data)
    katexCss = `assets/katex/katex.${hash.slice(0, 8)}.css`
    files.push({ outPath: katexCss, kind: 'bytes', data, hash })
    for (const font of subset.fonts) files.push(await copyOf(dist, font, `assets/katex/${font}`))
  }

  const routeOptions: RouteOptions = {
    dev: options.flags.dev === true,
    themeAssets: { css: themeAssets['assets/theme.css'] ?? 'assets/theme.css', js: themeAssets['assets/theme.js'] ?? 'assets/theme.js' },
    katexCss,
    favicon: ['favicon.svg', 'favicon.png', 'favicon.ico'].find((name) => existsSync(join(root, 'public', name))),
    custom: custom.route
  }
  const routes = routesOf(graph, routeOptions)
  // What this build will tell the next one about its views (see unchangedViews).
  // (A source unchanged in an unchanged context is the same entry, with the facts the manifest has.)
  const lastSources = inputs && manifest.context === inputs.context ? manifest.sources : undefined
  const viewBasis = inputs && {
    context: inputs.context,
    sources: Object.fromEntries(inputs.sources.map(([path, hash], i): [string, [string, string, string]] => {
      const last = lastSources?.[path]
      return [path, last && last[0] === hash ? [hash, last[1], last[2] ?? excerptKey(entries[i])] : [hash, factsKey(entries[i]), excerptKey(entries[i])]]
    })),
    routeOptions: JSON.stringify(routeOptions)
  }
  const known = viewBasis && unchangedViews(manifest, viewBasis, options.now)
  mark('routes')

  for (const [outPath, from] of [...graph.assets.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    try {
      files.push(await copyOf(root, from, outPath))
    } catch {
      // The Markdown stage already reported missing files at their line.
    }
  }
  const publicDir = join(root, 'public') + sep
  for (const path of await publicFiles(root)) files.push(await copyOf(root, path, path.slice('public/'.length)))
  mark('assets')
  // The search index reads every post's text: large work on any site of more than a handful of posts.
  if (graph.posts.length >= LARGE_OUTPUT) largeWork()
  const generated = publishingFiles(graph, { urls: routes.map((r) => r.url), committed: gitDates.committed, taken: new Set(files.map((f) => f.outPath)), lazy: options.lazy })
  mark('search index')

  // A public file on the path of a page (or a feed, an image...) would silently replace it: an error.
  // (Collisions between pages are reported by the site graph, naming both files.)
  const publicByPath = new Map(files.filter((f) => f.kind === 'copy' && f.from.startsWith(publicDir)).map((f) => [f.outPath, f]))
  if (publicByPath.size > 0) {
    const collided = new Set<string>()
    const claim = (other: { outPath: string }): void => {
      const mine = publicByPath.get(other.outPath)
      if (mine && mine !== other) collided.add(other.outPath)
    }
    files.forEach(claim)
    routes.forEach(claim)
    generated.forEach(claim)
    for (const outPath of [...collided].sort()) {
      problems.push(problem(`public/${outPath}`, 'url-collision', `The public file lands on \`${outPath}\`, which the site already writes`))
    }
  }

  const counts = { posts: graph.posts.length, pages: routes.length }
  if (options.lazy) {
    // The dev server's image: pages and generated files are made when requested.
    const ok = !problems.some((p) => p.fatal)
    if (!ok && memory) undoGraphPatch(memory)
    const render = (route: Route): string => {
      try {
        return renderPage(route, theme.theme)
      } catch (error) {
        throw new PageError(templateProblem(route, error))
      }
    }
    const image = siteImage({ files, routes, generated, render })
    return { ok, problems, files: [], config, graph, image, stats: { ...emptyStats, ...counts, parse: parsed.stats } }
  }

  // Stream to disk: each file goes to a temp file beside its target as soon as it is made, and only a small
  // descriptor stays in memory (never the whole site's HTML); commit() puts them all in place at the end, and
  // abort() removes them, so a failed build still leaves the output folder as it was. Not when the build has
  // already failed, or only computes the output (`--verify`, tests), which keeps the bytes.
  const onDisk = await listOutput()
  mark('scan output')
  const staging = options.write !== false && !problems.some((p) => p.fatal) ? new StagedEmit(outDir, manifest, onDisk) : undefined
  let made = 0
  let writeError: Problem | undefined
  const handOff = (file: OutputFile, view?: string): OutputFile => {
    if (file.kind === 'bytes' && ++made === LARGE_OUTPUT) largeWork()
    if (!staging || writeError) return file
    try {
      staging.stage(file, view)
    } catch (error) {
      // A full disk is not the page's fault (renderRoutes would report it as the template's): the build
      // stops writing, and fails with write-failed below.
      writeError = writeFailure(error, outDir)
      if (!writeError) throw error
      return file
    }
    return file.kind === 'bytes' ? { outPath: file.outPath, kind: 'keep', hash: file.hash, size: file.data.byteLength } : file
  }
  let rendered
  try {
    for (let i = 0; i < files.length; i++) files[i] = handOff(files[i])
    // The tool's code is part of every view hash: a new renderer version re-renders every page.
    rendered = renderRoutes(routes, theme.theme, theme.digest + toolDigestOf() + (options.flags.dev ? ':dev' : ''), manifest.files, onDisk, handOff, known)
    problems.push(...rendered.problems)
    files.push(...rendered.files)
    mark('render')
    const published = generatedOutputs(generated, manifest.files, onDisk, known, handOff)
    files.push(...published.files)
    for (const [outPath, key] of published.views) rendered.views.set(outPath, key)
    mark('feeds+sitemap')
  } catch (error) {
    staging?.abort()
    const failed = writeFailure(error, outDir)
    if (failed) return { ok: false, problems: [...problems, failed], files, config, graph, stats: emptyStats }
    throw error
  }

  if (writeError) {
    staging?.abort()
    return { ok: false, problems: [...problems, writeError], files, config, graph, stats: emptyStats }
  }
  const stats = { ...emptyStats, ...counts, rendered: rendered.rendered, skipped: rendered.skipped, unmade: rendered.unmade, parse: parsed.stats }
  const ok = !problems.some((p) => p.fatal)
  if (!ok && memory) undoGraphPatch(memory)
  if (!ok || !staging) {
    staging?.abort()
    return { ok, problems, files, config, graph, stats }
  }

  let result
  try {
    // The manifest describes the output before this commit: gone until the new one is written, so a build
    // killed in between is followed by one that compares files by their bytes.
    if (useCache) rmSync(manifestFile, { force: true })
    result = await staging.commit()
  } catch (error) {
    const failed = writeFailure(error, outDir)
    if (failed) return { ok: false, problems: [...problems, failed], files, config, graph, stats: emptyStats }
    throw error
  }
  if (inputsKey && viewBasis) {
    result.manifest.inputs = inputsKey
    Object.assign(result.manifest, viewBasis)
    result.manifest.sourceStats = read?.stats
    result.manifest.statsAt = options.now
    const horizon = horizonOf(entries.filter((e) => e.kind === 'post').map((e) => (e as PostEntry).matter.date.ms), options.now)
    result.manifest.horizon = horizon === Infinity ? null : horizon
    result.manifest.problems = problems
    result.manifest.counts = counts
  }
  if (useCache) {
    try {
      await writeManifest(manifestFile, result.manifest)
    } catch (error) {
      // The output is in place; without its manifest the next build compares files by their bytes.
      if (!writeFailure(error, outDir)) throw error
      rmSync(manifestFile, { force: true })
      problems.push(problem('.inkstone-cache', 'cache-corrupt', `The cache could not be written (${(error as NodeJS.ErrnoException).code})`))
    }
  }
  mark('emit')
  return {
    ok, problems, files, config, graph,
    stats: { ...stats, written: result.written, unchanged: result.unchanged, removed: result.removed }
  }
}
