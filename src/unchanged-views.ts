/**
 * View skipping: when only the bodies of some sources changed since the
 * last build (same context, same sources, the changed ones with the same
 * graph facts, the clock short of the last build's horizon), the site graph
 * and every view are the last build's except views that show a changed
 * body. Then a route (or feed, sitemap…) reading none of those
 * (Route.reads, GeneratedFile.reads) has the last build's view hash, and
 * neither its view nor the hash needs making: a one-post edit makes only
 * the views that show the post's body, not one per page of the site.
 */
import type { Entry } from './types.js'
import { graphFacts } from './site/graph.js'
import { excerptRead, type RouteOptions } from './render/routes.js'
import type { Manifest } from './emit/manifest.js'
import { hashBytes } from './util/hash.js'
import type { BuildInputs } from './build-inputs.js'

/** What a build tells the next one about its views: its context, each source with its facts, its route options. */
export interface ViewBasis {
  context: string
  /** Per Markdown source: content hash, graph-facts digest, excerpt digest. */
  sources: Record<string, [string, string, string]>
  routeOptions: string
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
 * This build's view basis. A source unchanged in an unchanged context is the same entry, with the facts the
 * manifest has: only changed sources are digested.
 *
 * @param inputs This build's inputs.
 * @param manifest The last build's manifest.
 * @param entries The entries, in the order of `inputs.sources`.
 * @param routeOptions The route options of this build.
 * @returns The basis.
 */
export function viewBasisOf(inputs: BuildInputs, manifest: Manifest, entries: Entry[], routeOptions: RouteOptions): ViewBasis {
  const lastSources = manifest.context === inputs.context ? manifest.sources : undefined
  return {
    context: inputs.context,
    sources: Object.fromEntries(inputs.sources.map(([path, hash], i): [string, [string, string, string]] => {
      const last = lastSources?.[path]
      return [path, last && last[0] === hash ? [hash, last[1], last[2] ?? excerptKey(entries[i])] : [hash, factsKey(entries[i]), excerptKey(entries[i])]]
    })),
    routeOptions: JSON.stringify(routeOptions)
  }
}

/**
 * The last build's view hash of each output that shows no changed body.
 *
 * @param manifest The last build's manifest.
 * @param basis This build's view basis.
 * @param now The current time (ms).
 * @returns The known view hash of an output, or undefined (make the view); undefined when nothing is known.
 */
export function unchangedViews(
  manifest: Manifest,
  basis: ViewBasis,
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
