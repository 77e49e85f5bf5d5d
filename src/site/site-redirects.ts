/**
 * site.yaml's `redirects:` as redirects of the site graph: each old path gets
 * a redirect page and a `_redirects` line like a post's alias, titled by what
 * it leads to (a post, page, tag or column of the site, else the target
 * itself). Pure.
 */
import type { SiteConfig } from '../types.js'
import type { Column, Page, Post, Redirect, Tag } from './model.js'

/** Where a site.yaml redirect is said to come from (its problems point there). */
export const SITE_REDIRECTS_PATH = 'content/site.yaml'

/**
 * The redirects of `redirects:` in site.yaml.
 *
 * @param config Site config.
 * @param site The site's posts, pages, tags and columns (for titles).
 * @returns Redirects, in `from` order.
 */
export function siteRedirects(
  config: SiteConfig,
  site: { posts: Post[]; pages: Page[]; tags: Tag[]; columns: Column[] }
): Redirect[] {
  const list = config.redirects ?? []
  if (list.length === 0) return []
  const titles = new Map<string, string>([['/', config.title]])
  for (const post of site.posts) titles.set(post.url, post.title)
  for (const page of site.pages) titles.set(page.url, page.title)
  for (const tag of site.tags) titles.set(tag.url, `#${tag.name}`)
  for (const column of site.columns) titles.set(column.url, column.title)
  return list.map((r) => ({
    from: r.from,
    to: r.to,
    title: titles.get(r.to) ?? r.to,
    path: SITE_REDIRECTS_PATH,
    alias: false,
    site: r.place ?? { line: 1, column: 1 }
  }))
}
