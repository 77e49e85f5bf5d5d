/**
 * The pure part of `inkstone new`: slugs from titles (pinyin for Chinese)
 * and the text of new posts, columns and pages.
 */
import { DateTime } from 'luxon'
import { pinyin } from 'pinyin-pro'
import { stringify } from 'yaml'
import { slugProblem } from './fields.js'

const HAN = /\p{Script=Han}/u

/**
 * A readable ASCII slug: Chinese as toneless pinyin syllables, Latin letters
 * without accents, lowercased, everything else a single `-`.
 *
 * @param title Title.
 * @returns Slug; empty when nothing readable is left.
 */
export function asciiSlug(title: string): string {
  const text = title.normalize('NFKC')
  const words = HAN.test(text) ? pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) : [text]
  return words
    .join('-')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/**
 * The slug of a new post: `--slug` when given, else from the title, else
 * from the date; never empty.
 *
 * @param title Title.
 * @param explicit The `--slug` value.
 * @param now The date (for titles with nothing readable, like `？？`).
 * @returns Slug, or an error message for a bad `--slug`.
 */
export function newPostSlug(title: string, explicit: string | undefined, now: DateTime): { slug: string } | { error: string } {
  if (explicit !== undefined) {
    const problem = slugProblem(explicit) ?? (explicit.trim() !== explicit ? 'Expected `slug` without leading or trailing spaces' : undefined)
    return problem ? { error: problem.replace('`slug`', '`--slug`') } : { slug: explicit }
  }
  return { slug: asciiSlug(title) || `post-${now.toFormat('yyyyLLdd-HHmm')}` }
}

/**
 * Whether a column id or page name can be a file name and a URL segment.
 *
 * @param name Id or name.
 * @returns Why not, or undefined.
 */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '' || name.trim() !== name) return `Expected a name without surrounding spaces, not \`${name}\``
  if (/[/\\]/.test(name) || name.includes('..') || name.startsWith('.') || name.startsWith('_')) {
    return `Expected a plain name (no \`/\`, \`\\\`, \`..\`, and not starting with \`.\` or \`_\`), not \`${name}\``
  }
  if (/[\u0000-\u001f\u007f?#*:<>|"]/.test(name)) return `Expected a name without \`?#*:<>|"\` or control characters, not \`${name}\``
  return undefined
}

/** Fields of a new post. */
export interface NewPost {
  title: string
  /** Now, in the site's time zone. */
  date: DateTime
  tags: string[]
  column?: string
}

function frontMatter(data: Record<string, unknown>, body: string): string {
  return `---\n${stringify(data, { lineWidth: 0, flowCollectionPadding: false })}---\n\n${body}`
}

/**
 * The text of a new post.
 *
 * @param post Title, date, tags, column.
 * @returns Markdown with front matter.
 */
export function postText(post: NewPost): string {
  const data: Record<string, unknown> = { title: post.title, date: post.date.toFormat('yyyy-LL-dd HH:mm') }
  if (post.tags.length > 0) data.tags = post.tags
  if (post.column) data.column = post.column
  const text = frontMatter(data, '')
  // Tags on one line, like the examples: `tags: [a, b]`.
  return post.tags.length > 0 ? text.replace(/^tags:\n(?:  - .*\n)+/m, `tags: ${stringify(post.tags, { collectionStyle: 'flow', flowCollectionPadding: false }).trim()}\n`) : text
}

/**
 * The text of a new column.
 *
 * @param title Column title.
 * @param parent Parent column id.
 * @returns Markdown with front matter.
 */
export function columnText(title: string, parent?: string): string {
  return frontMatter(parent ? { title, parent } : { title }, '')
}

/**
 * The text of a new page.
 *
 * @param title Page title.
 * @returns Markdown with front matter.
 */
export function pageText(title: string): string {
  return frontMatter({ title }, '')
}
