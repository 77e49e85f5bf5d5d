/**
 * Golden fixtures: every folder of tests/fixtures/markdown has an `input.md`,
 * rendered as the file `input.md` with the folder as site root, and compared
 * with `expected.html` (the body) and `expected.json` (everything else).
 * `UPDATE=1 npx vitest run tests/unit/markdown` rewrites them; read every
 * rewritten file before committing.
 *
 * Each fixture is rendered twice: by the modules themselves and by the
 * esbuild bundle of them that compiled builds load (markdown/load.ts), which
 * must be current after `npm run compile` (npm test compiles first).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VFile } from 'vfile'
import { describe, expect, test } from 'vitest'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { problemsOf } from '../../../src/messages.js'
import { plainTextOf, searchDigestOf } from '../../../src/markdown/search-text.js'
import { fixturesRoot } from './helpers.js'
import { loadMarkdown, markdownBundle } from '../../../.build/src/markdown/load.js'

const update = process.env.UPDATE === '1'
const cases = readdirSync(fixturesRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('golden fixtures', () => {
  test('there are fixtures', () => {
    expect(cases.length).toBeGreaterThan(5)
  })

  test('the compiled tool loads the Markdown stack from a current bundle', () => {
    expect(markdownBundle()).toMatch(/^file:.*\/\.build\/bundle\/markdown\/index\.js$/)
  })

  const bundled = async (): Promise<typeof createBodyRenderer> => {
    const url = markdownBundle()
    expect(url, 'a current bundle (run npm run compile)').toBeDefined()
    return (await loadMarkdown(url)).createBodyRenderer
  }
  test.each(cases.flatMap((name) => [[name, 'modules'], [name, 'bundle']]))('%s (%s)', async (name, from) => {
    const root = join(fixturesRoot, name)
    const create = from === 'bundle' ? await bundled() : createBodyRenderer
    const render = create({ root, highlight: true, summaryLength: 140 })
    const file = new VFile({ path: 'input.md' })
    const { html, searchText, searchDigest, ...rest } = await render(file, readFileSync(join(root, 'input.md'), 'utf8'))
    // The search index's text is the rendered HTML's (pinned in tests/unit/search/text.test.ts), made with the body,
    // and so is the digest that names the post's search document.
    expect(searchText).toBe(plainTextOf(html, { code: false }))
    expect(searchDigest).toBe(searchDigestOf(rest.headings.map((h) => h.text), searchText))
    const problems = problemsOf(file).map(({ ruleId, line, column, fatal, reason }) => ({ ruleId, line, column, fatal, reason }))
    const json = JSON.stringify({ ...rest, problems }, null, 2) + '\n'
    const htmlPath = join(root, 'expected.html')
    const jsonPath = join(root, 'expected.json')
    if (update || !existsSync(htmlPath)) {
      writeFileSync(htmlPath, html + '\n')
      writeFileSync(jsonPath, json)
    }
    expect(html + '\n').toBe(readFileSync(htmlPath, 'utf8'))
    expect(json).toBe(readFileSync(jsonPath, 'utf8'))
  })

  test('searchText holds code blocks only with searchCode (config search.code)', async () => {
    const source = '用 grid 排版\n\n```js\nconst 变量 = 1\n```\n'
    const off = await createBodyRenderer({ root: fixturesRoot, highlight: false, summaryLength: 140 })(new VFile({ path: 'a.md' }), source)
    const on = await createBodyRenderer({ root: fixturesRoot, highlight: false, summaryLength: 140, searchCode: true })(new VFile({ path: 'a.md' }), source)
    expect(off.searchText).toBe('用 grid 排版')
    expect(on.searchText).toBe('用 grid 排版\nconst 变量 = 1')
  })
})
