/**
 * Split the arguments of a tag or shortcode: words, "quoted words" and
 * 'quoted words', and Hugo's `name="value"` pairs.
 */

/** Arguments of one tag: positional words in order, and named ones. */
export interface TagArgs {
  positional: string[]
  named: Map<string, string>
}

/**
 * Split `text` into arguments.
 *
 * @param text What follows the tag's name.
 * @returns Positional and named arguments (quotes removed).
 */
export function splitArgs(text: string): TagArgs {
  const positional: string[] = []
  const named = new Map<string, string>()
  const pattern = /([\w-]+)=(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g
  for (const m of text.matchAll(pattern)) {
    if (m[1] !== undefined) named.set(m[1], unescape(m[2] ?? m[3] ?? m[4] ?? m[5] ?? ''))
    else positional.push(m[6] !== undefined ? unescape(m[6]) : (m[7] ?? m[8]))
  }
  return { positional, named }
}

const unescape = (s: string): string => s.replace(/\\(["\\])/g, '$1')

/**
 * Split comma-separated arguments (the form of many Hexo theme tags: `{% btn url, text, icon %}`).
 *
 * @param text What follows the tag's name.
 * @returns The trimmed parts.
 */
export function splitCommas(text: string): string[] {
  return text.split(/(?<!\\),/).map((p) => p.replace(/\\,/g, ',').trim())
}
