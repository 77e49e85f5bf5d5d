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

/**
 * Text with whitespace collapsed, at most `max` code points: when longer,
 * its first `max - 1` and `…`. Counts code points without splitting the
 * text into an array of them, which made the index of 4,000 posts cost a
 * one-post edit ~25 ms.
 *
 * @param text Text.
 * @param max Longest result, in code points.
 * @returns The clipped text.
 */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  // Never more code points than UTF-16 units.
  if (flat.length <= max) return flat
  let count = 0
  let cut = 0
  for (let i = 0; i < flat.length; i += flat.codePointAt(i)! > 0xffff ? 2 : 1) {
    count++
    if (count === max) cut = i
    else if (count > max) return flat.slice(0, cut).trimEnd() + '…'
  }
  return flat
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
