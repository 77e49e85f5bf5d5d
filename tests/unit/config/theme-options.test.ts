/**
 * `theme:` in site.yaml: every option read, every bad value an error at its line with the theme-invalid
 * rule, and the stylesheet made from the options holding nothing that could leave its rule.
 */
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'
import { fontStack, isColour, mixHex, themeOptionsCss } from '../../../src/config/theme-options.js'

const base = 'title: t\nurl: https://e.org/\n'

describe('theme options', () => {
  it('default to the theme as it is when `theme:` is absent', () => {
    const { config, problems } = parseConfig(base)
    expect(problems).toEqual([])
    expect(config.theme).toEqual({ footer: { links: [] }, authorCard: true, readingTime: true, wordCount: true, toc: true, support: true, edited: true })
    expect(themeOptionsCss(config.theme!)).toBe('')
  })

  it('reads every option', () => {
    const { config, problems } = parseConfig(base + [
      'theme:',
      '  accent: { light: "#0a7c6f", dark: "#5CB" }',
      '  fonts: { body: [Inter, system-ui, sans-serif], heading: "Noto Serif SC, serif" }',
      '  width: 44rem',
      '  footer:',
      '    text: 本站文字采用 CC BY 4.0',
      '    links: [{ name: 关于, url: /about/ }]',
      '  author_card: false',
      '  reading_time: false',
      '  word_count: false',
      '  toc: false',
      '  support: false',
      '  edited: false',
      '  custom_css: templates/site.css'
    ].join('\n') + '\n')
    expect(problems).toEqual([])
    expect(config.theme).toEqual({
      accent: { light: '#0a7c6f', dark: '#5CB' },
      fonts: { body: '"Inter",system-ui,sans-serif', heading: '"Noto Serif SC",serif' },
      width: '44rem',
      footer: { text: '本站文字采用 CC BY 4.0', links: [{ name: '关于', url: '/about/' }] },
      authorCard: false, readingTime: false, wordCount: false, toc: false, support: false, edited: false,
      customCss: 'templates/site.css'
    })
    expect(config.extra.theme).toBeUndefined()
  })

  it('uses one accent colour for both schemes', () => {
    expect(parseConfig(base + 'theme:\n  accent: "#008080"\n').config.theme?.accent).toEqual({ light: '#008080', dark: '#008080' })
  })

  it('reports each bad value at its own line, with theme-invalid', () => {
    const { problems } = parseConfig(base + [
      'theme:',
      '  accent: "red;}body{display:none"',
      '  fonts:',
      '    body: ["Inter</style><script>"]',
      '  width: 12',
      '  footer: nope',
      '  toc: sometimes',
      '  custom_css: ../outside.css',
      '  colour: red'
    ].join('\n') + '\n')
    expect(problems.map((p) => [p.ruleId, p.line, p.fatal])).toEqual([
      ['theme-invalid', 11, true],
      ['theme-invalid', 4, true],
      ['theme-invalid', 6, true],
      ['theme-invalid', 7, true],
      ['theme-invalid', 8, true],
      ['theme-invalid', 9, true],
      ['theme-invalid', 10, true]
    ])
    expect(problems[0].reason).toContain('Unknown theme option `colour`')
    expect(problems[1].reason).toContain('hex colour')
  })

  it('is a mapping', () => {
    const { problems } = parseConfig(base + 'theme: dark\n')
    expect(problems.map((p) => [p.ruleId, p.line])).toEqual([['theme-invalid', 3]])
  })

  it('accepts colours and font names only of safe characters', () => {
    for (const ok of ['#abc', '#AABBCC', '#0a7c6f']) expect(isColour(ok)).toBe(true)
    for (const no of ['#ab', '#aabbcc80', 'teal', 'red;', 'url(x)', 'rgb(1,2,3)', '"red"', 'expression(alert(1))', 'var(--x)']) expect(isColour(no)).toBe(false)
    expect(fontStack(['LXGW WenKai', 'serif'])).toBe('"LXGW WenKai",serif')
    expect(fontStack('霞鹜文楷, sans-serif')).toBe('"霞鹜文楷",sans-serif')
    expect(fontStack(['a"b'])).toBeUndefined()
    expect(fontStack(['x}'])).toBeUndefined()
    expect(fontStack([])).toBeUndefined()
  })

  it('become CSS custom properties of the built-in theme, for both schemes', () => {
    const css = themeOptionsCss({ accent: { light: '#0a7c6f', dark: '#5cc8b4' }, fonts: { heading: 'serif' }, width: '44rem' })
    // The tinted background: 10% of the accent in the light page's #fbfaf7, 15% in the dark page's #17181b.
    expect(mixHex('#0a7c6f', '#fbfaf7', 0.1)).toBe('#e3ede9')
    expect(mixHex('#fff', '#000', 0.5)).toBe('#808080')
    expect(css).toBe(
      ':root{--accent:#0a7c6f;--accent-bg:#e3ede9;--heading:serif;--measure:44rem}' +
      'h1,h2,h3,h4{font-family:var(--heading)}' +
      `html[data-theme=dark]{--accent:#5cc8b4;--accent-bg:${mixHex('#5cc8b4', '#17181b', 0.15)}}` +
      `@media (prefers-color-scheme:dark){html:not([data-theme=light]){--accent:#5cc8b4;--accent-bg:${mixHex('#5cc8b4', '#17181b', 0.15)}}}`
    )
  })
})
