/**
 * What is decided from the front matter before the body is rendered: keys
 * written with a capital (`Title:`, `Date:`, as some Hexo and Jekyll posts
 * have them) are read as the lower-case key, with a warning; whether the
 * body's first `# heading` is the title; and the post's math mode.
 */
import type { VFile } from 'vfile'
import type { MathMode } from '../types.js'
import { report } from '../messages.js'
import type { SplitFile } from './front-matter.js'
import { borrowedKeys } from './other-fields.js'

/** Every key a content file's front matter may have with a meaning (posts, columns, pages, borrowed). */
const meaningful = new Set<string>([
  'title', 'date', 'updated', 'tags', 'column', 'draft', 'slug', 'summary', 'cover', 'license', 'parent', 'order',
  ...borrowedKeys
])

/**
 * Read capitalised known keys as their lower-case form (in place), with a
 * `key-case` warning each. A key whose lower-case form is also present is
 * left alone (it stays data for templates).
 *
 * @param file File to warn on.
 * @param split Split front matter (changed in place).
 * @returns The same split.
 */
export function lowerCaseKeys(file: VFile, split: SplitFile): SplitFile {
  for (const key of Object.keys(split.data)) {
    const lower = key.toLowerCase()
    if (lower === key || !meaningful.has(lower) || lower in split.data) continue
    report(file, 'key-case', `Read \`${key}\` as \`${lower}\``, split.keys[key])
    split.data[lower] = split.data[key]
    delete split.data[key]
    split.keys[lower] = split.keys[key]
    split.values[lower] = split.values[key]
  }
  return split
}

/**
 * Whether the title is to come from the body's first level-1 heading: the
 * front matter has no `title`.
 *
 * @param data Front-matter data (keys already lower-cased).
 * @returns True when the heading is the title.
 */
export function titleFromBody(data: Record<string, unknown>): boolean {
  const title = data.title
  return title === undefined || title === null || title === ''
}

/**
 * The math mode of one post: `math: true | false | auto` in its front matter
 * wins; `mathjax: true` or `katex: true` (Hexo's switches) turn math on
 * (`auto`, or `true` when that is the site's mode), and `false` off; else the site's mode.
 *
 * @param data Front-matter data.
 * @param site The site's mode (`math:` in site.yaml).
 * @returns The mode for this post.
 */
export function mathModeOf(data: Record<string, unknown>, site: MathMode): MathMode {
  const own = data.math
  if (own === true || own === 'true') return 'true'
  if (own === false || own === 'false') return 'false'
  if (own === 'auto') return 'auto'
  const other = [data.mathjax, data.katex].find((v) => typeof v === 'boolean')
  if (other === true) return site === 'true' ? 'true' : 'auto'
  if (other === false) return 'false'
  return site
}
