/**
 * Highlighted blocks shared between posts of one process (src/markdown/code-reuse.ts):
 * a block another post already had is taken from the shared blocks, and the
 * HTML is the one a fresh highlight makes.
 */
import { VFile } from 'vfile'
import { beforeEach, describe, expect, test } from 'vitest'
import { codeKey } from '../../../src/markdown/code-memo.js'
import { clearSharedBlocks, reusedBlock, shareBlock } from '../../../src/markdown/code-reuse.js'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { fixturesRoot } from './helpers.js'

const renderer = createBodyRenderer({ root: fixturesRoot, highlight: true, summaryLength: 140 })
const render = async (body: string) => (await renderer(new VFile({ path: 'content/posts/p.md' }), body)).html

const css = 'a { color: red; }\n/* x & <y> "z" */'
const ts = 'const a: Map<string, number> = new Map()\nexport function f(x = 1) { return `${x}` }'
const first = `One.\n\n\`\`\`css\n${css}\n\`\`\`\n\n\`\`\`ts\n${ts}\n\`\`\`\n`
const second = `Two, same blocks in another order.\n\n\`\`\`ts\n${ts}\n\`\`\`\n\nand\n\n\`\`\`css\n${css}\n\`\`\`\n`

describe('shared highlighted blocks', () => {
  beforeEach(() => clearSharedBlocks())

  test('a highlighted block is shared under its language and text', async () => {
    expect(reusedBlock(codeKey('css', css))).toBeUndefined()
    await render(first)
    expect(reusedBlock(codeKey('css', css))).toContain('color')
    expect(reusedBlock(codeKey('ts', ts))).toContain('Map')
    expect(reusedBlock(codeKey('ts', 'other'))).toBeUndefined()
  })

  test('a post whose blocks another post had gets the same HTML as when highlighted afresh', async () => {
    await render(first)
    const reused = await render(second)
    clearSharedBlocks()
    const fresh = await render(second)
    expect(reused).toBe(fresh)
    expect(reused).toContain('data-language="css"')
  })

  test('the shared block is what the next post gets', async () => {
    // A stand-in under the real key shows the lookup is used (never done outside this test).
    await render(first)
    const key = codeKey('css', css)
    clearSharedBlocks()
    shareBlock(key, JSON.stringify([[{ className: ['marker'] }], ['pre', 0, 'stand-in']]))
    expect(await render(second)).toContain('<pre class="marker" data-language="css">stand-in</pre>')
  })
})
