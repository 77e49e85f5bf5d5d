/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1). Strings are cleaned of
 * the characters XML forbids too, so every format carries the same text.
 */
import type { FeedDoc } from './feed-doc.js'
import { cleanXmlText } from './xml.js'

/**
 * Write a feed as JSON Feed 1.1.
 *
 * @param doc Feed.
 * @returns JSON text ending with a newline.
 */
export function jsonFeed(doc: FeedDoc): string {
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: doc.title,
    home_page_url: doc.home,
    feed_url: doc.urls.json,
    description: doc.description,
    language: doc.language,
    authors: [{ name: doc.author.name, url: doc.author.url, ...(doc.author.avatar ? { avatar: doc.author.avatar } : {}) }],
    items: doc.items.map((item) => ({
      id: item.id,
      url: item.url,
      title: item.title,
      ...(item.contentHtml !== undefined ? { content_html: item.contentHtml } : { content_html: item.summaryHtml }),
      summary: item.summaryText,
      ...(item.image ? { image: item.image } : {}),
      date_published: item.published.iso,
      date_modified: item.updated.iso,
      ...(item.tags.length > 0 ? { tags: item.tags } : {})
    }))
  }
  return JSON.stringify(feed, (_key, value: unknown) => (typeof value === 'string' ? cleanXmlText(value) : value), 2) + '\n'
}
