/**
 * The entry cache's delta (see cache/format.ts): a build that re-parses a few
 * files writes only the records that differ from the base, leaves the base
 * as it was, and reads back exactly what a full rewrite would have given.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ENTRY_CACHE_FILE, ENTRY_DELTA_FILE, type CacheRecord } from '../../../src/cache/format.js'
import { EntryCacheWriter, writeEntryCache } from '../../../src/cache/write.js'
import { entryBytes } from '../../../src/cache/entry-bytes.js'
import { readEntryCache } from '../../../src/cache/read.js'
import { emptyBody } from '../../../src/content/parse.js'
import { parseEntries } from '../../../src/parse-entries.js'
import { loadConfig } from '../../../src/config/load.js'
import { discover } from '../../../src/content/discover.js'
import type { Entry, Problem } from '../../../src/types.js'
import { OpenFiles } from '../../../src/cache/open-files.js'

/** The cache files these tests read, closed when they end. */
const files = new OpenFiles()
afterAll(() => files.closeAll())

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
function temp(label: string): string {
  const d = mkdtempSync(join(tmpdir(), `inkstone-${label}-`))
  dirs.push(d)
  return d
}

const record = (i: number, version = 0): [string, CacheRecord] => {
  const entry = { kind: 'page', path: `content/pages/p${i}.md`, name: `p${i}`, keys: {}, body: { ...emptyBody, html: `<p>第 ${i} 页 v${version}</p>` }, matter: { title: `p${i}`, extra: {} }, problems: [] } as unknown as Entry
  return [entry.path, { hash: `h${i}.${version}`, assets: '', bytes: entryBytes(entry) }]
}
const base = new Map(Array.from({ length: 50 }, (_, i) => record(i)))

/** Writes `records` as a delta over the base in `dir`, the way parseEntries does: every record, in order. */
async function writeDelta(dir: string, digest: string, records: Map<string, CacheRecord>): Promise<void> {
  const read = await readEntryCache(dir, digest, [], files)
  const writer = new EntryCacheWriter(dir, digest, read.base)
  for (const [path, r] of records) writer.add(path, r)
  writer.commit()
}

/** A base of `base` (digest d1) in `dir`, and a delta over it in which p3 is edited. */
async function baseWithEditedP3(dir: string): Promise<void> {
  await writeEntryCache(dir, 'd1', base)
  const edited = new Map(base)
  edited.set(...record(3, 1))
  await writeDelta(dir, 'd1', edited)
}

describe('entry cache delta', () => {
  it('holds only the changed records; the base stays byte for byte (and its mtime); reads overlay it', async () => {
    const dir = temp('delta')
    await writeEntryCache(dir, 'd1', base)
    const baseFile = join(dir, ENTRY_CACHE_FILE)
    const before = readFileSync(baseFile)
    const mtime = statSync(baseFile).mtimeMs
    const edited = new Map(base)
    edited.set(...record(7, 1))
    await writeDelta(dir, 'd1', edited)
    expect(readFileSync(baseFile).equals(before)).toBe(true)
    expect(statSync(baseFile).mtimeMs).toBe(mtime)
    expect(statSync(join(dir, ENTRY_DELTA_FILE)).size).toBeLessThan(before.length / 10)
    const problems: Problem[] = []
    const back = await readEntryCache(dir, 'd1', problems, files)
    expect(problems).toEqual([])
    expect(back.records.get('content/pages/p7.md')!.hash).toBe('h7.1')
    expect(back.records.get('content/pages/p8.md')!.hash).toBe('h8.0')
    expect([...back.records.keys()]).toEqual([...base.keys()])
    // A second edit, of another file: the delta keeps the first one too.
    const again = new Map(back.records)
    again.set(...record(9, 1))
    await writeDelta(dir, 'd1', again)
    const twice = await readEntryCache(dir, 'd1', [], files)
    expect([twice.records.get('content/pages/p7.md')!.hash, twice.records.get('content/pages/p9.md')!.hash]).toEqual(['h7.1', 'h9.1'])
    expect(readFileSync(baseFile).equals(before)).toBe(true)
    // Back to the base's records: the delta goes away.
    await writeDelta(dir, 'd1', base)
    expect(existsSync(join(dir, ENTRY_DELTA_FILE))).toBe(false)
    expect((await readEntryCache(dir, 'd1', [], files)).records.get('content/pages/p7.md')!.hash).toBe('h7.0')
  })

  it('ignores a delta made for another base, silently; a new base removes the old delta', async () => {
    const dir = temp('delta-stale')
    await baseWithEditedP3(dir)
    const delta = readFileSync(join(dir, ENTRY_DELTA_FILE))
    // Another base (other records), and the old delta put back beside it.
    const other = new Map(base)
    other.set(...record(4, 2))
    await writeEntryCache(dir, 'd1', other)
    expect(existsSync(join(dir, ENTRY_DELTA_FILE))).toBe(false)
    writeFileSync(join(dir, ENTRY_DELTA_FILE), delta)
    const problems: Problem[] = []
    const back = await readEntryCache(dir, 'd1', problems, files)
    expect(problems).toEqual([])
    expect([back.records.get('content/pages/p3.md')!.hash, back.records.get('content/pages/p4.md')!.hash]).toEqual(['h3.0', 'h4.2'])
  })

  it('ignores a delta of another config digest, silently', async () => {
    const dir = temp('delta-digest')
    await baseWithEditedP3(dir)
    const delta = readFileSync(join(dir, ENTRY_DELTA_FILE))
    await writeEntryCache(dir, 'd2', base)
    writeFileSync(join(dir, ENTRY_DELTA_FILE), delta)
    const problems: Problem[] = []
    expect((await readEntryCache(dir, 'd2', problems, files)).records.get('content/pages/p3.md')!.hash).toBe('h3.0')
    expect(problems).toEqual([])
  })

  it('ignores a cut-off delta with a cache-corrupt warning, and still uses the base', async () => {
    const dir = temp('delta-cut')
    await baseWithEditedP3(dir)
    const file = join(dir, ENTRY_DELTA_FILE)
    writeFileSync(file, readFileSync(file).subarray(0, -5))
    const problems: Problem[] = []
    const back = await readEntryCache(dir, 'd1', problems, files)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ ruleId: 'cache-corrupt', fatal: false, path: `.inkstone-cache/${ENTRY_DELTA_FILE}` })
    expect(back.records.size).toBe(50)
    expect(back.records.get('content/pages/p3.md')!.hash).toBe('h3.0')
  })
})

describe('parseEntries with a delta', () => {
  const N = 40
  function site(): string {
    const root = temp('delta-site')
    mkdirSync(join(root, 'content', 'posts'), { recursive: true })
    writeFileSync(join(root, 'content', 'site.yaml'), 'title: 增量缓存\nurl: https://delta.example/\nhighlight: false\n')
    for (let i = 1; i <= N; i++) writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: 第 ${i} 篇\ndate: 2024-01-01 10:00\n---\n\n正文 ${i}。\n`)
    return root
  }
  async function parse(root: string, useCache = true) {
    const loaded = await loadConfig(root)
    const result = await parseEntries({ root, sources: await discover(root), config: loaded.config, configText: loaded.text, cacheDir: join(root, '.inkstone-cache'), useCache, workers: 0, openFiles: files })
    expect(result.problems).toEqual([])
    return result
  }
  const edit = (root: string, i: number, text: string) => writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: 第 ${i} 篇\ndate: 2024-01-01 10:00\n---\n\n${text}\n`)
  const cache = (root: string, file: string) => join(root, '.inkstone-cache', file)

  it('writes a delta for a few edits, a new base for many or for a deleted file, and always gives the entries a parse without cache gives', async () => {
    const root = site()
    await parse(root)
    const baseBytes = readFileSync(cache(root, ENTRY_CACHE_FILE))
    edit(root, 5, '改了第五篇。')
    expect((await parse(root)).stats).toMatchObject({ parsed: 1, cached: N - 1 })
    expect(readFileSync(cache(root, ENTRY_CACHE_FILE)).equals(baseBytes)).toBe(true)
    expect(existsSync(cache(root, ENTRY_DELTA_FILE))).toBe(true)
    edit(root, 6, '又改了第六篇。')
    const twice = await parse(root)
    expect(twice.stats).toMatchObject({ parsed: 1, cached: N - 1 })
    expect(twice.entries).toEqual((await parse(root, false)).entries)
    expect(readFileSync(cache(root, ENTRY_CACHE_FILE)).equals(baseBytes)).toBe(true)
    // Unchanged since: nothing is written at all.
    const deltaMtime = statSync(cache(root, ENTRY_DELTA_FILE)).mtimeMs
    expect((await parse(root)).stats).toMatchObject({ parsed: 0, cached: N })
    expect(statSync(cache(root, ENTRY_DELTA_FILE)).mtimeMs).toBe(deltaMtime)
    // More than 32 files differ from the base: a new base, no delta.
    for (let i = 1; i <= 33; i++) edit(root, i, `大改第 ${i} 篇。`)
    const many = await parse(root)
    expect(many.stats).toMatchObject({ parsed: 33, cached: N - 33 })
    expect(readFileSync(cache(root, ENTRY_CACHE_FILE)).equals(baseBytes)).toBe(false)
    expect(existsSync(cache(root, ENTRY_DELTA_FILE))).toBe(false)
    expect(many.entries).toEqual((await parse(root, false)).entries)
    // A delta again, then a deleted file: a new base without its record.
    edit(root, 40, '最后一篇改了。')
    await parse(root)
    expect(existsSync(cache(root, ENTRY_DELTA_FILE))).toBe(true)
    rmSync(join(root, 'content', 'posts', 'p39.md'))
    const fewer = await parse(root)
    expect(existsSync(cache(root, ENTRY_DELTA_FILE))).toBe(false)
    expect(fewer.entries).toEqual((await parse(root, false)).entries)
    expect((await parse(root)).stats).toMatchObject({ parsed: 0, cached: N - 1 })
  })

  it('replaces a cut-off delta once: one warning, then none, and the entries a parse without cache gives', async () => {
    const root = site()
    await parse(root)
    edit(root, 5, '改了第五篇。')
    await parse(root)
    const delta = cache(root, ENTRY_DELTA_FILE)
    writeFileSync(delta, readFileSync(delta).subarray(0, -5))
    const loaded = await loadConfig(root)
    const first = await parseEntries({ root, sources: await discover(root), config: loaded.config, configText: loaded.text, cacheDir: join(root, '.inkstone-cache'), useCache: true, workers: 0, openFiles: files })
    expect(first.problems.map((p) => [p.ruleId, p.path])).toEqual([['cache-corrupt', `.inkstone-cache/${ENTRY_DELTA_FILE}`]])
    expect(first.stats).toMatchObject({ parsed: 1, cached: N - 1 })
    expect(first.entries).toEqual((await parse(root, false)).entries)
    expect((await parse(root)).stats).toMatchObject({ parsed: 0, cached: N })
  })
})
