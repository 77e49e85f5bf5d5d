/**
 * Over 300 lines: declarations only, one per shape that crosses stages.
 *
 * Shared data shapes that flow through the pipeline:
 * config → content → markdown → site graph → render → emit.
 *
 * Everything a per-file stage returns is plain, serialisable data so that it
 * can be cached on disk and sent between worker threads.
 */

/** An author's public profile, shown on every post. */
export interface Author {
  name: string
  bio: string
  motto?: string
  avatar?: string
  links: Array<{ name: string; url: string }>
}

/** A license statement: a name and, usually, a link to its text. */
export interface License {
  name: string
  url?: string
}

/** A link in the site navigation. */
export interface NavLink {
  title: string
  url: string
}

/** Settings for the "support the author" block on posts. */
export interface SupportConfig {
  text: string
  url?: string
  image?: string
}

/** Settings for giscus comments. */
export interface CommentsConfig {
  repo: string
  repoId?: string
  category: string
  categoryId?: string
  mapping: string
}

/** Feed settings. */
export interface FeedConfig {
  limit: number
  fullContent: boolean
  /** More paths of the site-wide feeds (`feed.paths`), by format then path; absent in hand-made configs: none. */
  paths?: FeedPath[]
  /** More file names of every tag's and column's feeds, in its folder (`feed.names`; the name in `path`); absent: none. */
  names?: FeedPath[]
}

/** The formats of the feeds. */
export type FeedFormat = 'atom' | 'rss' | 'json'

/** One more path where the site-wide feed of a format is written (`feed.paths`, e.g. an old blog's `/rss2.xml`). */
export interface FeedPath {
  format: FeedFormat
  /** Site-relative URL path of a file, e.g. `/rss2.xml`. */
  path: string
  /** Where site.yaml names it. */
  place?: Place
}

/** A redirect of site.yaml's `redirects:`: an old path of the site to a site path or an absolute URL. */
export interface SiteRedirect {
  /** Site-relative URL path, decoded, e.g. `/categories/go/`. */
  from: string
  /** Site-relative URL path or absolute http(s) URL. */
  to: string
  /** Where site.yaml names it. */
  place?: Place
}

/** Validated theme options; absent keys keep the theme's own look. */
export interface ThemeOptions {
  /** Accent colour in the light and the dark scheme (CSS colours). */
  accent?: { light: string; dark: string }
  /** Font stacks (CSS `font-family` values, system fonts: nothing is downloaded). */
  fonts?: { body?: string; heading?: string }
  /** Width of the text column, a CSS length (`38em`, `44rem`, `720px`, `70ch`). */
  width?: string
  /** An extra line of text in the site footer, and extra links there. */
  footer: { text?: string; links: Array<{ name: string; url: string }> }
  /** Show the author card above a post (default true). */
  authorCard: boolean
  /** Show the reading time in post meta lines (default true). */
  readingTime: boolean
  /** Show the word count on post pages (default true). */
  wordCount: boolean
  /** Show the table of contents on long posts (default true; a post's own `toc: false` still wins). */
  toc: boolean
  /** Show the support box under posts when `support:` is set (default true). */
  support: boolean
  /** Show the "edited" date of updated posts (default true). */
  edited: boolean
  /** The site's extra stylesheet, a path under `templates/` (default `templates/custom.css` when it exists). */
  customCss?: string
}

/** The validated, defaulted site configuration (`content/site.yaml`). */
export interface SiteConfig {
  title: string
  description: string
  /** Absolute base URL, always ending in `/`. */
  url: string
  /** Path part of `url`, always starting and ending with `/` (e.g. `/blog/`). */
  basePath: string
  language: string
  timezone: string
  author: Author
  license: License
  paginate: number
  permalink: string
  nav?: NavLink[]
  summaryLength: number
  highlight: boolean
  feed: FeedConfig
  updatedFromGit: boolean
  support?: SupportConfig
  comments?: CommentsConfig
  /** Limits on one content file (README, Safety); absent in hand-made configs: the defaults apply. */
  limits?: { fileSize: number; parseSeconds: number }
  /** The full-text index (`search:`): `code` indexes code blocks too; absent in hand-made configs: off. */
  search?: { code: boolean }
  /** How `$…$` is read (`math:`): `auto` where it reads as math, `true` always (invalid TeX an error), `false` never. */
  math: MathMode
  /** Severity per rule id (`checks:`), overriding the catalog's default. */
  checks: Checks
  /** Site-level redirects (`redirects:`), by `from`; absent in hand-made configs: none. */
  redirects?: SiteRedirect[]
  /** Options of the built-in theme (`theme:`, see config/theme-options.ts); absent in hand-made configs: the defaults. */
  theme?: ThemeOptions
  /** The author's Markdown plugins (`inkstone.config.*`, set by the build, not from site.yaml): bundle URL and digest. */
  plugins?: { url: string; digest: string }
  /** Unknown keys, kept for templates. */
  extra: Record<string, unknown>
}

/** How math is read: see SiteConfig.math. */
export type MathMode = 'auto' | 'true' | 'false'

/** What `checks:` in site.yaml makes of a rule's problems. */
export type Severity = 'error' | 'warning' | 'off'

/** Severity per rule id. */
export type Checks = Readonly<Record<string, Severity>>

/** A point in a source file, 1-based like vfile. */
export interface Place {
  line: number
  column: number
}

/** A problem found in a file, in a form that survives JSON and worker threads. */
export interface Problem {
  /** Path relative to the site root, posix separators. */
  path: string
  reason: string
  ruleId: string
  fatal: boolean
  line?: number
  column?: number
  endLine?: number
  endColumn?: number
  /** A second place the problem concerns (the other file of a collision). */
  cause?: { path: string; line?: number; column?: number; reason: string }
  actual?: string
  expected?: string[]
}

/** A date as the pipeline carries it: an ISO string with the site's offset, and epoch ms. */
export interface SiteDate {
  /** ISO 8601 with offset, e.g. `2022-10-21T20:18:00+08:00`. */
  iso: string
  /** Milliseconds since the epoch (for sorting and comparing). */
  ms: number
  year: number
  month: number
  day: number
}

/** A heading found in a rendered body. */
export interface Heading {
  depth: number
  id: string
  text: string
}

/** One item of a table of contents (h2–h4), nested. */
export interface TocItem {
  depth: number
  id: string
  text: string
  children: TocItem[]
}

/**
 * A reference in rendered HTML that the site stage resolves: a link to
 * another Markdown file, or a local asset (image or file) to copy.
 *
 * The rendered HTML carries the placeholder `inkstone-ref:<index>` in the
 * `href`/`src` attribute where the final URL goes.
 */
export interface Reference {
  /** `link` to a Markdown file, `asset` beside the post, `site`: a root-relative URL (`/images/x.png`, under the base path). */
  kind: 'link' | 'asset' | 'site'
  /** Target path relative to the site root (posix), e.g. `content/posts/b.md` or `content/posts/a/cat.png`; for `site`, the URL path (`/images/x.png`, decoded). */
  target: string
  /** Fragment without `#` (already decoded), or empty. */
  fragment: string
  line: number
  column: number
}

/** Text metrics of a body, code excluded. */
export interface TextMetrics {
  /** CJK characters counted one by one. */
  cjkChars: number
  /** Latin (and other space-separated) words. */
  latinWords: number
  /** cjkChars + latinWords. */
  words: number
  /** Whole minutes, at least 1. */
  readingMinutes: number
}

/** What the Markdown stage makes of one body: pure function of the bytes and the config. */
export interface RenderedBody {
  /** Body HTML with `inkstone-ref:N` placeholders. */
  html: string
  /** Summary HTML (valid HTML) with placeholders, from `<!-- more -->` or an automatic excerpt. */
  excerptHtml: string
  /** Plain-text summary for meta descriptions. */
  excerptText: string
  /** The body's plain text as the search index holds it (markdown/search-text.ts), made once per parse. */
  searchText: string
  /** Digest of the headings' text and searchText (markdown/search-text.ts): kept out of the body's lazily read parts. */
  searchDigest: string
  /** True when the body has a `<!-- more -->` marker. */
  hasMore: boolean
  headings: Heading[]
  toc: TocItem[]
  references: Reference[]
  metrics: TextMetrics
  /** The body uses math (KaTeX CSS is needed on its page). */
  math: boolean
  /** The body has highlighted code. */
  code: boolean
  /** The text of the first level-1 heading, taken out of the body (a post without `title`). */
  title?: string
}

/** Validated front matter of a post. */
export interface PostMatter {
  title: string
  date: SiteDate
  updated?: SiteDate
  tags: string[]
  column?: string
  draft: boolean
  slug?: string
  summary?: string
  cover?: string
  license?: License
  /** No date in the front matter or the file name: `date` is a stand-in (git's first commit may give one). */
  undated?: boolean
  /** Category path (`categories`), when there is no `column`: the last is the post's column, each under the one before. */
  categories?: string[]
  /** Pinned to the top of the home page (`sticky`, `top`, `pin`): higher numbers first. */
  pinned?: number
  /** The post's own URL pattern (`permalink`), tokens as in site.yaml. */
  permalink?: string
  /** Old URL paths that redirect to the post (`aliases`, `redirect_from`). */
  aliases?: string[]
  /** The post is only a redirect to this URL or site path (`redirect_to`). */
  redirectTo?: string
  /** `toc: false`: no table of contents. */
  toc?: false
  /** `comments: false`: no comments. */
  comments?: false
  /** Other keys, passed to templates. */
  extra: Record<string, unknown>
}

/** Validated front matter of a column. */
export interface ColumnMatter {
  title: string
  parent?: string
  order?: number
  extra: Record<string, unknown>
}

/** Validated front matter of a standalone page. */
export interface PageMatter {
  title: string
  order?: number
  slug?: string
  extra: Record<string, unknown>
}

/** Where a front-matter key was found (1-based), for pointing messages at it. */
export type KeyPlaces = Record<string, Place>

interface EntryBase {
  /** Path relative to the site root, posix separators, e.g. `content/posts/hello.md`. */
  path: string
  /** The id/name from the file name (bundle folder for `index.md`). */
  name: string
  /** Places of front-matter keys. */
  keys: KeyPlaces
  body: RenderedBody
  /** Problems found while reading and rendering this file. */
  problems: Problem[]
}

/** A parsed post. */
export interface PostEntry extends EntryBase {
  kind: 'post'
  matter: PostMatter
  /** True when the post is a bundle (`posts/<name>/index.md`). */
  bundle: boolean
  /** Other files of the bundle folder (root-relative), copied beside the post. */
  assets: string[]
}

/** A parsed column. */
export interface ColumnEntry extends EntryBase {
  kind: 'column'
  matter: ColumnMatter
}

/** A parsed page. */
export interface PageEntry extends EntryBase {
  kind: 'page'
  matter: PageMatter
}

/** Any parsed content file. Only entries without fatal problems carry usable matter. */
export type Entry = PostEntry | ColumnEntry | PageEntry

/** The kinds of content files. */
export type EntryKind = Entry['kind']

/** One file of the output: either bytes made by the build, or a file to copy. */
export type OutputFile =
  | { outPath: string; kind: 'bytes'; data: Uint8Array; hash: string }
  | { outPath: string; kind: 'copy'; from: string; hash: string; size: number }
  /** Already on disk exactly as the last build wrote it (a route whose view did not change). */
  | { outPath: string; kind: 'keep'; hash: string; size: number }

/**
 * An output made from the site graph (a feed, the sitemap, robots.txt, the
 * search index) whose path is known before its text is made: `inkstone
 * dev` makes it only when it is requested.
 */
export interface GeneratedFile {
  outPath: string
  /** A hash of everything the text depends on: equal keys give equal text. */
  key(): string
  /** The text. */
  make(): string
  /** The paths of the entries whose bodies the text shows (see Route.reads). */
  reads(): readonly string[]
}

/** Options that come from the command line, not the config file. */
export interface BuildFlags {
  drafts: boolean
  future: boolean
  baseUrl?: string
  /** Inject the dev-server client (live reload); never in `build`. */
  dev?: boolean
}
