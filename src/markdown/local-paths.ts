/**
 * Telling local, relative URLs (to other posts and to files beside a post)
 * from everything else, and resolving them against the post's folder.
 */
import { posix } from 'node:path'

/** A relative URL split into a site-root-relative path and a fragment. */
export interface LocalTarget {
  /** Site-root-relative posix path, normalised; may start with `../` if it escapes the root. */
  target: string
  /** Fragment without `#`, percent-decoded. */
  fragment: string
}

/** Has a scheme (`https:`, `mailto:`, `data:`, …). */
const scheme = /^[a-z][a-z\d+.-]*:/i

/**
 * Resolve `url` found in `fromPath` (site-root relative) if it is a relative
 * path; absolute URLs, root-relative (`/x`), protocol-relative (`//x`),
 * query-only and fragment-only URLs give `undefined`.
 */
export function resolveLocal(url: string, fromPath: string): LocalTarget | undefined {
  if (url === '' || scheme.test(url) || url.startsWith('/') || url.startsWith('#') || url.startsWith('?')) {
    return undefined
  }
  const hash = url.indexOf('#')
  const beforeHash = hash === -1 ? url : url.slice(0, hash)
  const query = beforeHash.indexOf('?')
  const path = decode(query === -1 ? beforeHash : beforeHash.slice(0, query))
  if (path === '') return undefined
  return {
    target: posix.normalize(posix.join(posix.dirname(fromPath), path)),
    fragment: hash === -1 ? '' : decode(url.slice(hash + 1))
  }
}

/**
 * A root-relative URL (`/images/x.png`, `/about/#联系`) split into its path
 * and fragment, both decoded: it names a file of the site (from `public/`,
 * or a page), which lives under the site's base path. A URL with a query,
 * or protocol-relative (`//host`), gives `undefined`.
 */
export function resolveSiteRelative(url: string): LocalTarget | undefined {
  if (!url.startsWith('/') || url.startsWith('//') || url.includes('?')) return undefined
  const hash = url.indexOf('#')
  return {
    target: (hash === -1 ? url : url.slice(0, hash)).split('/').map(decode).join('/'),
    fragment: hash === -1 ? '' : decode(url.slice(hash + 1))
  }
}

/** Whether `path` names a Markdown file. */
export function isMarkdownPath(path: string): boolean {
  return /\.(?:md|markdown)$/i.test(path)
}

/** Whether a resolved target leaves the site root. */
export function escapesRoot(target: string): boolean {
  return target === '..' || target.startsWith('../')
}

/** Percent-decode, leaving malformed escapes as written. */
function decode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
