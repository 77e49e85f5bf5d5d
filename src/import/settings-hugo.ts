/**
 * Hugo's config (`hugo.toml`, `config.toml`, `hugo.yaml`, … or
 * `config/_default/`) read into the new site's settings.
 */
import type { SourceTree } from './types.js'
import { basePathOf, commonSite, languageOf, listDropped, readConfigFile, siteUrl, text, type OldSettings } from './settings.js'

const handled = new Set([
  'title', 'baseurl', 'languagecode', 'defaultcontentlanguage', 'timezone', 'author', 'params', 'paginate', 'pagination',
  'permalinks', 'contentdir', 'staticdir', 'disablekinds', 'disablepathtolower', 'uglyurls', 'mainsections', 'taxonomies', 'publishdir',
  'builddrafts', 'buildfuture', 'markup', 'pygmentscodefences', 'pygmentsusecodefences', 'enablerobotstxt', 'summarylength',
  'outputformats', 'paginatepath'
])

/** A key of a Hugo settings table, whatever its case (Hugo's keys are case-insensitive). */
function keyOf(table: unknown, key: string): unknown {
  if (!table || typeof table !== 'object') return undefined
  const found = Object.keys(table).find((k) => k.toLowerCase() === key)
  return found === undefined ? undefined : (table as Record<string, unknown>)[found]
}

const configNames = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml', 'config.yaml', 'config.yml', 'config.json']

/** Hugo's config, merged from the root file or `config/_default/` (where `params.toml` holds the `params` key). */
function loadHugoConfig(tree: SourceTree, dropped: string[]): Record<string, unknown> {
  const config: Record<string, unknown> = {}
  const take = (path: string, under?: string): void => {
    const read = readConfigFile(tree, path)
    if (read.error) dropped.push(read.error)
    if (!read.data) return
    if (under) config[under] = { ...(config[under] as object | undefined), ...read.data }
    else Object.assign(config, read.data)
  }
  const root = configNames.find((n) => tree.has(n))
  if (root) take(root)
  for (const path of [...tree.keys()].filter((p) => /^config\/_default\/[^/]+\.(toml|ya?ml|json)$/.test(p))) {
    const name = path.slice('config/_default/'.length).replace(/\.\w+$/, '')
    take(path, name === 'hugo' || name === 'config' ? undefined : name)
  }
  // Hugo's keys are case-insensitive.
  const lower: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(config)) lower[k.toLowerCase()] = v
  return lower
}

/**
 * Read a Hugo site's settings.
 *
 * @param tree Source files.
 * @param fallbackTitle Title when the config has none.
 * @returns Settings.
 */
export function hugoSettings(tree: SourceTree, fallbackTitle: string): OldSettings {
  const dropped: string[] = []
  const c = loadHugoConfig(tree, dropped)
  const params = (c.params as Record<string, unknown> | undefined) ?? {}
  const url = siteUrl(text(c.baseurl), undefined, dropped)
  const { site, timezone } = commonSite(
    { title: c.title, url, description: text(params.description) ?? text(params.subtitle), language: languageOf(c.languagecode ?? c.defaultcontentlanguage), timezone: c.timezone },
    fallbackTitle, { language: 'en', timezone: 'UTC' }, dropped
  )
  const author = c.author ?? params.author
  const authorName = text(author) ?? (author && typeof author === 'object' ? text((author as Record<string, unknown>).name) : undefined)
  if (authorName) site.author = { name: authorName }
  const pagerSize = (c.pagination as Record<string, unknown> | undefined)?.pagersize ?? (c.pagination as Record<string, unknown> | undefined)?.pagerSize ?? c.paginate
  if (typeof pagerSize === 'number' && pagerSize > 0) site.paginate = pagerSize
  if (c.uglyurls === true) dropped.push('uglyURLs: the new site serves `/path/` folders; old `.html` URLs are kept by aliases')
  listDropped(c, handled, dropped, (key) => (key === 'theme' ? 'the new site uses its own theme (templates/)' : key === 'menu' || key === 'menus' ? 'set `nav` in site.yaml' : 'no equivalent'))
  for (const key of Object.keys(params).sort()) {
    if (key === 'description' || key === 'author' || key === 'mainsections' || key === 'mainSections') continue
    dropped.push(`params.${key}: a theme parameter; no equivalent`)
  }
  const contentDir = text(c.contentdir) ?? 'content'
  const permalinks = (c.permalinks as Record<string, unknown> | undefined) ?? {}
  const mainSections = c.mainsections ?? params.mainSections ?? params.mainsections
  return {
    site,
    postPattern: '',
    basePath: basePathOf(url),
    timezone,
    dropped,
    options: {
      contentDir,
      staticDir: text(c.staticdir) ?? 'static',
      permalinks: Object.fromEntries(Object.entries((permalinks.page as Record<string, unknown> | undefined) ?? permalinks).map(([k, v]) => [k, String(v)])),
      mainSections: Array.isArray(mainSections) ? mainSections.map(String) : [],
      lowerPaths: c.disablepathtolower !== true,
      // Hugo writes RSS at index.xml (`outputFormats.RSS.baseName`) of the home page, each section and each term.
      rssName: c.disablekinds && Array.isArray(c.disablekinds) && c.disablekinds.some((k) => String(k).toLowerCase() === 'rss')
        ? undefined
        : `${text(keyOf(keyOf(c.outputformats, 'rss'), 'basename')) ?? 'index'}.xml`,
      paginationDir: text(c.paginatepath) ?? text(keyOf(c.pagination, 'path')) ?? 'page'
    }
  }
}
