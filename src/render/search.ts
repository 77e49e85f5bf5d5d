/**
 * The search index (`search.json`) the theme's search box fetches on first
 * focus: one small record per post — title, href, date, tags, column and a
 * clipped plain-text summary. Pure; built from the site graph on every build.
 */
import type { SiteGraph } from '../site/graph.js'
import { href } from '../site/urls.js'

/** Output path of the index (its href is `view.site.searchIndex`). */
export const searchIndexPath = 'search.json'

/** Longest summary kept per post, in code points (the index stays small). */
const SUMMARY_CHARS = 120

/** One post in the index. */
export interface SearchRecord {
  title: string
  /** Root-relative href (base path applied, percent-encoded). */
  url: string
  /** ISO 8601 date with offset. */
  date: string
  tags: string[]
  column?: string
  summary: string
}

/** The index file. */
export interface SearchIndex {
  version: 1
  posts: SearchRecord[]
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const chars = Array.from(flat)
  return chars.length <= max ? flat : chars.slice(0, max - 1).join('').trimEnd() + '…'
}

/**
 * Build the search index of a site.
 *
 * @param graph Site graph.
 * @returns The index, newest post first.
 */
export function searchIndexOf(graph: SiteGraph): SearchIndex {
  return {
    version: 1,
    posts: graph.posts.map((post) => ({
      title: post.title,
      url: href(graph.config, post.url),
      date: post.entry.matter.date.iso,
      tags: post.tags.map((t) => t.name),
      column: post.column?.title,
      summary: clip(post.entry.matter.summary ?? post.entry.body.excerptText, SUMMARY_CHARS)
    }))
  }
}

/**
 * The index as the text of `search.json`.
 *
 * @param graph Site graph.
 * @returns JSON text.
 */
export function searchIndexText(graph: SiteGraph): string {
  return JSON.stringify(searchIndexOf(graph))
}
