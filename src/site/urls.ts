/**
 * URL paths of the site: slugs for posts, pages, tags and columns (Chinese
 * kept), post permalinks, output paths, and links under the site's base path.
 *
 * A URL path here is site-relative, starts with `/`, ends with `/` (or a file
 * name), holds the characters themselves (never percent-escapes) and never a
 * query or fragment. Every URL the site writes comes from one through
 * `href()` or `absolute()`, which percent-encode it (once, here), and its file
 * on disk from `outPathOf()`: the URL a browser asks for, decoded, is always
 * the path of the file.
 */
import { posix } from 'node:path'
import type { PostMatter, SiteConfig } from '../types.js'
import { decodeOrKeep } from '../util/slug.js'

export { MAX_SEGMENT_BYTES, pathProblem, segmentProblem, slugFromName, slugFromSegment, slugify } from '../util/slug.js'

/** A link the site makes to one of its own URL paths, and an element id on that page. */
export interface SiteLink {
  /** Site-relative URL path (characters, not escapes). */
  path: string
  /** Element id without `#`, or `''`. */
  fragment: string
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
 * A link to a URL path under the site's base path, percent-encoded: every
 * character of the path that is not unreserved in a URL (`#`, `?`, `%`, space,
 * Chinese, …) is escaped, so the link, decoded, is the path of its file.
 *
 * @param config Site config (basePath, as URL parsing gives it: already encoded).
 * @param path Site-relative URL path (characters, not escapes; never a fragment).
 * @param fragment Fragment without `#` (an element id, characters, not escapes).
 * @returns Root-relative href like `/blog/tags/%E8%AF%BB%E4%B9%A6/`.
 */
export function href(config: Pick<SiteConfig, 'basePath'>, path: string, fragment = ''): string {
  // Pages link to the same few thousand paths over and over: encode each once.
  const key = config.basePath + '\0' + path
  let result = hrefs.get(key)
  if (result === undefined) {
    if (hrefs.size > 100_000) hrefs.clear()
    hrefs.set(key, (result = config.basePath.replace(/\/$/, '') + encodePath(path)))
  }
  return fragment === '' ? result : result + '#' + encodeURIComponent(wellFormed(fragment))
}

const hrefs = new Map<string, string>()

/**
 * An absolute URL for a URL path (same encoding as `href`).
 *
 * @param config Site config (url).
 * @param path Site-relative URL path.
 * @param fragment Fragment without `#`.
 * @returns Absolute URL.
 */
export function absolute(config: Pick<SiteConfig, 'url' | 'basePath'>, path: string, fragment = ''): string {
  return new URL(config.url).origin + href(config, path, fragment)
}

/** Percent-encode each segment of a path, keeping `/`. */
export function encodePath(path: string): string {
  return path.split('/').map((s) => encodeURIComponent(wellFormed(s))).join('/')
}

/** Text with lone surrogates (which UTF-8, hence a URL, cannot carry) replaced by U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
}

/**
 * The URL path a percent-encoded one stands for: each segment decoded (a
 * segment with a malformed escape kept as it is). The inverse of
 * `encodePath` for the paths the site makes.
 *
 * @param encoded Path as sent or written, e.g. `/posts/a%23b/`.
 * @returns Path, e.g. `/posts/a#b/`.
 */
export function decodePath(encoded: string): string {
  return encoded.split('/').map(decodeOrKeep).join('/')
}

/**
 * A link to a URL the author wrote in `site.yaml` or front matter (`nav`,
 * `avatar`, `cover`): a URL with a scheme (`https:`, `mailto:`) or `//host`
 * as written; otherwise a path under the site's base path (`about/` is
 * `/about/`) whose escapes are kept and other characters encoded, with its
 * query and fragment as written.
 *
 * @param config Site config (basePath).
 * @param url URL as written.
 * @returns Href.
 */
export function authorHref(config: Pick<SiteConfig, 'basePath'>, url: string): string {
  if (/^[a-z][a-z\d+.-]*:/i.test(url) || url.startsWith('//')) return url
  const end = url.search(/[?#]/)
  const path = end === -1 ? url : url.slice(0, end)
  const rest = end === -1 ? '' : url.slice(end)
  return href(config, decodePath(path.startsWith('/') ? path : '/' + path)) + escapeLoose(rest)
}

/**
 * `authorHref` made absolute.
 *
 * @param config Site config (url, basePath).
 * @param url URL as written.
 * @returns Absolute URL (or the URL as written when it has a scheme).
 */
export function authorAbsolute(config: Pick<SiteConfig, 'url' | 'basePath'>, url: string): string {
  const link = authorHref(config, url)
  return link.startsWith('/') && !link.startsWith('//') ? new URL(config.url).origin + link : link
}

/** Percent-encode what may not stand in a URL as it is, keeping valid escapes and reserved characters. */
function escapeLoose(text: string): string {
  return wellFormed(text).replace(/%[\da-f]{2}|[^\w\-.~!$&'()*+,;=:@/?#]/giu, (c) => (c.length === 3 && c[0] === '%' ? c : encodeURIComponent(c)))
}
