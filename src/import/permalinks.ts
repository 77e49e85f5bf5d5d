/**
 * Old URLs and the new permalink: each post's URL on the old site, computed
 * from the old generator's permalink pattern and the post's front matter,
 * and the pattern for the new site (our tokens `:year :month :day :slug`)
 * that keeps the most of those URLs unchanged.
 */
import type { SiteDate } from '../types.js'
import type { SourceKind } from './types.js'

/** What an old URL is made from. */
export interface UrlFacts {
  /** Date in the old site's time zone (the same zone the new site gets). */
  date?: SiteDate & { hour?: number; minute?: number; second?: number }
  /** The generator's own slug for the post (Hexo `:title`, Jekyll `:title`, Hugo file or bundle name). */
  fileSlug: string
  title: string
  /** First category path (Hexo nests, Jekyll and Hugo list). */
  categories: string[]
  /** Hugo: the section path of the file (`posts`, `posts/2020`). */
  section: string
  data: Record<string, unknown>
}

const pad = (n: number | undefined): string => String(n ?? 0).padStart(2, '0')

/** Hexo's slugize: runs of white space and punctuation become one `-`, case kept. */
export function hexoSlugize(text: string): string {
  return text
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'<>,.?/，。、！？：；（）【】《》“”‘’]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/** Hugo's urlize: lower case, white space to `-`, most punctuation dropped, letters of every script kept. */
export function hugoUrlize(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}\p{M}\-_./]/gu, '')
}

/**
 * Hugo's path of a page as it writes it (`MakePath`): each space a `-`,
 * characters other than letters, digits, marks and `. / \\ _ - # + ~ @` (and
 * `%xx`) dropped, lower case. `_index 1.md` is served at `_index-1/`.
 */
export function hugoPath(path: string): string {
  return path.trim().replace(/ /g, '-').replace(/%(?![0-9a-f]{2})|[^\p{L}\p{N}\p{M}./\\_\-#+~@%]/giu, '').toLowerCase()
}

/** Jekyll's default slugify (`pretty` of `:slug`): lower case, everything but letters and digits to `-`. */
export function jekyllSlugify(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}._~!$&'()+,;=@]+/gu, '-').replace(/^-+|-+$/g, '')
}

/** Jekyll's named permalink styles. */
const jekyllStyles: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

/** Jekyll's permalink setting as a pattern. */
export function jekyllPattern(setting: unknown): string {
  const text = typeof setting === 'string' && setting.trim() !== '' ? setting.trim() : 'date'
  return jekyllStyles[text] ?? text
}

/**
 * The URL path (site-relative, starting with `/`) of a post on the old site.
 *
 * @param kind Generator.
 * @param pattern Its permalink pattern for posts.
 * @param facts What the URL is made from.
 * @param defaults Hexo's `permalink_defaults`.
 * @returns The path, or an error naming the token that could not be filled.
 */
export function oldUrl(
  kind: SourceKind,
  pattern: string,
  facts: UrlFacts,
  defaults: Record<string, unknown> = {}
): { url: string } | { error: string } {
  const own = facts.data.permalink ?? (kind === 'hugo' ? facts.data.url : undefined)
  if (typeof own === 'string' && own.trim() !== '') return { url: normalise(own.trim()) }
  const d = facts.date
  let missing = ''
  const fill = (token: string): string => {
    const common: Record<string, () => string> = {
      year: () => String(d?.year ?? ''),
      month: () => pad(d?.month),
      day: () => pad(d?.day),
      i_month: () => String(d?.month ?? ''),
      i_day: () => String(d?.day ?? ''),
      hour: () => pad(d?.hour),
      minute: () => pad(d?.minute),
      second: () => pad(d?.second),
      short_year: () => String(d?.year ?? '').slice(2)
    }
    if (!d && token in common) {
      missing = token
      return ''
    }
    if (Object.hasOwn(common, token)) return common[token]()
    if (kind === 'hexo') {
      if (token === 'title') return facts.fileSlug
      if (token === 'name') return facts.fileSlug.split('/').pop()!
      if (token === 'post_title') return hexoSlugize(facts.title)
      if (token === 'category') {
        if (facts.categories.length === 0) return String(defaults.category ?? 'uncategorized')
        return facts.categories.map(hexoSlugize).join('/')
      }
    }
    if (kind === 'jekyll') {
      if (token === 'title') return typeof facts.data.slug === 'string' ? facts.data.slug : facts.fileSlug
      if (token === 'slug') return jekyllSlugify(typeof facts.data.slug === 'string' ? facts.data.slug : facts.fileSlug)
      if (token === 'categories') return facts.categories.map((c) => c.toLowerCase()).join('/')
      if (token === 'output_ext') return '.html'
      if (token === 'collection') return facts.section
      if (token === 'path') return facts.fileSlug
      if (token === 'name') return facts.fileSlug.split('/').pop()!
    }
    if (kind === 'hugo') {
      const slug = typeof facts.data.slug === 'string' && facts.data.slug !== '' ? facts.data.slug : undefined
      if (token === 'title') return hugoUrlize(facts.title)
      if (token === 'slug') return slug ?? hugoUrlize(facts.title)
      if (token === 'filename' || token === 'contentbasename') return facts.fileSlug
      if (token === 'slugorfilename' || token === 'slugorcontentbasename') return slug ?? facts.fileSlug
      if (token === 'section') return facts.section.split('/')[0]
      if (token === 'sections') return facts.section
    }
    // Any other token names a front-matter field (Hexo `:alias`, `:abbrlink`), or one of permalink_defaults.
    const value = facts.data[token] ?? defaults[token]
    if (typeof value === 'string' || typeof value === 'number') return String(value)
    missing = token
    return ''
  }
  const filled = pattern.replace(/:([a-z_]+)/g, (_, token: string) => fill(token))
  if (missing) return { error: `the old permalink's \`:${missing}\` has no value for this post` }
  let url = normalise(filled)
  if (kind === 'hugo') url = hugoPath(url)
  return { url }
}

/** A URL path with one leading `/`, no doubled slashes. */
function normalise(path: string): string {
  return ('/' + path).replace(/\/{2,}/g, '/')
}

/** What the new site's permalink keeps of each post's old URL. */
export interface PermalinkChoice {
  permalink: string
  /** Per post (same order as given): the slug that keeps its URL, or undefined when the URL changes. */
  slugs: Array<string | undefined>
}

/**
 * Choose the permalink pattern of the new site: of the candidates (the old pattern in our tokens first), the one
 * under which the most posts keep their old URL; ties go to the earlier candidate.
 *
 * @param oldPattern The old permalink pattern (for a first candidate).
 * @param posts Each post's old URL and date (in the new site's zone).
 * @returns The pattern, and per post the slug that keeps its URL.
 */
export function choosePermalink(oldPattern: string, posts: Array<{ url?: string; date?: SiteDate }>): PermalinkChoice {
  const candidates = [
    ...ourForm(oldPattern),
    '/posts/:slug/', '/:year/:month/:day/:slug/', '/:year/:month/:slug/', '/:year/:slug/', '/post/:slug/', '/blog/:slug/', '/p/:slug/', '/:slug/'
  ].filter((c, i, all) => all.indexOf(c) === i)
  let best: PermalinkChoice | undefined
  let bestKept = -1
  for (const candidate of candidates) {
    const slugs = posts.map((p) => (p.url && p.date ? slugUnder(candidate, p.url, p.date) : undefined))
    const kept = slugs.filter((s) => s !== undefined).length
    if (kept > bestKept) {
      best = { permalink: candidate, slugs }
      bestKept = kept
    }
  }
  return best!
}

/** The old pattern with its tokens turned into ours, when that makes a pattern Inkstone accepts. */
function ourForm(pattern: string): string[] {
  let p = ('/' + pattern.trim()).replace(/\/{2,}/g, '/')
  p = p.replace(/:i_month|:month/g, ':month').replace(/:i_day|:day/g, ':day')
  // The last token of the last segment names the post: it becomes :slug.
  p = p.replace(/:(title|name|slug|filename|contentbasename|slugorfilename|slugorcontentbasename|post_title|alias|abbrlink|[a-z_]+)(\/?)$/, ':slug$2')
  if (!p.endsWith('/')) return []
  if (/:(?!year\b|month\b|day\b|slug\b)[a-z_]+/.test(p) || !p.includes(':slug')) return []
  return [p]
}

/** The slug a post needs to keep `url` under `pattern`, when the pattern can give that URL at all. */
function slugUnder(pattern: string, url: string, date: SiteDate): string | undefined {
  let source = '^'
  for (const part of pattern.split(/(:year|:month|:day|:slug)/)) {
    if (part === ':year') source += String(date.year)
    else if (part === ':month') source += pad(date.month)
    else if (part === ':day') source += pad(date.day)
    else if (part === ':slug') source += '([^/]+)'
    else source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const match = new RegExp(source + '$', 'u').exec(url)
  if (!match) return undefined
  const slug = match[1]
  return isGoodSlug(slug) ? slug : undefined
}

/** Whether a slug is one the new site accepts and links to unchanged (no white space, `..`, `?`, `#`, `%`, `\`). */
export function isGoodSlug(slug: string): boolean {
  return slug !== '' && slug !== '.' && !slug.includes('..') && !/[\s?#%\\/]/.test(slug) && slug === slug.normalize('NFC')
}
