/**
 * A feed as data, before it is written in a format: what feeds.ts makes from the site graph and
 * feed-atom.ts, feed-rss.ts and feed-json.ts each write.
 */
import type { SiteDate } from '../types.js'

/** One entry of a feed, every URL absolute. */
export interface FeedItem {
  id: string
  url: string
  title: string
  published: SiteDate
  updated: SiteDate
  /** Full body HTML (only when `feed.full_content`). */
  contentHtml?: string
  summaryHtml: string
  summaryText: string
  tags: string[]
  image?: string
}

/** A feed, ready to be written in any format. */
export interface FeedDoc {
  /** Feed id: the absolute URL of the list page. */
  id: string
  title: string
  description: string
  language: string
  /** Absolute URL of the list page. */
  home: string
  /** Absolute URLs of the three formats. */
  urls: { atom: string; rss: string; json: string }
  /** Newest entry's updated (or published) date. */
  updated: SiteDate
  author: { name: string; url: string; avatar?: string }
  license?: { name: string; url?: string }
  items: FeedItem[]
}
