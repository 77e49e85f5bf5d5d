/**
 * The site configuration: known keys, defaults and validation. No I/O: takes
 * the parsed YAML and returns the config plus problems.
 */
import { closest, distance } from 'fastest-levenshtein'
import type { Checks, MathMode, Place, Problem, Severity, SiteConfig } from '../types.js'
import { checkable, problem } from '../messages.js'
import type { ParsedYaml } from '../util/yaml.js'
import { feedNamesOf, feedPathsOf, siteRedirectsOf } from './site-paths.js'
import { themeOptions } from './theme-options.js'

/** Top-level keys Inkstone knows in `site.yaml`. */
export const knownKeys = [
  'title', 'description', 'url', 'language', 'timezone', 'author', 'license', 'paginate', 'permalink',
  'nav', 'summary_length', 'highlight', 'feed', 'updated_from_git', 'support', 'comments', 'math', 'checks',
  'limits', 'search', 'redirects', 'theme'
] as const

/** Defaults for every optional key. */
export const defaults = {
  language: 'zh-CN',
  timezone: 'Asia/Shanghai',
  paginate: 10,
  permalink: '/posts/:slug/',
  summaryLength: 140,
  highlight: true,
  feed: { limit: 20, fullContent: true },
  updatedFromGit: true,
  math: 'auto' as MathMode,
  /** See the README's Safety section. */
  limits: { fileSize: 10 * 1024 * 1024, parseSeconds: 30 }
} as const

/**
 * Suggest the known word closest to `word`, when it is close enough.
 *
 * @param word What the user wrote.
 * @param candidates Known words.
 * @returns The suggestion, or undefined.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined
  const best = closest(word, candidates as string[])
  return distance(word, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined
}

/**
 * Validate parsed `site.yaml` into a `SiteConfig`.
 *
 * @param parsed Parsed YAML with key places.
 * @param path Config path relative to the site root, for problems.
 * @param baseUrl `--base-url` from the command line, overriding `url`.
 * @returns The config (defaults applied) and problems.
 */
export function validateConfig(
  parsed: ParsedYaml,
  path: string,
  baseUrl?: string
): { config: SiteConfig; problems: Problem[] } {
  const problems: Problem[] = []
  const raw = (parsed.data ?? {}) as Record<string, unknown>
  const at = (key: string): Place | undefined => parsed.values[key] ?? parsed.keys[key.split('.')[0]]
  const bad = (key: string, reason: string): void => {
    problems.push(problem(path, 'config-invalid', reason, at(key)))
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(problem(path, 'config-invalid', 'Expected site.yaml to be a mapping of keys to values', { line: 1, column: 1 }))
    return { config: fallbackConfig(), problems }
  }

  const extra: Record<string, unknown> = {}
  for (const key of Object.keys(raw)) {
    if ((knownKeys as readonly string[]).includes(key)) continue
    extra[key] = raw[key]
    const guess = didYouMean(key, knownKeys)
    problems.push(
      problem(path, 'config-unknown-key', `Unknown key \`${key}\`` + (guess ? `; did you mean \`${guess}\`?` : ''), parsed.keys[key])
    )
  }

  const str = (key: string, required: boolean, fallback = ''): string => {
    const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], raw)
    if (value === undefined || value === null) {
      if (required) problems.push(problem(path, 'config-invalid', `Missing \`${key}\``, parsed.keys[key.split('.')[0]] ?? { line: 1, column: 1 }))
      return fallback
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      bad(key, `Expected \`${key}\` to be text, not ${describe(value)}`)
      return fallback
    }
    return String(value)
  }

  const title = str('title', true)
  const description = str('description', false)
  let url = baseUrl ?? str('url', true, 'http://localhost/')
  let parsedUrl: URL | undefined
  try {
    parsedUrl = new URL(url)
    if (!/^https?:$/.test(parsedUrl.protocol)) throw new Error('protocol')
  } catch {
    if (baseUrl) problems.push(problem(path, 'config-invalid', `Expected --base-url to be an absolute http(s) URL, not \`${baseUrl}\``))
    else bad('url', `Expected \`url\` to be an absolute http(s) URL, not \`${url}\``)
    parsedUrl = new URL('http://localhost/')
  }
  parsedUrl.search = ''
  parsedUrl.hash = ''
  if (!parsedUrl.pathname.endsWith('/')) parsedUrl.pathname += '/'
  url = parsedUrl.href
  const basePath = parsedUrl.pathname

  const language = str('language', false, defaults.language)
  const timezone = str('timezone', false, defaults.timezone)
  if (!isTimeZone(timezone)) bad('timezone', `Unknown time zone \`${timezone}\`; expected an IANA name like Asia/Shanghai`)

  const author = {
    name: str('author.name', false, title),
    bio: str('author.bio', false),
    motto: optional(str('author.motto', false)),
    avatar: optional(str('author.avatar', false)),
    links: links(raw.author && (raw.author as Record<string, unknown>).links, 'author.links', bad)
  }
  const license = raw.license === undefined
    ? { name: 'All rights reserved' }
    : { name: str('license.name', true), url: optional(str('license.url', false)) }

  const paginate = int(raw.paginate, defaults.paginate, 1, 1000, 'paginate', bad)
  const summaryLength = int(raw.summary_length, defaults.summaryLength, 20, 5000, 'summary_length', bad)
  const permalink = str('permalink', false, defaults.permalink)
  if (!permalink.includes(':slug') || !permalink.startsWith('/') || !permalink.endsWith('/') || permalink.includes('..')) {
    bad('permalink', `Expected \`permalink\` to start and end with \`/\` and contain \`:slug\`, not \`${permalink}\``)
  }
  // eslint-disable-next-line no-control-regex
  if (/[#?%\\\u0000-\u001f\u007f]/.test(permalink)) {
    bad('permalink', `Expected \`permalink\` without \`#\`, \`?\`, \`%\`, \`\\\` or control characters (reserved in URLs), not \`${permalink}\``)
  }
  const unknownToken = /:(?!year\b|month\b|day\b|slug\b)[a-z]+/.exec(permalink)
  if (unknownToken) bad('permalink', `Unknown permalink token \`${unknownToken[0]}\`; expected :year, :month, :day or :slug`)

  const feedRaw = (raw.feed ?? {}) as Record<string, unknown>
  // `feed.paths`, `feed.names` and `redirects` (site-paths.ts): set only when the site has some.
  const badAt = (key: string, reason: string, place?: Place): void => void problems.push(problem(path, 'config-invalid', reason, place ?? at(key)))
  const feedPaths = feedPathsOf(feedRaw.paths, parsed, badAt)
  const feedNames = feedNamesOf(feedRaw.names, parsed, badAt)
  const feed = {
    limit: int(feedRaw.limit, defaults.feed.limit, 1, 10000, 'feed.limit', bad),
    fullContent: bool(feedRaw.full_content, defaults.feed.fullContent, 'feed.full_content', bad),
    ...(feedPaths.length > 0 ? { paths: feedPaths } : {}),
    ...(feedNames.length > 0 ? { names: feedNames } : {})
  }
  const redirects = siteRedirectsOf(raw.redirects, parsed, badAt)

  const limitsRaw = (raw.limits ?? {}) as Record<string, unknown>
  const limits = {
    fileSize: byteSize(limitsRaw.file_size, defaults.limits.fileSize, 'limits.file_size', bad),
    parseSeconds: int(limitsRaw.parse_seconds, defaults.limits.parseSeconds, 1, 3600, 'limits.parse_seconds', bad)
  }

  const searchRaw = (raw.search ?? {}) as Record<string, unknown>
  const search = { code: bool(searchRaw.code, false, 'search.code', bad) }

  const config: SiteConfig = {
    title,
    description,
    url,
    basePath,
    language,
    timezone: isTimeZone(timezone) ? timezone : defaults.timezone,
    author,
    license,
    paginate,
    permalink,
    summaryLength,
    highlight: bool(raw.highlight, defaults.highlight, 'highlight', bad),
    feed,
    updatedFromGit: bool(raw.updated_from_git, defaults.updatedFromGit, 'updated_from_git', bad),
    limits,
    search,
    math: mathMode(raw.math, bad),
    checks: checks(raw.checks, bad),
    ...(redirects.length > 0 ? { redirects } : {}),
    theme: themeOptions(raw.theme, (key, reason) => problems.push(problem(path, 'theme-invalid', reason, at(key)))),
    extra
  }
  if (raw.nav !== undefined) config.nav = links(raw.nav, 'nav', bad, 'title').map((l) => ({ title: l.name, url: l.url }))
  if (raw.support !== undefined) {
    config.support = { text: str('support.text', true), url: optional(str('support.url', false)), image: optional(str('support.image', false)) }
  }
  if (raw.comments !== undefined) {
    config.comments = {
      repo: str('comments.repo', true),
      repoId: optional(str('comments.repo_id', false)),
      category: str('comments.category', true),
      categoryId: optional(str('comments.category_id', false)),
      mapping: str('comments.mapping', false, 'pathname')
    }
  }
  return { config: Object.freeze(config), problems }
}

/** A config good enough to keep going after a fatal config problem. */
function fallbackConfig(): SiteConfig {
  return {
    title: '', description: '', url: 'http://localhost/', basePath: '/', language: defaults.language,
    timezone: defaults.timezone, author: { name: '', bio: '', links: [] }, license: { name: '' },
    paginate: defaults.paginate, permalink: defaults.permalink, summaryLength: defaults.summaryLength,
    highlight: defaults.highlight, feed: { ...defaults.feed }, updatedFromGit: defaults.updatedFromGit,
    math: defaults.math, checks: {}, extra: {}
  }
}

function mathMode(value: unknown, bad: (k: string, r: string) => void): MathMode {
  if (value === undefined || value === null) return defaults.math
  if (value === true || value === false || value === 'auto') return String(value) as MathMode
  bad('math', `Expected \`math\` to be auto, true or false, not ${describe(value)}`)
  return defaults.math
}

/** `checks:`: a mapping of rule id → error | warning | off, for the rules an author may relax (messages.ts). */
function checks(value: unknown, bad: (k: string, r: string) => void): Checks {
  if (value === undefined || value === null) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    bad('checks', `Expected \`checks\` to be a mapping of rule ids to error, warning or off, not ${describe(value)}`)
    return {}
  }
  const result: Record<string, Severity> = {}
  for (const [rule, severity] of Object.entries(value as Record<string, unknown>).sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (!checkable.includes(rule)) {
      const guess = didYouMean(rule, checkable)
      bad(`checks.${rule}`, `Unknown check \`${rule}\`` + (guess ? `; did you mean \`${guess}\`?` : `; expected one of ${checkable.join(', ')}`))
      continue
    }
    if (severity !== 'error' && severity !== 'warning' && severity !== 'off') {
      bad(`checks.${rule}`, `Expected \`checks.${rule}\` to be error, warning or off, not ${describe(severity)}`)
      continue
    }
    result[rule] = severity
  }
  return Object.freeze(result)
}

function optional(value: string): string | undefined {
  return value === '' ? undefined : value
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} \`${String(value)}\``
}

function int(value: unknown, fallback: number, min: number, max: number, key: string, bad: (k: string, r: string) => void): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    bad(key, `Expected \`${key}\` to be a whole number from ${min} to ${max}, not ${describe(value)}`)
    return fallback
  }
  return value
}

/** A size in bytes: a whole number, or a string like `10 MB`, `512 KB` (binary units), from 1 KB to 1 GB. */
function byteSize(value: unknown, fallback: number, key: string, bad: (k: string, r: string) => void): number {
  if (value === undefined || value === null) return fallback
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)\s*$/i.exec(value) : null
  const bytes = typeof value === 'number' ? value : match ? Math.round(Number(match[1]) * units[match[2].toLowerCase()]) : NaN
  if (!Number.isInteger(bytes) || bytes < 1024 || bytes > 1024 ** 3) {
    bad(key, `Expected \`${key}\` to be a size from 1 KB to 1 GB (a number of bytes, or like \`10 MB\`), not ${describe(value)}`)
    return fallback
  }
  return bytes
}

function bool(value: unknown, fallback: boolean, key: string, bad: (k: string, r: string) => void): boolean {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'boolean') {
    bad(key, `Expected \`${key}\` to be true or false, not ${describe(value)}`)
    return fallback
  }
  return value
}

function links(
  value: unknown,
  key: string,
  bad: (k: string, r: string) => void,
  nameKey = 'name'
): Array<{ name: string; url: string }> {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    bad(key, `Expected \`${key}\` to be a list of {${nameKey}, url}, not ${describe(value)}`)
    return []
  }
  const result: Array<{ name: string; url: string }> = []
  for (const item of value) {
    const record = item as Record<string, unknown>
    if (typeof record !== 'object' || record === null || typeof record[nameKey] !== 'string' || typeof record.url !== 'string') {
      bad(key, `Expected each item of \`${key}\` to have \`${nameKey}\` and \`url\``)
      continue
    }
    result.push({ name: record[nameKey] as string, url: record.url as string })
  }
  return result
}

/**
 * Whether `zone` is an IANA time zone this runtime knows.
 *
 * @param zone Zone name.
 * @returns True when valid.
 */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone.length > 0
  } catch {
    return false
  }
}
