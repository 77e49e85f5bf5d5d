/**
 * Front-matter validators for posts, columns and pages. Each problem points
 * at the key (or its value) in the file; every problem is reported, not only
 * the first.
 */
import type { VFile } from 'vfile'
import type { ColumnMatter, License, PageMatter, Place, PostMatter, SiteDate } from '../types.js'
import { report, type RuleId } from '../messages.js'
import { parseDate } from './dates.js'
import { segmentProblem, slugFromSegment } from '../site/urls.js'
import type { SplitFile } from './front-matter.js'

const postKeys = new Set(['title', 'date', 'updated', 'tags', 'column', 'draft', 'slug', 'summary', 'cover', 'license'])
const columnKeys = new Set(['title', 'parent', 'order'])
const pageKeys = new Set(['title', 'order', 'slug'])

/** Helpers bound to one file. */
function fieldReader(file: VFile, split: SplitFile) {
  const { data } = split
  const at = (key: string): Place => split.values[key] ?? split.keys[key] ?? { line: 1, column: 1 }
  const fail = (rule: RuleId, key: string, reason: string, actual?: unknown) =>
    report(file, rule, reason, at(key), actual === undefined ? {} : { actual: stringify(actual) })
  return {
    data,
    fail,
    title(): string {
      const value = data.title
      if (value === undefined || value === null || value === '') {
        report(file, 'missing-title', 'Missing `title`', split.keys.title ?? { line: 1, column: 1 })
        return ''
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        fail('invalid-field', 'title', `Expected \`title\` to be text, not ${describe(value)}`, value)
        return ''
      }
      return String(value).trim()
    },
    date(key: 'date' | 'updated', zone: string, required: boolean): SiteDate | undefined {
      const value = data[key]
      if (value === undefined || value === null || value === '') {
        if (required) report(file, 'missing-date', `Missing \`${key}\``, split.keys[key] ?? { line: 1, column: 1 })
        return undefined
      }
      const date = parseDate(typeof value === 'number' ? String(value) : value, zone)
      if (!date) fail('invalid-date', key, `Expected \`${key}\` to be a real date, not \`${stringify(value)}\``, value)
      return date
    },
    text(key: string): string | undefined {
      const value = data[key]
      if (value === undefined || value === null) return undefined
      if (typeof value !== 'string' && typeof value !== 'number') {
        fail('invalid-field', key, `Expected \`${key}\` to be text, not ${describe(value)}`, value)
        return undefined
      }
      return String(value)
    },
    number(key: string): number | undefined {
      const value = data[key]
      if (value === undefined || value === null) return undefined
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        fail('invalid-field', key, `Expected \`${key}\` to be a number, not ${describe(value)}`, value)
        return undefined
      }
      return value
    },
    boolean(key: string): boolean {
      const value = data[key]
      if (value === undefined || value === null) return false
      if (typeof value !== 'boolean') {
        fail('invalid-field', key, `Expected \`${key}\` to be true or false, not ${describe(value)}`, value)
        return false
      }
      return value
    },
    slug(): string | undefined {
      const value = this.text('slug')
      if (value === undefined) return undefined
      const reason = slugProblem(value)
      if (reason) {
        fail('invalid-slug', 'slug', reason, value)
        return undefined
      }
      // White space and punctuation go through the slug rule (`my post` is `my-post`).
      return slugFromSegment(value)
    },
    extra(known: Set<string>): Record<string, unknown> {
      const extra: Record<string, unknown> = {}
      for (const key of Object.keys(data).sort()) if (!known.has(key)) extra[key] = data[key]
      return extra
    }
  }
}

/**
 * Why `slug` is not a usable URL segment, or undefined when it is (the slug
 * rule of `site/urls.ts`: no reserved character, no `..`, not empty).
 *
 * @param slug Candidate slug.
 * @returns Reason, or undefined.
 */
export function slugProblem(slug: string): string | undefined {
  return segmentProblem(slug)
}

/**
 * Validate a post's front matter.
 *
 * @param file File (messages go here).
 * @param split Split front matter.
 * @param zone Site time zone.
 * @returns Post matter (fields that failed are left at safe defaults).
 */
export function postMatter(file: VFile, split: SplitFile, zone: string): PostMatter {
  const r = fieldReader(file, split)
  const matter: PostMatter = {
    title: r.title(),
    date: r.date('date', zone, true) ?? { iso: '1970-01-01T00:00:00Z', ms: 0, year: 1970, month: 1, day: 1 },
    tags: tags(r),
    draft: r.boolean('draft'),
    extra: r.extra(postKeys)
  }
  const updated = r.date('updated', zone, false)
  if (updated) matter.updated = updated
  const column = r.text('column')
  if (column !== undefined && column.trim() !== '') matter.column = column.trim()
  const slug = r.slug()
  if (slug !== undefined) matter.slug = slug
  const summary = r.text('summary')
  if (summary !== undefined) matter.summary = summary
  const cover = r.text('cover')
  if (cover !== undefined) matter.cover = cover
  const license = licenseOf(r)
  if (license) matter.license = license
  return matter
}

/**
 * Validate a column's front matter.
 *
 * @param file File.
 * @param split Split front matter.
 * @returns Column matter.
 */
export function columnMatter(file: VFile, split: SplitFile): ColumnMatter {
  const r = fieldReader(file, split)
  const matter: ColumnMatter = { title: r.title(), extra: r.extra(columnKeys) }
  const parent = r.text('parent')
  if (parent !== undefined && parent.trim() !== '') matter.parent = parent.trim()
  const order = r.number('order')
  if (order !== undefined) matter.order = order
  return matter
}

/**
 * Validate a page's front matter.
 *
 * @param file File.
 * @param split Split front matter.
 * @returns Page matter.
 */
export function pageMatter(file: VFile, split: SplitFile): PageMatter {
  const r = fieldReader(file, split)
  const matter: PageMatter = { title: r.title(), extra: r.extra(pageKeys) }
  const order = r.number('order')
  if (order !== undefined) matter.order = order
  const slug = r.slug()
  if (slug !== undefined) matter.slug = slug
  return matter
}

function tags(r: ReturnType<typeof fieldReader>): string[] {
  const value = r.data.tags
  if (value === undefined || value === null || value === '') return []
  let list: unknown[]
  if (typeof value === 'string') list = value.split(/[,，、]/)
  else if (Array.isArray(value)) list = value
  else {
    r.fail('invalid-field', 'tags', `Expected \`tags\` to be a list or a comma-separated text, not ${describe(value)}`, value)
    return []
  }
  const result: string[] = []
  for (const item of list) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      r.fail('invalid-field', 'tags', `Expected every tag to be text, not ${describe(item)}`, item)
      continue
    }
    const tag = String(item).trim()
    if (tag !== '' && !result.includes(tag)) result.push(tag)
  }
  return result
}

function licenseOf(r: ReturnType<typeof fieldReader>): License | undefined {
  const value = r.data.license
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return { name: value }
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as License).name === 'string') {
    const v = value as License
    return v.url ? { name: v.name, url: String(v.url) } : { name: v.name }
  }
  r.fail('invalid-field', 'license', 'Expected `license` to be a name or {name, url}', value)
  return undefined
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} \`${String(value)}\``
}

function stringify(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
