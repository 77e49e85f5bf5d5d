/**
 * Site-relative URL paths as authors write them (front matter, site.yaml):
 * one normal form for aliases, permalinks and redirects. Pure.
 */

/**
 * A site-relative URL path from what a post wrote (`/old/post/`, `old.html`,
 * a full URL, percent-encoded or not): starts with `/`, not encoded, a
 * folder (ends in `/`) unless the last segment has a file extension.
 *
 * @param text What the front matter says.
 * @returns The path, or undefined when it is unusable (`..`, `\`, `?`, `#`, control characters, empty).
 */
export function urlPathOf(text: string): string | undefined {
  let path = text.trim()
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      path = new URL(path).pathname
    } catch {
      return undefined
    }
  }
  try {
    path = decodeURIComponent(path)
  } catch {
    // Not percent-encoded: keep it as written.
  }
  if (path === '' || path === '/') return undefined
  // eslint-disable-next-line no-control-regex
  if (/[\\?#\u0000-\u001f\u007f]/.test(path) || path.split('/').some((s) => s === '..' || s === '.')) return undefined
  if (!path.startsWith('/')) path = '/' + path
  path = path.replace(/\/{2,}/g, '/')
  const last = path.slice(path.lastIndexOf('/') + 1)
  return last === '' || /\.[a-z0-9]{1,5}$/i.test(last) ? path : path + '/'
}
