/**
 * The site graph's shapes: posts, tags, columns, pages, archives and
 * redirects with their URLs, as the graph stage makes them and the render
 * stage reads them. Apart from graph.ts so that its helpers (categories.ts)
 * share them without an import cycle.
 */
import type { ColumnEntry, PageEntry, PostEntry, Problem, SiteConfig } from '../types.js'
import type { SiteLink } from './urls.js'

/** A published post with its place in the site. */
export interface Post {
  entry: PostEntry
  title: string
  slug: string
  /** URL path, e.g. `/posts/hello/`. */
  url: string
  tags: Tag[]
  column?: Column
  draft: boolean
  future: boolean
  /** Position in `SiteGraph.posts` (0 = newest). */
  index: number
  /** Cover image URL path or absolute URL. */
  cover?: string
  /** Pinned to the top of the home page: higher first (`sticky`, `top`, `pin`). */
  pinned?: number
}

/** A URL that only sends readers on: an alias of a post, or a post that is a redirect (`redirect_to`). */
export interface Redirect {
  /** Site-relative URL path of the redirect page. */
  from: string
  /** Site-relative URL path, or an absolute URL. */
  to: string
  /** Title of what it leads to. */
  title: string
  /** The post that asks for it. */
  path: string
  /** An old URL of the post (`aliases`, `redirect_from`, a file permalink), not the post's own (`redirect_to`). */
  alias: boolean
  /** Where site.yaml's `redirects:` names it (`path` is then content/site.yaml); absent for a post's redirects. */
  site?: { line: number; column: number }
}

/** A tag and its posts (newest first). */
export interface Tag {
  name: string
  slug: string
  url: string
  posts: Post[]
}

/** A column (专栏) in the tree. */
export interface Column {
  entry: ColumnEntry
  id: string
  title: string
  slug: string
  url: string
  order: number | undefined
  parent?: Column
  children: Column[]
  /** Posts of this column only, oldest first (reading order). */
  own: Post[]
  /** Posts of the whole subtree, newest first. */
  posts: Post[]
  depth: number
}

/** A standalone page. */
export interface Page {
  entry: PageEntry
  title: string
  slug: string
  url: string
  order: number | undefined
}

/** One month of the archive. */
export interface ArchiveMonth {
  year: number
  month: number
  url: string
  posts: Post[]
}

/** One year of the archive. */
export interface ArchiveYear {
  year: number
  url: string
  months: ArchiveMonth[]
  posts: Post[]
}

/** The whole site, ready for rendering. */
export interface SiteGraph {
  config: SiteConfig
  /** Newest first; ties broken by path. */
  posts: Post[]
  /** The home page's order: pinned posts first (higher pin first, then newest), then the rest newest first. */
  home: Post[]
  /** Redirect pages (aliases, `redirect_to`), by `from`. */
  redirects: Redirect[]
  /** By name (locale-independent code-point order of slugs). */
  tags: Tag[]
  /** Top-level columns, in `order`, then title, then id. */
  columns: Column[]
  columnsById: Map<string, Column>
  /** In navigation order: `order`, then title, then path. */
  pages: Page[]
  archives: ArchiveYear[]
  /** Resolved URL paths (and fragments) of each entry's references, by entry path. */
  references: Map<string, SiteLink[]>
  /** Files to copy: output path → source path (root-relative). */
  assets: Map<string, string>
  problems: Problem[]
}

