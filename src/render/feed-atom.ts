/**
 * Atom 1.0 (RFC 4287). Dates are RFC 3339 with the site's offset.
 */
import { x } from 'xastscript'
import type { Element, ElementContent } from 'xast'
import type { FeedDoc, FeedItem } from './feed-doc.js'
import { attr, preserialized, serialize, text } from './xml.js'

/**
 * Write a feed as Atom.
 *
 * @param doc Feed.
 * @param memo Serialised entries by item, shared by the feeds of one build.
 * @returns XML.
 */
export function atomFeed(doc: FeedDoc, memo = new Map<FeedItem, ElementContent>()): string {
  const author = (): Element => x('author', {}, x('name', {}, text(doc.author.name)), x('uri', {}, text(doc.author.url)))
  const feed = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': attr(doc.language) },
    x('id', {}, text(doc.id)),
    x('title', {}, text(doc.title)),
    x('subtitle', {}, text(doc.description)),
    x('updated', {}, text(doc.updated.iso)),
    x('link', { rel: 'alternate', type: 'text/html', href: attr(doc.home) }),
    x('link', { rel: 'self', type: 'application/atom+xml', href: attr(doc.urls.atom) }),
    author(),
    doc.license ? x('rights', {}, text(doc.license.name)) : undefined,
    x('generator', {}, text('Inkstone')),
    ...doc.items.map((item) => memo.get(item) ?? memo.set(item, preserialized(x('entry', {},
      x('id', {}, text(item.id)),
      x('title', { type: 'text' }, text(item.title)),
      x('link', { rel: 'alternate', type: 'text/html', href: attr(item.url) }),
      x('published', {}, text(item.published.iso)),
      x('updated', {}, text(item.updated.iso)),
      author(),
      ...item.tags.map((t) => x('category', { term: attr(t) })),
      item.image ? x('link', { rel: 'enclosure', type: mediaType(item.image), href: attr(item.image) }) : undefined,
      x('summary', { type: 'html' }, text(item.summaryHtml)),
      item.contentHtml !== undefined ? x('content', { type: 'html' }, text(item.contentHtml)) : undefined
    ), 1)).get(item)!)
  )
  return serialize(feed)
}

/** A guess of an image's media type from its extension (for enclosures). */
export function mediaType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase()
  const known: Record<string, string> = {
    png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml'
  }
  return (ext && known[ext]) || 'image/*'
}
