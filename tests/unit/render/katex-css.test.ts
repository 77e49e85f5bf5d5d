import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import katex from 'katex'
import { describe, expect, it } from 'vitest'
import { katexSubset } from '../../../src/render/katex-css.js'

const full = readFileSync(join(import.meta.dirname, '..', '..', '..', 'node_modules', 'katex', 'dist', 'katex.min.css'), 'utf8')

describe('katexSubset', () => {
  const html = [katex.renderToString('\\frac{n(n+1)}{2}', { displayMode: true }), katex.renderToString('E=mc^2')]
  const subset = katexSubset(full, html)

  it('keeps every rule whose classes the formulas use, and only those', () => {
    expect(subset.css).toContain('.katex{')
    expect(subset.css).toMatch(/\.katex \.mfrac \.frac-line\{/)
    expect(subset.css).toContain('.katex-display')
    // Matrices and arrays are not used here: their rules are left out.
    expect(subset.css).not.toMatch(/\.arraycolsep|\.col-align-c/)
    expect(subset.css.length).toBeLessThan(full.length / 4)
  })

  it('keeps the fonts those rules name, as woff2 only, and lists their files', () => {
    expect(subset.fonts).toContain('fonts/KaTeX_Main-Regular.woff2')
    expect(subset.fonts).toContain('fonts/KaTeX_Math-Italic.woff2')
    expect(subset.fonts).not.toContain('fonts/KaTeX_Fraktur-Regular.woff2')
    expect(subset.css).not.toMatch(/\.woff\)|\.ttf\)/)
    for (const font of subset.fonts) expect(subset.css).toContain(`url(${font})`)
  })

  it('is empty of rules for pages without math classes', () => {
    expect(katexSubset(full, ['<p class="plain">x</p>']).fonts).toEqual([])
  })
})
