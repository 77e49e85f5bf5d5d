/**
 * The two site.yaml settings that name URL paths of the site itself:
 * `feed.paths` (more paths of the site-wide feeds, e.g. an old blog's
 * `rss2.xml`) and `redirects` (old path → new path or URL). Validation only,
 * no I/O; every problem points at its line in site.yaml.
 */
import type { FeedFormat, FeedPath, Place, SiteRedirect } from '../types.js'
import { urlPathOf } from '../util/url-path.js'
import type { ParsedYaml } from '../util/yaml.js'

/** The feed formats, in the order their extra paths are listed. */
export const feedFormats: readonly FeedFormat[] = ['atom', 'rss', 'json']

/**
 * Output paths at the root of every site that no feed path or redirect may take
 * (the standard feeds, the sitemap, robots.txt, the search index, the 404 page,
 * `_redirects`, the home page).
 */
export const rootOutputs = ['/atom.xml', '/rss.xml', '/feed.json', '/sitemap.xml', '/robots.txt', '/search.json', '/404.html', '/_redirects', '/index.html']

/** Folders the site writes its own lists and assets into: no extra feed path goes there. */
const ownFolders = ['/tags/', '/columns/', '/archives/', '/search/', '/assets/', '/page/']

type Bad = (key: string, reason: string, place?: Place) => void

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} \`${String(value)}\``
}

/**
 * `feed.paths`: per format (`atom`, `rss`, `json`) one path or a list of
 * paths where the site-wide feed of that format is also written. Each is a
 * file path (`rss2.xml`, `/feeds/index.xml`) with an extension, not one of
 * the site's own outputs, and listed once over all formats. The standard
 * paths (`/atom.xml`, …) are always written: naming one under its own format
 * changes nothing, under another format it is an error.
 *
 * @param value The value of `feed.paths`.
 * @param parsed Places of site.yaml's keys.
 * @param bad Reports a problem.
 * @returns Extra feed paths, by format then path.
 */
export function feedPathsOf(value: unknown, parsed: ParsedYaml, bad: Bad): FeedPath[] {
  if (value === undefined || value === null) return []
  const at = (key: string): Place | undefined => parsed.values[key] ?? parsed.keys[key] ?? parsed.keys.feed
  if (typeof value !== 'object' || Array.isArray(value)) {
    bad('feed.paths', `Expected \`feed.paths\` to be a mapping of feed formats (atom, rss, json) to paths, not ${describe(value)}`, at('feed.paths'))
    return []
  }
  const result: FeedPath[] = []
  const seen = new Map<string, string>()
  for (const [format, paths] of Object.entries(value as Record<string, unknown>)) {
    const key = `feed.paths.${format}`
    if (!(feedFormats as readonly string[]).includes(format)) {
      bad(key, `Unknown feed format \`${format}\` in \`feed.paths\`; expected atom, rss or json`, parsed.keys[key] ?? at('feed.paths'))
      continue
    }
    const own = format === 'atom' ? '/atom.xml' : format === 'rss' ? '/rss.xml' : '/feed.json'
    for (const item of Array.isArray(paths) ? paths : [paths]) {
      const path = typeof item === 'string' ? urlPathOf(item) : undefined
      if (path === undefined || path.endsWith('/') || !/\.[a-z0-9]{1,5}$/i.test(path)) {
        bad(key, `Expected \`${key}\` to be a file path like rss2.xml or /feeds/index.xml (or a list of them), not ${describe(item)}`, at(key))
        continue
      }
      if (path === own) continue
      if (rootOutputs.includes(path) || ownFolders.some((folder) => path.startsWith(folder))) {
        bad(key, `The feed path \`${path}\` in \`${key}\` is a file the site already writes; choose another path`, at(key))
        continue
      }
      const other = seen.get(path)
      if (other !== undefined) {
        bad(key, `The feed path \`${path}\` is listed twice in \`feed.paths\` (also under \`${other}\`)`, at(key))
        continue
      }
      seen.set(path, format)
      result.push({ format: format as FeedFormat, path, ...(at(key) ? { place: at(key) } : {}) })
    }
  }
  return result.sort((a, b) => feedFormats.indexOf(a.format) - feedFormats.indexOf(b.format) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * `feed.names`: per format one file name or a list of them under which the
 * feeds of every tag and column are also written, in its folder (an old
 * blog's `/tags/go/index.xml`). A name is one file name with an extension,
 * not `index.html` nor another format's standard name, listed once.
 *
 * @param value The value of `feed.names`.
 * @param parsed Places of site.yaml's keys.
 * @param bad Reports a problem.
 * @returns Names (in `path`), by format then name.
 */
export function feedNamesOf(value: unknown, parsed: ParsedYaml, bad: Bad): FeedPath[] {
  if (value === undefined || value === null) return []
  const at = (key: string): Place | undefined => parsed.values[key] ?? parsed.keys[key] ?? parsed.keys.feed
  if (typeof value !== 'object' || Array.isArray(value)) {
    bad('feed.names', `Expected \`feed.names\` to be a mapping of feed formats (atom, rss, json) to file names, not ${describe(value)}`, at('feed.names'))
    return []
  }
  const standard: Record<string, string> = { 'atom.xml': 'atom', 'rss.xml': 'rss', 'feed.json': 'json' }
  const result: FeedPath[] = []
  const seen = new Map<string, string>()
  for (const [format, names] of Object.entries(value as Record<string, unknown>)) {
    const key = `feed.names.${format}`
    if (!(feedFormats as readonly string[]).includes(format)) {
      bad(key, `Unknown feed format \`${format}\` in \`feed.names\`; expected atom, rss or json`, parsed.keys[key] ?? at('feed.names'))
      continue
    }
    for (const item of Array.isArray(names) ? names : [names]) {
      const name = typeof item === 'string' ? item.trim() : ''
      // eslint-disable-next-line no-control-regex
      if (!/^[^/\\?#%\u0000-\u001f\u007f]+\.[a-z0-9]{1,5}$/i.test(name) || name.startsWith('.') || name === 'index.html') {
        bad(key, `Expected \`${key}\` to be a file name like index.xml (or a list of them), not ${describe(item)}`, at(key))
        continue
      }
      if (standard[name] === format) continue
      if (standard[name] !== undefined || seen.has(name)) {
        bad(key, `The feed name \`${name}\` in \`${key}\` is taken by the ${standard[name] ?? seen.get(name)} feed`, at(key))
        continue
      }
      seen.set(name, format)
      result.push({ format: format as FeedFormat, path: name, ...(at(key) ? { place: at(key) } : {}) })
    }
  }
  return result.sort((a, b) => feedFormats.indexOf(a.format) - feedFormats.indexOf(b.format) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * `redirects`: a mapping of old URL paths (`/categories/go/`, `/old.html`)
 * to a site path (`/columns/go/`) or an absolute http(s) URL. Written as a
 * redirect page at each old path and a line of `_redirects`.
 *
 * @param value The value of `redirects`.
 * @param parsed Places of site.yaml's keys.
 * @param bad Reports a problem.
 * @returns Redirects, by `from`.
 */
export function siteRedirectsOf(value: unknown, parsed: ParsedYaml, bad: Bad): SiteRedirect[] {
  if (value === undefined || value === null) return []
  if (typeof value !== 'object' || Array.isArray(value)) {
    bad('redirects', `Expected \`redirects\` to be a mapping of old paths to new paths or URLs, not ${describe(value)}`, parsed.values.redirects ?? parsed.keys.redirects)
    return []
  }
  const result = new Map<string, SiteRedirect>()
  for (const [old, target] of Object.entries(value as Record<string, unknown>)) {
    const key = `redirects.${old}`
    const keyPlace = parsed.keys[key] ?? parsed.keys.redirects
    const from = urlPathOf(old)
    if (from === undefined || rootOutputs.includes(from)) {
      bad(key, `Expected each key of \`redirects\` to be an old URL path like /old/page/ or /old.html, not \`${old}\``, keyPlace)
      continue
    }
    const text = typeof target === 'string' ? target.trim() : undefined
    const to = text === undefined ? undefined : /^https?:\/\//i.test(text) ? text : text === '/' ? '/' : text.startsWith('/') ? urlPathOf(text) : undefined
    if (to === undefined) {
      bad(key, `Expected \`redirects\` to send \`${old}\` to a site path like /new/page/ or an http(s) URL, not ${describe(target)}`, parsed.values[key] ?? keyPlace)
      continue
    }
    if (to === from) {
      bad(key, `The redirect of \`${old}\` leads to itself`, parsed.values[key] ?? keyPlace)
      continue
    }
    if (result.has(from)) {
      bad(key, `\`${old}\` is the same path as another key of \`redirects\` (\`${result.get(from)!.from}\`)`, keyPlace)
      continue
    }
    result.set(from, { from, to, ...(keyPlace ? { place: keyPlace } : {}) })
  }
  return [...result.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
}
