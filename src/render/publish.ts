/**
 * The outputs made from the site graph besides pages: feeds, sitemap.xml,
 * robots.txt and the search index, as generated files (path now, text on
 * demand), and how a build turns them into output files. Pure.
 */
import { createHash } from 'node:crypto'
import type { GeneratedFile, OutputFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import type { DiskState } from '../emit/write.js'
import type { ManifestEntry } from '../emit/manifest.js'
import { toolDigestOf } from '../cache/digest.js'
import { keepOrMake } from './render.js'
import { feedFiles } from './feeds.js'
import { robotsTxt, sitemapXml, type SitemapInput } from './sitemap.js'
import { searchIndexPath, searchIndexText } from './search.js'

/** Options of publishingFiles. */
export interface PublishingOptions extends SitemapInput {
  /** Output paths the site already has (its `public/` files): a `public/robots.txt` wins over ours. */
  taken?: Set<string>
}

/**
 * Feeds, search index, sitemap and robots.txt of a site.
 *
 * @param graph Site graph.
 * @param options Rendered URL paths, git dates and taken output paths.
 * @returns Generated files, in a stable order.
 */
export function publishingFiles(graph: SiteGraph, options: PublishingOptions): GeneratedFile[] {
  return [
    ...feedFiles(graph),
    textFile(searchIndexPath, () => searchIndexText(graph)),
    textFile('sitemap.xml', () => sitemapXml(graph, options)),
    ...(options.taken?.has('robots.txt') ? [] : [textFile('robots.txt', () => robotsTxt(graph))])
  ]
}

/** A generated file keyed by its own text (for outputs that are cheap to make). */
function textFile(outPath: string, text: () => string): GeneratedFile {
  let made: string | undefined
  const make = (): string => (made ??= text())
  return { outPath, key: () => 'text:' + make().length + ':' + createHash('sha1').update(make()).digest('hex'), make }
}

/**
 * Generated files as output files: one whose key is unchanged since the last
 * build, and whose file is untouched, is neither made nor written again.
 *
 * @param generated Generated files.
 * @param previous The last build's manifest entries.
 * @param onDisk The output folder now.
 * @returns Output files and the key of each (kept in the manifest).
 */
export function generatedOutputs(
  generated: GeneratedFile[],
  previous: Record<string, ManifestEntry>,
  onDisk: DiskState
): { files: OutputFile[]; views: Map<string, string> } {
  const views = new Map<string, string>()
  const files = generated.map(({ outPath, key, make }) => {
    // The tool's own code is part of the key: a changed feed writer must rewrite every feed.
    const full = `${toolDigestOf()}:${key()}`
    views.set(outPath, full)
    return keepOrMake(outPath, full, make, previous, onDisk).file
  })
  return { files, views }
}
