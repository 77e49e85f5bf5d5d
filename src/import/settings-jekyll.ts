/**
 * Jekyll's `_config.yml` read into the new site's settings.
 */
import type { SourceTree } from './types.js'
import { basePathOf, commonSite, languageOf, listDropped, readConfigFile, siteUrl, text, type OldSettings } from './settings.js'
import { jekyllPattern } from './permalinks.js'

const handled = new Set([
  'title', 'description', 'tagline', 'author', 'lang', 'locale', 'timezone', 'url', 'baseurl', 'permalink', 'paginate',
  'exclude', 'include', 'collections', 'markdown', 'highlighter', 'kramdown', 'source', 'destination', 'future',
  'show_drafts', 'encoding', 'paginate_path', 'feed'
])

/**
 * Read a Jekyll blog's settings.
 *
 * @param tree Source files.
 * @param fallbackTitle Title when the config has none.
 * @returns Settings.
 */
export function jekyllSettings(tree: SourceTree, fallbackTitle: string): OldSettings {
  const dropped: string[] = []
  const read = readConfigFile(tree, '_config.yml')
  if (read.error) dropped.push(read.error)
  const c = read.data ?? {}
  const url = siteUrl(text(c.url), text(c.baseurl), dropped)
  const { site, timezone } = commonSite(
    { title: c.title, url, description: text(c.description) ?? text(c.tagline), language: languageOf(c.lang ?? c.locale), timezone: c.timezone },
    fallbackTitle, { language: 'en', timezone: 'UTC' }, dropped
  )
  const author = c.author
  if (text(author)) site.author = { name: text(author) }
  else if (author && typeof author === 'object' && text((author as Record<string, unknown>).name)) {
    site.author = { name: text((author as Record<string, unknown>).name) }
    const rest = Object.keys(author).filter((k) => k !== 'name')
    if (rest.length > 0) dropped.push(`author: ${rest.join(', ')}: only the name is carried over (add bio, avatar, links in site.yaml)`)
  }
  if (typeof c.paginate === 'number' && c.paginate > 0) site.paginate = c.paginate
  const plugins = [...(Array.isArray(c.plugins) ? c.plugins : []), ...(Array.isArray(c.gems) ? c.gems : [])].map(String)
  listDropped(c, new Set([...handled, 'plugins', 'gems']), dropped, (key) => (key === 'theme' || key === 'remote_theme' ? 'the new site uses its own theme (templates/)' : 'no equivalent'))
  for (const plugin of plugins.sort()) {
    if (plugin === 'jekyll-redirect-from') continue
    if (plugin === 'jekyll-feed') continue
    dropped.push(`plugins: ${plugin}: ${pluginNote(plugin)}`)
  }
  // Collections written out (`output: true`) are imported as posts, under their own permalink.
  const collections: Record<string, string> = {}
  if (c.collections && typeof c.collections === 'object' && !Array.isArray(c.collections)) {
    for (const [name, value] of Object.entries(c.collections as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (name === 'posts') continue
      const settings = (value ?? {}) as Record<string, unknown>
      if (settings.output === true) collections[name] = text(settings.permalink) ?? '/:collection/:path/'
      else dropped.push(`collections: ${name}: not written out by the old site (no \`output: true\`), so not imported`)
    }
  }
  return {
    site,
    postPattern: jekyllPattern(c.permalink),
    basePath: basePathOf(url),
    timezone,
    dropped,
    options: {
      exclude: Array.isArray(c.exclude) ? c.exclude.map(String) : [],
      collections,
      // jekyll-feed writes Atom.
      feeds: plugins.includes('jekyll-feed') ? [{ format: 'atom', path: text((c.feed as Record<string, unknown> | undefined)?.path) ?? 'feed.xml' }] : []
    }
  }
}

function pluginNote(plugin: string): string {
  const notes: Record<string, string> = {
    'jekyll-sitemap': 'the new site writes sitemap.xml itself',
    'jekyll-seo-tag': 'the new site writes its meta tags itself',
    'jekyll-paginate': 'the new site paginates itself (`paginate`)',
    'jekyll-archives': 'the new site has tag, column and date archives of its own (old archive pages are not redirected)',
    'jemoji': 'emoji shortcodes (:smile:) stay as text'
  }
  return notes[plugin] ?? 'no equivalent'
}
