/**
 * The slug rule (see the README's site format): how a file name, a tag or a
 * column name becomes one URL segment, and why a segment the author wrote
 * cannot be one. Below the stages: content validates `slug` with it, the
 * site graph makes URLs with it.
 */
import { createHash } from 'node:crypto'

/**
 * Characters reserved in a URL path segment: `/` and `\` (separators), `#`
 * (starts a fragment), `?` (starts a query), `%` (starts an escape) and
 * control characters. A slug made from a name never holds them; a `slug`
 * the author writes that holds them is an error.
 */
// eslint-disable-next-line no-control-regex
const reserved = /[/\\#?%\u0000-\u001f\u007f-\u009f]/u

/**
 * The characters a slug keeps: letters (any script), digits, combining marks
 * after them, and `_ + . -`. Each run of anything else (white space,
 * punctuation ASCII or full-width, symbols and emoji, reserved characters)
 * becomes one `-`; a mark that follows a replaced character goes with it.
 */
const unkept = /(?:[^\p{L}\p{N}\p{M}_+.-]|^)\p{M}*/gu

/** The longest file name most file systems allow, in UTF-8 bytes: a URL segment becomes one. */
export const MAX_SEGMENT_BYTES = 255

/**
 * The slug rule (see the README's site format): NFC, trimmed, each run of
 * characters other than letters, digits, marks and `_ + . -` turned into
 * one `-`, no `..`, no `-` or `.` at either end. Case is kept. May be empty.
 */
function slugRule(name: string): string {
  return name
    .normalize('NFC')
    .trim()
    .replace(unkept, (match) => (match === '' ? '' : '-'))
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
}

/** A slug for a name the rule leaves empty (`???`): stable, distinct per name. */
function fallbackSlug(name: string): string {
  return 'x-' + createHash('sha1').update(name).digest('hex').slice(0, 8)
}

/**
 * The slug of a post or page from its file name (or bundle folder name), when
 * it has no `slug`: the slug rule with case kept, so `2010-01-12#小时候的梦想`
 * becomes `2010-01-12-小时候的梦想` and `C++ 讲稿 1.预备知识` `C++-讲稿-1.预备知识`.
 * Never empty, never holds a reserved character. The one place a file name
 * becomes a slug: whatever else derives a slug from a name calls this.
 *
 * @param name File or bundle folder name, without `.md`.
 * @returns Slug.
 */
export function slugFromName(name: string): string {
  const slug = slugRule(name)
  return slug === '' ? fallbackSlug(name) : slug
}

/**
 * A URL segment for a tag or column name: the slug rule, lowercased, so
 * `Rust` and `rust` are one tag (Chinese stays Chinese). Never empty, never
 * `.` or `..`, never holds a reserved character.
 *
 * @param name Display name.
 * @returns Slug.
 */
export function slugify(name: string): string {
  const slug = slugRule(name.toLowerCase())
  return slug === '' ? fallbackSlug(name) : slug
}

/**
 * Why a segment the author wrote (a `slug`) cannot be a URL segment, or
 * undefined when it can. White space and punctuation are fine (the slug rule
 * turns them into `-`); reserved characters, `..` and over-long segments are
 * not: the author meant a URL, and we cannot tell which.
 *
 * @param segment Candidate, as written.
 * @param what How to name it in the message (`` `slug` ``).
 * @returns Reason, or undefined.
 */
export function segmentProblem(segment: string, what = '`slug`'): string | undefined {
  const value = segment.normalize('NFC').trim()
  if (value === '') return `Expected ${what} to be non-empty`
  if (value.includes('/') || value.includes('\\')) return `Expected ${what} to be one URL segment, without \`/\` or \`\\\`, not \`${value}\``
  if (value.includes('..')) return `Expected ${what} not to contain \`..\`, not \`${value}\``
  if (reserved.test(value)) {
    const found = [...new Set([...value].filter((c) => reserved.test(c)))].map((c) => '`' + show(c) + '`').join(', ')
    return `Expected ${what} without ${found} (reserved in URLs), not \`${show(value)}\`; for example \`${slugFromName(decodeOrKeep(value))}\``
  }
  if (slugRule(value) === '') return `Expected ${what} to hold a letter or digit, not \`${value}\``
  if (Buffer.byteLength(slugRule(value)) > MAX_SEGMENT_BYTES) return `Expected ${what} to be at most ${MAX_SEGMENT_BYTES} bytes long in UTF-8`
  return undefined
}

/**
 * Why a URL path the author wrote (a `permalink` in front matter) cannot be
 * one of the site's paths, or undefined when it can: it starts with `/`, and
 * each of its segments passes `segmentProblem`.
 *
 * @param path Candidate, as written.
 * @param what How to name it in the message.
 * @returns Reason, or undefined.
 */
export function pathProblem(path: string, what = '`permalink`'): string | undefined {
  const value = path.normalize('NFC').trim()
  if (!value.startsWith('/')) return `Expected ${what} to start with \`/\`, not \`${value}\``
  if (value.includes('\\')) return `Expected ${what} without \`\\\`, not \`${value}\``
  for (const segment of value.slice(1).replace(/\/$/, '').split('/')) {
    if (value === '/') break
    const problem = segmentProblem(segment, what)
    if (problem) return problem
  }
  return undefined
}

/**
 * A segment the author wrote, made a slug: NFC, trimmed, white space and
 * punctuation through the slug rule (case kept). Call only when
 * `segmentProblem` found nothing.
 *
 * @param segment Segment as written.
 * @returns Slug.
 */
export function slugFromSegment(segment: string): string {
  return slugRule(segment)
}

/** A character shown in a message: control characters as `U+XXXX`. */
function show(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)
}

/** Percent-decoded text when it is valid, else the text as it is. */
export function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

