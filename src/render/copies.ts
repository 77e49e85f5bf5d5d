/**
 * The files a site copies into its output as they are: the images and other
 * files its posts reference (the site graph's assets) and everything under
 * `public/`; and the check that no public file lands on a path the site
 * already writes.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { problem } from '../messages.js'
import type { OutputFile, Problem } from '../types.js'
import { ignored } from '../content/discover.js'
import type { SiteGraph } from '../site/graph.js'
import { fileHash } from '../util/file-hash.js'

/** Root-relative paths of every file under `public/` (dot files ignored but for `.well-known` and `_redirects`), sorted by name. */
async function publicPaths(root: string, rel = 'public'): Promise<string[]> {
  let entries
  try {
    entries = await readdir(join(root, rel), { withFileTypes: true })
  } catch {
    return []
  }
  const out: string[] = []
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    // `public/_redirects` is the author's redirect list for the host: kept (merged with the site's, see takeAuthorRedirects).
    if (ignored(e.name) && e.name !== '.well-known' && !(rel === 'public' && e.name === '_redirects')) continue
    const path = `${rel}/${e.name}`
    if (e.isDirectory()) out.push(...(await publicPaths(root, path)))
    else if (e.isFile()) out.push(path)
  }
  return out
}

/**
 * A file to copy into the output, with its content hash; throws when it cannot be read.
 *
 * @param folder The folder `from` is relative to.
 * @param from The file's path under `folder`.
 * @param outPath Where it goes in the output.
 * @returns The copy.
 */
export function copyOf(folder: string, from: string, outPath: string): OutputFile {
  const abs = join(folder, from)
  const file = fileHash(abs)
  if (!file) throw new Error(`Cannot read ${abs}`)
  return { outPath, kind: 'copy', from: abs, hash: file.hash, size: file.size }
}

/**
 * Copies of the files the site graph's entries reference, by output path; a missing one is skipped (the
 * Markdown stage already reported it at its line).
 *
 * @param root Site root.
 * @param graph The site graph.
 * @returns Copies, sorted by output path.
 */
export function assetCopies(root: string, graph: SiteGraph): OutputFile[] {
  const out: OutputFile[] = []
  for (const [outPath, from] of [...graph.assets.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    try {
      out.push(copyOf(root, from, outPath))
    } catch {
      // Reported at the reference's line by the Markdown stage.
    }
  }
  return out
}

/**
 * Copies of every file under `public/`, each at its path below `public/`.
 *
 * @param root Site root.
 * @returns Copies, sorted by path.
 */
export async function publicCopies(root: string): Promise<OutputFile[]> {
  return (await publicPaths(root)).map((path) => copyOf(root, path, path.slice('public/'.length)))
}

/**
 * A url-collision problem for each public file on the path of another output (a page, a feed, an image…),
 * which it would silently replace. (Collisions between pages are reported by the site graph, naming both files.)
 *
 * @param root Site root.
 * @param files The build's files so far (copies, theme assets).
 * @param others Every other output: routes, generated files.
 * @returns Problems, sorted by path.
 */
export function publicCollisions(root: string, files: OutputFile[], others: ReadonlyArray<{ outPath: string }>): Problem[] {
  const publicDir = join(root, 'public') + sep
  const publicByPath = new Map(files.filter((f) => f.kind === 'copy' && f.from.startsWith(publicDir)).map((f) => [f.outPath, f]))
  if (publicByPath.size === 0) return []
  const collided = new Set<string>()
  const claim = (other: { outPath: string }): void => {
    const mine = publicByPath.get(other.outPath)
    if (mine && mine !== other) collided.add(other.outPath)
  }
  files.forEach(claim)
  others.forEach(claim)
  return [...collided].sort().map((outPath) => problem(`public/${outPath}`, 'url-collision', `The public file lands on \`${outPath}\`, which the site already writes`))
}

/**
 * When the site writes its own `_redirects`, take the author's
 * `public/_redirects` out of the copies: it is merged into the site's
 * (theirs first; see redirects.ts and redirect-checks.ts).
 *
 * @param root Site root.
 * @param files The build's files so far; the author's file is removed from them.
 * @param graph Site graph (its redirects).
 * @returns The author's file's text, or undefined.
 */
export async function takeAuthorRedirects(root: string, files: OutputFile[], graph: Pick<SiteGraph, 'redirects'>): Promise<string | undefined> {
  if (graph.redirects.length === 0) return undefined
  const publicDir = join(root, 'public') + sep
  const theirs = files.findIndex((f) => f.outPath === '_redirects' && f.kind === 'copy' && f.from.startsWith(publicDir))
  return theirs >= 0 ? await readFile((files.splice(theirs, 1)[0] as { from: string }).from, 'utf8') : undefined
}
