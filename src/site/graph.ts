/**
 * Over 300 lines for one job: the graph's parts (posts, tags, columns, pages, archives) and the checks that
 * need all of them are made in one pass over the entries.
 *
 * The site graph: every post, tag, column, page and archive with its URL,
 * sorted with explicit tie-breakers, plus the cross-reference checks that
 * need the whole site (unknown columns, cycles, URL collisions, links to
 * other posts). A pure function of the entries, the config, the flags and
 * "now"; it is rebuilt whole on every build, so it is never stale.
 */
import { posix } from 'node:path'
import type {
  BuildFlags, ColumnEntry, Entry, PageEntry, PostEntry, Problem, SiteConfig
} from '../types.js'
import { problem, withChecks } from '../messages.js'
import { didYouMean } from '../config/schema.js'
import { columnPath, decodePath, isContained, pagePath, postPath, slugFromName, slugify, tagPath, type SiteLink } from './urls.js'
import { datePrefix } from '../content/dates.js'
import { categoryColumns } from './categories.js'
import { siteRedirects } from './site-redirects.js'
import type { ArchiveYear, Column, Page, Post, Redirect, SiteGraph, Tag } from './model.js'

export type * from './model.js'

/** Inputs of the graph. */
export interface GraphInput {
  entries: Entry[]
  config: SiteConfig
  flags: BuildFlags
  /** The current time (ms), for future-dated posts. Passed in, never read here. */
  now: number
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Rule ids that leave an entry without usable front matter. */
const unusable = new Set([
  'unreadable-file', 'not-utf8', 'yaml-syntax', 'front-matter-type',
  // The limits and refusals of src/content/parse.ts and front-matter.ts.
  'front-matter-language', 'yaml-aliases', 'nesting-too-deep', 'too-many-cells', 'parse-timeout', 'file-too-large', 'parse-failed',
  // An author's Markdown plugin (inkstone.config.*) threw on the file.
  'plugin-failed'
])

/**
 * Everything the graph reads from an entry, as one string: two entries with
 * the same facts give the same graph, whatever their bodies' HTML. (Keep in
 * step with buildSiteGraph: every `entry.` it reads is here.)
 *
 * @param entry Entry.
 * @returns Facts key.
 */
export function graphFacts(entry: Entry, places = true): string {
  return JSON.stringify([
    entry.kind, entry.path, entry.name, places ? entry.keys : null, entry.matter, entry.problems.some((p) => unusable.has(p.ruleId)),
    places ? entry.body.references : entry.body.references.map((r) => [r.kind, r.target, r.fragment]), entry.body.headings.map((h) => h.id),
    entry.kind === 'post' ? [entry.bundle, entry.assets] : null
  ])
}

/**
 * Build the site graph.
 *
 * @param input Entries, config, flags and now.
 * @returns The graph, with cross-reference problems in `problems`.
 */
export function buildSiteGraph(input: GraphInput): SiteGraph {
  const { config, flags, now } = input
  const problems: Problem[] = []
  const usable = input.entries.filter((e) => !e.problems.some((p) => unusable.has(p.ruleId)))
  const entriesByPath = new Map(input.entries.map((e) => [e.path, e]))

  // Columns first: posts point at them.
  const columnsById = new Map<string, Column>()
  for (const entry of usable) {
    if (entry.kind !== 'column') continue
    const slug = slugify(entry.name)
    columnsById.set(entry.name, {
      entry, id: entry.name, title: entry.matter.title || entry.name, slug, url: columnPath(slug),
      order: entry.matter.order, children: [], own: [], posts: [], depth: 0
    })
  }
  // Posts' `categories` (Hexo, Jekyll) name columns that need no file (see categories.ts).
  const fromCategories = categoryColumns(usable, columnsById)
  for (const column of fromCategories.columns) columnsById.set(column.id, column)
  const columnIds = [...columnsById.keys()]
  for (const column of columnsById.values()) {
    const parentId = column.entry.matter.parent
    if (parentId === undefined) continue
    const parent = columnsById.get(parentId)
    if (!parent) {
      problems.push(unknownColumn(column.entry, 'parent', parentId, columnIds))
      continue
    }
    column.parent = parent
  }
  // Cycles: walk up from each column; a column met twice is in a cycle.
  const inCycle = new Set<Column>()
  for (const column of columnsById.values()) {
    const seen = new Set<Column>()
    let at: Column | undefined = column
    while (at && !seen.has(at)) {
      seen.add(at)
      at = at.parent
    }
    if (at === column) inCycle.add(column)
  }
  for (const column of [...inCycle].sort((a, b) => byString(a.entry.path, b.entry.path))) {
    const chain: string[] = [column.id]
    for (let at = column.parent; at && at !== column; at = at.parent) chain.push(at.id)
    chain.push(column.id)
    problems.push(
      problem(column.entry.path, 'column-cycle', `Column \`${column.id}\` is its own ancestor: ${chain.join(' → ')}`,
        column.entry.keys.parent, { cause: { path: column.parent!.entry.path, reason: 'Next column of the cycle' } })
    )
  }
  for (const column of inCycle) delete column.parent
  const columnOrder = (a: Column, b: Column): number =>
    (a.order ?? Infinity) - (b.order ?? Infinity) || byString(a.title, b.title) || byString(a.id, b.id)
  for (const column of columnsById.values()) column.parent?.children.push(column)
  for (const column of columnsById.values()) column.children.sort(columnOrder)
  const roots = [...columnsById.values()].filter((c) => !c.parent).sort(columnOrder)
  const setDepth = (c: Column, depth: number): void => {
    c.depth = depth
    for (const child of c.children) setDepth(child, depth + 1)
  }
  for (const root of roots) setDepth(root, 0)

  // Posts: published ones, newest first, ties broken by path.
  const posts: Post[] = []
  const redirects: Redirect[] = []
  for (const entry of usable) {
    if (entry.kind !== 'post') continue
    const draft = entry.matter.draft
    const future = entry.matter.date.ms > now
    if ((draft && !flags.drafts) || (future && !flags.future)) continue
    // `2016-06-28-slug.md` (Jekyll, Hexo): the date is not part of the slug.
    const slug = entry.matter.slug ?? slugFromName(datePrefix(entry.name)?.rest ?? entry.name)
    const own = ownUrl(config, entry, slug)
    const post: Post = { entry, title: entry.matter.title, slug, url: own.url, tags: [], draft, future, index: 0 }
    if (entry.matter.pinned !== undefined) post.pinned = entry.matter.pinned
    for (const from of new Set([...own.aliases, ...(entry.matter.aliases ?? [])])) {
      if (from !== post.url) redirects.push({ from, to: post.url, title: post.title, path: entry.path, alias: true })
    }
    if (entry.matter.redirectTo !== undefined) {
      // The post is only a redirect: its URL sends readers on; it is in no list, feed or sitemap.
      redirects.push({ from: post.url, to: entry.matter.redirectTo, title: post.title, path: entry.path, alias: false })
      continue
    }
    const columnId = entry.matter.column ?? fromCategories.byPost.get(entry.path)
    if (columnId !== undefined) {
      const column = columnsById.get(columnId)
      if (column) post.column = column
      else problems.push(unknownColumn(entry, 'column', columnId, columnIds))
    }
    posts.push(post)
  }
  posts.sort((a, b) => b.entry.matter.date.ms - a.entry.matter.date.ms || byString(a.entry.path, b.entry.path))
  posts.forEach((p, i) => (p.index = i))
  const pinned = posts.filter((p) => p.pinned !== undefined).sort((a, b) => b.pinned! - a.pinned! || a.index - b.index)
  const home = pinned.length === 0 ? posts : [...pinned, ...posts.filter((p) => p.pinned === undefined)]
  redirects.sort((a, b) => byString(a.from, b.from) || byString(a.path, b.path))

  // Tags: one per slug; the display name is the spelling most posts use.
  const tagSpellings = new Map<string, Map<string, number>>()
  const tagsBySlug = new Map<string, Tag>()
  // A blog has tens of tags on thousands of posts: slug each spelling once (~10 ms at 4,000 posts).
  const tagSlugs = new Map<string, string>()
  for (const post of posts) {
    for (const name of post.entry.matter.tags) {
      let slug = tagSlugs.get(name)
      if (slug === undefined) tagSlugs.set(name, (slug = slugify(name)))
      let tag = tagsBySlug.get(slug)
      if (!tag) {
        tag = { name, slug, url: tagPath(slug), posts: [] }
        tagsBySlug.set(slug, tag)
        tagSpellings.set(slug, new Map())
      }
      if (!post.tags.includes(tag)) {
        post.tags.push(tag)
        tag.posts.push(post)
      }
      const spellings = tagSpellings.get(slug)!
      spellings.set(name, (spellings.get(name) ?? 0) + 1)
    }
  }
  for (const tag of tagsBySlug.values()) {
    const spellings = [...tagSpellings.get(tag.slug)!.entries()].sort((a, b) => b[1] - a[1] || byString(a[0], b[0]))
    tag.name = spellings[0][0]
  }
  const tags = [...tagsBySlug.values()].sort((a, b) => byString(a.slug, b.slug))

  // Column post lists: own (reading order) and subtree (newest first).
  for (const post of posts) {
    if (!post.column) continue
    post.column.own.push(post)
    for (let at: Column | undefined = post.column; at; at = at.parent) at.posts.push(post)
  }
  for (const column of columnsById.values()) column.own.reverse()

  // Pages.
  const pages: Page[] = usable
    .filter((e): e is PageEntry => e.kind === 'page')
    .map((entry) => {
      const slug = entry.matter.slug ?? slugFromName(entry.name)
      return { entry, title: entry.matter.title, slug, url: `/${slug}/`, order: entry.matter.order }
    })
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || byString(a.title, b.title) || byString(a.entry.path, b.entry.path))

  // Archives: years and months, newest first.
  const years = new Map<number, ArchiveYear>()
  for (const post of posts) {
    const { year, month } = post.entry.matter.date
    let y = years.get(year)
    if (!y) years.set(year, (y = { year, url: `/archives/${year}/`, months: [], posts: [] }))
    y.posts.push(post)
    let m = y.months.find((x) => x.month === month)
    if (!m) y.months.push((m = { year, month, url: `/archives/${year}/${String(month).padStart(2, '0')}/`, posts: [] }))
    m.posts.push(post)
  }
  const archives = [...years.values()].sort((a, b) => b.year - a.year)
  for (const y of archives) y.months.sort((a, b) => b.month - a.month)

  // site.yaml's `redirects:` (site-redirects.ts), after the posts' own: each titled by what it leads to.
  redirects.push(...siteRedirects(config, { posts, pages, tags, columns: [...columnsById.values()] }))
  redirects.sort((a, b) => byString(a.from, b.from) || byString(a.path, b.path))

  // URL collisions over everything that owns a URL.
  const owners = new Map<string, Array<{ path: string; what: string; place?: { line: number; column: number } }>>()
  const claim = (url: string, path: string, what: string, place?: { line: number; column: number }): void => {
    const list = owners.get(url) ?? []
    list.push({ path, what, place })
    owners.set(url, list)
  }
  for (const url of ['/tags/', '/columns/', '/archives/', '/search/', '/404.html', '/atom.xml', '/rss.xml', '/feed.json', '/sitemap.xml', '/robots.txt', '/search.json']) {
    claim(url, '', 'a built-in page')
  }
  for (const extra of config.feed.paths ?? []) claim(extra.path, '', `the ${extra.format} feed at \`${extra.path}\` (\`feed.paths\` in site.yaml)`)
  // The list pages too: an alias or a permalink may name any URL.
  for (const url of ['/', ...tags.map((t) => t.url), ...archives.flatMap((y) => [y.url, ...y.months.map((m) => m.url)])]) claim(url, '', 'a list page')
  // And the later pages of the paginated ones (`/page/2/`…).
  const laterPages = (base: string, count: number): string[] =>
    Array.from({ length: Math.max(0, Math.ceil(count / config.paginate) - 1) }, (_, i) => pagePath(base, i + 2))
  const lists: Array<[string, number]> = [['/', home.length], ...tags.map((t): [string, number] => [t.url, t.posts.length]), ...[...columnsById.values()].map((c): [string, number] => [c.url, c.posts.length])]
  for (const [base, count] of lists) for (const url of laterPages(base, count)) claim(url, '', 'a list page')
  for (const post of posts) claim(post.url, post.entry.path, `post \`${post.title}\``, post.entry.keys.permalink ?? post.entry.keys.slug ?? post.entry.keys.title)
  for (const r of redirects) {
    if (r.site) {
      claim(r.from, r.path, `redirect of \`${r.from}\``, r.site)
      continue
    }
    const entry = entriesByPath.get(r.path) as PostEntry
    if (!r.alias) {
      claim(r.from, r.path, `redirect \`${r.title}\``, entry.keys.redirect_to)
      continue
    }
    claim(r.from, r.path, `alias of post \`${r.title}\``, entry.keys.aliases ?? entry.keys.redirect_from ?? entry.keys.permalink)
  }
  for (const page of pages) claim(page.url, page.entry.path, `page \`${page.title}\``, page.entry.keys.slug ?? page.entry.keys.title)
  for (const column of columnsById.values()) claim(column.url, column.entry.path, `column \`${column.id}\``, column.entry.keys.title)
  for (const [url, list] of [...owners.entries()].sort((a, b) => byString(a[0], b[0]))) {
    if (list.length < 2) continue
    for (const owner of list) {
      if (owner.path === '') continue
      const others = list.filter((o) => o !== owner)
      const names = others.map((o) => (o.path ? `${o.what} (${o.path})` : o.what)).join(', ')
      const other = others.find((o) => o.path !== '')
      // Two posts: say how to part them.
      const fix = owner.what.startsWith('post ') && others.some((o) => o.what.startsWith('post ')) ? '; set `slug` or `permalink` on one of them' : ''
      problems.push(
        problem(owner.path, 'url-collision', `The ${owner.what} lands on \`${url}\`, as does ${names}${fix}`, owner.place ?? { line: 1, column: 1 },
          other ? { cause: { path: other.path, reason: `Also lands on ${url}` } } : {})
      )
    }
  }

  // References: links to other Markdown files, and local assets.
  const published = new Map<string, { url: string; entry: Entry }>()
  for (const post of posts) published.set(post.entry.path, { url: post.url, entry: post.entry })
  for (const page of pages) published.set(page.entry.path, { url: page.url, entry: page.entry })
  for (const column of columnsById.values()) published.set(column.entry.path, { url: column.url, entry: column.entry })
  // A link typed in one Unicode form finds a file named in the other (macOS writes names decomposed, NFD).
  const publishedNfc = new Map([...published].map(([path, target]) => [path.normalize('NFC'), target]))
  const references = new Map<string, SiteLink[]>()
  const assets = new Map<string, string>()
  const owned: Array<{ entry: Entry; url: string }> = [
    ...posts.map((p) => ({ entry: p.entry as Entry, url: p.url })),
    ...pages.map((p) => ({ entry: p.entry as Entry, url: p.url })),
    ...[...columnsById.values()].map((c) => ({ entry: c.entry as Entry, url: c.url }))
  ]
  for (const { entry, url } of owned) {
    const dir = posix.dirname(entry.path)
    const resolved = entry.body.references.map((ref): SiteLink => {
      if (ref.kind === 'site') return { path: ref.target, fragment: ref.fragment }
      if (ref.kind === 'link') {
        const target = published.get(ref.target) ?? publishedNfc.get(ref.target.normalize('NFC'))
        if (!target) {
          const exists = entriesByPath.get(ref.target)
          const reason = exists
            ? `Link to \`${ref.target}\`, which is not published (a draft or a future post)`
            : `Link to \`${ref.target}\`, which does not exist`
          problems.push(problem(entry.path, 'missing-link-target', reason, ref))
          return { path: url, fragment: '' }
        }
        if (ref.fragment !== '') {
          const ids = target.entry.body.headings.map((h) => h.id)
          if (!ids.includes(ref.fragment)) {
            const guess = didYouMean(ref.fragment, ids)
            problems.push(
              problem(entry.path, 'missing-fragment',
                `Link to \`${ref.target}#${ref.fragment}\`, which has no heading with that id` + (guess ? `; did you mean \`${guess}\`?` : ''), ref)
            )
          }
        }
        return { path: target.url, fragment: ref.fragment }
      }
      const rel = posix.relative(dir, ref.target)
      const outPath = rel.startsWith('..') ? `assets/${ref.target.replace(/^content\//, '')}` : `${url.slice(1)}${rel}`
      if (!ref.target.startsWith('content/')) {
        problems.push(problem(entry.path, 'missing-image', `\`${ref.target}\` is outside the content folder`, ref))
        return { path: url, fragment: '' }
      }
      if (!isContained(outPath)) {
        problems.push(problem(entry.path, 'unsafe-file-name', `Link to \`${ref.target}\`, whose name holds a \`\\\` that no URL can carry`, ref, { fatal: true }))
        return { path: url, fragment: '' }
      }
      assets.set(outPath, ref.target)
      return { path: `/${outPath}`, fragment: '' }
    })
    references.set(entry.path, resolved)
  }
  for (const post of posts) {
    if (post.entry.bundle) {
      const dir = posix.dirname(post.entry.path)
      for (const asset of post.entry.assets) {
        const outPath = `${post.url.slice(1)}${posix.relative(dir, asset)}`
        // A file named `a\b.png` would be written outside its folder on some systems: left out, with a warning.
        if (isContained(outPath)) assets.set(outPath, asset)
        else problems.push(problem(asset, 'unsafe-file-name', `\`${asset}\` is not published: its name holds a \`\\\``))
      }
    }
    const cover = post.entry.matter.cover
    if (cover !== undefined) post.cover = coverUrl(cover, post, assets, config)
  }

  // `checks:` in site.yaml sets the severity of the cross-reference rules (or turns them off).
  return { config, posts, home, redirects, tags, columns: roots, columnsById, pages, archives, references, assets, problems: withChecks(problems, config.checks) }
}

/**
 * A post's own URL: its `permalink` (tokens as in site.yaml) or the site's
 * pattern. A permalink to a file (`/2016/06/old.html`, as Jekyll writes
 * them) becomes a folder URL (`/2016/06/old/`), and the file's URL an alias.
 */
function ownUrl(config: SiteConfig, entry: PostEntry, slug: string): { url: string; aliases: string[] } {
  const pattern = entry.matter.permalink
  if (pattern === undefined) return { url: postPath(config, entry.matter, slug), aliases: [] }
  const path = postPath({ ...config, permalink: pattern }, entry.matter, slug)
  if (path.endsWith('/')) return { url: path, aliases: [] }
  return { url: path.replace(/\.[a-z0-9]{1,5}$/i, '') + '/', aliases: [path] }
}

function coverUrl(cover: string, post: Post, assets: Map<string, string>, config: SiteConfig): string {
  if (/^[a-z]+:/i.test(cover)) return cover
  if (cover.startsWith('//')) return new URL(cover, config.url).href
  // A cover is a URL as written (as in Markdown: `%23` for a `#` in a file name): the path it stands for.
  const path = decodePath(cover.replace(/[?#].*$/s, ''))
  if (path.startsWith('/')) return path
  const dir = posix.dirname(post.entry.path)
  const target = posix.normalize(posix.join(dir, path))
  const rel = posix.relative(dir, target)
  const outPath = rel.startsWith('..') ? `assets/${target.replace(/^content\//, '')}` : `${post.url.slice(1)}${rel}`
  if (isContained(outPath)) assets.set(outPath, target)
  return `/${outPath}`
}

function unknownColumn(entry: PostEntry | ColumnEntry, key: 'column' | 'parent', id: string, known: string[]): Problem {
  const guess = didYouMean(id, known)
  return problem(
    entry.path, 'unknown-column',
    `Unknown column \`${id}\`` + (guess ? `; did you mean \`${guess}\`?` : ''),
    entry.keys[key], { actual: id, expected: known }
  )
}
