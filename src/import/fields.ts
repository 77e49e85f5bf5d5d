/**
 * Front-matter rewrite: another generator's fields turned into ours (title,
 * date, updated, tags, summary, draft), every field we do not know kept.
 */
import type { SourceKind } from './types.js'

/** Keys whose capitalised forms (`Title:`) old posts carry. */
const knownLower = ['title', 'date', 'tags', 'categories', 'updated', 'slug', 'description']

/** Fields that give the updated date, in order of preference. */
const updatedKeys = ['updated', 'update', 'lastmod', 'last_modified_at', 'modified']

/**
 * A post's tags as a list of text: Jekyll's space-separated text split, empty items dropped,
 * numbers and booleans made text.
 *
 * @param value The `tags` (or `tag`) value.
 * @param kind Generator (Jekyll splits text on spaces; the others read one tag, or commas).
 * @returns Tags.
 */
export function tagsOf(value: unknown, kind: SourceKind): string[] {
  const items = Array.isArray(value) ? value.flat(2) : value === undefined || value === null ? [] : [value]
  const out: string[] = []
  for (const item of items) {
    if (item === null || item === undefined || typeof item === 'object') continue
    const words = kind === 'jekyll' && typeof item === 'string' && !Array.isArray(value) ? item.split(/\s+/) : typeof item === 'string' && !Array.isArray(value) ? item.split(/[,，]/) : [String(item)]
    for (const w of words) {
      const tag = w.trim()
      if (tag !== '' && !out.includes(tag)) out.push(tag)
    }
  }
  return out
}

/**
 * The first category path of a post: Hexo's list is one path (`[技术, Go]`), a list of lists is several paths;
 * Jekyll's text is space-separated categories (its URL nests them); Hugo's list holds separate categories.
 *
 * @param data Front matter.
 * @param kind Generator.
 * @returns The path (empty when none).
 */
export function categoryPath(data: Record<string, unknown>, kind: SourceKind): string[] {
  const value = data.categories ?? data.category
  if (value === undefined || value === null || value === '') return []
  const clean = (items: unknown[]): string[] => items.filter((i) => i !== null && i !== undefined && typeof i !== 'object' && String(i).trim() !== '').map((i) => String(i).trim())
  if (typeof value === 'string' || typeof value === 'number') return kind === 'jekyll' ? clean(String(value).split(/\s+/).slice(0, 1)) : clean([value])
  if (!Array.isArray(value)) return []
  if (kind === 'hexo') {
    const first = value.find((v) => v !== null && v !== undefined)
    return Array.isArray(first) ? clean(first) : clean(value.filter((v) => !Array.isArray(v)))
  }
  return clean(value.slice(0, 1))
}

/** Every category of a post as its old URL names them (Jekyll's `:categories` joins them all). */
export function urlCategories(data: Record<string, unknown>, kind: SourceKind): string[] {
  if (kind !== 'jekyll') return categoryPath(data, kind)
  const value = data.categories ?? data.category
  const items = Array.isArray(value) ? value : typeof value === 'string' || typeof value === 'number' ? String(value).split(/\s+/) : []
  return items.filter((i) => i !== null && typeof i !== 'object' && String(i).trim() !== '').map((i) => String(i).trim())
}

/** Every category path of a post (for the old URLs of category pages). */
export function allCategoryPaths(data: Record<string, unknown>, kind: SourceKind): string[][] {
  const value = data.categories ?? data.category
  if (kind === 'hexo' && Array.isArray(value) && value.some(Array.isArray)) {
    return value.map((v) => (Array.isArray(v) ? v : [v])).map((p) => p.filter((x) => x !== null && x !== undefined).map(String)).filter((p) => p.length > 0)
  }
  if (kind === 'hugo' && Array.isArray(value)) return value.filter((v) => v !== null && typeof v !== 'object').map((v) => [String(v)])
  const path = categoryPath(data, kind)
  return path.length > 0 ? [path] : []
}

/** What the rewrite of one entry's front matter is given besides the old data. */
export interface FieldFacts {
  kind: SourceKind
  title: string
  /** The date as text our parser reads (the old one, or one made from the file name). */
  date?: string
  draft: boolean
  /** The post's column id, when it has categories. */
  column?: string
  /** A `slug` to write when the file name is not the slug. */
  slug?: string
  /** The post's own URL (our `permalink`), when it had one of its own. */
  permalink?: string
  /** Old URLs that must redirect here. */
  aliases: string[]
  /** A date value as text the engine reads (odd spaces made plain), or undefined when it is not a date. */
  readDate: (value: unknown) => string | undefined
}

/**
 * Rewrite front matter into Inkstone's fields.
 *
 * @param data Old front matter.
 * @param facts What the import worked out for this entry.
 * @returns New front matter (key order is fixed by writeFrontMatter).
 */
export function rewriteFields(data: Record<string, unknown>, facts: FieldFacts): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data }
  for (const key of knownLower) {
    const upper = key[0].toUpperCase() + key.slice(1)
    if (out[key] === undefined && out[upper] !== undefined) {
      out[key] = out[upper]
      delete out[upper]
    }
  }
  out.title = facts.title
  if (facts.date !== undefined) out.date = facts.date
  if (facts.kind === 'hugo') {
    for (const k of ['publishDate', 'publishdate', 'pubDate']) if (out[k] === facts.date) delete out[k]
  }
  for (const key of updatedKeys) {
    const value = out[key]
    if (value === undefined || value === null || value === '') continue
    const text = facts.readDate(value)
    if (text !== undefined) {
      if (key !== 'updated') delete out[key]
      out.updated = text
    } else if (key === 'updated') {
      // Not a date the engine reads: kept under another name, so that the post still builds.
      delete out.updated
      out.updated_text = value
    }
    break
  }
  const tags = tagsOf(out.tags ?? out.tag, facts.kind)
  delete out.tag
  if (tags.length > 0) out.tags = tags
  else delete out.tags
  if (facts.column) out.column = facts.column
  if (out.summary === undefined || typeof out.summary !== 'string') {
    const summary = [out.description, out.excerpt].find((v) => typeof v === 'string' && v.trim() !== '')
    if (summary !== undefined) out.summary = summary
  }
  if (facts.draft || out.published === false) out.draft = true
  else if (typeof out.draft !== 'boolean') delete out.draft
  if (facts.slug) out.slug = facts.slug
  else if (facts.kind !== 'markdown') delete out.slug
  if (facts.kind === 'hugo') delete out.url
  if (facts.permalink) out.permalink = facts.permalink
  else delete out.permalink
  const aliases = [...toList(out.aliases), ...facts.aliases].filter((a, i, all) => all.indexOf(a) === i)
  if (aliases.length > 0) out.aliases = aliases
  else delete out.aliases
  return out
}

const toList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : [])
