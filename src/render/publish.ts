/**
 * The publishing outputs besides pages: feeds, sitemap.xml and robots.txt,
 * as output files. Pure.
 */
import { createHash } from 'node:crypto'
import type { OutputFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import type { DiskState } from '../emit/write.js'
import type { ManifestEntry } from '../emit/manifest.js'
import { toolDigestOf } from '../cache/digest.js'
import { keepOrMake } from './render.js'
import { feedFiles } from './feeds.js'
import { robotsTxt, sitemapXml, type SitemapInput } from './sitemap.js'

/** Options of publishingFiles. */
export interface PublishingOptions extends SitemapInput {
  /** Output paths the site already has (its `public/` files): a `public/robots.txt` wins over ours. */
  taken?: Set<string>
  /** The last build's manifest entries and the output folder now: unchanged feeds are not written again. */
  previous?: Record<string, ManifestEntry>
  onDisk?: DiskState
}

/**
 * Feeds, sitemap and robots.txt of a site.
 *
 * @param graph Site graph.
 * @param options Rendered URL paths, git dates and taken output paths.
 * @returns Output files.
 */
export function publishingFiles(graph: SiteGraph, options: PublishingOptions): { files: OutputFile[]; views: Map<string, string> } {
  const outputs = [
    ...feedFiles(graph),
    ...[
      { outPath: 'sitemap.xml', text: sitemapXml(graph, options) },
      ...(options.taken?.has('robots.txt') ? [] : [{ outPath: 'robots.txt', text: robotsTxt(graph) }])
    ].map(({ outPath, text }) => ({ outPath, key: 'text:' + text.length + ':' + hashText(text), make: () => text }))
  ]
  const views = new Map<string, string>()
  const files = outputs.map(({ outPath, key, make }) => {
    // The tool's own code is part of the key: a changed feed writer must rewrite every feed.
    const full = `${toolDigestOf()}:${key}`
    views.set(outPath, full)
    return keepOrMake(outPath, full, make, options.previous ?? {}, options.onDisk ?? new Map()).file
  })
  return { files, views }
}

function hashText(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}
