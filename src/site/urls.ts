/**
 * URL paths of the site: slugs for tags and columns (Chinese kept), post
 * permalinks, output paths, and links under the site's base path.
 * Internal URL paths are site-relative, start and end with `/` (or end in a
 * file name) and are not percent-encoded; encoding happens in `href()`.
 */
import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import type { PostMatter, SiteConfig } from '../types.js'

/**
 * A URL segment for a tag or column name: Unicode letters and digits kept
 * (Chinese stays Chinese), Latin lowercased, everything else a single `-`.
 * Never empty, never `.` or `..`.
 *
 * @param name Display name.
 * @returns Slug.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}_+.-]+/gu, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
  return slug === '' ? 'x-' + createHash('sha1').update(name).digest('hex').slice(0, 8) : slug
}

/**
 * The slug a post or page gets from its file name when it has no `slug`:
 * the name with white space turned into `-`.
 *
 * @param name File or bundle folder name.
 * @returns Slug.
 */
export function slugFromName(name: string): string {
  const slug = name.normalize('NFC').trim().replace(/\s+/g, '-')
  return slug === '' || slug.includes('..') ? slugify(name) : slug
}

const pad = (n: number): string => String(n).padStart(2, '0')

/**
 * A post's URL path from the permalink pattern.
 *
 * @param config Site config (permalink).
 * @param matter Post front matter (date in site time zone).
 * @param slug The post's slug.
 * @returns URL path like `/posts/hello/`.
 */
export function postPath(config: SiteConfig, matter: PostMatter, slug: string): string {
  return config.permalink
    .replace(/:year/g, String(matter.date.year))
    .replace(/:month/g, pad(matter.date.month))
    .replace(/:day/g, pad(matter.date.day))
    .replace(/:slug/g, slug)
}

/** URL path of page `n` (1-based) of a paginated list at `base`. */
export function pagePath(base: string, n: number): string {
  return n <= 1 ? base : `${base}page/${n}/`
}

/** URL path of a tag's first page. */
export const tagPath = (slug: string): string => `/tags/${slug}/`
/** URL path of a column's first page. */
export const columnPath = (slug: string): string => `/columns/${slug}/`

/**
 * The output file for a URL path: `/a/b/` → `a/b/index.html`, `/404.html` → `404.html`.
 *
 * @param path URL path.
 * @returns Output path relative to the output folder (posix).
 */
export function outPathOf(path: string): string {
  const rel = path.replace(/^\/+/, '')
  return rel === '' || rel.endsWith('/') ? rel + 'index.html' : rel
}

/**
 * Whether an output path stays inside the output folder.
 *
 * @param outPath Relative output path.
 * @returns True when safe.
 */
export function isContained(outPath: string): boolean {
  const normal = posix.normalize(outPath)
  return !normal.startsWith('..') && !posix.isAbsolute(normal) && !outPath.includes('\\') && !outPath.includes('\0')
}

/**
 * A link to a URL path under the site's base path, percent-encoded
 * (Chinese segments become `%E4%B8%AD…`).
 *
 * @param config Site config (basePath).
 * @param path Site-relative URL path, may carry `#fragment`.
 * @returns Root-relative href like `/blog/tags/%E8%AF%BB%E4%B9%A6/`.
 */
export function href(config: Pick<SiteConfig, 'basePath'>, path: string): string {
  // Pages link to the same few thousand paths over and over: encode each once.
  const key = config.basePath + '\0' + path
  let result = hrefs.get(key)
  if (result === undefined) {
    if (hrefs.size > 100_000) hrefs.clear()
    hrefs.set(key, (result = encodeHref(config.basePath, path)))
  }
  return result
}

const hrefs = new Map<string, string>()

function encodeHref(basePath: string, path: string): string {
  const hash = path.indexOf('#')
  const main = hash === -1 ? path : path.slice(0, hash)
  const fragment = hash === -1 ? '' : '#' + encodeURIComponent(path.slice(hash + 1))
  return basePath.replace(/\/$/, '') + encodePath(main) + fragment
}

/**
 * An absolute URL for a URL path.
 *
 * @param config Site config (url).
 * @param path Site-relative URL path.
 * @returns Absolute URL.
 */
export function absolute(config: Pick<SiteConfig, 'url' | 'basePath'>, path: string): string {
  return new URL(config.url).origin + href(config, path)
}

/** Percent-encode each segment of a path, keeping `/`. */
export function encodePath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(s)).join('/')
}
