/**
 * Routes → HTML files: run the theme on each view-model and serialise the
 * hast. A route whose view-model (and theme) hash is unchanged since the
 * last build, and whose file is still as written, is not rendered again.
 */
import { createHash } from 'node:crypto'
import { toHtml } from 'hast-util-to-html'
import type { OutputFile, Problem } from '../types.js'
import { problem } from '../messages.js'
import { hashBytes } from '../util/hash.js'
import { CacheDamaged } from '../cache/damaged.js'
import type { ManifestEntry } from '../emit/manifest.js'
import type { DiskState } from '../emit/scan.js'
import type { Route } from './routes.js'
import type { Theme } from './view-types.js'

const encoder = new TextEncoder()

/** Rendered pages, with the view hash of each. */
export interface RenderResult {
  files: OutputFile[]
  views: Map<string, string>
  rendered: number
  skipped: number
  /** Of the skipped, those kept without making their view (its hash was known). */
  unmade: number
  problems: Problem[]
}

/**
 * Hash a view-model together with the theme digest.
 *
 * @param view View-model (plain data).
 * @param themeDigest Digest of the theme code.
 * @returns Hex digest.
 */
export function viewHash(view: unknown, themeDigest: string): string {
  return createHash('sha1').update(themeDigest).update(JSON.stringify(view)).digest('hex')
}

/**
 * The view hash of a page view, with its site part (navigation, author, UI
 * strings: the same object on every page of a build) hashed once
 * instead of once per page.
 *
 * @param view Page view.
 * @param themeDigest Digest of the theme code.
 * @param siteKeys Memo of site-part hashes for this build.
 * @returns Hex digest.
 */
export function pageViewHash(view: Route['view'], themeDigest: string, siteKeys: Map<object, string>): string {
  let siteKey = siteKeys.get(view.site)
  if (!siteKey) siteKeys.set(view.site, (siteKey = viewHash(view.site, '')))
  return createHash('sha1').update(themeDigest).update(siteKey).update(JSON.stringify({ ...view, site: null })).digest('hex')
}

/**
 * An output made from a view: reuse the file on disk when the view hash is
 * the one the last build wrote it from and the file is untouched since;
 * otherwise make the bytes. Shared by pages and feeds.
 *
 * @param outPath Output path.
 * @param key Hash of everything the bytes depend on.
 * @param make Produces the text (only called when needed).
 * @param previous Manifest entries of the last build.
 * @param onDisk What the output folder holds now.
 * @returns The output file and whether it was kept.
 */
export function keepOrMake(
  outPath: string,
  key: string,
  make: () => string,
  previous: Record<string, ManifestEntry>,
  onDisk: DiskState
): { file: OutputFile; kept: boolean } {
  const kept = keptFile(outPath, key, previous, onDisk)
  if (kept) return { file: kept, kept: true }
  const data = encoder.encode(make())
  return { file: { outPath, kind: 'bytes', data, hash: hashBytes(data) }, kept: false }
}

/**
 * The file on disk, when the last build wrote it from the view hash `key`
 * and it is untouched since (same size and mtime).
 *
 * @param outPath Output path.
 * @param key View hash the bytes must come from.
 * @param previous Manifest entries of the last build.
 * @param onDisk What the output folder holds now.
 * @returns A `keep` file, or undefined when the bytes must be made.
 */
export function keptFile(outPath: string, key: string, previous: Record<string, ManifestEntry>, onDisk: DiskState): OutputFile | undefined {
  const last = previous[outPath]
  const disk = onDisk.get(outPath)
  if (last && last.view === key && disk && disk.size === last.size && disk.mtimeMs === last.mtimeMs) {
    return { outPath, kind: 'keep', hash: last.hash, size: last.size }
  }
  return undefined
}

/**
 * Render one page: the theme on the route's view, serialised.
 *
 * @param route Route.
 * @param theme Theme.
 * @returns HTML text.
 */
export function renderPage(route: Route, theme: Theme): string {
  return toHtml(theme.render(route.view), { allowDangerousHtml: true }) + '\n'
}

/**
 * A template that threw while rendering a page, as a problem at the
 * template's line when the stack names it.
 *
 * @param route The page being rendered.
 * @param error What the template threw.
 * @returns Problem.
 */
export function templateProblem(route: Route, error: unknown): Problem {
  const err = error as Error
  return problem('templates/index.tsx', 'template-error', `Rendering ${route.url} failed: ${err.message}`, stackPlace(err))
}

/**
 * Render every route.
 *
 * @param routes Routes with view-models.
 * @param theme Theme.
 * @param themeDigest Digest of the theme (part of every view hash).
 * @param previous Manifest entries of the last build (to skip unchanged routes), or nothing.
 * @param onDisk What the output folder holds now (a kept route must still be there, untouched).
 * @param handOff What to do with each made file (the build streams it to disk); returns what to keep.
 * @param known The view hash of a route when it is known without making its view (it is the last build's), else undefined.
 * @returns Files and view hashes.
 */
export function renderRoutes(
  routes: Route[],
  theme: Theme,
  themeDigest: string,
  previous: Record<string, ManifestEntry> = {},
  onDisk: DiskState = new Map(),
  handOff: (file: OutputFile, view: string) => OutputFile = (file) => file,
  known: (route: Route) => string | undefined = () => undefined
): RenderResult {
  const files: OutputFile[] = []
  const views = new Map<string, string>()
  const problems: Problem[] = []
  let rendered = 0
  let skipped = 0
  let unmade = 0
  const siteKeys = new Map<object, string>()
  for (const route of routes) {
    // A view known to be the last build's, over an untouched file: nothing to make, not even the view.
    const knownKey = known(route)
    const knownFile = knownKey === undefined ? undefined : keptFile(route.outPath, knownKey, previous, onDisk)
    if (knownFile) {
      views.set(route.outPath, knownKey!)
      files.push(handOff(knownFile, knownKey!))
      skipped++
      unmade++
      continue
    }
    try {
      const vh = pageViewHash(route.view, themeDigest, siteKeys)
      views.set(route.outPath, vh)
      // Same view, same theme, file untouched since we wrote it: same bytes, nothing to render.
      const { file, kept } = keepOrMake(route.outPath, vh, () => renderPage(route, theme), previous, onDisk)
      files.push(handOff(file, vh))
      // The view is not needed any more: let it go (a site's views together are hundreds of MB).
      route.release()
      if (kept) skipped++
      else rendered++
    } catch (error) {
      // A damaged cache file is the build's to handle (it parses again), not the template's.
      if (error instanceof CacheDamaged) throw error
      problems.push(templateProblem(route, error))
    }
  }
  return { files, views, rendered, skipped, unmade, problems }
}

function stackPlace(error: Error): { line: number; column: number } | undefined {
  const match = /templates[\\/][^:)]+:(\d+):(\d+)/.exec(error.stack ?? '')
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined
}
