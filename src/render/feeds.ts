/**
 * Feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the site, each tag and each
 * column (a column's feed holds its subtree). Pure functions of the site
 * graph: dates come from the content, never the clock.
 *
 * Entry ids are tag URIs (RFC 4151) made from the host, the post's date and
 * its file path, e.g. `tag:example.org,2022-10-21:posts/hello-world`. They
 * do not change when the title, the `slug` or the permalink pattern changes
 * (readers see the new link on the same entry), nor when `hello-world.md`
 * becomes the bundle `hello-world/index.md`. Renaming the file or changing
 * the post's `date` gives a new id (readers show the post again).
 */
import { createHash } from 'node:crypto'
import type { ElementContent } from 'xast'
import type { GeneratedFile, SiteConfig, SiteDate } from '../types.js'
import type { Post, SiteGraph } from '../site/graph.js'
import { absolute, authorAbsolute, encodePath, outPathOf } from '../site/urls.js'
import { dateFromMillis } from '../content/dates.js'
import { escapeHtml, resolveReferences } from './references.js'
import { feedPaths, feedScopes, type FeedScope } from './feed-paths.js'
import { atomFeed } from './feed-atom.js'
import { rssFeed } from './feed-rss.js'
import { jsonFeed } from './feed-json.js'
import type { FeedDoc, FeedItem } from './feed-doc.js'

/** The date a post last changed: `updated`, else `date`. */
export function modifiedOf(post: Post): SiteDate {
  return post.entry.matter.updated ?? post.entry.matter.date
}

/**
 * The newest modification date of some posts (ties: the first), or undefined.
 *
 * @param posts Posts.
 * @returns Date.
 */
export function newestOf(posts: Post[]): SiteDate | undefined {
  let best: SiteDate | undefined
  for (const post of posts) {
    const d = modifiedOf(post)
    if (!best || d.ms > best.ms) best = d
  }
  return best
}

/**
 * A post's stable feed id (see the module comment).
 *
 * @param config Site config (host).
 * @param post Post.
 * @returns Tag URI.
 */
export function entryId(config: SiteConfig, post: Post): string {
  const host = new URL(config.url).hostname
  const { year, month, day } = post.entry.matter.date
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  const file = post.entry.path.replace(/^content\//, '').replace(/(\/index)?\.md$/i, '')
  return `tag:${host},${date}:${encodePath(file)}`
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeAttribute(value: string): string {
  return value.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16))
    if (dec) return String.fromCodePoint(Number(dec))
    return entities[name.toLowerCase()] ?? all
  })
}

function encodeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')
}

function absoluteUrl(value: string, base: string): string | undefined {
  const raw = decodeAttribute(value).trim()
  if (raw === '' || /^[a-z][a-z0-9+.-]*:/i.test(raw)) return undefined
  try {
    return new URL(raw, base).href
  } catch {
    return undefined
  }
}

/**
 * Make every URL in body HTML absolute: root-relative (`/…`), relative and
 * fragment-only (`#fn-1`) links and sources are resolved against the post's URL.
 *
 * @param html HTML (references already resolved).
 * @param base Absolute URL of the post.
 * @returns HTML.
 */
export function absolutizeHtml(html: string, base: string): string {
  return html
    .replace(/(\s(?:href|src|poster|cite|action))="([^"]*)"/gi, (all, name: string, value: string) => {
      const url = absoluteUrl(value, base)
      return url === undefined ? all : `${name}="${encodeAttribute(url)}"`
    })
    .replace(/(\ssrcset)="([^"]*)"/gi, (_all, name: string, value: string) => {
      const list = decodeAttribute(value).split(',').map((candidate) => {
        const [url, ...descriptor] = candidate.trim().split(/\s+/)
        return [absoluteUrl(url, base) ?? url, ...descriptor].join(' ')
      })
      return `${name}="${encodeAttribute(list.join(', '))}"`
    })
}

/**
 * The feed item of a post.
 *
 * @param graph Site graph.
 * @param post Post.
 * @returns Item.
 */
export function feedItem(graph: SiteGraph, post: Post): FeedItem {
  const { config } = graph
  const m = post.entry.matter
  const body = post.entry.body
  const url = absolute(config, post.url)
  const refs = graph.references.get(post.entry.path) ?? []
  const html = (source: string): string => absolutizeHtml(resolveReferences(source, refs, config, 'absolute'), url)
  const item: FeedItem = {
    id: entryId(config, post),
    url,
    title: post.title,
    published: m.date,
    updated: modifiedOf(post),
    summaryHtml: m.summary !== undefined ? `<p>${escapeHtml(m.summary)}</p>` : html(body.excerptHtml),
    summaryText: m.summary ?? body.excerptText,
    tags: post.tags.map((t) => t.name)
  }
  if (config.feed.fullContent) item.contentHtml = html(body.html)
  if (post.cover) item.image = /^[a-z]+:/i.test(post.cover) ? post.cover : absolute(config, post.cover)
  return item
}

/**
 * The feed of a scope.
 *
 * @param graph Site graph.
 * @param scope Site, tag or column.
 * @param posts The scope's posts, newest first.
 * @param items Cache of items by post (shared across scopes).
 * @returns Feed document.
 */
export function feedDoc(graph: SiteGraph, scope: FeedScope, posts: Post[], items = new Map<Post, FeedItem>()): FeedDoc {
  const { config } = graph
  const chosen = feedPosts(posts, config)
  const paths = feedPaths(scope.base)
  const description =
    scope.kind === 'column' ? scope.column!.entry.body.excerptText || config.description
      : scope.kind === 'tag' ? `#${scope.tag!.name} · ${config.description}`.trim()
        : config.description
  // An empty feed (a column without posts yet) takes the site's newest date, never the clock.
  const updated = newestOf(chosen) ?? newestOf(graph.posts) ?? dateFromMillis(0, config.timezone)
  return {
    id: absolute(config, scope.base),
    title: scope.title,
    description: description || scope.title,
    language: config.language,
    home: absolute(config, scope.base),
    urls: { atom: absolute(config, paths.atom), rss: absolute(config, paths.rss), json: absolute(config, paths.json) },
    updated,
    author: {
      name: config.author.name,
      url: absolute(config, '/'),
      avatar: config.author.avatar ? authorAbsolute(config, config.author.avatar) : undefined
    },
    license: config.license,
    items: chosen.map((post) => {
      let item = items.get(post)
      if (!item) items.set(post, (item = feedItem(graph, post)))
      return item
    })
  }
}

/** The posts a feed of `posts` (newest first) shows: the newest `feed.limit`. */
function feedPosts(posts: Post[], config: SiteConfig): Post[] {
  return posts.slice(0, config.feed.limit)
}

/** One file of the feeds; its key hashes the feed document (and format): equal keys give equal bytes. */
export type FeedFile = GeneratedFile

/**
 * Every feed of the site in the three formats. A scope's document and key
 * are made when first asked for (the dev server asks only for the feeds
 * it serves).
 *
 * @param graph Site graph.
 * @returns Files, in a stable order.
 */
export function feedFiles(graph: SiteGraph): FeedFile[] {
  const items = new Map<Post, FeedItem>()
  const atomMemo = new Map<FeedItem, ElementContent>()
  const rssMemo = new Map<FeedItem, ElementContent>()
  // Each item is hashed once; a feed's key combines its own fields with its items' hashes.
  const itemHashes = new Map<FeedItem, string>()
  const itemHash = (item: FeedItem): string => {
    let hash = itemHashes.get(item)
    if (!hash) itemHashes.set(item, (hash = createHash('sha1').update(JSON.stringify(item)).digest('hex')))
    return hash
  }
  const files: FeedFile[] = []
  for (const scope of feedScopes(graph)) {
    let made: { doc: FeedDoc; key: string } | undefined
    const posts = scope.kind === 'tag' ? scope.tag!.posts : scope.kind === 'column' ? scope.column!.posts : graph.posts
    const scoped = (): { doc: FeedDoc; key: string } => {
      if (made) return made
      const doc = feedDoc(graph, scope, posts, items)
      const key = createHash('sha1').update(FEED_FORMAT_VERSION).update(JSON.stringify({ ...doc, items: doc.items.map(itemHash) })).digest('hex')
      return (made = { doc, key })
    }
    const paths = feedPaths(scope.base)
    // The items' bodies, and a column feed's description (its column's excerpt).
    const reads = (): string[] => [
      ...(scope.kind === 'column' ? [scope.column!.entry.path] : []),
      ...feedPosts(posts, graph.config).map((p) => p.entry.path)
    ]
    files.push(
      { outPath: outPathOf(paths.atom), key: () => 'atom:' + scoped().key, make: () => atomFeed(scoped().doc, atomMemo), reads },
      { outPath: outPathOf(paths.rss), key: () => 'rss:' + scoped().key, make: () => rssFeed(scoped().doc, rssMemo), reads },
      { outPath: outPathOf(paths.json), key: () => 'json:' + scoped().key, make: () => jsonFeed(scoped().doc), reads }
    )
    // `feed.paths`: the site-wide feed again at more paths (an old blog's), each naming itself as its self link;
    // `feed.names`: each tag's and column's again under more names in its folder.
    const extras = scope.kind === 'site'
      ? graph.config.feed.paths ?? []
      : (graph.config.feed.names ?? []).map((n) => ({ format: n.format, path: scope.base + n.path }))
    for (const extra of extras) {
      const { format, path } = extra
      const doc = (): FeedDoc => ({ ...scoped().doc, urls: { ...scoped().doc.urls, [format]: absolute(graph.config, path) } })
      const write = format === 'atom' ? () => atomFeed(doc(), atomMemo) : format === 'rss' ? () => rssFeed(doc(), rssMemo) : () => jsonFeed(doc())
      files.push({ outPath: outPathOf(path), key: () => `${format}:${path}:` + scoped().key, make: write, reads })
    }
  }
  return files
}

/** Bump when the feed writers change their output for the same document. */
const FEED_FORMAT_VERSION = 'feeds-1'
