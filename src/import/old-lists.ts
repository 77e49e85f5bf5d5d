/**
 * The old site's tag and category pages (with their `/page/N/`) and feeds,
 * as the new site's `redirects:` and `feed.paths` settings. Pure.
 */
import { columnPath, slugify, tagPath } from '../site/urls.js'
import { urlPathOf } from '../util/url-path.js'
import { hexoSlugize, hugoPath, hugoUrlize } from './permalinks.js'
import type { OldFeed } from './settings.js'
import type { SourceKind } from './types.js'
import { byString } from './read-tree.js'

/** What the old lists were made of: published posts' tags and category paths, and the pagination. */
export interface OldLists {
  kind: SourceKind
  /** Tag name → number of published posts with it. */
  tags: Map<string, number>
  /** Each published post's category paths (a post may have several). */
  categories: string[][][]
  /** A category path's new column id. */
  columnOf: (path: string[]) => string | undefined
  /** How many published posts a new column lists (its subtree). */
  columnPosts: (id: string) => number
  tagDir: string
  categoryDir: string
  /** Old posts per tag and category page (Infinity: one page). */
  tagPerPage: number
  categoryPerPage: number
  paginationDir: string
  /** The new site's posts per page. */
  paginate: number
  /** Hugo: the main sections' list pages (`/posts/`) with their posts, which the new home page lists. */
  sections?: Array<[string, number]>
  /** URL paths the new site gives its posts and pages (a redirect there would collide). */
  taken: (path: string) => boolean
}

/** The redirects of old list pages, and the old paths left out with why. */
export interface ListRedirects {
  /** Old path → new path, by old path. */
  redirects: Array<[string, string]>
  /** Old paths the new site cannot redirect, with why. */
  skipped: Array<[string, string]>
  /** Every old list page (redirected, kept as it was, or skipped), by path: what the import checks after the build. */
  old: string[]
}

const pages = (n: number, perPage: number): number => (perPage === Infinity ? 1 : Math.max(1, Math.ceil(n / perPage)))

/**
 * Old tag and category pages (Hexo, Hugo) → the new tag and column pages.
 * Page N of an old list goes to page N of the new one when it has that many,
 * else to its first page.
 *
 * @param lists The old lists.
 * @returns Redirects and skipped paths.
 */
export function listRedirects(lists: OldLists): ListRedirects {
  const redirects = new Map<string, string>()
  const skipped = new Map<string, string>()
  const old = new Set<string>()
  if (lists.kind !== 'hexo' && lists.kind !== 'hugo') return { redirects: [], skipped: [], old: [] }
  const add = (from: string, to: string): void => {
    const path = urlPathOf(from)
    old.add(path ?? from)
    if (path === undefined) return void skipped.set(from, 'not a path the new site can write')
    if (path === to || redirects.has(path)) return
    if (path.toLowerCase() === to.toLowerCase()) {
      return void skipped.set(path, `differs from \`${to}\` only by case: it answers on hosts that ignore case (macOS, Windows, some CDNs); elsewhere ask your host for a redirect`)
    }
    if (lists.taken(path)) return void skipped.set(path, 'a post or page of the new site has that URL')
    redirects.set(path, to)
  }
  const paged = (from: string, to: string, count: number, oldPer: number, newCount = count): void => {
    add(from, to)
    const newPages = pages(newCount, lists.paginate)
    // Hugo also writes page 1 of every list, as an alias of the list.
    if (lists.kind === 'hugo') add(`${from}${lists.paginationDir}/1/`, to)
    for (let n = 2; n <= pages(count, oldPer); n++) add(`${from}${lists.paginationDir}/${n}/`, n <= newPages ? `${to}page/${n}/` : to)
  }
  if (lists.kind === 'hugo') add(`/${lists.paginationDir}/1/`, '/')
  for (const [section, count] of lists.sections ?? []) paged(`/${section}/`, '/', count, lists.paginate, 0)
  const oldSlug = lists.kind === 'hexo' ? hexoSlugize : hugoUrlize
  const newTags = new Map<string, number>()
  for (const [tag, n] of lists.tags) newTags.set(slugify(tag), (newTags.get(slugify(tag)) ?? 0) + n)
  const oldTags = new Map<string, { count: number; slug: string }>()
  for (const [tag, n] of [...lists.tags].sort((a, b) => byString(a[0], b[0]))) {
    const old = oldTags.get(oldSlug(tag))
    oldTags.set(oldSlug(tag), { count: (old?.count ?? 0) + n, slug: old?.slug ?? slugify(tag) })
  }
  for (const [old, { count, slug }] of oldTags) {
    // The new tag page shows every spelling's posts: its page count is the new tag's.
    paged(`/${lists.tagDir}/${old}/`, tagPath(slug), count, lists.tagPerPage, newTags.get(slug) ?? count)
  }
  if (lists.tagDir !== 'tags') add(`/${lists.tagDir}/`, '/tags/')
  add(`/${lists.categoryDir}/`, '/columns/')
  const counts = new Map<string, { path: string[]; count: number }>()
  for (const paths of lists.categories) {
    const prefixes = new Set<string>()
    for (const path of paths) {
      for (let i = 1; i <= path.length; i++) prefixes.add(path.slice(0, i).join('\u0000'))
    }
    for (const key of prefixes) counts.set(key, { path: key.split('\u0000'), count: (counts.get(key)?.count ?? 0) + 1 })
  }
  for (const { path, count } of [...counts.values()].sort((a, b) => byString(a.path.join('\u0000'), b.path.join('\u0000')))) {
    const id = lists.columnOf(path)
    const from = lists.kind === 'hexo' ? `/${lists.categoryDir}/${path.map(hexoSlugize).join('/')}/` : `/${lists.categoryDir}/${hugoUrlize(path.at(-1)!)}/`
    if (id !== undefined) paged(from, columnPath(slugify(id)), count, lists.categoryPerPage, lists.columnPosts(id))
    else {
      // A category no post has first is no column: the tag of that name when there is one, else the column index.
      const tag = slugify(path.at(-1)!)
      paged(from, newTags.has(tag) ? tagPath(tag) : '/columns/', count, lists.categoryPerPage, newTags.has(tag) ? newTags.get(tag)! : 0)
    }
  }
  const sorted = <T>(m: Map<string, T>): Array<[string, T]> => [...m].sort((a, b) => byString(a[0], b[0]))
  return { redirects: sorted(redirects), skipped: sorted(skipped), old: [...old].sort(byString) }
}

/**
 * The old site's feeds as `feed.paths` of the new site: each path that is
 * not already the new site's feed of that format; a path the new site uses
 * for another format is left out, with why.
 *
 * @param feeds The old feeds.
 * @returns `feed.paths` (by format, paths sorted; empty when none) and the paths left out.
 */
export function feedSettings(feeds: OldFeed[]): { paths: Record<string, string[]>; skipped: Array<[string, string]> } {
  const standard: Record<string, string> = { '/atom.xml': 'atom', '/rss.xml': 'rss', '/feed.json': 'json' }
  const paths: Record<string, string[]> = {}
  const skipped: Array<[string, string]> = []
  for (const feed of feeds) {
    const path = urlPathOf(feed.path)
    if (path === undefined || path.endsWith('/')) {
      skipped.push([feed.path, 'not a file path'])
      continue
    }
    const own = standard[path]
    if (own === feed.format) continue
    if (own !== undefined) {
      skipped.push([path, `the new site writes its ${own} feed there; your ${feed.format} readers get that one`])
      continue
    }
    const list = (paths[feed.format] ??= [])
    if (!list.includes(path)) list.push(path)
  }
  for (const list of Object.values(paths)) list.sort(byString)
  return { paths, skipped }
}

/**
 * Hugo's list pages as its `ref` / `relref` name them (`tags/go`, `categories/notes`, `tags`, a main
 * section `posts`; lower case, as Hugo writes paths) → the new site's page: the tag page, the column of a
 * first category, the tag or column index, or the home page (which lists the main sections' posts).
 *
 * @param tags Each published post's tag names.
 * @param columnOf Column id by category path (joined by NUL).
 * @param sections The main sections.
 * @returns New URL path by key.
 */
export function hugoListPages(tags: string[][], columnOf: ReadonlyMap<string, string>, sections: string[]): Map<string, string> {
  const pages = new Map<string, string>([['tags', '/tags/'], ['categories', '/columns/']])
  const set = (key: string, url: string): void => {
    if (!pages.has(key)) pages.set(key, url)
  }
  for (const names of tags) for (const name of names) set(`tags/${hugoUrlize(name)}`, tagPath(slugify(name)))
  for (const [path, id] of [...columnOf].sort((a, b) => byString(a[0], b[0]))) {
    if (!path.includes('\u0000')) set(`categories/${hugoUrlize(path)}`, columnPath(slugify(id)))
  }
  for (const section of sections) set(hugoPath(section), '/')
  return pages
}
