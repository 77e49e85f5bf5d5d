import { describe, expect, test } from 'vitest'
import { render } from './helpers.js'

describe('math', () => {
  test.each([
    ['inline', 'Area $\\pi r^2$.', 'annotation encoding="application/x-tex">\\pi r^2</annotation>'],
    ['display', '$$\nE = mc^2\n$$', '<span class="katex-display"><span class="katex">'],
    ['math fence', '```math\na^2\n```', '<span class="katex-display">']
  ])('%s renders with KaTeX', async (_name, input, fragment) => {
    const result = await render(input)
    expect(result.math).toBe(true)
    expect(result.code).toBe(false)
    expect(result.html).toContain(fragment)
    expect(result.problems).toEqual([])
  })

  test('no math: flag off', async () => {
    expect((await render('Costs 5 dollars.')).math).toBe(false)
  })

  test('known limitation of remark-math: two dollar amounts in a paragraph are read as math', async () => {
    expect((await render('Costs $5 and $6 each.')).math).toBe(true)
  })

  test('invalid TeX is our fatal error at its line', async () => {
    const result = await render('Fine.\n\nBroken $\\frac{1}{$ here.', 'content/posts/m.md')
    expect(result.problems).toEqual([
      {
        path: 'content/posts/m.md',
        reason: "Invalid TeX: Unexpected end of input in a macro argument, expected '}' at end of input: \\frac{1}{",
        ruleId: 'invalid-tex',
        fatal: true,
        line: 3,
        column: 8,
        endLine: 3,
        endColumn: 19
      }
    ])
  })

  test.each([
    ['display math', 'Intro.\n\n$$\n\\frac{\n$$', 3],
    ['math fence', 'Intro.\n\n```math\n\\bad{\n```', 3]
  ])('invalid TeX in %s points at the block', async (_name, input, line) => {
    const result = await render(input)
    expect(result.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([['invalid-tex', line, 1]])
  })

  test('Chinese text inside math does not warn', async () => {
    const result = await render('$\\text{面积} = a$')
    expect(result.problems).toEqual([])
  })
})
