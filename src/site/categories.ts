/**
 * Columns from posts' `categories` (Hexo, Jekyll): a post without `column`
 * goes to the column its category path names, `[技术, Go]` being the column
 * `Go` under `技术`. A name that matches a column of content/columns/ (by id,
 * slug or title) is that column; any other gets a column without a file,
 * titled with its name, nested as the path says. Pure and order-independent.
 */
import type { ColumnEntry, Entry } from '../types.js'
import type { Column } from './model.js'
import { columnPath, slugify } from './urls.js'

/** The body of a column without a file: no description. */
const noBody: ColumnEntry['body'] = {
  html: '', excerptHtml: '', excerptText: '', searchText: '', searchDigest: '', hasMore: false, headings: [], toc: [], references: [],
  metrics: { cjkChars: 0, latinWords: 0, words: 0, readingMinutes: 1 }, math: false, code: false
}

/**
 * The columns that categories call for, and each post's column id.
 *
 * @param entries Usable entries.
 * @param explicit Columns from content/columns/, by id.
 * @returns New columns (parents by `matter.parent`), and column id by post path.
 */
export function categoryColumns(entries: Entry[], explicit: Map<string, Column>): { columns: Column[]; byPost: Map<string, string> } {
  const bySlug = new Map<string, string>()
  const byTitle = new Map<string, string>()
  for (const column of explicit.values()) {
    bySlug.set(column.slug, column.id)
    if (!byTitle.has(column.title)) byTitle.set(column.title, column.id)
  }
  const match = (name: string): string | undefined => (explicit.has(name) ? name : byTitle.get(name) ?? bySlug.get(slugify(name)))

  // Every category path prefix that no explicit column answers, by its path key.
  const wanted = new Map<string, { names: string[] }>()
  const paths = new Map<string, string[]>()
  for (const entry of entries) {
    if (entry.kind !== 'post' || entry.matter.column !== undefined || !entry.matter.categories) continue
    const names = entry.matter.categories
    paths.set(entry.path, names)
    for (let i = 0; i < names.length; i++) {
      if (match(names[i]) !== undefined) continue
      const key = names.slice(0, i + 1).join('\u0000')
      if (!wanted.has(key)) wanted.set(key, { names: names.slice(0, i + 1) })
    }
  }
  // A leaf name used under one parent path only is the id itself; else the whole path is.
  const leafUses = new Map<string, number>()
  for (const { names } of wanted.values()) leafUses.set(names.at(-1)!, (leafUses.get(names.at(-1)!) ?? 0) + 1)
  const idOf = new Map<string, string>()
  const keys = [...wanted.keys()].sort()
  for (const key of keys) {
    const names = wanted.get(key)!.names
    const leaf = names.at(-1)!
    idOf.set(key, leafUses.get(leaf) === 1 && !explicit.has(leaf) ? leaf : names.join('/'))
  }
  const columnIdAt = (names: string[], i: number): string => match(names[i]) ?? idOf.get(names.slice(0, i + 1).join('\u0000'))!

  const columns: Column[] = []
  for (const key of keys) {
    const names = wanted.get(key)!.names
    const id = idOf.get(key)!
    const matter: ColumnEntry['matter'] = { title: names.at(-1)!, extra: {} }
    if (names.length > 1) matter.parent = columnIdAt(names, names.length - 2)
    const entry: ColumnEntry = { kind: 'column', path: `content/columns/${id}.md`, name: id, keys: {}, body: noBody, problems: [], matter }
    const slug = slugify(id)
    columns.push({ entry, id, title: matter.title, slug, url: columnPath(slug), order: undefined, children: [], own: [], posts: [], depth: 0 })
  }
  const byPost = new Map<string, string>()
  for (const [path, names] of paths) byPost.set(path, columnIdAt(names, names.length - 1))
  return { columns, byPost }
}
