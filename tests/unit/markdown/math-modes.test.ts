/**
 * Math modes (site.yaml `math:`, a post's `math:`): `auto` reads `$…$` as
 * math only by Pandoc's rule and keeps what KaTeX cannot parse as text, with a
 * warning; `true` is remark-math as it is (invalid TeX an error); `false` no math.
 */
import { describe, expect, test } from 'vitest'
import { VFile } from 'vfile'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { problemsOf } from '../../../src/messages.js'
import type { MathMode } from '../../../src/types.js'
import { fixturesRoot } from './helpers.js'

const renderer = createBodyRenderer({ root: fixturesRoot, highlight: false, summaryLength: 140 })

async function render(body: string, mode: MathMode) {
  const file = new VFile({ path: 'content/posts/m.md' })
  file.data.inkstoneMath = mode
  const result = await renderer(file, body)
  const problems = problemsOf(file).map((p) => `${p.line}:${p.column} ${p.fatal ? 'error' : 'warning'} ${p.ruleId}`)
  // The TeX of every formula KaTeX rendered.
  const tex = [...result.html.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1])
  return { ...result, problems, tex }
}

describe('math: auto', () => {
  test.each([
    ['a formula', 'Area $\\pi r^2$ here.', ['\\pi r^2']],
    ['two formulas on a line', 'Both $a$ and $b_1$.', ['a', 'b_1']],
    ['prices', 'Costs $5 and $6 each.', []],
    ['a price range', 'From $10 to $20.', []],
    ['space after the opening $', 'A $ x$ y.', []],
    ['space before the closing $', 'A $x $ y.', []],
    ['a digit after the closing $', 'Pay $x$5 now.', []],
    ['an escaped dollar inside', 'Money $\\$5$ ok.', ['\\$5']],
    ['display math stays', '$$\nE = mc^2\n$$', ['E = mc^2']],
    ['inline double dollars stay', 'Inline $$x^2$$ too.', ['x^2']]
  ])('%s', async (_name, body, tex) => {
    const result = await render(body, 'auto')
    expect(result.tex).toEqual(tex)
    expect(result.math).toBe(tex.length > 0)
    expect(result.problems).toEqual([])
  })

  test("PHP's $_POST['user'] … $ stays text", async () => {
    const body = "In PHP, `$_POST` is read as $_POST['user'] == $admin, which costs $ nothing."
    const result = await render(body, 'auto')
    expect(result.tex).toEqual([])
    expect(result.html).toContain("$_POST['user'] == $admin, which costs $ nothing.")
    expect(result.problems).toEqual([])
  })

  test('what reads as math but KaTeX cannot parse stays text, with a warning at its place', async () => {
    const result = await render('Fine $x$.\n\nThen $\\frac{1}{$ and $\\undefinedmacro$ here.', 'auto')
    expect(result.tex).toEqual(['x'])
    expect(result.html).toContain('Then $\\frac{1}{$ and $\\undefinedmacro$ here.')
    expect(result.problems).toEqual(['3:6 warning invalid-tex', '3:22 warning invalid-tex'])
  })

  test('a display formula KaTeX cannot parse stays a plain code block', async () => {
    const result = await render('$$\n\\frac{\n$$', 'auto')
    expect(result.math).toBe(false)
    expect(result.html).toContain('<code class="language-tex">\\frac{</code>')
    expect(result.problems).toEqual(['1:1 warning invalid-tex'])
  })
})

describe('math: true and false', () => {
  test('true reads every pair of dollars (today\'s behaviour), and invalid TeX is an error', async () => {
    expect((await render('Costs $5 and $6 each.', 'true')).tex).toEqual(['5 and '])
    expect((await render('Then $\\frac{1}{$ here.', 'true')).problems).toEqual(['1:6 error invalid-tex'])
  })

  test('false reads no math at all, not even a math fence', async () => {
    const result = await render('Area $\\pi r^2$.\n\n$$\nE\n$$\n\n```math\na^2\n```', 'false')
    expect(result.math).toBe(false)
    expect(result.tex).toEqual([])
    expect(result.html).toContain('Area $\\pi r^2$.')
    expect(result.problems).toEqual([])
  })
})
