/**
 * The publishing outputs besides pages: feeds, sitemap.xml and robots.txt,
 * as output files. Pure.
 */
import type { OutputFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { hashBytes } from '../emit/write.js'
import { feedFiles } from './feeds.js'
import { robotsTxt, sitemapXml, type SitemapInput } from './sitemap.js'

/** Options of publishingFiles. */
export interface PublishingOptions extends SitemapInput {
  /** Output paths the site already has (its `public/` files): a `public/robots.txt` wins over ours. */
  taken?: Set<string>
}

/**
 * Feeds, sitemap and robots.txt of a site.
 *
 * @param graph Site graph.
 * @param options Rendered URL paths, git dates and taken output paths.
 * @returns Output files.
 */
export function publishingFiles(graph: SiteGraph, options: PublishingOptions): OutputFile[] {
  const texts = [
    ...feedFiles(graph),
    { outPath: 'sitemap.xml', text: sitemapXml(graph, options) },
    ...(options.taken?.has('robots.txt') ? [] : [{ outPath: 'robots.txt', text: robotsTxt(graph) }])
  ]
  return texts.map(({ outPath, text }) => {
    const data = new TextEncoder().encode(text)
    return { outPath, kind: 'bytes' as const, data, hash: hashBytes(data) }
  })
}
