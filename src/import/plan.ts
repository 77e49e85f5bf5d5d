/**
 * The import as a pure function: the source tree in, the new site's files
 * and the report's facts out. Reads settings, walks the content, works out
 * old and new URLs, rewrites front matter and converts syntax.
 */
import { posix } from 'node:path'
import { DateTime } from 'luxon'
import { parseDate } from '../content/dates.js'
import { slugify } from '../site/urls.js'
import type { SiteDate } from '../types.js'
import { convertBody, type BodyResult, type Converter, type Syntax } from './convert.js'
import type { ConvertContext } from './context.js'
import { hexoConverters, liquidSyntax } from './convert-hexo.js'
import { hugoConverters, hugoEscapeConverters, hugoEscapeSyntax, hugoSyntax } from './convert-hugo.js'
import { liquidConverters, liquidOutputConverters, liquidOutputSyntax } from './convert-liquid.js'
import { codeRanges, inRanges } from './code-ranges.js'
import { rewriteOldLinks } from './old-links.js'
import { allCategoryPaths, categoryPath, rewriteFields, urlCategories } from './fields.js'
import { splitSource, writeFrontMatter } from './front-matter.js'
import { choosePermalink, hugoPath, hugoUrlize, isGoodSlug, jekyllPattern, oldUrl, type UrlFacts } from './permalinks.js'
import { byString } from './read-tree.js'
import type { OldSettings } from './settings.js'
import { hexoSettings } from './settings-hexo.js'
import { hugoSettings } from './settings-hugo.js'
import { jekyllSettings } from './settings-jekyll.js'
import { count, kindName, type ImportReport, type SourceKind, type SourceTree } from './types.js'
import { walk, type SourceEntry } from './walk.js'
import { feedSettings, hugoListPages, listRedirects } from './old-lists.js'
import type { OldFeed } from './settings.js'
import { urlPathOf } from '../util/url-path.js'
import { stringify } from 'yaml'

/** The new site: files by path relative to its root, and the report's facts. */
export interface ImportPlan {
  files: Map<string, Buffer | string>
  report: ImportReport
  /** The new site's base path and URL (for the check of old URLs after the build). */
  basePath: string
  /** Old post URL → new URL (site-relative), for every post with an old URL. */
  urls: Array<[string, string]>
  /** The old site's feed paths and its tag and category pages (with their `/page/N/`), to check after the build. */
  oldFeeds: string[]
  oldLists: string[]
}

/** The `checks:` an imported site starts with: what old posts often have wrong is a warning, not an error. */
export const importChecks = {
  'missing-link-target': 'warning',
  'missing-fragment': 'warning',
  'missing-image': 'warning',
  'unknown-language': 'warning',
  'invalid-tex': 'warning'
}

/** Output paths the new site generates itself: a static file of the old site there is left out. */
const generated = new Set(['index.html', '404.html', 'atom.xml', 'rss.xml', 'feed.json', 'sitemap.xml', 'robots.txt', 'search.json', '_redirects'])
/** Page names that would take a URL the new site uses for its own lists. */
const reservedPages = new Set(['tags', 'columns', 'archives', 'page', 'posts', 'categories', 'category', 'tag', 'archive', 'index', 'search', '404'])

interface Entry {
  source: SourceEntry
  text: string
  split: ReturnType<typeof splitSource>
  title: string
  dateText?: string
  date?: SiteDate
  categories: string[]
  urlCategories: string[]
  oldUrl?: string
  ownUrl: boolean
  slug: string
  newPath: string
  isPost: boolean
  column?: string
}

/**
 * Plan an import.
 *
 * @param tree Source files.
 * @param kind Generator.
 * @param name The source folder's name (fallback title).
 * @param times Modification times of the source files (ms): Hexo and Jekyll date a post without a date by its file.
 * @returns Files and report.
 */
export function planImport(tree: SourceTree, kind: SourceKind, name: string, times: Map<string, number> = new Map()): ImportPlan {
  const settings: OldSettings =
    kind === 'hexo' ? hexoSettings(tree, name)
      : kind === 'jekyll' ? jekyllSettings(tree, name)
        : kind === 'hugo' ? hugoSettings(tree, name)
          : { site: { title: name, url: 'https://example.com/', language: 'en', timezone: 'UTC' }, postPattern: '', basePath: '/', timezone: 'UTC', dropped: ['url: none set; the new site uses https://example.com/ until you set yours'], options: {} }
  const zone = settings.timezone
  const report: ImportReport = {
    kind, counts: { posts: 0, drafts: 0, pages: 0, files: 0, columns: 0 }, conversions: new Map(), leftovers: [],
    settingsDropped: [...settings.dropped], engineGaps: [], aliased: 0, kept: 0, permalink: '/posts/:slug/', listRedirects: [], feedPaths: [], notes: []
  }
  const walked = walk(kind, tree, settings.options)
  const files = new Map<string, Buffer | string>()

  // Read every entry.
  const read = (source: SourceEntry, isPost: boolean): Entry => {
    const text = tree.get(source.path)!.toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n')
    const split = splitSource(text)
    if (split.error) report.leftovers.push({ file: source.path, line: 1, construct: `front matter kept as it was: ${split.error}` })
    const data = split.data
    const title = textOf(data.title ?? data.Title) ?? firstHeading(split.body) ?? source.fileSlug.split('/').pop()!
    let dateText = plainDate(data.date ?? data.Date ?? (kind === 'hugo' ? data.publishDate ?? data.publishdate ?? data.pubDate : undefined))
    const fromName = /(?:^|\/)(\d{4}-\d{1,2}-\d{1,2})-[^/]*$/.exec(source.path.replace(/\/index\.\w+$/, ''))
    if (dateText === undefined && fromName) dateText = fromName[1]
    const mtime = times.get(source.path)
    if (dateText === undefined && isPost && (kind === 'hexo' || kind === 'jekyll') && mtime !== undefined) {
      // What Hexo and Jekyll do themselves: a post without a date is dated by its file.
      dateText = DateTime.fromMillis(mtime, { zone }).toFormat('yyyy-MM-dd HH:mm:ss')
      report.leftovers.push({ file: source.path, line: 1, construct: `no date: dated ${dateText} from the file's modification time, as ${kindName(kind)} does; check it` })
    }
    const date = dateText === undefined ? undefined : parseDate(dateText, zone)
    if (isPost && dateText !== undefined && !date) report.leftovers.push({ file: source.path, line: 1, construct: `date \`${dateText}\` is not a date Inkstone reads` })
    if (isPost && dateText === undefined) report.leftovers.push({ file: source.path, line: 1, construct: 'no date (front matter or file name)' })
    return { source, text, split, title, dateText, date, categories: categoryPath(data, kind), urlCategories: urlCategories(data, kind), ownUrl: false, slug: '', newPath: '', isPost }
  }
  const posts = walked.posts.map((s) => read(s, true))
  const pages = walked.pages.map((s) => read(s, false))

  // Old URLs of posts.
  const hugoPermalinks = (settings.options.permalinks as Record<string, string> | undefined) ?? {}
  const collections = (settings.options.collections as Record<string, string> | undefined) ?? {}
  const patternOf = (e: Entry): string =>
    kind === 'hugo' ? hugoPermalinks[e.source.section.split('/')[0]] ?? '/:sections/:slugorfilename/'
      : kind === 'jekyll' && e.source.section !== '' && Object.hasOwn(collections, e.source.section) ? jekyllPattern(collections[e.source.section])
        : settings.postPattern
  for (const e of posts) {
    if (kind === 'markdown' || e.source.draft || e.split.data.draft === true) continue
    const facts: UrlFacts = { date: e.date && withTime(e.date), fileSlug: e.source.fileSlug, title: e.title, categories: e.urlCategories, section: e.source.section || e.source.path.split('/')[1] || '', data: e.split.data }
    const result = oldUrl(kind, patternOf(e), facts, (settings.options.permalinkDefaults as Record<string, unknown> | undefined) ?? {})
    if ('error' in result) report.leftovers.push({ file: e.source.path, line: 1, construct: `old URL unknown: ${result.error}` })
    else {
      e.oldUrl = result.url
      e.ownUrl = typeof (e.split.data.permalink ?? (kind === 'hugo' ? e.split.data.url : undefined)) === 'string'
    }
  }

  // The new permalink, and each post's slug and file.
  const mainPattern = kind === 'hugo' ? hugoPermalinks[(walked.posts[0]?.path.split('/')[1]) ?? ''] ?? '' : settings.postPattern
  const choice = choosePermalink(mainPattern, posts.map((e) => (e.ownUrl ? {} : { url: e.oldUrl, date: e.date })))
  report.permalink = choice.permalink
  const takenUrls = new Set<string>()
  const takenFiles = new Set<string>()
  const urls: Array<[string, string]> = []
  posts.forEach((e, i) => {
    const kept = choice.slugs[i]
    let slug = kept ?? naturalSlug(e, kind)
    const urlOf = (s: string): string => newUrl(choice.permalink, e.date, s)
    if (!kept) {
      for (let n = 2; takenUrls.has(urlOf(slug)); n++) slug = `${naturalSlug(e, kind)}-${n}`
    }
    takenUrls.add(urlOf(slug))
    e.slug = slug
    const bundle = e.source.assets.length > 0
    if (kind === 'markdown') {
      e.newPath = `content/posts/${e.source.path}`
    } else {
      let fileName = fileNameOf(slug)
      for (let n = 2; takenFiles.has(fileName.toLowerCase()); n++) fileName = `${fileNameOf(slug)}-${n}`
      takenFiles.add(fileName.toLowerCase())
      e.newPath = bundle ? `content/posts/${fileName}/index.md` : `content/posts/${fileName}.md`
    }
    if (e.oldUrl) {
      const own = e.ownUrl && isDirUrl(e.oldUrl)
      const now = own ? dirForm(e.oldUrl) : urlOf(slug)
      urls.push([e.oldUrl, now])
      if (sameUrl(e.oldUrl, now)) report.kept++
      else report.aliased++
    }
  })

  // Pages.
  const takenPages = new Set<string>()
  const keptPages: Entry[] = []
  for (const e of pages) {
    const rel = pageRel(e.source, kind, settings)
    const type = textOf(e.split.data.type ?? e.split.data.layout)
    const segments = rel.replace(/\/index$/, '').split('/').filter(Boolean)
    const last = segments.at(-1) ?? 'index'
    if (reservedPages.has(last.toLowerCase()) || type === 'tags' || type === 'categories' || e.split.data.layout === 'home') {
      report.notes.push(`${e.source.path}: not imported; the new site makes its own \`/${last}/\` list page`)
      continue
    }
    const taken = (s: string): boolean => takenPages.has(s) || takenPages.has(fileNameOf(s))
    let slug = sanitizeSlug(taken(last) ? segments.join('-') : last)
    for (let n = 2; taken(slug); n++) slug = `${sanitizeSlug(last)}-${n}`
    takenPages.add(slug)
    takenPages.add(fileNameOf(slug))
    e.slug = slug
    e.newPath = `content/pages/${fileNameOf(slug)}.md`
    e.oldUrl = pageOldUrl(e, rel, kind)
    keptPages.push(e)
  }

  // Columns from categories.
  const columns = new Map<string, { id: string; title: string; parent?: string }>()
  const columnOfPath = new Map<string, string>()
  for (const e of posts) {
    let parent: string | undefined
    e.categories.forEach((name, i) => {
      const key = e.categories.slice(0, i + 1).join('\u0000')
      let id = columnOfPath.get(key)
      if (!id) {
        id = columnId(name, e.categories.slice(0, i + 1), columns)
        columns.set(id, { id, title: name, ...(parent ? { parent } : {}) })
        columnOfPath.set(key, id)
      }
      parent = id
    })
    e.column = parent
  }
  for (const column of [...columns.values()].sort((a, b) => byString(a.id, b.id))) {
    files.set(`content/columns/${column.id}.md`, writeFrontMatter({ title: column.title, ...(column.parent ? { parent: column.parent } : {}) }))
  }
  report.counts.columns = columns.size

  // Links between entries: every name the old generator may use for a post or page.
  const names = new Map<string, Entry>()
  const register = (key: string, e: Entry): void => {
    if (!names.has(key)) names.set(key, e)
  }
  for (const e of [...posts, ...keptPages]) {
    const p = e.source.path
    const noExt = p.replace(/\.[^./]+$/, '')
    register(p, e)
    register(noExt, e)
    const contentRel = p.replace(/^(content|source)\//, '')
    register(contentRel, e)
    register(contentRel.replace(/\.[^./]+$/, ''), e)
    register('/' + contentRel, e)
    register(contentRel.replace(/\/index\.\w+$/, ''), e)
    register(contentRel.replace(/^_posts\//, '').replace(/\.[^./]+$/, ''), e)
    register(e.source.fileSlug, e)
    register(posix.basename(noExt), e)
    register(posix.basename(p), e)
    if (/\/index\.\w+$/.test(p)) register(posix.basename(posix.dirname(p)), e)
  }
  const resolveFrom = (from: Entry) => (key: string): { href: string; title: string } | undefined => {
    const clean = key.replace(/^\.\//, '').replace(/\/$/, '')
    const target = names.get(clean) ?? names.get(clean.replace(/\.(md|markdown)$/, '')) ?? names.get(clean.replace(/^\//, ''))
    if (!target) return undefined
    return { href: relativeHref(from.newPath, target.newPath), title: target.title }
  }

  // The new site's own URLs: an old URL that one of them took cannot also be an alias (the engine refuses that).
  const newUrls = new Set([...urls.map(([, now]) => norm(now)), ...keptPages.map((e) => norm(`/${e.slug}/`))])

  // Old URLs of posts and pages (and the aliases they carried), for links written as URLs.
  const byOldUrl = new Map<string, Entry>()
  for (const e of [...posts, ...keptPages]) {
    for (const url of [e.oldUrl, ...listOf(e.split.data.aliases), ...listOf(e.split.data.redirect_from)]) {
      if (!url) continue
      const path = safeDecode(url.startsWith('/') ? url : '/' + url)
      for (const form of [path, path.replace(/\/$/, '')]) if (!byOldUrl.has(form)) byOldUrl.set(form, e)
    }
  }
  const siteHost = new URL(String(settings.site.url)).host

  // Hugo's list pages as `ref` names them → the new site's pages (old-lists.ts).
  const listPages = kind === 'hugo'
    ? hugoListPages(posts.filter((e) => !e.source.draft && e.split.data.draft !== true).map((e) => listOf(e.split.data.tags)), columnOfPath, mainSections(posts, true).map(([s]) => s))
    : undefined

  // Write posts and pages.
  const listed = new Set<string>()
  const tagCounts = new Map<string, number>()
  const categoriesSeen: string[][][] = []
  for (const e of [...posts, ...keptPages]) {
    const assetNames = new Set(e.source.assets.map(([, to]) => to))
    const ctx: ConvertContext = {
      file: e.source.path,
      resolve: resolveFrom(e),
      hasAsset: (n) => assetNames.has(n),
      readSource: (p) => tree.get(posix.normalize(`${String(settings.options.sourceDir ?? 'source')}/${p}`))?.toString('utf8') ?? tree.get(posix.normalize(p))?.toString('utf8'),
      codeDir: String(settings.options.codeDir ?? 'downloads/code'),
      siteUrl: String(settings.site.url).replace(/\/$/, ''),
      listPage: listPages && ((key) => listPages.get(hugoPath(key.replace(/^\/+|\/+$/g, '').replace(/\/_index(\.\w+)?$/, ''))))
    }
    let body = e.split.body
    if (kind === 'markdown' && e.split.format === 'none' && textOf(e.split.data.title) === undefined) body = withoutFirstHeading(body)
    const converted = convertSyntax(kind, body, ctx, e.split.bodyLine)
    for (const [n, c] of converted.counts) count(report, n, c)
    if (kind !== 'markdown') {
      const relinked = rewriteOldLinks(converted.text, {
        from: e.oldUrl ?? '/',
        host: siteHost,
        basePath: settings.basePath,
        lookup: (path) => {
          const target = byOldUrl.get(path)
          return target && target !== e ? relativeHref(e.newPath, target.newPath) : undefined
        }
      })
      converted.text = relinked.text
      if (relinked.count > 0) count(report, 'link to an old URL → link to the .md file', relinked.count)
    }
    report.leftovers.push(...converted.leftovers)
    if (e.split.error) {
      files.set(e.newPath, e.text)
      continue
    }
    const aliases: string[] = []
    let permalink: string | undefined
    const existing = new Set([...listOf(e.split.data.redirect_from), ...listOf(e.split.data.aliases)])
    if (e.isPost && e.oldUrl) {
      const [, now] = urls.find(([old]) => old === e.oldUrl)!
      if (e.ownUrl && isDirUrl(e.oldUrl)) permalink = now
      else if (!sameUrl(e.oldUrl, now) && !existing.has(e.oldUrl)) aliases.push(e.oldUrl)
    }
    if (!e.isPost && e.oldUrl && !sameUrl(e.oldUrl, `/${e.slug}/`) && !existing.has(e.oldUrl)) aliases.push(e.oldUrl)

    const fileSlug = posix.basename(e.newPath) === 'index.md' ? posix.basename(posix.dirname(e.newPath)) : posix.basename(e.newPath, '.md')
    const data = rewriteFields(e.split.data, {
      kind,
      title: e.title,
      date: e.isPost ? e.dateText : undefined,
      draft: e.source.draft,
      column: e.column,
      slug: kind !== 'markdown' && fileSlug !== e.slug ? e.slug : undefined,
      permalink,
      aliases,
      readDate: (v) => {
        const text = plainDate(v)
        return text !== undefined && parseDate(text, zone) ? text : undefined
      }
    })
    if (Array.isArray(data.aliases)) {
      // An alias the new site gives to a post or page itself cannot redirect (the engine refuses that): dropped.
      const taken = (data.aliases as string[]).filter((a) => newUrls.has(norm(a.startsWith('/') ? a : '/' + a)))
      for (const alias of taken) report.leftovers.push({ file: e.source.path, line: 1, construct: `alias \`${alias}\` is now the URL of a post or page: left out` })
      data.aliases = (data.aliases as string[]).filter((a) => !taken.includes(a))
      if ((data.aliases as string[]).length === 0) delete data.aliases
    }
    if (!e.isPost) {
      delete data.date
      delete data.tags
      delete data.column
    }
    files.set(e.newPath, writeFrontMatter(data) + converted.text.replace(/^\n+/, '\n'))
    if (e.isPost) {
      for (const [from, to] of e.source.assets) files.set(posix.join(posix.dirname(e.newPath), to), tree.get(from)!)
      if (e.source.draft || data.draft === true) report.counts.drafts++
      else report.counts.posts++
      if (!e.source.draft && data.draft !== true) {
        for (const tag of new Set((data.tags as string[] | undefined) ?? [])) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1)
        categoriesSeen.push(allCategoryPaths(e.split.data, kind))
      }
    } else {
      report.counts.pages++
      for (const [from, to] of e.source.assets) files.set(`public/${posix.join(posix.dirname(e.oldUrl ?? '/').slice(1), to)}`, tree.get(from)!)
    }
    listed.add(e.source.path)
  }

  // Static files.
  for (const [from, to] of walked.statics) {
    if (generated.has(to) && kind !== 'markdown') {
      report.notes.push(`${from}: not copied; the new site writes its own \`/${to}\``)
      continue
    }
    // A folder of Markdown keeps its other files beside the posts that link to them.
    files.set(`${kind === 'markdown' ? 'content/posts' : 'public'}/${to}`, tree.get(from)!)
    report.counts.files++
  }
  for (const line of walked.leftBehind) report.notes.push(line)

  // Each new column's posts (its subtree), for the page numbers of its list.
  const columnPosts = new Map<string, number>()
  for (const e of posts) {
    if (e.source.draft || e.split.data.draft === true || e.split.error) continue
    for (let id = e.column; id !== undefined; id = columns.get(id)?.parent) columnPosts.set(id, (columnPosts.get(id) ?? 0) + 1)
  }
  // Old tag and category pages, and old feed paths: `redirects:` and `feed.paths` of site.yaml (old-lists.ts).
  const lists = listRedirects({
    kind, tags: tagCounts, categories: categoriesSeen, columnOf: (path) => columnOfPath.get(path.join('\u0000')), columnPosts: (id) => columnPosts.get(id) ?? 0,
    tagDir: kind === 'hexo' ? String(settings.options.tagDir ?? 'tags') : 'tags',
    categoryDir: kind === 'hexo' ? String(settings.options.categoryDir ?? 'categories') : 'categories',
    tagPerPage: Number(settings.options.tagPerPage ?? settings.site.paginate ?? 10),
    categoryPerPage: Number(settings.options.categoryPerPage ?? settings.site.paginate ?? 10),
    paginationDir: String(settings.options.paginationDir ?? 'page'),
    paginate: Number(settings.site.paginate ?? 10),
    taken: (path) => newUrls.has(norm(path)) || byOldUrl.has(norm(path)),
    sections: kind === 'hugo' ? mainSections(posts, settings.options.lowerPaths !== false) : undefined
  })
  report.listRedirects = lists.redirects
  for (const [path, why] of lists.skipped) report.notes.push(`old list page \`${path}\` not redirected: ${why}`)
  const oldFeeds = [...((settings.options.feeds as OldFeed[] | undefined) ?? [])]
  if (kind === 'hugo' && typeof settings.options.rssName === 'string') {
    // Hugo's home feed, and its main section's (the same posts).
    oldFeeds.push({ format: 'rss', path: settings.options.rssName })
    for (const [section] of mainSections(posts, settings.options.lowerPaths !== false)) oldFeeds.push({ format: 'rss', path: `${section}/${settings.options.rssName}` })
  }
  const feeds = feedSettings(oldFeeds)
  report.feedPaths = Object.entries(feeds.paths).flatMap(([format, paths]) => paths.map((p): [string, string] => [p, format]))
  for (const [path, why] of feeds.skipped) report.notes.push(`old feed \`${path}\` not kept: ${why}`)
  // Hugo: every term's feed too (`/tags/go/index.xml`); `feed.names` writes each tag's and column's feed under
  // that name, so tags keep theirs where the tag's URL is unchanged; categories are columns now, at other URLs.
  const listFeeds: string[] = []
  let feedNames: Record<string, string[]> | undefined
  const rssName = kind === 'hugo' && typeof settings.options.rssName === 'string' ? settings.options.rssName : undefined
  if (rssName) {
    if (rssName !== 'rss.xml') feedNames = { rss: [rssName] }
    const terms = new Set<string>()
    for (const [tag] of tagCounts) terms.add(`/tags/${hugoUrlize(tag)}/${rssName}`)
    for (const paths of categoriesSeen) for (const path of paths) for (const term of path) terms.add(`/categories/${hugoUrlize(term)}/${rssName}`)
    listFeeds.push(...terms)
    report.notes.push(`the old site's feeds of each category and other section (\`/categories/<term>/${rssName}\`, …) are not kept: the new site has a feed per column at \`/columns/<id>/atom.xml\` and \`rss.xml\`` +
      (feedNames ? ` (and \`${rssName}\`)` : ''))
  }
  if (posts.some((e) => e.oldUrl && /\.html$/.test(e.oldUrl))) {
    report.engineGaps.push('post URLs ending in `.html`: a permalink must end in `/`, so those posts moved to folder URLs and their old URLs became aliases (redirect pages)')
  }
  if (posts.some((e) => e.ownUrl && e.oldUrl && isDirUrl(e.oldUrl))) {
    report.notes.push('posts with their own `permalink` keep it (the engine reads `permalink` once the front-matter fields of issue #14 are in)')
  }

  // site.yaml.
  // A post with no date at all (Hugo publishes it, dated year 1) builds, with a warning, until it is given one
  // (or committed: git's date is then used); IMPORT.md lists it.
  const undated = posts.some((e) => e.dateText === undefined && !e.source.draft && e.split.data.draft !== true)
  const site: Record<string, unknown> = { ...settings.site, permalink: choice.permalink, math: 'auto', checks: undated ? { ...importChecks, 'missing-date': 'warning' } : importChecks }
  if (Object.keys(feeds.paths).length > 0 || feedNames) site.feed = { ...(Object.keys(feeds.paths).length > 0 ? { paths: feeds.paths } : {}), ...(feedNames ? { names: feedNames } : {}) }
  if (lists.redirects.length > 0) site.redirects = Object.fromEntries(lists.redirects)
  files.set('content/site.yaml', `# Imported from a ${kindName(kind)} site by \`inkstone import\`; see IMPORT.md.\n` + stringify(site, { lineWidth: 0 }))
  report.conversions = new Map([...report.conversions].sort((a, b) => byString(a[0], b[0])))
  report.leftovers.sort((a, b) => byString(a.file, b.file) || a.line - b.line || byString(a.construct, b.construct))
  const oldFeedPaths = [...new Set([...oldFeeds.map((f) => urlPathOf(f.path) ?? f.path), ...listFeeds])].sort(byString)
  if (feedNames) report.feedPaths.push([`<tag or column>/${rssName}`, 'rss'])
  return { files, report, basePath: settings.basePath, urls, oldFeeds: oldFeedPaths, oldLists: lists.old }
}

/** Hugo: the top sections of the published posts with how many each has (its old list page `/<section>/`). */
function mainSections(posts: Entry[], lower: boolean): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const e of posts) {
    if (e.source.draft || e.split.data.draft === true) continue
    const section = e.source.path.split('/')[1]
    if (section && e.source.path.split('/').length > 2) counts.set(lower ? section.toLowerCase() : section, (counts.get(lower ? section.toLowerCase() : section) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => byString(a[0], b[0]))
}

/** Convert the syntax of one body, by generator. */
function convertSyntax(kind: SourceKind, body: string, ctx: ConvertContext, firstLine: number): BodyResult {
  const passes: Array<[Syntax, (text: string) => Record<string, Converter>]> =
    kind === 'hexo' ? [[liquidSyntax, () => hexoConverters(ctx)]]
      : kind === 'jekyll' ? [[liquidOutputSyntax, (text) => liquidOutputConverters(ctx, text)], [liquidSyntax, () => liquidConverters(ctx)]]
        : kind === 'hugo' ? [[hugoSyntax, () => hugoConverters(ctx)], [hugoEscapeSyntax, (text) => hugoEscapeConverters(text)]]
          : []
  let text = body
  const counts = new Map<string, number>()
  const leftovers: BodyResult['leftovers'] = []
  // Jekyll: Liquid runs before Markdown, so `{% raw %}` blocks (in code too) are Liquid's. Their text is set
  // aside as placeholders that keep its line breaks, so that no pass sees it, and put back without the marks.
  const rawBlocks: string[] = []
  if (kind === 'jekyll') {
    text = text.replace(/\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g, (_, inner: string) => {
      rawBlocks.push(inner)
      return `\uE000${rawBlocks.length - 1}${'\n'.repeat(inner.split('\n').length - 1)}\uE001`
    })
    if (rawBlocks.length > 0) counts.set('{% raw %}', rawBlocks.length)
  }
  for (const [syntax, converters] of passes) {
    // Lines stay those of the source: only the first pass may change line counts before a pass that reports.
    const result = convertBody(text, syntax, converters(text), ctx.file, firstLine)
    text = result.text
    for (const [n, c] of result.counts) counts.set(labelOf(kind, syntax, n), (counts.get(labelOf(kind, syntax, n)) ?? 0) + c)
    leftovers.push(...result.leftovers)
  }
  if (rawBlocks.length > 0) text = text.replace(/\uE000(\d+)\n*\uE001/g, (_, i: string) => rawBlocks[Number(i)])
  if (kind === 'jekyll') {
    // kramdown's attribute lists `{: .class}` have no meaning here: reported.
    const ranges = codeRanges(text)
    for (const m of text.matchAll(/^\{:[^}\n]*\}[ \t]*$/gm)) {
      if (!inRanges(ranges, m.index)) leftovers.push({ file: ctx.file, line: firstLine + text.slice(0, m.index).split('\n').length - 1, construct: 'kramdown attribute list `{: …}`' })
    }
  }
  return { text, counts, leftovers }
}

/** The report's name of a conversion. */
function labelOf(kind: SourceKind, syntax: Syntax, name: string): string {
  if (syntax === liquidOutputSyntax) return '{{ site.url / baseurl / relative_url }}'
  if (syntax === hugoEscapeSyntax) return '{{</* escaped shortcode */>}}'
  return kind === 'hugo' ? `{{< ${name} >}}` : `{% ${name} %}`
}

/** A date value as plain text: no-break and other odd spaces (YAML `\\_`, pasted text) made plain, trimmed. */
const plainDate = (v: unknown): string | undefined => textOf(typeof v === 'string' ? v.replace(/[\u00a0\u2000-\u200b\u202f\u3000]/g, ' ') : v)
const textOf = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined)
const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [])

/** The first level-1 ATX heading of a body, outside code. */
function firstHeading(body: string): string | undefined {
  const ranges = codeRanges(body)
  for (const m of body.matchAll(/^#[ \t]+(.+?)[ \t#]*$/gm)) if (!inRanges(ranges, m.index)) return m[1]
  return undefined
}

/** The body without its first level-1 heading (it became the title). */
function withoutFirstHeading(body: string): string {
  const ranges = codeRanges(body)
  for (const m of body.matchAll(/^#[ \t]+(.+?)[ \t#]*$/gm)) if (!inRanges(ranges, m.index)) return body.slice(0, m.index) + body.slice(m.index + m[0].length)
  return body
}

/** A date with its wall-clock time (the SiteDate's ISO text is in the site's zone). */
function withTime(date: SiteDate): SiteDate & { hour: number; minute: number; second: number } {
  const m = /T(\d{2}):(\d{2}):(\d{2})/.exec(date.iso)
  return { ...date, hour: Number(m?.[1] ?? 0), minute: Number(m?.[2] ?? 0), second: Number(m?.[3] ?? 0) }
}

/** A file name for a slug: the engine skips files whose names start with `_` or `.` (`_index 1.md` → `index-1.md`). */
function fileNameOf(slug: string): string {
  return slug.replace(/^[_.]+/, '') || 'untitled'
}

/** A slug the new site accepts, from any text: white space and URL-special characters become `-`. */
function sanitizeSlug(text: string): string {
  const slug = text.normalize('NFC').trim().replace(/[\s?#%\\/]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[-.]+|-+$/g, '')
  return slug === '' ? slugify(text) : slug
}

/** The slug of a post that cannot keep its URL: its own `slug`, else the last part of the generator's name for it. */
function naturalSlug(e: Entry, kind: SourceKind): string {
  const own = textOf(e.split.data.slug)
  if (own && isGoodSlug(own)) return own
  const base = e.source.fileSlug.split('/').pop()!
  return sanitizeSlug(kind === 'hugo' && !own ? base : own ?? base)
}

/** A post's new URL under the chosen permalink. */
function newUrl(permalink: string, date: SiteDate | undefined, slug: string): string {
  const pad = (n: number): string => String(n).padStart(2, '0')
  return permalink
    .replace(/:year/g, String(date?.year ?? 1970))
    .replace(/:month/g, pad(date?.month ?? 1))
    .replace(/:day/g, pad(date?.day ?? 1))
    .replace(/:slug/g, slug)
}

/** A URL path in the form two paths of one page share: decoded, without `index.html` or a trailing `/`. */
const norm = (u: string): string => decodeSafe(u).replace(/index\.html$/, '').replace(/\/$/, '')

/** Two URL paths are the same page: equal, or equal but for the trailing `/` (hosts redirect `/a` to `/a/`), or `index.html`. */
function sameUrl(a: string, b: string): boolean {
  return norm(a) === norm(b)
}

/** A relative link from one new file to another (`./other.md`, `../pages/about.md`). */
function relativeHref(from: string, to: string): string {
  const href = posix.relative(posix.dirname(from), to)
  return href.startsWith('.') ? href : './' + href
}

const safeDecode = (u: string): string => decodeSafe(u)
const decodeSafe = (u: string): string => {
  try {
    return decodeURI(u)
  } catch {
    return u
  }
}

/** Whether a URL names a folder (ends in `/` or has no extension). */
function isDirUrl(url: string): boolean {
  return url.endsWith('/') || !/\.[A-Za-z0-9]+$/.test(url.split('/').pop() ?? '')
}

const dirForm = (url: string): string => decodeSafe(url).replace(/\/?$/, '/')

/** A page's path under its content root without extension (`about/index`, `docs/setup`). */
function pageRel(source: SourceEntry, kind: SourceKind, settings: OldSettings): string {
  const root = kind === 'hexo' ? String(settings.options.sourceDir ?? 'source') + '/' : kind === 'hugo' ? String(settings.options.contentDir ?? 'content') + '/' : ''
  return source.path.slice(root.length).replace(/\.[^./]+$/, '')
}

/** A page's URL on the old site. */
function pageOldUrl(e: Entry, rel: string, kind: SourceKind): string {
  const own = textOf(e.split.data.permalink ?? (kind === 'hugo' ? e.split.data.url : undefined))
  if (own) return ('/' + own).replace(/\/{2,}/g, '/')
  if (kind === 'hexo') return rel.endsWith('/index') ? `/${rel.slice(0, -'index'.length)}` : `/${rel}.html`
  if (kind === 'jekyll') return rel.endsWith('index') ? `/${rel.slice(0, -'index'.length)}` : `/${rel}.html`
  const slug = textOf(e.split.data.slug)
  const path = rel.replace(/\/index$/, '')
  const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : ''
  return hugoPath(`/${dir}${slug ?? path.split('/').pop()}/`)
}

/** A column id for a category: its slug, or the slug of its whole path when another category took that. */
function columnId(name: string, path: string[], columns: Map<string, unknown>): string {
  let id = slugify(name)
  if (columns.has(id)) id = slugify(path.join('-'))
  for (let n = 2; columns.has(id); n++) id = `${slugify(path.join('-'))}-${n}`
  return id
}
