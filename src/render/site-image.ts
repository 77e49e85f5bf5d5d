/**
 * A built site held in memory, each file made when it is first read: what
 * `inkstone dev` serves. Pages are rendered from their view on request, so
 * a rebuild after an edit costs the stages up to the list of routes, not a
 * render of every page, and nothing it serves can be older than the build.
 */
import { readFile } from 'node:fs/promises'
import type { GeneratedFile, OutputFile, Problem } from '../types.js'
import type { Route } from './routes.js'
import type { Theme } from './view-types.js'
import { renderPage, templateProblem } from './render.js'
import { CacheDamaged, cacheProblem } from '../cache/damaged.js'

/** A page that could not be made (its template threw), with the problem to show. */
export class PageError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.reason)
  }
}

/** The files of one build, made on demand. */
export interface SiteImage {
  /** Every output path, sorted. */
  paths(): string[]
  /** Whether the site has a file at this output path. */
  has(outPath: string): boolean
  /**
   * The bytes of a file, made on first read and then kept, or undefined when
   * the site has no such file. A page whose template throws rejects with a PageError.
   */
  read(outPath: string): Promise<Uint8Array | undefined>
}

/** What an image is made of: the build's files, its routes and its generated files. */
export interface ImageParts {
  files: OutputFile[]
  routes: Route[]
  generated: GeneratedFile[]
  /** Render a route's page; throws a PageError when its template fails. */
  render: (route: Route) => string
}

const encoder = new TextEncoder()

/**
 * Hold a build's outputs without making them.
 *
 * @param parts Files, routes, generated files and the page renderer.
 * @returns The image.
 */
export function siteImage(parts: ImageParts): SiteImage {
  // By output path; no closure per file (a site has thousands, and the dev server makes one image per edit).
  const files = new Map<string, OutputFile | Route | GeneratedFile>()
  for (const file of parts.files) files.set(file.outPath, file)
  for (const route of parts.routes) files.set(route.outPath, route)
  for (const file of parts.generated) files.set(file.outPath, file)
  const make = async (item: OutputFile | Route | GeneratedFile): Promise<Uint8Array> => {
    if ('url' in item) return encoder.encode(parts.render(item))
    if ('make' in item) return encoder.encode(item.make())
    if (item.kind === 'bytes') return item.data
    if (item.kind === 'copy') return readFile(item.from)
    // `keep` files exist only against an output folder, which an image has none of.
    throw new Error(`Internal error: a kept file in a site image: ${item.outPath}`)
  }
  const made = new Map<string, Promise<Uint8Array>>()
  let sorted: string[] | undefined
  return {
    paths: () => (sorted ??= [...files.keys()].sort()),
    has: (outPath) => files.has(outPath),
    read(outPath) {
      const item = files.get(outPath)
      if (!item) return Promise.resolve(undefined)
      let bytes = made.get(outPath)
      if (!bytes) {
        bytes = make(item)
        made.set(outPath, bytes)
        // A failed read (say, a copied file removed since the build) is tried again on the next request.
        bytes.catch(() => made.delete(outPath))
      }
      return bytes
    }
  }
}

/**
 * Hold a build's outputs, each page rendered with the theme when it is first read.
 *
 * @param parts Files, routes and generated files of the build.
 * @param theme The theme.
 * @returns The image; a page whose template throws rejects with a PageError naming the template's line.
 */
export function lazySite(parts: Omit<ImageParts, 'render'>, theme: Theme): SiteImage {
  const render = (route: Route): string => {
    try {
      return renderPage(route, theme)
    } catch (error) {
      // A damaged cache file is not the template's fault: shown as what it is.
      throw new PageError(error instanceof CacheDamaged ? cacheProblem(error.file, error.why) : templateProblem(route, error))
    }
  }
  return siteImage({ ...parts, render })
}
