/**
 * Front-matter fields that other generators (Hexo, Jekyll, Hugo) write, read
 * with their meaning: categories, pins, aliases, permalinks, redirects. A
 * value of the wrong shape in one of these borrowed fields is a warning and
 * is left out (old posts must build); Inkstone's own fields stay strict.
 */
import type { VFile } from 'vfile'
import type { Place } from '../types.js'
import { report } from '../messages.js'
import type { SplitFile } from './front-matter.js'
import { urlPathOf } from '../util/url-path.js'

/** Read here first; its home is util/url-path.ts (config reads such paths too). */
export { urlPathOf }

/** Keys read here or as a synonym of one of Inkstone's own (summary, updated, cover, draft). */
export const borrowedKeys = [
  'categories', 'category', 'published', 'permalink', 'description', 'excerpt', 'lastmod', 'last_modified_at',
  'image', 'thumbnail', 'banner_img', 'index_img', 'top_img', 'sticky', 'top', 'pin', 'toc', 'comments',
  'mathjax', 'katex', 'math', 'aliases', 'redirect_from', 'redirect_to'
] as const

/** Synonyms of Inkstone's own fields, in the order they are tried after the field itself. */
export const synonyms = {
  summary: ['description', 'excerpt'],
  updated: ['lastmod', 'last_modified_at'],
  cover: ['image', 'thumbnail', 'banner_img', 'index_img', 'top_img']
} as const

/** Readers for borrowed fields of one file. */
export function otherFields(file: VFile, split: SplitFile) {
  const { data } = split
  const at = (key: string): Place => split.values[key] ?? split.keys[key] ?? { line: 1, column: 1 }
  const warn = (key: string, reason: string): void => {
    report(file, 'invalid-field', reason + '; it is left out', at(key), { fatal: false })
  }
  const present = (key: string): boolean => data[key] !== undefined && data[key] !== null && data[key] !== ''
  return {
    present,
    /** The first present key of `keys`. */
    firstOf(keys: readonly string[]): string | undefined {
      return keys.find(present)
    },
    /** Text of a borrowed key (numbers become text); `{path|url|src}` mappings give that (Jekyll's `image`). */
    text(key: string): string | undefined {
      const value = data[key]
      if (!present(key)) return undefined
      if (typeof value === 'string' || typeof value === 'number') return String(value).trim()
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const inner = ['path', 'url', 'src'].map((k) => (value as Record<string, unknown>)[k]).find((v) => typeof v === 'string')
        if (typeof inner === 'string') return inner.trim()
      }
      warn(key, `Expected \`${key}\` to be text, not ${describe(value)}`)
      return undefined
    },
    /** `false` when the key says false (`toc: false`), else undefined. */
    off(key: string): false | undefined {
      const value = data[key]
      if (!present(key)) return undefined
      if (value === false || value === 'false') return false
      if (value === true || value === 'true') return undefined
      warn(key, `Expected \`${key}\` to be true or false, not ${describe(value)}`)
      return undefined
    },
    /** The pin order from `sticky`, `top` or `pin`: a number (higher first), `true` = 1. */
    pinned(): number | undefined {
      const key = ['sticky', 'top', 'pin'].find(present)
      if (key === undefined) return undefined
      const value = data[key]
      const n = value === true ? 1 : value === false ? 0 : typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN
      if (!Number.isFinite(n)) {
        warn(key, `Expected \`${key}\` to be a number or true, not ${describe(value)}`)
        return undefined
      }
      return n > 0 ? n : undefined
    },
    /** The category path: `categories` (text, list, or Hexo's list of lists: the first path) or `category`. */
    categories(): string[] | undefined {
      const key = ['categories', 'category'].find(present)
      if (key === undefined) return undefined
      const value = data[key]
      const list = Array.isArray(value) ? value : [value]
      const first = list.some(Array.isArray) ? list.find((item) => item !== null && item !== '') : list
      const path = (Array.isArray(first) ? first : [first])
        .filter((item) => item !== null && item !== undefined && (typeof item !== 'string' || item.trim() !== ''))
      if (!path.every((item) => typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean')) {
        warn(key, `Expected \`${key}\` to be a name, a list of names or a list of such lists, not ${describe(value)}`)
        return undefined
      }
      const names = path.map((item) => String(item).trim())
      return names.length > 0 ? names : undefined
    },
    /** URL paths from `aliases` and `redirect_from` (text or list), each one site-relative path. */
    aliases(): string[] | undefined {
      const result: string[] = []
      for (const key of ['aliases', 'redirect_from']) {
        if (!present(key)) continue
        const value = data[key]
        for (const item of Array.isArray(value) ? value : [value]) {
          if (item === null || item === '') continue
          const path = typeof item === 'string' ? urlPathOf(item) : undefined
          if (path === undefined) warn(key, `Expected every item of \`${key}\` to be a URL path like /old/post/, not ${describe(item)}`)
          else if (!result.includes(path)) result.push(path)
        }
      }
      return result.length > 0 ? result : undefined
    },
    /** `permalink`: a URL path pattern (tokens :year :month :day :slug, and :title for :slug). */
    permalink(): string | undefined {
      const value = this.text('permalink')
      if (value === undefined) return undefined
      const path = urlPathOf(value.replace(/:title\b/g, ':slug'))
      if (path === undefined) warn('permalink', `Expected \`permalink\` to be a URL path like /2016/06/28/slug/, not \`${value}\``)
      return path
    },
    /** `redirect_to`: where the post sends its readers (a URL or a site path). */
    redirectTo(): string | undefined {
      const value = this.text('redirect_to')
      if (value === undefined) return undefined
      if (/^https?:\/\//i.test(value)) return value
      const path = urlPathOf(value)
      if (path === undefined) warn('redirect_to', `Expected \`redirect_to\` to be a URL or a site path, not \`${value}\``)
      return path
    }
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} \`${String(value)}\``
}
