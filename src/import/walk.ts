/**
 * The content walk: which source files are posts, drafts and pages, which
 * files belong to a post (its asset folder or bundle), which are static
 * files for `public/`, and which are left behind (themes, templates).
 */
import type { SourceKind, SourceTree } from './types.js'

/** A post or page found in the source. */
export interface SourceEntry {
  /** Source path of the Markdown file. */
  path: string
  /** Asset files of the post (its Hexo asset folder or Hugo/Jekyll bundle): source path → path inside the new bundle. */
  assets: Array<[string, string]>
  draft: boolean
  /** The generator's name for the entry: Hexo `:title` (path under _posts without extension), Jekyll's file name, Hugo's file or bundle name. */
  fileSlug: string
  /** Folder of the entry relative to the content root (Hugo section path, Hexo page folder). */
  section: string
}

/** What the walk found. */
export interface Walked {
  posts: SourceEntry[]
  pages: SourceEntry[]
  /** Source path → path under `public/`. */
  statics: Array<[string, string]>
  /** Source paths (or folders) not imported, with why. */
  leftBehind: string[]
}

const markdown = /\.(md|markdown|mdown|mkd)$/i
const stripExt = (p: string): string => p.replace(/\.[^./]+$/, '')
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1)
const dirOf = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '')
const hiddenOrUnderscore = (p: string): boolean => p.split('/').some((s) => s.startsWith('_') || s.startsWith('.'))

/** Summarise left-behind files by their top folder, so a theme of 500 files is one line. */
function summarise(paths: string[], why: string, out: string[]): void {
  const groups = new Map<string, number>()
  for (const p of paths) {
    const top = p.includes('/') ? p.slice(0, p.indexOf('/') + 1) : p
    groups.set(top, (groups.get(top) ?? 0) + 1)
  }
  for (const [top, n] of groups) out.push(`${top}${n > 1 || top.endsWith('/') ? ` (${n} files)` : ''}: ${why}`)
}

/** Posts and their asset folders under `dir` (Hexo `_posts`/`_drafts`: `a.md` with the folder `a/`). */
function postsWithAssetFolders(tree: SourceTree, dir: string, draft: boolean, fileSlugOf: (rel: string) => string): { posts: SourceEntry[]; used: Set<string> } {
  const files = [...tree.keys()].filter((p) => p.startsWith(dir + '/'))
  const posts: SourceEntry[] = []
  const used = new Set<string>()
  const mdFiles = files.filter((p) => markdown.test(p))
  for (const path of mdFiles) {
    const isIndex = base(path) === 'index.md'
    // A post's files: the folder of the same name (Hexo's asset folder), or the rest of a bundle folder.
    const assetRoot = isIndex ? dirOf(path) + '/' : stripExt(path) + '/'
    const assets = files
      .filter((p) => p.startsWith(assetRoot) && !markdown.test(p) && !used.has(p))
      .map((p): [string, string] => [p, p.slice(assetRoot.length)])
    for (const [p] of assets) used.add(p)
    used.add(path)
    const rel = (isIndex ? dirOf(path) : stripExt(path)).slice(dir.length + 1)
    posts.push({ path, assets, draft, fileSlug: fileSlugOf(rel), section: '' })
  }
  return { posts, used }
}

/** Hexo: source/_posts, source/_drafts, pages under source/, the rest of source/ is static. */
function walkHexo(tree: SourceTree, options: Record<string, unknown>): Walked {
  const src = String(options.sourceDir ?? 'source')
  const newPostName = String(options.newPostName ?? ':title.md')
  const fileSlugOf = (rel: string): string => {
    // new_post_name `:year-:month-:day-:title.md` makes the file name carry the date; :title is the rest.
    const pattern = stripExt(newPostName).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:title/, '(?<title>.+)').replace(/:(year|month|day|i_month|i_day)/g, '\\d{1,4}')
    const m = new RegExp('^' + pattern + '$').exec(rel)
    return m?.groups?.title ?? rel
  }
  const posts = postsWithAssetFolders(tree, `${src}/_posts`, false, fileSlugOf)
  const drafts = postsWithAssetFolders(tree, `${src}/_drafts`, true, fileSlugOf)
  const pages: SourceEntry[] = []
  const statics: Array<[string, string]> = []
  const leftBehind: string[] = []
  const skipRender = (options.skipRender as string[] | undefined) ?? []
  const skipped = (rel: string): boolean => skipRender.some((g) => globMatch(g, rel))
  const pageFiles = new Set<string>()
  for (const path of tree.keys()) {
    if (!path.startsWith(src + '/')) continue
    const rel = path.slice(src.length + 1)
    if (rel.startsWith('_posts/') || rel.startsWith('_drafts/')) continue
    if (hiddenOrUnderscore(rel)) continue
    if (markdown.test(rel) && !skipped(rel)) {
      pageFiles.add(path)
      pages.push({ path, assets: [], draft: false, fileSlug: stripExt(rel), section: dirOf(rel) })
    } else statics.push([path, rel])
  }
  const unused = [...tree.keys()].filter((p) => !posts.used.has(p) && !drafts.used.has(p) && !pageFiles.has(p) && !statics.some(([s]) => s === p))
  summarise(unused.filter((p) => p.startsWith(src + '/')), 'not a post, page or static file', leftBehind)
  summarise(unused.filter((p) => !p.startsWith(src + '/')), 'Hexo project file (theme, scaffolds, config, packages): not imported', leftBehind)
  return { posts: [...posts.posts, ...drafts.posts], pages, statics, leftBehind }
}

/** Jekyll: _posts, _drafts (file names carry the date), Markdown pages with front matter, static files. */
function walkJekyll(tree: SourceTree, options: Record<string, unknown>): Walked {
  const exclude = new Set([...(options.exclude as string[] | undefined ?? []), 'Gemfile', 'Gemfile.lock', 'package.json', 'package-lock.json', 'yarn.lock', 'Rakefile', 'README.md', 'readme.md', 'README', 'LICENSE', 'LICENSE.md', 'LICENSE.txt', 'CHANGELOG.md', 'netlify.toml', 'docker-compose.yml', 'Dockerfile'])
  const excluded = (p: string): boolean => [...exclude].some((e) => p === e || p.startsWith(e.replace(/\/?$/, '/'))) || /\.gemspec$/.test(p)
  const fileSlugOf = (rel: string): string => base(rel).replace(/^\d{4}-\d{1,2}-\d{1,2}-/, '')
  const posts = postsWithAssetFolders(tree, '_posts', false, fileSlugOf)
  const drafts = postsWithAssetFolders(tree, '_drafts', true, fileSlugOf)
  for (const name of Object.keys((options.collections as Record<string, string> | undefined) ?? {})) {
    const found = postsWithAssetFolders(tree, `_${name}`, false, fileSlugOf)
    for (const entry of found.posts) posts.posts.push({ ...entry, section: name })
    for (const path of found.used) posts.used.add(path)
  }
  const pages: SourceEntry[] = []
  const statics: Array<[string, string]> = []
  const leftBehind: string[] = []
  const templates: string[] = []
  const other: string[] = []
  for (const [path, bytes] of tree) {
    if (posts.used.has(path) || drafts.used.has(path)) continue
    if (hiddenOrUnderscore(path) || excluded(path)) {
      other.push(path)
      continue
    }
    const hasFrontMatter = bytes.subarray(0, 4).toString('utf8').startsWith('---')
    if (markdown.test(path) && hasFrontMatter) pages.push({ path, assets: [], draft: false, fileSlug: stripExt(base(path)), section: dirOf(path) })
    else if (hasFrontMatter) templates.push(path)
    else statics.push([path, path])
  }
  summarise(templates, 'a Liquid template page (the new theme makes its own index, feeds and lists)', leftBehind)
  summarise(other, 'Jekyll project file (layouts, includes, config, data): not imported', leftBehind)
  return { posts: [...posts.posts, ...drafts.posts], pages, statics, leftBehind }
}

/** Hugo: the main section's files and bundles are posts, other content is pages, static/ is public. */
function walkHugo(tree: SourceTree, options: Record<string, unknown>): Walked {
  const contentDir = String(options.contentDir ?? 'content')
  const staticDir = String(options.staticDir ?? 'static')
  const files = [...tree.keys()].filter((p) => p.startsWith(contentDir + '/'))
  const sectionOf = (p: string): string => p.slice(contentDir.length + 1).split('/')[0]
  const counts = new Map<string, number>()
  for (const p of files) if (markdown.test(p) && p.slice(contentDir.length + 1).includes('/') && !base(p).startsWith('_index')) counts.set(sectionOf(p), (counts.get(sectionOf(p)) ?? 0) + 1)
  const declared = (options.mainSections as string[] | undefined) ?? []
  const main = new Set(
    declared.length > 0
      ? declared
      : [['posts', 'post', 'blog', 'articles'].find((s) => counts.has(s)) ?? [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0]].filter(Boolean) as string[]
  )
  const posts: SourceEntry[] = []
  const pages: SourceEntry[] = []
  const statics: Array<[string, string]> = []
  const leftBehind: string[] = []
  const used = new Set<string>()
  const bundleDirs = files.filter((p) => /\/index\.(md|markdown)$/.test(p)).map((p) => dirOf(p) + '/')
  const bundleOf = (p: string): string | undefined => bundleDirs.filter((d) => p.startsWith(d)).sort((a, b) => b.length - a.length)[0]
  const listPages: string[] = []
  for (const path of files) {
    if (!markdown.test(path)) continue
    if (/^_index\./.test(base(path))) {
      listPages.push(path)
      used.add(path)
      continue
    }
    const rel = path.slice(contentDir.length + 1)
    const isIndex = /^index\./.test(base(path))
    const folder = isIndex ? dirOf(path) + '/' : undefined
    if (!isIndex && bundleOf(path)) continue
    const assets = folder ? files.filter((p) => p.startsWith(folder) && p !== path && bundleOf(p) === folder).map((p): [string, string] => [p, p.slice(folder.length)]) : []
    for (const [p] of assets) used.add(p)
    used.add(path)
    const fileSlug = isIndex ? base(dirOf(path)) : stripExt(base(path))
    const section = isIndex ? dirOf(dirOf(rel)) : dirOf(rel)
    const entry: SourceEntry = { path, assets, draft: false, fileSlug, section }
    if (main.has(sectionOf(path)) && rel.includes('/')) posts.push(entry)
    else pages.push(entry)
  }
  for (const path of tree.keys()) {
    if (path.startsWith(staticDir + '/')) statics.push([path, path.slice(staticDir.length + 1)])
    else if (path.startsWith(contentDir + '/') && !used.has(path)) statics.push([path, path.slice(contentDir.length + 1)])
  }
  summarise(listPages, 'a Hugo list page (the new site makes its own lists)', leftBehind)
  summarise([...tree.keys()].filter((p) => !p.startsWith(staticDir + '/') && !p.startsWith(contentDir + '/')), 'Hugo project file (layouts, themes, assets, config, data): not imported', leftBehind)
  return { posts, pages, statics, leftBehind }
}

/** A folder of Markdown files: every file is a post in the same place; every other file stays beside it (plan puts it there). */
function walkMarkdown(tree: SourceTree): Walked {
  const posts: SourceEntry[] = []
  const statics: Array<[string, string]> = []
  for (const path of tree.keys()) {
    if (markdown.test(path)) posts.push({ path, assets: [], draft: false, fileSlug: stripExt(base(path)), section: dirOf(path) })
    else statics.push([path, path])
  }
  return { posts, pages: [], statics, leftBehind: [] }
}

/**
 * Walk a source tree.
 *
 * @param kind Generator.
 * @param tree Source files.
 * @param options The generator options its settings reader found.
 * @returns Posts, pages, static files and what was left behind.
 */
export function walk(kind: SourceKind, tree: SourceTree, options: Record<string, unknown>): Walked {
  if (kind === 'hexo') return walkHexo(tree, options)
  if (kind === 'jekyll') return walkJekyll(tree, options)
  if (kind === 'hugo') return walkHugo(tree, options)
  return walkMarkdown(tree)
}

/** A small glob match (`*`, `**`, `?`) for Hexo's `skip_render`. */
export function globMatch(glob: string, path: string): boolean {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '.*')
  return new RegExp('^' + source + '$').test(path)
}
