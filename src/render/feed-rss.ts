/**
 * RSS 2.0, with `atom:link rel="self"`, `content:encoded` for full content
 * and `dc:creator` (RSS's own `author` wants an e-mail address). Dates are
 * RFC 822 (four-digit years, as RFC 1123 and every reader use).
 */
import { x } from 'xastscript'
import type { SiteDate } from '../types.js'
import type { ElementContent } from 'xast'
import type { FeedDoc, FeedItem } from './feed-doc.js'
import { attr, preserialized, serialize, text } from './xml.js'
import { mediaType } from './feed-atom.js'

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * A date in RFC 822 form, in the offset the date carries (the site's), e.g.
 * `Sat, 12 Sep 2026 08:15:00 +0800`. Independent of the machine's time zone.
 *
 * @param date Date.
 * @returns RFC 822 date.
 */
export function rfc822(date: SiteDate): string {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(date.iso)
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
  const t = new Date(date.ms + offset * 60_000)
  const abs = Math.abs(offset)
  return `${days[t.getUTCDay()]}, ${pad(t.getUTCDate())} ${months[t.getUTCMonth()]} ${t.getUTCFullYear()} ` +
    `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} ` +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
}

/**
 * Write a feed as RSS 2.0.
 *
 * @param doc Feed.
 * @param memo Serialised items by feed item, shared by the feeds of one build.
 * @returns XML.
 */
export function rssFeed(doc: FeedDoc, memo = new Map<FeedItem, ElementContent>()): string {
  const rss = x('rss', {
    version: '2.0',
    'xmlns:atom': 'http://www.w3.org/2005/Atom',
    'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
    'xmlns:dc': 'http://purl.org/dc/elements/1.1/'
  },
  x('channel', {},
    x('title', {}, text(doc.title)),
    x('link', {}, text(doc.home)),
    x('description', {}, text(doc.description)),
    x('language', {}, text(doc.language)),
    x('lastBuildDate', {}, text(rfc822(doc.updated))),
    x('generator', {}, text('Inkstone')),
    doc.license ? x('copyright', {}, text(doc.license.name)) : undefined,
    x('atom:link', { href: attr(doc.urls.rss), rel: 'self', type: 'application/rss+xml' }),
    ...doc.items.map((item) => memo.get(item) ?? memo.set(item, preserialized(x('item', {},
      x('title', {}, text(item.title)),
      x('link', {}, text(item.url)),
      x('guid', { isPermaLink: 'false' }, text(item.id)),
      x('pubDate', {}, text(rfc822(item.published))),
      x('dc:creator', {}, text(doc.author.name)),
      ...item.tags.map((t) => x('category', {}, text(t))),
      item.image ? x('enclosure', { url: attr(item.image), type: mediaType(item.image), length: '0' }) : undefined,
      x('description', {}, text(item.summaryHtml)),
      item.contentHtml !== undefined ? x('content:encoded', {}, text(item.contentHtml)) : undefined
    ), 2)).get(item)!)
  ))
  return serialize(rss)
}
