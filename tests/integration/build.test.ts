/**
 * Golden fixture sites: each `tests/fixtures/sites/<name>/input` is built into
 * a temporary folder and compared file by file with `expected/`.
 * `UPDATE=1 npx vitest run tests/integration/build.test.ts` rewrites
 * `expected/` — only on purpose, and read the diff before committing.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'

const sites = join(import.meta.dirname, '..', 'fixtures', 'sites')

describe('golden sites', () => {
  for (const name of readdirSync(sites).filter((n) => existsSync(join(sites, n, 'input')) && (existsSync(join(sites, n, 'expected')) || process.env.UPDATE))) {
    it(`builds ${name} exactly as expected`, async () => {
      const out = tempDir(name)
      const result = await build({ root: join(sites, name, 'input'), outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: false })
      expect(result.problems.filter((p) => p.fatal)).toEqual([])
      const got = readTree(out)
      const expectedDir = join(sites, name, 'expected')
      if (process.env.UPDATE) {
        rmSync(expectedDir, { recursive: true, force: true })
        for (const [path, data] of got) {
          mkdirSync(dirname(join(expectedDir, path)), { recursive: true })
          writeFileSync(join(expectedDir, path), data)
        }
      }
      const want = readTree(expectedDir)
      expect([...got.keys()]).toEqual([...want.keys()])
      for (const [path, data] of want) expect(got.get(path)?.toString('utf8'), path).toBe(data.toString('utf8'))
    })
  }
})
