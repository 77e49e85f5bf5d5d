/**
 * KaTeX's stylesheet cut down to what the site's formulas use. The full
 * stylesheet (25 KB, 20 font families in three formats) would put math pages
 * over the theme's 30 KB CSS budget; a blog's formulas use a few dozen of its
 * 250 rules and three or four fonts. Pure: CSS text and HTML in, CSS and the
 * font files it needs out.
 */

/** The subset: CSS text and the font files (relative to KaTeX's dist/) it references. */
export interface KatexSubset {
  css: string
  fonts: string[]
}

/** Split a flat stylesheet into top-level rules (KaTeX's has no nested at-rules besides @font-face). */
function rulesOf(css: string): string[] {
  const rules: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < css.length; i++) {
    if (css[i] === '{') depth++
    else if (css[i] === '}' && --depth === 0) {
      rules.push(css.slice(start, i + 1).trim())
      start = i + 1
    }
  }
  return rules.filter((r) => r !== '')
}

/**
 * Keep the rules whose selectors only name classes that occur in `html`, the
 * @font-face rules of the fonts those rules use (woff2 only: every browser
 * that runs KaTeX's CSS reads it), and nothing else.
 *
 * @param css KaTeX's `katex.min.css`.
 * @param html The HTML of every body with math.
 * @returns The subset.
 */
export function katexSubset(css: string, html: string[]): KatexSubset {
  const used = new Set<string>()
  for (const page of html) {
    for (const match of page.matchAll(/class="([^"]*)"/g)) for (const name of match[1].split(/\s+/)) if (name) used.add(name)
  }
  const rules = rulesOf(css)
  const kept: string[] = []
  const families = new Set<string>()
  for (const rule of rules) {
    const selector = rule.slice(0, rule.indexOf('{'))
    if (selector.startsWith('@font-face')) continue
    const applies = selector.startsWith('@') ||
      selector.split(',').some((one) => [...one.matchAll(/\.([\w-]+)/g)].every((m) => used.has(m[1])))
    if (!applies) continue
    kept.push(rule)
    for (const m of rule.matchAll(/KaTeX_[A-Za-z0-9_-]+/g)) families.add(m[0])
  }
  const faces: string[] = []
  const fonts: string[] = []
  for (const rule of rules) {
    if (!rule.startsWith('@font-face')) continue
    const family = /font-family:\s*([^;}]+)/.exec(rule)?.[1].trim().replace(/['"]/g, '')
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)\s*format\("woff2"\)/.exec(rule)
    if (!family || !families.has(family) || !woff2) continue
    faces.push(rule.replace(/src:[^;}]+/, `src:url(${woff2[1]}) format("woff2")`))
    fonts.push(woff2[1])
  }
  return { css: [...faces, ...kept].join('\n') + '\n', fonts: fonts.sort() }
}
