/**
 * A bounded, seeded fuzzing run (part of `npm test`): random and mutated
 * sites built in-process (harness.ts holds the property), then a few through
 * the real CLI. `npm run fuzz` runs longer with a random seed
 * (FUZZ_SECONDS, FUZZ_SEED).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseEntry } from '../../src/content/parse.js'
import { createBodyRenderer } from '../../src/markdown/index.js'
import { validateConfig } from '../../src/config/schema.js'
import { parseYaml } from '../../src/util/yaml.js'
import { rules } from '../../src/messages.js'
import { cli } from '../helpers/cli.js'
import { readTree, tempDir } from '../helpers/tree.js'
import { checkSite, frontMatter, fuzzSite, markdown, mutation } from './harness.js'

const seconds = Number(process.env.FUZZ_SECONDS ?? 25)
const seed = Number(process.env.FUZZ_SEED ?? 18)
const long = process.env.FUZZ_SECONDS !== undefined

describe('fuzz', () => {
  it(`single files through parseEntry: never an exception, every problem a known rule (seed ${seed}, ${seconds} s)`, async () => {
    const { config } = validateConfig(parseYaml('title: T\nurl: https://t.example/\n'), 'content/site.yaml')
    const render = createBodyRenderer({ root: tempDir('fuzz-entry'), highlight: false, summaryLength: 140 })
    let runs = 0
    await fc.assert(fc.asyncProperty(frontMatter, markdown, mutation, async (front, body, how) => {
      runs++
      const text = how === 'crlf' ? (front + body).replace(/\n/g, '\r\n') : front + body
      const entry = await parseEntry({ path: 'content/posts/f.md', name: 'f', kind: 'post', bundle: false, assets: [] }, Buffer.from(text), config, render)
      for (const p of entry.problems) expect(Object.keys(rules)).toContain(p.ruleId)
    }), { seed, numRuns: 1_000_000, interruptAfterTimeLimit: seconds * 1000 })
    console.log(`fuzz: ${runs} files parsed (seed ${seed})`)
    expect(runs).toBeGreaterThan(long ? 100 : 20)
  }, (seconds + 60) * 1000)

  it(`whole sites through build(): exit ok or placed errors, nothing outside dist, output kept on failure (seed ${seed}, ${seconds} s)`, async () => {
    let runs = 0
    let failed = 0
    await fc.assert(fc.asyncProperty(fuzzSite, async (site) => {
      runs++
      const outcome = await checkSite(site)
      if (!outcome.ok) failed++
    }), { seed, numRuns: 1_000_000, interruptAfterTimeLimit: seconds * 1000 })
    console.log(`fuzz: ${runs} sites built, ${failed} with errors (seed ${seed})`)
    // Both outcomes are exercised, or the generators are off.
    expect(runs).toBeGreaterThan(long ? 50 : 10)
    expect(failed).toBeGreaterThan(0)
    expect(failed).toBeLessThan(runs)
  }, (seconds + 60) * 1000)

  it('a few hostile sites through the CLI: exit 0 or 1, never a crash', () => {
    const samples = fc.sample(fuzzSite, { seed, numRuns: long ? 20 : 3 })
    for (const site of samples) {
      const root = tempDir('fuzz-cli')
      mkdirSync(join(root, 'content', 'posts'), { recursive: true })
      writeFileSync(join(root, 'content', 'site.yaml'), site.site)
      for (const [i, post] of site.posts.entries()) writeFileSync(join(root, 'content', 'posts', `p${i}.md`), post.front + post.body)
      const out = join(root, 'out')
      mkdirSync(out)
      writeFileSync(join(out, 'index.html'), 'previous\n')
      const before = readTree(out)
      const { code, stderr } = cli(['build', root, '--out', out, '--workers', '1'])
      expect([0, 1], stderr).toContain(code)
      expect(stderr).not.toContain('internal error')
      if (code === 1) expect(readTree(out)).toEqual(before)
    }
  }, 300_000)
})
