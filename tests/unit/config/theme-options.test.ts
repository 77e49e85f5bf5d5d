/**
 * `theme:` in site.yaml: every option read, every bad value an error at its line with the theme-invalid
 * rule, and the stylesheet made from the options holding nothing that could leave its rule.
 */
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'
import { fontStack, isColour, themeOptionsCss } from '../../../src/config/theme-options.js'

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
      '  accent: { light: "#0a7c6f", dark: "rgb(90 200 180)" }',
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
      accent: { light: '#0a7c6f', dark: 'rgb(90 200 180)' },
      fonts: { body: '"Inter",system-ui,sans-serif', heading: '"Noto Serif SC",serif' },
      width: '44rem',
      footer: { text: '本站文字采用 CC BY 4.0', links: [{ name: '关于', url: '/about/' }] },
      authorCard: false, readingTime: false, wordCount: false, toc: false, support: false, edited: false,
      customCss: 'templates/site.css'
    })
    expect(config.extra.theme).toBeUndefined()
  })

  it('uses one accent colour for both schemes', () => {
    expect(parseConfig(base + 'theme:\n  accent: teal\n').config.theme?.accent).toEqual({ light: 'teal', dark: 'teal' })
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
    expect(problems[1].reason).toContain('CSS colour')
  })

  it('is a mapping', () => {
    const { problems } = parseConfig(base + 'theme: dark\n')
    expect(problems.map((p) => [p.ruleId, p.line])).toEqual([['theme-invalid', 3]])
  })

  it('accepts colours and font names only of safe characters', () => {
    for (const ok of ['#abc', '#AABBCC', '#aabbcc80', 'rebeccapurple', 'oklch(62% 0.19 30)', 'hsl(200 50% 40% / .9)']) expect(isColour(ok)).toBe(true)
    for (const no of ['#ab', 'red;', 'url(x)', 'rgb(1,2,3);x', '"red"', 'expression(alert(1))', 'var(--x)']) expect(isColour(no)).toBe(false)
    expect(fontStack(['LXGW WenKai', 'serif'])).toBe('"LXGW WenKai",serif')
    expect(fontStack('霞鹜文楷, sans-serif')).toBe('"霞鹜文楷",sans-serif')
    expect(fontStack(['a"b'])).toBeUndefined()
    expect(fontStack(['x}'])).toBeUndefined()
    expect(fontStack([])).toBeUndefined()
  })

  it('become CSS custom properties of the built-in theme, for both schemes', () => {
    const css = themeOptionsCss({ accent: { light: '#0a7c6f', dark: '#5cc8b4' }, fonts: { heading: 'serif' }, width: '44rem' })
    expect(css).toBe(
      ':root{--accent:#0a7c6f;--accent-bg:color-mix(in srgb,#0a7c6f 14%,var(--bg));--heading:serif;--measure:44rem}' +
      'h1,h2,h3,h4{font-family:var(--heading)}' +
      'html[data-theme=dark]{--accent:#5cc8b4;--accent-bg:color-mix(in srgb,#5cc8b4 22%,var(--bg))}' +
      '@media (prefers-color-scheme:dark){html:not([data-theme=light]){--accent:#5cc8b4;--accent-bg:color-mix(in srgb,#5cc8b4 22%,var(--bg))}}'
    )
  })
})
