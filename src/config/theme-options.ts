/**
 * The `theme:` key of site.yaml: options of the built-in theme (colours,
 * fonts, width, footer, which blocks show), validated strictly so that every
 * value is safe to put into a stylesheet as it is. No I/O.
 */
import type { ThemeOptions } from '../types.js'

export type { ThemeOptions }

/** Keys `theme:` takes. */
export const themeKeys = ['accent', 'fonts', 'width', 'footer', 'author_card', 'reading_time', 'word_count', 'toc', 'support', 'edited', 'custom_css'] as const

/** Options when `theme:` is absent. */
export const defaultThemeOptions: ThemeOptions = Object.freeze({
  footer: { links: [] }, authorCard: true, readingTime: true, wordCount: true, toc: true, support: true, edited: true
})

const generic = new Set(['serif', 'sans-serif', 'monospace', 'cursive', 'fantasy', 'system-ui', 'ui-serif', 'ui-sans-serif', 'ui-monospace', 'ui-rounded', 'math', 'emoji'])

/**
 * A hex colour, `#rgb` or `#rrggbb`: the theme mixes it with its backgrounds for the tinted ones (badges,
 * search marks), which needs its channels.
 *
 * @param value What the author wrote.
 * @returns True when it is one of those (and so safe in a stylesheet).
 */
export function isColour(value: string): boolean {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value)
}

/** The built-in theme's page backgrounds (templates/style.ts), which the accent is mixed into. */
const backgrounds = { light: '#fbfaf7', dark: '#17181b' }

/**
 * Mix two hex colours.
 *
 * @param a First colour (`#rgb` or `#rrggbb`).
 * @param b Second colour.
 * @param share Share of `a`, 0 to 1.
 * @returns `#rrggbb`.
 */
export function mixHex(a: string, b: string, share: number): string {
  const channels = (hex: string): number[] => {
    const h = hex.length === 4 ? hex.slice(1).split('').map((c) => c + c).join('') : hex.slice(1)
    return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16))
  }
  const [x, y] = [channels(a), channels(b)]
  return '#' + x.map((v, i) => Math.round(v * share + y[i] * (1 - share)).toString(16).padStart(2, '0')).join('')
}

/**
 * A font stack as a CSS `font-family` value: family names (letters, digits, spaces, `-`, `_`, `.`), quoted
 * when they are not generic keywords.
 *
 * @param value A list of names, or one string of comma-separated names.
 * @returns The CSS value, or undefined when a name has other characters.
 */
export function fontStack(value: unknown): string | undefined {
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined
  if (!names || names.length === 0 || names.length > 30) return undefined
  const out: string[] = []
  for (const raw of names) {
    if (typeof raw !== 'string') return undefined
    const name = raw.trim().replace(/^(["'])(.*)\1$/, '$2').trim()
    if (!/^[\p{L}\p{N} ._-]{1,60}$/u.test(name)) return undefined
    out.push(generic.has(name.toLowerCase()) ? name.toLowerCase() : `"${name}"`)
  }
  return out.join(',')
}

/**
 * Validate `theme:`.
 *
 * @param value The parsed value of `theme`.
 * @param bad Reports a problem at a dotted key (`theme.accent`).
 * @returns The options (defaults for what is absent or invalid).
 */
export function themeOptions(value: unknown, bad: (key: string, reason: string) => void): ThemeOptions {
  if (value === undefined || value === null) return defaultThemeOptions
  if (typeof value !== 'object' || Array.isArray(value)) {
    bad('theme', `Expected \`theme\` to be a mapping of theme options, not ${describe(value)}`)
    return defaultThemeOptions
  }
  const raw = value as Record<string, unknown>
  const options: ThemeOptions = { ...defaultThemeOptions, footer: { links: [] } }
  for (const key of Object.keys(raw).sort()) {
    if (!(themeKeys as readonly string[]).includes(key)) bad(`theme.${key}`, `Unknown theme option \`${key}\`; expected one of ${themeKeys.join(', ')}`)
  }
  const colour = (v: unknown, key: string): string | undefined => {
    if (typeof v === 'string' && isColour(v.trim())) return v.trim()
    bad(key, `Expected \`${key}\` to be a hex colour like #b2332b or #b23, not ${describe(v)}`)
    return undefined
  }
  if (raw.accent !== undefined && raw.accent !== null) {
    if (typeof raw.accent === 'object' && !Array.isArray(raw.accent)) {
      const a = raw.accent as Record<string, unknown>
      const light = a.light === undefined ? undefined : colour(a.light, 'theme.accent.light')
      const dark = a.dark === undefined ? light : colour(a.dark, 'theme.accent.dark')
      if (a.light === undefined) bad('theme.accent', 'Expected `theme.accent` to be a colour, or `{light, dark}` with at least `light`')
      if (light && dark) options.accent = { light, dark }
    } else {
      const c = colour(raw.accent, 'theme.accent')
      if (c) options.accent = { light: c, dark: c }
    }
  }
  if (raw.fonts !== undefined && raw.fonts !== null) {
    if (typeof raw.fonts !== 'object' || Array.isArray(raw.fonts)) bad('theme.fonts', `Expected \`theme.fonts\` to be \`{body, heading}\`, not ${describe(raw.fonts)}`)
    else {
      const f = raw.fonts as Record<string, unknown>
      const fonts: { body?: string; heading?: string } = {}
      for (const which of ['body', 'heading'] as const) {
        if (f[which] === undefined || f[which] === null) continue
        const stack = fontStack(f[which])
        if (stack) fonts[which] = stack
        else bad(`theme.fonts.${which}`, `Expected \`theme.fonts.${which}\` to be a list of font names (letters, digits, spaces, \`-\`, \`_\`, \`.\`), not ${describe(f[which])}`)
      }
      for (const k of Object.keys(f)) if (k !== 'body' && k !== 'heading') bad(`theme.fonts.${k}`, `Unknown font option \`${k}\`; expected body or heading`)
      if (fonts.body || fonts.heading) options.fonts = fonts
    }
  }
  if (raw.width !== undefined && raw.width !== null) {
    const m = typeof raw.width === 'string' ? /^(\d{1,4}(?:\.\d{1,3})?)(em|rem|px|ch)$/.exec(raw.width.trim()) : null
    const n = m ? Number(m[1]) : NaN
    const ok = m && (m[2] === 'px' ? n >= 320 && n <= 2000 : n >= 20 && n <= 120)
    if (ok) options.width = raw.width.toString().trim()
    else bad('theme.width', `Expected \`theme.width\` to be a length like 38em, 44rem, 70ch (20 to 120) or 720px (320 to 2000), not ${describe(raw.width)}`)
  }
  if (raw.footer !== undefined && raw.footer !== null) {
    if (typeof raw.footer !== 'object' || Array.isArray(raw.footer)) bad('theme.footer', `Expected \`theme.footer\` to be \`{text, links}\`, not ${describe(raw.footer)}`)
    else {
      const f = raw.footer as Record<string, unknown>
      if (f.text !== undefined && f.text !== null) {
        if (typeof f.text === 'string' || typeof f.text === 'number') options.footer.text = String(f.text)
        else bad('theme.footer.text', `Expected \`theme.footer.text\` to be text, not ${describe(f.text)}`)
      }
      if (f.links !== undefined && f.links !== null) {
        if (!Array.isArray(f.links)) bad('theme.footer.links', `Expected \`theme.footer.links\` to be a list of {name, url}, not ${describe(f.links)}`)
        else {
          for (const item of f.links) {
            const l = item as Record<string, unknown>
            if (typeof l !== 'object' || l === null || typeof l.name !== 'string' || typeof l.url !== 'string') {
              bad('theme.footer.links', 'Expected each item of `theme.footer.links` to have `name` and `url`')
              continue
            }
            options.footer.links.push({ name: l.name, url: l.url })
          }
        }
      }
      for (const k of Object.keys(f)) if (k !== 'text' && k !== 'links') bad(`theme.footer.${k}`, `Unknown footer option \`${k}\`; expected text or links`)
    }
  }
  const flags = [['author_card', 'authorCard'], ['reading_time', 'readingTime'], ['word_count', 'wordCount'], ['toc', 'toc'], ['support', 'support'], ['edited', 'edited']] as const
  for (const [key, field] of flags) {
    const v = raw[key]
    if (v === undefined || v === null) continue
    if (typeof v === 'boolean') options[field] = v
    else bad(`theme.${key}`, `Expected \`theme.${key}\` to be true or false, not ${describe(v)}`)
  }
  if (raw.custom_css !== undefined && raw.custom_css !== null) {
    const p = typeof raw.custom_css === 'string' ? raw.custom_css.trim().replace(/^\.\//, '') : ''
    // Under templates/ only: the folder of the author's code, which `inkstone dev` watches and the theme's digest covers.
    if (/^templates\/[^\\]+\.css$/.test(p) && !p.split('/').includes('..')) options.customCss = p
    else bad('theme.custom_css', `Expected \`theme.custom_css\` to be the path of a .css file under templates/, like templates/site.css, not ${describe(raw.custom_css)}`)
  }
  return Object.freeze(options)
}

/**
 * The stylesheet that applies the options (CSS custom properties of the built-in theme), or '' when none
 * is set. Every value was checked by themeOptions, so it cannot end the rule or the `<style>` element.
 *
 * @param options Validated options.
 * @returns CSS text.
 */
export function themeOptionsCss(options: Pick<ThemeOptions, 'accent' | 'fonts' | 'width'>): string {
  const root: string[] = []
  // The tinted background of badges and search marks: a little of the accent in the page's background.
  if (options.accent) root.push(`--accent:${options.accent.light.toLowerCase()}`, `--accent-bg:${mixHex(options.accent.light, backgrounds.light, 0.1)}`)
  if (options.fonts?.body) root.push(`--sans:${options.fonts.body}`)
  if (options.fonts?.heading) root.push(`--heading:${options.fonts.heading}`)
  if (options.width) root.push(`--measure:${options.width}`)
  if (root.length === 0) return ''
  let css = `:root{${root.join(';')}}`
  if (options.fonts?.heading) css += 'h1,h2,h3,h4{font-family:var(--heading)}'
  if (options.accent) {
    const dark = `--accent:${options.accent.dark.toLowerCase()};--accent-bg:${mixHex(options.accent.dark, backgrounds.dark, 0.15)}`
    css += `html[data-theme=dark]{${dark}}@media (prefers-color-scheme:dark){html:not([data-theme=light]){${dark}}}`
  }
  return css
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list'
  if (value === null) return 'nothing'
  if (typeof value === 'object') return 'a mapping'
  return `${typeof value} \`${String(value)}\``
}
