/**
 * Over 300 lines for one job: one small function per kind of page, sharing the site's view and strings.
 *
 * Site graph → routes: every page of the site with the view-model its
 * template receives. Pure; lists are sorted once in the graph and paginated
 * here by slicing.
 */
import { createHash } from 'node:crypto'
import type { RenderedBody, SiteConfig, SiteDate } from '../types.js'
import type { Column, Post, SiteGraph, Tag } from '../site/graph.js'
import { absolute, authorHref, href, outPathOf, pagePath } from '../site/urls.js'
import { formatDate } from '../content/dates.js'
import { stringsFor, fill } from './strings.js'
import { escapeHtml, resolveReferences } from './references.js'
import { headFor } from './head.js'
import { searchEnginePath } from './search.js'
import { themeOptionsView } from './options-view.js'
import { defaultThemeOptions } from '../config/theme-options.js'
import type {
  ArchivePageView, ColumnRefView, ColumnTreeView, ColumnsPageView, DateView, ListPageView, NotFoundPageView, PageView, SearchPageView,
  PagerView, PostCardView, PostPageView, SiteView, StandalonePageView, TagView, TagsPageView
} from './view-types.js'

/** One page to render. */
export interface Route {
  /** Site-relative URL path. */
  url: string
  /** Output path relative to the output folder. */
  outPath: string
  /** The view-model, made on first read (the dev server makes only the views of pages it is asked for). */
  readonly view: PageView
  /** Forget the view (made again if read again): a build lets each go once its page is rendered. */
  release(): void
  /**
   * The paths of the entries whose bodies the view shows (HTML, excerpt,
   * table of contents, metrics: whatever is not in their graph facts), or
   * excerptRead(path) for an entry of which it shows only the plain-text
   * excerpt. When only bodies changed, a route that reads none of them has
   * the view of the last build (see unchangedViews in build.ts);
   * routes-reads.test.ts checks this list against what the views really read.
   */
  reads(): readonly string[]
}

/**
 * What Route.reads() (and GeneratedFile.reads()) lists for an entry of which
 * only the plain-text excerpt (RenderedBody.excerptText) is shown, as in the
 * search index: an edit below a post's excerpt leaves such outputs as they were.
 */
export function excerptRead(path: string): string {
  return 'excerpt:' + path
}

/** Options for routes. */
export interface RouteOptions {
  dev: boolean
  /** Theme stylesheet and script output paths. */
  themeAssets: { css: string; js: string }
  /** Output path of KaTeX's stylesheet, when any page uses math. */
  katexCss?: string
  /** The site's own favicon in public/ (output path), if it has one. */
  favicon?: string
  /** The author's stylesheet (output path) and head/body snippets (templates/), if any. */
  custom?: { css?: string; headHtml?: string; bodyEndHtml?: string }
}

/**
 * Enumerate every route of the site, in a stable order.
 *
 * @param graph The site graph.
 * @param options Dev mode and asset paths.
 * @returns Routes.
 */
export function routesOf(graph: SiteGraph, options: RouteOptions): Route[] {
  const { config } = graph
  const ctx = new ViewContext(graph, options)
  const routes: Route[] = []
  const add = (url: string, make: () => PageView, reads: () => readonly string[] = none): void => {
    routes.push(new LazyRoute(url, make, reads))
  }

  // Posts: the post's body, and its column's excerpt in the column box.
  for (const post of graph.posts) {
    add(post.url, () => ctx.postPage(post), () => (post.column ? [post.entry.path, post.column.entry.path] : [post.entry.path]))
  }

  // Home, tags, columns: paginated lists.
  // Home: pinned posts first (graph.home).
  ctx.paginated('/', graph.home, (pager, posts) => ({
    kind: 'home', title: config.title, descriptionHtml: config.description ? `<p>${escapeHtml(config.description)}</p>` : undefined,
    posts, pager, total: graph.posts.length
  }), add, { title: config.title, description: config.description }, [])
  for (const tag of graph.tags) {
    ctx.paginated(tag.url, tag.posts, (pager, posts) => ({
      kind: 'tag', title: tag.name, posts, pager, total: tag.posts.length
    }), add, { title: `${ctx.strings.tags}: ${tag.name}`, description: fill(ctx.strings.posts, { n: tag.posts.length }) }, [])
  }
  for (const column of graph.columnsById.values()) {
    let html: string | undefined
    ctx.paginated(column.url, column.posts, (pager, posts) => ({
      kind: 'column', title: column.title,
      descriptionHtml: (html ??= resolveReferences(column.entry.body.html, graph.references.get(column.entry.path) ?? [], config, 'href')), posts, pager, total: column.posts.length,
      children: column.children.map((c) => ctx.columnRef(c)), ancestors: ancestorsOf(column).map((c) => ctx.columnRef(c))
    }), add, { title: `${ctx.strings.columns}: ${column.title}`, description: column.entry.body.excerptText }, [column.entry.path])
  }

  // Indexes.
  add('/tags/', (): TagsPageView => ({
    kind: 'tags', title: ctx.strings.tags, tags: graph.tags.map((t) => ctx.tag(t)),
    site: ctx.site, head: ctx.head('/tags/', { title: ctx.strings.tags, description: fill(ctx.strings.posts, { n: graph.posts.length }) })
  }))
  add('/columns/', (): ColumnsPageView => ({
    kind: 'columns', title: ctx.strings.columns, columns: graph.columns.map((c) => ctx.columnTree(c)),
    site: ctx.site, head: ctx.head('/columns/', { title: ctx.strings.columns, description: config.description })
  }), () => [...graph.columnsById.values()].map((c) => c.entry.path))

  // Archives: all, per year, per month.
  const allYears = graph.archives.map((y) => ({ year: y.year, href: href(config, y.url), count: y.posts.length }))
  const archive = (url: string, title: string, years: SiteGraph['archives']): ArchivePageView => ({
    kind: 'archive', title, allYears,
    years: years.map((y) => ({
      year: y.year, href: href(config, y.url), count: y.posts.length,
      months: y.months.map((m) => ({
        month: m.month, label: monthLabel(y.year, m.month, config.language), href: href(config, m.url),
        posts: m.posts.map((p) => ({ title: p.title, href: href(config, p.url), date: ctx.date(p.entry.matter.date) }))
      }))
    })),
    site: ctx.site, head: ctx.head(url, { title, description: fill(ctx.strings.posts, { n: years.reduce((n, y) => n + y.posts.length, 0) }) })
  })
  add('/archives/', () => archive('/archives/', ctx.strings.archives, graph.archives))
  for (const year of graph.archives) {
    add(year.url, () => archive(year.url, `${ctx.strings.archives}: ${year.year}`, [year]))
    for (const month of year.months) {
      add(month.url, () => {
        const label = monthLabel(year.year, month.month, config.language)
        return archive(month.url, `${ctx.strings.archives}: ${label}`, [{ ...year, months: [month], posts: month.posts }])
      })
    }
  }

  // Standalone pages.
  for (const page of graph.pages) {
    add(page.url, (): StandalonePageView => ({
      kind: 'page', title: page.title,
      bodyHtml: resolveReferences(page.entry.body.html, graph.references.get(page.entry.path) ?? [], config, 'href'),
      toc: page.entry.body.toc, site: ctx.site,
      head: ctx.head(page.url, { title: page.title, description: page.entry.body.excerptText, styles: ctx.stylesFor(page.entry.body.math) })
    }), () => [page.entry.path])
  }

  // Search: the results are the script's, from the index. A page of results is not for search engines
  // (noindex, and not in the sitemap: sitemap.ts).
  add('/search/', (): SearchPageView => {
    const head = ctx.head('/search/', { title: ctx.strings.search, description: config.description })
    return { kind: 'search', title: ctx.strings.search, site: ctx.site, head: { ...head, meta: [...head.meta, { name: 'robots', content: 'noindex' }] } }
  })

  // 404.
  add('/404.html', (): NotFoundPageView => ({
    kind: '404', title: ctx.strings.notFound,
    recent: graph.posts.slice(0, 5).map((p) => ({ title: p.title, href: href(config, p.url) })),
    site: ctx.site, head: { ...ctx.head('/404.html', { title: ctx.strings.notFound, description: '' }) }
  }))
  return routes
}

/** A route whose view is made on first read (one object and one closure per page: a site has thousands). */
class LazyRoute implements Route {
  readonly outPath: string
  private made: PageView | undefined
  constructor(readonly url: string, private readonly make: () => PageView, readonly reads: () => readonly string[]) {
    this.outPath = outPathOf(url)
  }

  get view(): PageView {
    return (this.made ??= this.make())
  }

  release(): void {
    this.made = undefined
  }
}

/** A view that shows no entry's body (archives, the tag index, the 404 page). */
const none = (): readonly string[] => []

function ancestorsOf(column: Column): Column[] {
  const chain: Column[] = []
  for (let at = column.parent; at; at = at.parent) chain.unshift(at)
  return chain
}

function monthLabel(year: number, month: number, language: string): string {
  return language.toLowerCase().startsWith('zh')
    ? `${year}年${month}月`
    : new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, 15))
}

const bodyHashes = new WeakMap<RenderedBody, string>()

/** A hash of a rendered body, once per body object (the dev memory keeps unchanged entries across builds). */
function bodyHash(body: RenderedBody): string {
  let hash = bodyHashes.get(body)
  if (!hash) bodyHashes.set(body, (hash = createHash('sha1').update(body.html).digest('hex')))
  return hash
}

/**
 * Give a post view its `bodyHtml` as a getter that JSON does not see. The
 * resolved body is a pure function of the body, the base path and the
 * resolved reference URLs, which `bodyKey` holds; hashing the key instead of
 * the post's HTML, and resolving the HTML only for pages that are
 * rendered, is what keeps a one-post rebuild from touching every body.
 */
function lazyBody(view: object, make: () => string): void {
  let html: string | undefined
  Object.defineProperty(view, 'bodyHtml', { enumerable: false, get: () => (html ??= make()) })
}

/** Builds view pieces for one graph; caches what many routes share. */
class ViewContext {
  readonly strings
  readonly site: SiteView
  private readonly cards = new Map<Post, PostCardView>()
  private readonly config: SiteConfig

  constructor(readonly graph: SiteGraph, readonly options: RouteOptions) {
    this.config = graph.config
    const config = graph.config
    this.strings = stringsFor(config.language)
    const nav = config.nav
      ? config.nav.map((l) => ({ title: l.title, href: authorHref(config, l.url) }))
      : [
          { title: this.strings.home, href: href(config, '/') },
          { title: this.strings.columns, href: href(config, '/columns/') },
          { title: this.strings.tags, href: href(config, '/tags/') },
          { title: this.strings.archives, href: href(config, '/archives/') },
          ...graph.pages.map((p) => ({ title: p.title, href: href(config, p.url) }))
        ]
    const asset = (p: string): string => authorHref(config, p)
    this.site = {
      title: config.title,
      description: config.description,
      language: config.language,
      homeHref: href(config, '/'),
      nav,
      author: {
        name: config.author.name, bio: config.author.bio, motto: config.author.motto,
        avatar: config.author.avatar ? asset(config.author.avatar) : undefined,
        links: config.author.links.map((l) => ({ title: l.name, href: l.url }))
      },
      assets: { css: href(config, '/' + options.themeAssets.css), js: href(config, '/' + options.themeAssets.js) },
      feeds: [],
      support: config.support ? { text: config.support.text, href: config.support.url, image: config.support.image ? asset(config.support.image) : undefined } : undefined,
      comments: config.comments ? { ...config.comments } : undefined,
      strings: this.strings,
      dev: options.dev,
      searchIndex: href(config, '/search.json'),
      searchPage: href(config, '/search/'),
      searchEngine: href(config, '/' + searchEnginePath),
      favicon: options.favicon ? href(config, '/' + options.favicon) : undefined,
      options: themeOptionsView(config.theme ?? defaultThemeOptions, (u) => authorHref(config, u)),
      custom: {
        css: options.custom?.css ? href(config, '/' + options.custom.css) : undefined,
        headHtml: options.custom?.headHtml, bodyEndHtml: options.custom?.bodyEndHtml
      }
    }
  }

  date(d: SiteDate): DateView {
    return { iso: d.iso, text: formatDate(d, this.config.timezone, this.config.language) }
  }

  tag(t: Tag): TagView {
    return { name: t.name, href: href(this.config, t.url), count: t.posts.length }
  }

  columnRef(c: Column): ColumnRefView {
    return { id: c.id, title: c.title, href: href(this.config, c.url), count: c.posts.length }
  }

  columnTree(c: Column): ColumnTreeView {
    return {
      ...this.columnRef(c),
      descriptionHtml: c.entry.body.excerptHtml,
      children: c.children.map((child) => this.columnTree(child))
    }
  }

  stylesFor(math: boolean): string[] {
    return math && this.options.katexCss ? [href(this.config, '/' + this.options.katexCss)] : []
  }

  head(url: string, page: { title: string; description: string; styles?: string[] }) {
    return headFor(this.graph, url, page)
  }

  card(post: Post): PostCardView {
    const cached = this.cards.get(post)
    if (cached) return cached
    const m = post.entry.matter
    const refs = this.graph.references.get(post.entry.path) ?? []
    const card: PostCardView = {
      title: post.title,
      href: href(this.config, post.url),
      date: this.date(m.date),
      updated: m.updated ? this.date(m.updated) : undefined,
      summaryHtml: m.summary !== undefined
        ? `<p>${escapeHtml(m.summary)}</p>`
        : resolveReferences(post.entry.body.excerptHtml, refs, this.config, 'href'),
      tags: post.tags.map((t) => ({ name: t.name, href: href(this.config, t.url) })),
      column: post.column ? { id: post.column.id, title: post.column.title, href: href(this.config, post.column.url) } : undefined,
      readingMinutes: post.entry.body.metrics.readingMinutes,
      words: post.entry.body.metrics.words,
      draft: post.draft,
      future: post.future
    }
    if (post.pinned !== undefined) card.pinned = true
    this.cards.set(post, card)
    return card
  }

  postPage(post: Post): PostPageView {
    const { config, graph } = this
    const m = post.entry.matter
    const body = post.entry.body
    const refs = graph.references.get(post.entry.path) ?? []
    const older = graph.posts[post.index + 1]
    const newer = graph.posts[post.index - 1]
    const link = (p: Post | undefined) => (p ? { title: p.title, href: href(config, p.url) } : undefined)
    const license = m.license ?? config.license
    const postView = {
      ...this.card(post),
      // The body's key stands in for the body in the view hash (see lazyBody); the HTML is made only to render.
      bodyKey: `${bodyHash(body)}|${config.basePath}|${JSON.stringify(refs)}`,
      toc: body.toc,
      // Long posts only: three sections or more, and more than a few minutes of reading.
      showToc: m.toc !== false && body.toc.length >= 3 && body.metrics.words >= 600,
      showComments: config.comments !== undefined && m.comments !== false,
      license: { name: license.name, href: license.url },
      cover: post.cover ? (/^[a-z]+:/i.test(post.cover) ? post.cover : href(config, post.cover)) : undefined,
      absoluteUrl: absolute(config, post.url)
    }
    lazyBody(postView, () => resolveReferences(body.html, refs, config, 'href'))
    const view: PostPageView = {
      kind: 'post',
      post: postView as PostPageView['post'],
      prev: link(older),
      next: link(newer),
      site: this.site,
      head: headFor(graph, post.url, {
        title: post.title,
        description: m.summary ?? body.excerptText,
        styles: this.stylesFor(body.math),
        post
      })
    }
    if (post.column) {
      const c = post.column
      const i = c.own.indexOf(post)
      view.column = {
        ...this.columnRef(c),
        descriptionHtml: c.entry.body.excerptHtml,
        children: c.children.map((child) => this.columnRef(child)),
        prev: link(c.own[i - 1]),
        next: link(c.own[i + 1]),
        position: i + 1,
        total: c.own.length
      }
    }
    return view
  }

  paginated(
    base: string,
    posts: Post[],
    make: (pager: PagerView, cards: PostCardView[]) => Omit<ListPageView, 'site' | 'head'>,
    add: (url: string, make: () => PageView, reads: () => readonly string[]) => void,
    meta: { title: string; description: string },
    /** Entries the page shows besides its cards (a column's own description). */
    alsoReads: readonly string[]
  ): void {
    const size = this.config.paginate
    const total = Math.max(1, Math.ceil(posts.length / size))
    let made: Array<{ number: number; href: string }> | undefined
    const allPages = () => (made ??= Array.from({ length: total }, (_, i) => ({ number: i + 1, href: href(this.config, pagePath(base, i + 1)) })))
    for (let n = 1; n <= total; n++) {
      const url = pagePath(base, n)
      add(url, () => {
        const pages = allPages()
        const pager: PagerView = {
          current: n, total, pages,
          prev: n > 1 ? pages[n - 2].href : undefined,
          next: n < total ? pages[n].href : undefined
        }
        const cards = posts.slice((n - 1) * size, n * size).map((p) => this.card(p))
        const title = n > 1 ? `${meta.title} · ${fill(this.strings.page, { n, total })}` : meta.title
        const head = headFor(this.graph, url, { title, description: meta.description })
        if (pager.prev) head.prev = pager.prev
        if (pager.next) head.next = pager.next
        return { ...make(pager, cards), site: this.site, head } as ListPageView
      }, () => [...alsoReads, ...posts.slice((n - 1) * size, n * size).map((p) => p.entry.path)])
    }
  }
}
