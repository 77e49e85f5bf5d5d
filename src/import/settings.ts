/**
 * The old site's settings in the shape the import needs: what goes into the
 * new `site.yaml`, what the URL computation needs, and what is not carried
 * over. One reader per generator (settings-hexo, -jekyll, -hugo); this module
 * holds what they share.
 */
import { parse as parseToml } from 'smol-toml'
import { parse as parseYamlText } from 'yaml'
import type { SourceTree } from './types.js'

/** The old site's settings, read. */
export interface OldSettings {
  /** Keys of the new `site.yaml` (title, url, …), without `permalink` and `checks` (the import adds those). */
  site: Record<string, unknown>
  /** The old permalink pattern of posts. */
  postPattern: string
  /** The old site's base path (`/`, `/blog/`). */
  basePath: string
  /** IANA time zone the old site read dates in. */
  timezone: string
  /** Settings not carried over, one line each (`theme: next: the new site uses its own theme`). */
  dropped: string[]
  /** Generator options the content walk and the URL computation read. */
  options: Record<string, unknown>
}

/** A feed of the old site: its format in the new site's terms and its path (`rss2.xml`, `/index.xml`). */
export interface OldFeed {
  format: 'atom' | 'rss'
  path: string
}

/**
 * hexo-generator-feed's settings (`feed: {type, path}`; each one value or a
 * list, paired by position) as the feeds it wrote: `atom` at atom.xml and
 * `rss2` at rss2.xml unless `path` says otherwise.
 *
 * @param feed The value of `feed` in _config.yml.
 * @param installed Whether the plugin is a dependency (it then writes atom.xml without settings).
 * @returns Feeds.
 */
export function hexoFeeds(feed: unknown, installed: boolean): OldFeed[] {
  if (!feed || typeof feed !== 'object') return installed || feed === true ? [{ format: 'atom', path: 'atom.xml' }] : []
  const f = feed as Record<string, unknown>
  const types = (Array.isArray(f.type) ? f.type : [f.type ?? 'atom']).map((t) => String(t).toLowerCase())
  const paths = Array.isArray(f.path) ? f.path.map(String) : f.path !== undefined && f.path !== null ? [String(f.path)] : []
  return types.flatMap((type, i): OldFeed[] => {
    const format = type === 'rss2' || type === 'rss' ? 'rss' : type === 'atom' ? 'atom' : undefined
    if (!format) return []
    // One path for one type; a list of paths pairs with the list of types.
    const path = paths[i] ?? (types.length === 1 ? paths[0] : undefined) ?? (format === 'rss' ? 'rss2.xml' : 'atom.xml')
    return [{ format, path: /\.[a-z0-9]+$/i.test(path) ? path : `${path.replace(/\/?$/, '/')}${format === 'rss' ? 'rss2.xml' : 'atom.xml'}` }]
  })
}

/** Read a YAML, TOML or JSON config file of the tree, as data (empty when absent or unreadable). */
export function readConfigFile(tree: SourceTree, path: string): { data?: Record<string, unknown>; error?: string } {
  const bytes = tree.get(path)
  if (!bytes) return {}
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '')
  try {
    const data = path.endsWith('.toml') ? parseToml(text) : path.endsWith('.json') ? JSON.parse(text) : parseYamlText(text, { uniqueKeys: false })
    return { data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (JSON.parse(JSON.stringify(data)) as Record<string, unknown>) : {} }
  } catch (error) {
    return { error: `${path} does not parse: ${(error as Error).message.split('\n')[0]}` }
  }
}

/** Text of a setting, or undefined when absent or empty. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/** The base path of an absolute URL (`https://a.org/blog` → `/blog/`). */
export function basePathOf(url: string | undefined): string {
  if (!url) return '/'
  try {
    const path = new URL(url).pathname
    return path.endsWith('/') ? path : path + '/'
  } catch {
    return '/'
  }
}

/** An absolute site URL that ends in `/`, joining a host URL and a base path; a placeholder when there is none. */
export function siteUrl(url: string | undefined, root: string | undefined, dropped: string[]): string {
  let base = url && /^https?:\/\//.test(url) ? url : undefined
  if (!base) {
    dropped.push(`url: ${url ? `\`${url}\` is not an absolute http(s) URL` : 'none set'}; the new site uses https://example.com/ until you set yours`)
    base = 'https://example.com'
  }
  const u = new URL(base)
  const path = (root && root !== '/' ? root : u.pathname).replace(/^\/?/, '/').replace(/\/?$/, '/')
  return `${u.protocol}//${u.host}${path.replace(/\/{2,}/g, '/')}`
}

/** Keys a reader handled; every other top-level key is listed as not carried over. */
export function listDropped(config: Record<string, unknown>, handled: Set<string>, dropped: string[], why: (key: string) => string): void {
  for (const key of Object.keys(config).sort()) {
    if (handled.has(key)) continue
    const value = config[key]
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue
    dropped.push(`${key}: ${why(key)}`)
  }
}

/** What every old config names alike, read by each generator's own keys. */
export interface CommonFields {
  title: unknown
  url: string
  description?: string
  language?: string
  timezone: unknown
}

/**
 * The new site.yaml's first keys, in this order: title, url, description,
 * language (or the generator's default), timezone (or its default; an
 * unknown zone is reported in `dropped`).
 *
 * @param fields Values read from the old config.
 * @param fallbackTitle Title when the config has none.
 * @param defaults The generator's defaults (Hexo has no default language).
 * @param dropped Settings not carried over (appended to).
 * @returns The site keys and the time zone.
 */
export function commonSite(
  fields: CommonFields,
  fallbackTitle: string,
  defaults: { language?: string; timezone: string },
  dropped: string[]
): { site: Record<string, unknown>; timezone: string } {
  const site: Record<string, unknown> = { title: text(fields.title) ?? fallbackTitle, url: fields.url }
  if (fields.description) site.description = fields.description
  const language = fields.language ?? defaults.language
  if (language) site.language = language
  const zone = text(fields.timezone)
  const timezone = validZone(zone) ? zone : defaults.timezone
  if (zone && !validZone(zone)) dropped.push(`timezone: \`${zone}\` is not a known time zone; the new site uses ${timezone}`)
  site.timezone = timezone
  return { site, timezone }
}

/** A language setting as a BCP 47 tag (`zh-CN`, `en`), from Hexo's list or a locale like `en_US`. */
export function languageOf(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value
  const tag = text(first)
  if (!tag || tag === 'default') return undefined
  return tag.replace(/_/g, '-').replace(/^zh-(cn|tw|hk)$/i, (_, r: string) => `zh-${r.toUpperCase()}`)
}

/** Whether a time zone name is one this Node knows. */
export function validZone(zone: string | undefined): zone is string {
  if (!zone) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}
