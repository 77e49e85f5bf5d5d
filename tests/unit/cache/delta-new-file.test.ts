/**
 * The entry cache's delta when files are added (see deltaBase in
 * parse-entries.ts): a new file's record goes to the delta like an edited
 * one's, the base stays as it was, a build that changes nothing after that
 * writes nothing, and the new file removed again takes its record out of the
 * delta without a new base. The entries are always those of a parse without
 * cache.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ENTRY_CACHE_FILE, ENTRY_DELTA_FILE } from '../../../src/cache/format.js'
import { readEntryCache } from '../../../src/cache/read.js'
import { configDigest } from '../../../src/cache/digest.js'
import { parseEntries } from '../../../src/parse-entries.js'
import { loadConfig } from '../../../src/config/load.js'
import { discover } from '../../../src/content/discover.js'
import { OpenFiles } from '../../../src/cache/open-files.js'

/** The cache files these tests read, closed when they end. */
const files = new OpenFiles()
afterAll(() => files.closeAll())

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

const N = 40
function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'inkstone-delta-new-'))
  dirs.push(root)
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: 新文件\nurl: https://delta-new.example/\nhighlight: false\n')
  for (let i = 1; i <= N; i++) post(root, i, `正文 ${i}。`)
  return root
}
function post(root: string, i: number, text: string): void {
  writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: 第 ${i} 篇\ndate: 2024-01-01 10:00\n---\n\n${text}\n`)
}
async function parse(root: string, useCache = true) {
  const loaded = await loadConfig(root)
  const result = await parseEntries({ root, sources: await discover(root), config: loaded.config, configText: loaded.text, cacheDir: join(root, '.inkstone-cache'), useCache, workers: 0, openFiles: files })
  expect(result.problems).toEqual([])
  return result
}
const file = (root: string, name: string) => join(root, '.inkstone-cache', name)
const mtime = (path: string) => statSync(path).mtimeMs

describe('parseEntries: new files and the delta', () => {
  it('puts a new file in the delta, leaves the base alone, and takes the file out of the delta when it is removed', async () => {
    const root = site()
    await parse(root)
    const base = file(root, ENTRY_CACHE_FILE)
    const baseBytes = readFileSync(base)
    const baseMtime = mtime(base)

    post(root, N + 1, '新写的一篇。')
    const added = await parse(root)
    expect(added.stats).toMatchObject({ parsed: 1, cached: N })
    expect(readFileSync(base).equals(baseBytes)).toBe(true)
    expect(mtime(base)).toBe(baseMtime)
    expect(existsSync(file(root, ENTRY_DELTA_FILE))).toBe(true)
    expect(added.entries).toEqual((await parse(root, false)).entries)
    const loaded = await loadConfig(root)
    const read = await readEntryCache(join(root, '.inkstone-cache'), configDigest(loaded.text), [], files)
    expect(read.records.size).toBe(N + 1)
    expect(read.records.has(`content/posts/p${N + 1}.md`)).toBe(true)
    expect(read.base!.keys.has(`content/posts/p${N + 1}.md`)).toBe(false)

    // Nothing changed since: nothing is written.
    const deltaMtime = mtime(file(root, ENTRY_DELTA_FILE))
    const warm = await parse(root)
    expect(warm.stats).toMatchObject({ parsed: 0, cached: N + 1 })
    expect(mtime(file(root, ENTRY_DELTA_FILE))).toBe(deltaMtime)
    expect(warm.entries).toEqual(added.entries)

    // An edit of another file beside it: both in the delta, still no new base.
    post(root, 3, '改了第三篇。')
    const edited = await parse(root)
    expect(edited.stats).toMatchObject({ parsed: 1, cached: N })
    expect(readFileSync(base).equals(baseBytes)).toBe(true)
    expect(edited.entries).toEqual((await parse(root, false)).entries)

    // The new file removed: it leaves the delta, the edit stays, the base is untouched; the build after writes nothing.
    rmSync(join(root, 'content', 'posts', `p${N + 1}.md`))
    const removed = await parse(root)
    expect(removed.stats).toMatchObject({ parsed: 0, cached: N })
    expect(readFileSync(base).equals(baseBytes)).toBe(true)
    expect(mtime(base)).toBe(baseMtime)
    const after = await readEntryCache(join(root, '.inkstone-cache'), configDigest(loaded.text), [], files)
    expect(after.records.size).toBe(N)
    expect(after.records.get('content/posts/p3.md')!.hash).not.toBe(after.base!.keys.get('content/posts/p3.md')!.split('\0')[0])
    const deltaAgain = mtime(file(root, ENTRY_DELTA_FILE))
    expect((await parse(root)).stats).toMatchObject({ parsed: 0, cached: N })
    expect(mtime(file(root, ENTRY_DELTA_FILE))).toBe(deltaAgain)
    expect(removed.entries).toEqual((await parse(root, false)).entries)
  })

  it('still writes a new base (and no delta) when more files are new than the delta may hold', async () => {
    const root = site()
    await parse(root)
    const baseBytes = readFileSync(file(root, ENTRY_CACHE_FILE))
    for (let i = N + 1; i <= N + 33; i++) post(root, i, `新的第 ${i} 篇。`)
    const many = await parse(root)
    expect(many.stats).toMatchObject({ parsed: 33, cached: N })
    expect(readFileSync(file(root, ENTRY_CACHE_FILE)).equals(baseBytes)).toBe(false)
    expect(existsSync(file(root, ENTRY_DELTA_FILE))).toBe(false)
    expect(many.entries).toEqual((await parse(root, false)).entries)
    expect((await parse(root)).stats).toMatchObject({ parsed: 0, cached: N + 33 })
  })
})
