/**
 * Over 300 lines: declarations only, one per view a template receives.
 *
 * View-models: the only data templates see. Plain, serialisable and made for
 * the page, so a template cannot depend on pipeline internals and a route
 * whose view-model hash did not change need not be rendered again.
 * Every `href` is ready to use (base path applied, percent-encoded).
 */
import type { ThemeOptions, TocItem } from '../types.js'
import type { Node } from './jsx.js'

/** A link. */
export interface LinkView {
  title: string
  href: string
}

/** A date: machine-readable and as readers see it. */
export interface DateView {
  /** ISO 8601 with offset, for `<time datetime>`. */
  iso: string
  /** Formatted in the site's language, e.g. `2022年10月21日`. */
  text: string
}

/** A tag badge. */
export interface TagView {
  name: string
  href: string
  count: number
}

/** A column reference. */
export interface ColumnRefView {
  id: string
  title: string
  href: string
  count: number
}

/** A column in the columns tree. */
export interface ColumnTreeView extends ColumnRefView {
  descriptionHtml: string
  children: ColumnTreeView[]
}

/** The author card. */
export interface AuthorView {
  name: string
  bio: string
  motto?: string
  avatar?: string
  links: LinkView[]
}

/** A feed a page advertises. */
export interface FeedLinkView {
  type: 'application/atom+xml' | 'application/rss+xml' | 'application/feed+json'
  title: string
  href: string
}

/** Everything for `<head>`. */
export interface HeadView {
  title: string
  description: string
  canonical: string
  /** `<meta>` tags: `name` or `property` with `content`. */
  meta: Array<{ name?: string; property?: string; content: string }>
  /** JSON-LD objects, serialised by the template into `<script type="application/ld+json">`. */
  jsonLd: object[]
  feeds: FeedLinkView[]
  /** Extra stylesheets this page needs (e.g. KaTeX), hrefs. */
  styles: string[]
  /** Page prev/next for `<link rel>`. */
  prev?: string
  next?: string
}

/** Site-wide data for the layout. */
export interface SiteView {
  title: string
  description: string
  language: string
  homeHref: string
  nav: LinkView[]
  author: AuthorView
  /** Href of the theme's stylesheet and script. */
  assets: { css: string; js: string }
  feeds: FeedLinkView[]
  support?: { text: string; href?: string; image?: string }
  comments?: { repo: string; repoId?: string; category: string; categoryId?: string; mapping: string }
  /** UI strings in the site's language. */
  strings: UiStrings
  /** True in `inkstone dev` (draft banners, live reload). */
  dev: boolean
  /** Href of the search page's index, for the theme's search box. */
  searchIndex: string
  /** Href of the page that lists every result of a query (`?q=`). */
  searchPage: string
  /** Href of the search engine's script, loaded on the first search. */
  searchEngine: string
  /** Href of the site's own favicon (from public/), if any. */
  favicon?: string
  /** The `theme:` options of site.yaml, ready to use. */
  options: ThemeOptionsView
  /** The author's own additions: stylesheet href (after the theme's), and HTML put verbatim at the end of `<head>` and of `<body>`. */
  custom: { css?: string; headHtml?: string; bodyEndHtml?: string }
}

/** The `theme:` options (see the README's Customising section). */
export interface ThemeOptionsView extends Pick<ThemeOptions, 'authorCard' | 'readingTime' | 'wordCount' | 'toc' | 'support' | 'edited'> {
  /** CSS applying the colour, font and width options (custom properties), for a `<style>` after the theme's stylesheet; '' when none is set. */
  css: string
  /** An extra line and extra links for the site footer. */
  footer: { text?: string; links: LinkView[] }
}

/** Words the theme shows, in the site's language (serialisable: placeholders, not functions). */
export interface UiStrings {
  home: string
  tags: string
  columns: string
  archives: string
  readMore: string
  previous: string
  next: string
  newer: string
  older: string
  edited: string
  published: string
  /** Templates with `{n}` (and `{total}`) placeholders. */
  minutes: string
  words: string
  posts: string
  page: string
  toc: string
  license: string
  column: string
  subColumns: string
  notFound: string
  notFoundText: string
  draft: string
  /** The mark of a pinned post on the home page. */
  pinned: string
  future: string
  skip: string
  theme: string
  search: string
  /** Theme extras: search box, post footer blocks, landmark labels. */
  searchPlaceholder: string
  noResults: string
  /** With `{n}`: how many posts matched. */
  results: string
  /** Search: the link to the page of all results, and its button for the next ones. */
  searchAll: string
  searchMore: string
  support: string
  supportCta: string
  supportImage: string
  comments: string
  author: string
  link: string
  /** With `{license}`: where the license link goes. */
  licenseText: string
  /** With `{n}` and `{total}`: the post's place in its column. */
  columnPosition: string
  recent: string
  pagination: string
  mainNav: string
  postNav: string
  feed: string
  draftNote: string
  devNote: string
  poweredBy: string
}

/** A tag on a post: no count, so a card's view does not change when other posts change tags. */
export type TagRefView = Pick<TagView, 'name' | 'href'>

/** A post's column: no count, for the same reason. */
export type ColumnLinkView = Omit<ColumnRefView, 'count'>

/** A post in a list. */
export interface PostCardView {
  title: string
  href: string
  date: DateView
  updated?: DateView
  summaryHtml: string
  tags: TagRefView[]
  column?: ColumnLinkView
  readingMinutes: number
  words: number
  draft: boolean
  future: boolean
  /** Pinned to the top of the home page (`sticky`, `top`, `pin`). */
  pinned?: boolean
}

/** Pagination controls. */
export interface PagerView {
  current: number
  total: number
  prev?: string
  next?: string
  pages: Array<{ number: number; href: string }>
}

/** Common to every page view. */
interface PageBase {
  site: SiteView
  head: HeadView
}

/** A post page. */
export interface PostPageView extends PageBase {
  kind: 'post'
  post: PostCardView & {
    /** The body HTML (a getter: made only when the page is rendered; not part of the view's JSON). */
    bodyHtml: string
    /** What the body is made from, for the view hash. */
    bodyKey: string
    toc: TocItem[]
    /** Show the table of contents (long posts, unless `toc: false`). */
    showToc: boolean
    /** Show comments (the site has them, and the post does not say `comments: false`). */
    showComments: boolean
    license: { name: string; href?: string }
    cover?: string
    absoluteUrl: string
  }
  /** The post's column, with its description and sub-columns, and prev/next within it. */
  column?: ColumnRefView & {
    descriptionHtml: string
    children: ColumnRefView[]
    prev?: LinkView
    next?: LinkView
    position: number
    total: number
  }
  /** Site-wide neighbours: `prev` is older, `next` is newer. */
  prev?: LinkView
  next?: LinkView
}

/** A paginated list: home, a tag, a column. */
export interface ListPageView extends PageBase {
  kind: 'home' | 'tag' | 'column'
  title: string
  descriptionHtml?: string
  /** For columns: the sub-columns and the parent chain. */
  children?: ColumnRefView[]
  ancestors?: ColumnRefView[]
  posts: PostCardView[]
  pager: PagerView
  total: number
}

/** The index of all tags. */
export interface TagsPageView extends PageBase {
  kind: 'tags'
  title: string
  tags: TagView[]
}

/** The index of all columns. */
export interface ColumnsPageView extends PageBase {
  kind: 'columns'
  title: string
  columns: ColumnTreeView[]
}

/** An archive: all years, one year, or one month. */
export interface ArchivePageView extends PageBase {
  kind: 'archive'
  title: string
  years: Array<{
    year: number
    href: string
    count: number
    months: Array<{ month: number; label: string; href: string; posts: Array<LinkView & { date: DateView }> }>
  }>
  /** Links to every year's page. */
  allYears: Array<{ year: number; href: string; count: number }>
}

/** A standalone page. */
export interface StandalonePageView extends PageBase {
  kind: 'page'
  title: string
  bodyHtml: string
  toc: TocItem[]
}

/** The search page: every result of the query in its address (`?q=`), listed by the theme's script. */
export interface SearchPageView extends PageBase {
  kind: 'search'
  title: string
}

/** The 404 page. */
export interface NotFoundPageView extends PageBase {
  kind: '404'
  title: string
  recent: LinkView[]
}

/** Any page view. */
export type PageView =
  | PostPageView
  | ListPageView
  | TagsPageView
  | ColumnsPageView
  | ArchivePageView
  | StandalonePageView
  | SearchPageView
  | NotFoundPageView

/** A theme: turns a view into a hast tree, and ships its own assets. */
export interface Theme {
  /** Render any page view to a hast root (with doctype). */
  render(view: PageView): import('hast').Root
  /** Static files of the theme, by output path (e.g. `assets/theme.css`). */
  assets: Record<string, string>
}

/** What every part of the built-in theme gets besides its own props: the parts in use, to render the others with. */
export interface PartProps {
  parts: ThemeParts
}

/**
 * The named parts of the built-in theme (`inkstone/default-theme`), each a component a site may replace
 * with its own (`defaultTheme({ parts: { Footer: MyFooter } })`) while keeping the rest.
 */
export interface ThemeParts {
  /** The whole `<head>`. */
  Head(props: { head: HeadView; site: SiteView } & PartProps): Node
  /** The site header: title, navigation, search, dark-mode toggle. */
  Header(props: { head: HeadView; site: SiteView } & PartProps): Node
  /** The site footer: author, links, feed, the footer line. */
  Footer(props: { head: HeadView; site: SiteView } & PartProps): Node
  /** A post's header: author card, column, title, meta line, tags. */
  PostHeader(props: { view: PostPageView } & PartProps): Node
  /** Under a post: license, support box, column card, neighbours, comments. */
  PostFooter(props: { view: PostPageView } & PartProps): Node
  /** A post in a list (home, tag, column pages). */
  ListItem(props: { card: PostCardView; site: SiteView; home: boolean } & PartProps): Node
  /** The author card above a post. */
  AuthorCard(props: { site: SiteView } & PartProps): Node
  /** The "support the author" box under a post. */
  SupportBox(props: { site: SiteView } & PartProps): Node
  /** The box of a post's column: its place there, sub-columns, neighbours in the column. */
  ColumnCard(props: { view: PostPageView } & PartProps): Node
  /** The main content of the 404 page. */
  NotFound(props: { view: NotFoundPageView } & PartProps): Node
}
