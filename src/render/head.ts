/**
 * `<head>` data for every page: title, description, canonical URL, Open
 * Graph, Twitter card and JSON-LD. Pure; templates only print it.
 */
import type { Post, SiteGraph } from '../site/graph.js'
import { absolute, href } from '../site/urls.js'
import type { FeedLinkView, HeadView } from './view-types.js'
import { columnScope, feedPaths, siteScope, tagScope, type FeedScope } from './feed-paths.js'

/** What a page tells the head about itself. */
export interface HeadInput {
  title: string
  description: string
  styles?: string[]
  post?: Post
}

/**
 * Build the head of the page at `url`.
 *
 * @param graph Site graph.
 * @param url Site-relative URL path of the page.
 * @param page Title, description, styles, and the post for post pages.
 * @returns Head view.
 */
export function headFor(graph: SiteGraph, url: string, page: HeadInput): HeadView {
  const { config } = graph
  const canonical = absolute(config, url === '/404.html' ? '/' : url)
  const title = url === '/' ? config.title : `${page.title} | ${config.title}`
  const description = clip(page.description || config.description, 200)
  const meta: HeadView['meta'] = [
    { name: 'description', content: description },
    { property: 'og:site_name', content: config.title },
    { property: 'og:title', content: page.title },
    { property: 'og:url', content: canonical },
    { property: 'og:type', content: page.post ? 'article' : 'website' },
    { property: 'og:locale', content: config.language.replace('-', '_') }
  ]
  const jsonLd: object[] = []
  const post = page.post
  if (post) {
    const m = post.entry.matter
    if (post.cover) meta.push({ property: 'og:image', content: /^[a-z]+:/i.test(post.cover) ? post.cover : absolute(config, post.cover) })
    meta.push({ property: 'article:published_time', content: m.date.iso })
    meta.push({ property: 'article:modified_time', content: (m.updated ?? m.date).iso })
    for (const tag of post.tags) meta.push({ property: 'article:tag', content: tag.name })
  }
  meta.push({ name: 'twitter:card', content: post?.cover ? 'summary_large_image' : 'summary' })
  meta.push({ name: 'twitter:title', content: page.title })
  meta.push({ name: 'twitter:description', content: description })
  if (post) {
    const m = post.entry.matter
    const ld: Record<string, unknown> = {
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: post.title,
      url: canonical,
      mainEntityOfPage: canonical,
      datePublished: m.date.iso,
      dateModified: (m.updated ?? m.date).iso,
      author: { '@type': 'Person', name: config.author.name },
      inLanguage: config.language,
      description
    }
    if (post.tags.length > 0) ld.keywords = post.tags.map((t) => t.name).join(', ')
    if (post.column) ld.isPartOf = { '@type': 'CreativeWorkSeries', name: post.column.title, url: absolute(config, post.column.url) }
    if (post.cover) ld.image = /^[a-z]+:/i.test(post.cover) ? post.cover : absolute(config, post.cover)
    jsonLd.push(ld)
  } else {
    jsonLd.push({
      '@context': 'https://schema.org',
      '@type': url === '/' ? 'Blog' : 'CollectionPage',
      name: url === '/' ? config.title : page.title,
      url: canonical,
      inLanguage: config.language,
      description
    })
  }
  return {
    title,
    description,
    canonical,
    meta,
    jsonLd,
    feeds: feedLinksFor(graph, url, post),
    styles: page.styles ?? []
  }
}

/** Scopes with feeds, by the URL path of their list's first page (memoised per graph). */
const scopesByGraph = new WeakMap<SiteGraph, Map<string, FeedScope>>()

function scopeAt(graph: SiteGraph, url: string): FeedScope | undefined {
  let scopes = scopesByGraph.get(graph)
  if (!scopes) {
    scopes = new Map()
    for (const tag of graph.tags) scopes.set(tag.url, tagScope(graph.config, tag))
    for (const column of graph.columnsById.values()) scopes.set(column.url, columnScope(graph.config, column))
    scopesByGraph.set(graph, scopes)
  }
  return scopes.get(url.replace(/page\/\d+\/$/, ''))
}

/**
 * The feeds a page advertises: the site's, then those of the tag or column
 * the page lists (any of its pages), or of a post's column.
 *
 * @param graph Site graph.
 * @param url URL path of the page.
 * @param post The post, on post pages.
 * @returns Feed links.
 */
export function feedLinksFor(graph: SiteGraph, url: string, post?: Post): FeedLinkView[] {
  const { config } = graph
  const scopes = [siteScope(config)]
  const scope = post ? (post.column ? columnScope(config, post.column) : undefined) : scopeAt(graph, url)
  if (scope) scopes.push(scope)
  return scopes.flatMap((s) => {
    const paths = feedPaths(s.base)
    return [
      { type: 'application/atom+xml' as const, title: s.title, href: href(config, paths.atom) },
      { type: 'application/rss+xml' as const, title: s.title, href: href(config, paths.rss) },
      { type: 'application/feed+json' as const, title: s.title, href: href(config, paths.json) }
    ]
  })
}

/**
 * Cut text to at most `max` characters at a word or sentence boundary.
 *
 * @param text Text.
 * @param max Maximum length.
 * @returns Text, with `…` when cut.
 */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max)
  const boundary = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('. '), cut.lastIndexOf('，'), cut.lastIndexOf(' '))
  return (boundary > max * 0.6 ? cut.slice(0, boundary + 1) : cut).trimEnd() + '…'
}
