/**
 * sitemap.xml (every HTML page with its absolute URL and `lastmod`) and
 * robots.txt pointing at it. Pure functions of the site graph, the page
 * URLs the build renders, and git's dates for files without dates.
 *
 * `lastmod`: a post's `updated` (or `date`); a list (home, tag, column,
 * archive, each of its pages) the newest change among its posts (a column
 * also counts the last commit of its own file); a standalone page the last
 * commit of its file; anything else the newest change of the whole site.
 */
import { x } from 'xastscript'
import type { SiteDate } from '../types.js'
import type { Post, SiteGraph } from '../site/graph.js'
import { absolute } from '../site/urls.js'
import { dateFromMillis } from '../content/dates.js'
import { newestOf } from './feeds.js'
import { serialize, text } from './xml.js'

/** Inputs besides the graph. */
export interface SitemapInput {
  /** URL paths of the rendered HTML pages, in route order. */
  urls: string[]
  /** Root-relative content path → last commit time (ms), for files without dates. */
  committed?: Map<string, number>
}

const later = (a: SiteDate | undefined, b: SiteDate | undefined): SiteDate | undefined =>
  !a ? b : !b ? a : b.ms > a.ms ? b : a

/**
 * `lastmod` of each known list or page URL path (first pages only).
 *
 * @param graph Site graph.
 * @param committed Git commit times by content path.
 * @returns Map of URL path → date.
 */
export function lastModified(graph: SiteGraph, committed: Map<string, number> = new Map()): Map<string, SiteDate | undefined> {
  const zone = graph.config.timezone
  const gitDate = (path: string): SiteDate | undefined => {
    const ms = committed.get(path)
    return ms === undefined ? undefined : dateFromMillis(ms, zone)
  }
  const all = newestOf(graph.posts)
  const map = new Map<string, SiteDate | undefined>()
  const list = (url: string, posts: Post[]): void => void map.set(url, newestOf(posts))
  list('/', graph.posts)
  for (const url of ['/tags/', '/columns/', '/archives/']) map.set(url, all)
  for (const tag of graph.tags) list(tag.url, tag.posts)
  for (const column of graph.columnsById.values()) map.set(column.url, later(newestOf(column.posts), gitDate(column.entry.path)))
  for (const year of graph.archives) {
    list(year.url, year.posts)
    for (const month of year.months) list(month.url, month.posts)
  }
  for (const page of graph.pages) map.set(page.url, gitDate(page.entry.path))
  for (const post of graph.posts) list(post.url, [post])
  return map
}

/**
 * The sitemap.
 *
 * @param graph Site graph.
 * @param input Rendered URL paths and git dates.
 * @returns XML.
 */
export function sitemapXml(graph: SiteGraph, input: SitemapInput): string {
  const { config } = graph
  const dates = lastModified(graph, input.committed)
  const fallback = newestOf(graph.posts)
  const seen = new Set<string>()
  const urls = x('urlset', { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' })
  for (const url of input.urls) {
    // Not pages to find through a search engine: the 404 page, and the search page (noindex, see routes.ts).
    if (url === '/404.html' || url === '/search/' || seen.has(url)) continue
    seen.add(url)
    // Later pages of a list share the first page's date.
    const first = url.replace(/page\/\d+\/$/, '')
    const date = dates.get(url) ?? dates.get(first) ?? fallback
    urls.children.push(x('url', {}, x('loc', {}, text(absolute(config, url))), date ? x('lastmod', {}, text(date.iso)) : undefined))
  }
  return serialize(urls)
}

/**
 * robots.txt: allow everything, point at the sitemap.
 * Crawlers only read it at the root of a host; on a site under a path
 * (`https://example.org/blog/`) copy its `Sitemap:` line into the host's own.
 *
 * @param graph Site graph.
 * @returns Text.
 */
export function robotsTxt(graph: SiteGraph): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${absolute(graph.config, '/sitemap.xml')}\n`
}
