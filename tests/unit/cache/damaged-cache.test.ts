/**
 * A damaged entry cache (cut short, or bytes flipped in a body, in the index or in the delta) is a cache
 * problem: the build warns about it, naming the file, parses the sources instead, and its output equals a
 * clean build's. A body found damaged only while its page renders is never reported as the template's error.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/build.js'
import { OpenFiles } from '../../../src/cache/open-files.js'
import { PageError } from '../../../src/render/site-image.js'
import { ENTRY_CACHE_FILE, ENTRY_DELTA_FILE, HEADER } from '../../../src/cache/format.js'
import { NOW } from '../../helpers/tree.js'
import { diffWithClean } from '../../helpers/site-copy.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'inkstone-damaged-cache-'))
  dirs.push(root)
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: 坏缓存\nurl: https://damaged.example/\nhighlight: false\n')
  for (let i = 1; i <= 3; i++) {
    writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: 第 ${i} 篇\ndate: 2024-0${i}-01 10:00\ntags: [a]\n---\n\n正文 ${i}，some *text*.\n`)
  }
  return root
}
const flags = { drafts: false, future: false }
let outs = 0
/** A new output folder, so that every page is rendered (and every body read) again. */
const fresh = (root: string): string => join(root, `out-${++outs}`)
const T = 120_000

/** The first record of a cache file: its path and where its tail (the body's HTML first) lies. */
function firstRecord(bytes: Buffer): { path: string; at: number; length: number; indexAt: number } {
  const indexAt = Number(bytes.readBigUInt64LE(16))
  let at = indexAt
  const chunk = (): Buffer => {
    const length = bytes.readUInt32LE(at)
    const data = bytes.subarray(at + 4, at + 4 + length)
    at += 4 + length
    return data
  }
  chunk() // digest
  chunk() // id
  const [path, , , tailAt, length] = JSON.parse(chunk().toString('utf8')) as [string, string, string, number, number]
  return { path, at: tailAt, length, indexAt }
}

/** Build into a fresh folder; its problems (path, rule, reason) and its difference from a clean build. */
async function buildAgain(root: string): Promise<{ ok: boolean; problems: string[][]; diff: string[]; parsed: number }> {
  const out = fresh(root)
  const result = await build({ root, outDir: out, flags, now: NOW, workers: 0 })
  const { diff } = await diffWithClean(root, out, flags, NOW)
  return { ok: result.ok, problems: result.problems.map((p) => [p.path, p.ruleId, p.reason]), diff, parsed: result.stats.parse.parsed }
}

describe('a damaged entry cache', () => {
  const cases: Array<[string, string, (root: string) => string]> = [
    ['cut short', ENTRY_CACHE_FILE, (root) => {
      const file = join(root, '.inkstone-cache', ENTRY_CACHE_FILE)
      const bytes = readFileSync(file)
      writeFileSync(file, bytes.subarray(0, bytes.length - 100))
      return `truncated: ${bytes.length - 100 - HEADER} of ${bytes.length - HEADER} bytes`
    }],
    ['a byte flipped in a body (found after the index was read and checked)', ENTRY_CACHE_FILE, (root) => {
      const file = join(root, '.inkstone-cache', ENTRY_CACHE_FILE)
      const bytes = readFileSync(file)
      const record = firstRecord(bytes)
      bytes[record.at + 3] ^= 0x20
      writeFileSync(file, bytes)
      return `the record of ${record.path} does not match its checksum`
    }],
    ['bytes flipped in the index', ENTRY_CACHE_FILE, (root) => {
      const file = join(root, '.inkstone-cache', ENTRY_CACHE_FILE)
      const bytes = readFileSync(file)
      const { indexAt } = firstRecord(bytes)
      for (let i = 0; i < 8; i++) bytes[bytes.length - 20 - i] ^= 0xff
      expect(bytes.length - 27).toBeGreaterThan(indexAt)
      writeFileSync(file, bytes)
      return 'the index does not match its checksum'
    }],
    ['a byte flipped in a body of the delta', ENTRY_DELTA_FILE, (root) => {
      // An edit of one post: the next build writes a delta with that post's record only.
      writeFileSync(join(root, 'content', 'posts', 'p2.md'), readFileSync(join(root, 'content', 'posts', 'p2.md'), 'utf8') + '\n又一段。\n')
      return ''
    }]
  ]

  for (const [name, fileName, damage] of cases) {
    it(`${name}: a cache warning naming ${fileName}, and the output of a clean build`, async () => {
      const root = site()
      expect((await build({ root, flags, now: NOW, workers: 0 })).ok).toBe(true)
      let why = damage(root)
      if (fileName === ENTRY_DELTA_FILE) {
        expect((await build({ root, flags, now: NOW, workers: 0 })).stats.parse.parsed).toBe(1)
        const file = join(root, '.inkstone-cache', ENTRY_DELTA_FILE)
        const bytes = readFileSync(file)
        const record = firstRecord(bytes)
        expect(record.path).toBe('content/posts/p2.md')
        bytes[record.at + 3] ^= 0x20
        writeFileSync(file, bytes)
        why = `the record of ${record.path} does not match its checksum`
      }
      const damaged = await buildAgain(root)
      expect(damaged).toEqual({
        ok: true,
        problems: [[`.inkstone-cache/${fileName}`, 'cache-corrupt', `The cache could not be read (${why})`]],
        diff: [],
        parsed: 3
      })
      // The cache was made again: the next build reads every entry from it, without a warning.
      expect(await buildAgain(root)).toEqual({ ok: true, problems: [], diff: [], parsed: 0 })
    }, T)
  }

  it('cut short while a dev image still reads from it: the page fails with the cache warning, not a template error', async () => {
    const root = site()
    expect((await build({ root, flags, now: NOW, workers: 0 })).ok).toBe(true)
    const openFiles = new OpenFiles()
    try {
      const lazy = await build({ root, flags: { ...flags, dev: true }, now: NOW, workers: 0, lazy: true, openFiles })
      expect(lazy.stats.parse).toMatchObject({ parsed: 0, cached: 3 })
      const file = join(root, '.inkstone-cache', ENTRY_CACHE_FILE)
      writeFileSync(file, readFileSync(file).subarray(0, HEADER + 2))
      const failure = await lazy.image!.read('posts/p1/index.html').then(() => undefined, (error: unknown) => error)
      expect(failure).toBeInstanceOf(PageError)
      expect((failure as PageError).problem).toMatchObject({
        path: `.inkstone-cache/${ENTRY_CACHE_FILE}`, ruleId: 'cache-corrupt', reason: 'The cache could not be read (cut short while in use)'
      })
    } finally {
      openFiles.closeAll()
    }
  }, T)
})
