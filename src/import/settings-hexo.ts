/**
 * Hexo's `_config.yml` read into the new site's settings.
 */
import type { SourceTree } from './types.js'
import { basePathOf, commonSite, hexoFeeds, languageOf, listDropped, readConfigFile, siteUrl, text, type OldSettings } from './settings.js'

const handled = new Set([
  'title', 'subtitle', 'description', 'author', 'language', 'timezone', 'url', 'root', 'permalink', 'permalink_defaults',
  'per_page', 'new_post_name', 'post_asset_folder', 'tag_dir', 'category_dir', 'code_dir', 'source_dir', 'skip_render',
  'pretty_urls', 'archive_dir', 'public_dir', 'i18n_dir', 'pagination_dir', 'default_layout', 'titlecase', 'date_format',
  'time_format', 'updated_option', 'render_drafts', 'relative_link', 'future', 'filename_case', 'keywords', 'default_category', 'feed',
  'tag_generator', 'category_generator'
])

/** Whether the blog's package.json lists a dependency. */
function dependsOn(tree: SourceTree, name: string): boolean {
  try {
    const pkg = JSON.parse(tree.get('package.json')?.toString('utf8') ?? '{}') as Record<string, Record<string, unknown> | undefined>
    return Object.hasOwn(pkg.dependencies ?? {}, name) || Object.hasOwn(pkg.devDependencies ?? {}, name)
  } catch {
    return false
  }
}

/** Posts per page of a list: its generator's `per_page`, else the site's (Hexo's default 10); 0 means one page. */
function perPage(own: unknown, site: unknown): number {
  const n = typeof own === 'number' ? own : typeof site === 'number' ? site : 10
  return n > 0 ? n : Infinity
}

/**
 * Read a Hexo blog's settings.
 *
 * @param tree Source files.
 * @param fallbackTitle Title when the config has none (the folder's name).
 * @returns Settings.
 */
export function hexoSettings(tree: SourceTree, fallbackTitle: string): OldSettings {
  const dropped: string[] = []
  const read = readConfigFile(tree, '_config.yml')
  if (read.error) dropped.push(read.error)
  const c = read.data ?? {}
  const url = siteUrl(text(c.url), text(c.root), dropped)
  const { site, timezone } = commonSite(
    { title: c.title, url, description: text(c.description) ?? text(c.subtitle), language: languageOf(c.language), timezone: c.timezone },
    fallbackTitle, { timezone: 'Asia/Shanghai' }, dropped
  )
  if (text(c.description) && text(c.subtitle)) dropped.push(`subtitle: \`${text(c.subtitle)}\`: the new site has one description line (it took \`description\`)`)
  if (text(c.author)) site.author = { name: text(c.author) }
  if (typeof c.per_page === 'number' && c.per_page > 0) site.paginate = c.per_page
  if (text(c.keywords)) dropped.push('keywords: the new site makes its meta tags from each page')
  if (c.pretty_urls && typeof c.pretty_urls === 'object') {
    const p = c.pretty_urls as Record<string, unknown>
    if (p.trailing_index === false || p.trailing_html === false) dropped.push('pretty_urls: the new site always serves `/path/` folders (old URLs are kept by aliases)')
  }
  listDropped(c, handled, dropped, (key) => (key === 'theme' ? `\`${text(c.theme) ?? ''}\`: the new site uses its own theme (templates/)` : key === 'deploy' ? 'deploy with the new site\'s workflow (see the README)' : 'no equivalent'))
  return {
    site,
    postPattern: text(c.permalink) ?? ':year/:month/:day/:title/',
    basePath: basePathOf(url),
    timezone,
    dropped,
    options: {
      newPostName: text(c.new_post_name) ?? ':title.md',
      permalinkDefaults: (c.permalink_defaults as Record<string, unknown> | null) ?? {},
      tagDir: text(c.tag_dir) ?? 'tags',
      categoryDir: text(c.category_dir) ?? 'categories',
      codeDir: text(c.code_dir) ?? 'downloads/code',
      sourceDir: text(c.source_dir) ?? 'source',
      skipRender: Array.isArray(c.skip_render) ? c.skip_render.map(String) : text(c.skip_render) ? [text(c.skip_render)!] : [],
      feeds: hexoFeeds(c.feed, dependsOn(tree, 'hexo-generator-feed')),
      tagPerPage: perPage((c.tag_generator as Record<string, unknown> | undefined)?.per_page, c.per_page),
      categoryPerPage: perPage((c.category_generator as Record<string, unknown> | undefined)?.per_page, c.per_page),
      paginationDir: text(c.pagination_dir) ?? 'page'
    }
  }
}
