/**
 * Where feeds live and what they are called: shared by the feed writers and
 * the `<link rel="alternate">` tags in the head. Pure.
 */
import type { SiteConfig } from '../types.js'
import type { Column, SiteGraph, Tag } from '../site/graph.js'

/** A set of posts with its own feeds: the site, a tag, or a column (with its subtree). */
export interface FeedScope {
  /** URL path of the list page the feeds belong to, e.g. `/` or `/tags/rust/`. */
  base: string
  /** Feed title. */
  title: string
  kind: 'site' | 'tag' | 'column'
  tag?: Tag
  column?: Column
}

/** URL paths of a scope's three feeds. */
export function feedPaths(base: string): { atom: string; rss: string; json: string } {
  return { atom: `${base}atom.xml`, rss: `${base}rss.xml`, json: `${base}feed.json` }
}

/** The site-wide scope. */
export function siteScope(config: SiteConfig): FeedScope {
  return { base: '/', title: config.title, kind: 'site' }
}

/** A tag's scope. */
export function tagScope(config: SiteConfig, tag: Tag): FeedScope {
  return { base: tag.url, title: `${config.title} · #${tag.name}`, kind: 'tag', tag }
}

/** A column's scope (its feed holds the whole subtree). */
export function columnScope(config: SiteConfig, column: Column): FeedScope {
  return { base: column.url, title: `${config.title} · ${column.title}`, kind: 'column', column }
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Every scope of the site, in a stable order: the site, tags by slug, columns by id.
 *
 * @param graph Site graph.
 * @returns Scopes.
 */
export function feedScopes(graph: SiteGraph): FeedScope[] {
  const { config } = graph
  return [
    siteScope(config),
    ...graph.tags.map((t) => tagScope(config, t)),
    ...[...graph.columnsById.values()].sort((a, b) => byString(a.id, b.id)).map((c) => columnScope(config, c))
  ]
}
