/**
 * The cache as a build sees it: warm builds parse nothing; a corrupt cache
 * gives a warning and is rebuilt; a config change invalidates it; a tool
 * change (another digest) invalidates it; `cache: false` (`--no-cache`)
 * neither reads nor writes it; and the output is the same either way.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { build } from '../../../src/build.js'
import { ENTRY_CACHE_FILE, ENTRY_DELTA_FILE } from '../../../src/cache/format.js'
import { main } from '../../../src/cli/main.js'
import { readTree, NOW } from '../../helpers/tree.js'
import { diffWithClean } from '../../helpers/site-copy.js'
import { crc32 } from 'node:zlib'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

const config = 'title: 缓存测试\nurl: https://cache.example/\nhighlight: false\n'
function site(): string {
  const root = mkdtempSync(join(tmpdir(), 'inkstone-cache-site-'))
  dirs.push(root)
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), config)
  for (let i = 1; i <= 3; i++) {
    writeFileSync(join(root, 'content', 'posts', `p${i}.md`),
      `---\ntitle: 第 ${i} 篇\ndate: 2024-0${i}-01 10:00\ntags: [a]\n---\n\n正文 ${i}，some *text*.\n\n\`\`\`js\nlet x = ${i}\n\`\`\`\n`)
  }
  return root
}
const flags = { drafts: false, future: false }
const cacheFile = (root: string) => join(root, '.inkstone-cache', ENTRY_CACHE_FILE)
const deltaFile = (root: string) => join(root, '.inkstone-cache', ENTRY_DELTA_FILE)
/** A new output folder: the entry cache is what CI keeps, not the output, so these builds cannot stop early. */
let outs = 0
const fresh = (root: string) => join(root, `out-${++outs}`)
const T = 120_000

describe('the persistent cache in builds', () => {
  it('warm build parses nothing; output equals a --no-cache build', async () => {
    const root = site()
    const cold = await build({ root, flags, now: NOW, workers: 0 })
    expect(cold.ok).toBe(true)
    expect(cold.stats.parse).toMatchObject({ parsed: 3, cached: 0 })
    expect(existsSync(cacheFile(root))).toBe(true)
    const warmOut = fresh(root)
    const warm = await build({ root, outDir: warmOut, flags, now: NOW, workers: 0 })
    expect(warm.stats.parse).toMatchObject({ parsed: 0, cached: 3 })
    const out = join(root, 'clean')
    const clean = await build({ root, outDir: out, flags, now: NOW, cache: false })
    expect(clean.ok).toBe(true)
    expect([...readTree(out)]).toEqual([...readTree(join(root, 'dist'))])
    expect([...readTree(warmOut)]).toEqual([...readTree(join(root, 'dist'))])
  }, T)

  it('writes the same cache file whether posts are parsed in this thread or in workers, and after an edit', async () => {
    const root = site()
    await build({ root, flags, now: NOW, workers: 0 })
    const inThread = readFileSync(cacheFile(root))
    rmSync(join(root, '.inkstone-cache'), { recursive: true })
    await build({ root, outDir: fresh(root), flags, now: NOW, workers: 2 })
    expect(readFileSync(cacheFile(root)).equals(inThread)).toBe(true)
    // An edit goes to the delta, the base untouched; its undo leaves no delta (the base has that record).
    const post = join(root, 'content', 'posts', 'p2.md')
    const text = readFileSync(post, 'utf8')
    writeFileSync(post, text + '\n多一句。\n')
    await build({ root, outDir: fresh(root), flags, now: NOW, workers: 0 })
    expect(readFileSync(cacheFile(root)).equals(inThread)).toBe(true)
    expect(existsSync(deltaFile(root))).toBe(true)
    writeFileSync(post, text)
    const undone = await build({ root, outDir: fresh(root), flags, now: NOW, workers: 0 })
    expect(undone.stats.parse).toMatchObject({ parsed: 1, cached: 2 })
    expect(readFileSync(cacheFile(root)).equals(inThread)).toBe(true)
    expect(existsSync(deltaFile(root))).toBe(false)
  }, T)

  it('re-parses only the edited file', async () => {
    const root = site()
    await build({ root, flags, now: NOW, workers: 0 })
    writeFileSync(join(root, 'content', 'posts', 'p2.md'), readFileSync(join(root, 'content', 'posts', 'p2.md'), 'utf8') + '\n多一句。\n')
    const edited = await build({ root, flags, now: NOW, workers: 0 })
    expect(edited.stats.parse).toMatchObject({ parsed: 1, cached: 2 })
  }, T)

  it('warns about a corrupt cache, ignores it and rebuilds it', async () => {
    const root = site()
    await build({ root, flags, now: NOW, workers: 0 })
    const bytes = readFileSync(cacheFile(root))
    writeFileSync(cacheFile(root), bytes.subarray(0, bytes.length >> 1))
    const result = await build({ root, outDir: fresh(root), flags, now: NOW, workers: 0 })
    expect(result.ok).toBe(true)
    expect(result.problems.map((p) => p.ruleId)).toContain('cache-corrupt')
    expect(result.stats.parse).toMatchObject({ parsed: 3, cached: 0 })
    const again = await build({ root, outDir: fresh(root), flags, now: NOW, workers: 0 })
    expect(again.problems.map((p) => p.ruleId)).not.toContain('cache-corrupt')
    expect(again.stats.parse).toMatchObject({ parsed: 0, cached: 3 })
  }, T)

  it('is invalidated by a config change (a plugin option)', async () => {
    const root = site()
    await build({ root, flags, now: NOW, workers: 0 })
    writeFileSync(join(root, 'content', 'site.yaml'), config.replace('highlight: false', 'highlight: true'))
    const result = await build({ root, flags, now: NOW, workers: 0 })
    expect(result.ok).toBe(true)
    expect(result.stats.parse).toMatchObject({ parsed: 3, cached: 0 })
    // Highlighting is really on: the cached, unhighlighted HTML was not reused.
    expect(readFileSync(join(root, 'dist', 'posts', 'p1', 'index.html'), 'utf8')).toMatch(/shiki/)
  }, T)

  it('is invalidated when the tool changes (entries stored under another digest)', async () => {
    const root = site()
    await build({ root, flags, now: NOW, workers: 0 })
    // Rewrite the stored digest as if another tool version had written the file.
    const file = cacheFile(root)
    // Layout (see cache/format.ts): the header says where the index begins (bytes 16-23) and holds its CRC-32
    // (bytes 24-27); the index begins with the digest as a chunk (4-byte length + text). Same length, other
    // text, the checksum made again: a sound file of another tool.
    const bytes = readFileSync(file)
    const indexAt = Number(bytes.readBigUInt64LE(16))
    const digestAt = indexAt + 4
    bytes.fill('f', digestAt, digestAt + bytes.readUInt32LE(digestAt - 4))
    bytes.writeUInt32LE(crc32(bytes.subarray(indexAt)), 24)
    writeFileSync(file, bytes)
    const result = await build({ root, outDir: fresh(root), flags, now: NOW, workers: 0 })
    expect(result.problems.map((p) => p.ruleId)).not.toContain('cache-corrupt')
    expect(result.stats.parse).toMatchObject({ parsed: 3, cached: 0 })
  }, T)

  it('an unchanged rebuild into an untouched output stops early, and anything that changes the output does not', async () => {
    const root = site()
    writeFileSync(join(root, 'content', 'posts', 'later.md'), '---\ntitle: 以后\ndate: 2030-01-01\n---\n\n```nosuchlang\nx\n```\n')
    const first = await build({ root, flags, now: NOW, workers: 0 })
    expect(first.stats.parse.parsed).toBe(4)
    const same = await build({ root, flags, now: NOW, workers: 0 })
    // Nothing parsed, rendered or written; the warnings of the last build are reported again.
    expect(same.stats).toMatchObject({ written: 0, removed: 0, parse: { parsed: 0, cached: 0 } })
    expect(same.stats.unchanged).toBe(readTree(join(root, 'dist')).size)
    expect(same.problems).toEqual(first.problems)
    // A file removed from the output: a full build puts it back.
    rmSync(join(root, 'dist', 'posts', 'p1', 'index.html'))
    const repaired = await build({ root, flags, now: NOW, workers: 0 })
    expect(repaired.stats.written).toBe(1)
    expect(existsSync(join(root, 'dist', 'posts', 'p1', 'index.html'))).toBe(true)
    // The clock passes the future post's date: it is published without any file changing.
    const later = await build({ root, flags, now: Date.parse('2030-06-01T00:00:00Z'), workers: 0 })
    expect(later.stats.written).toBeGreaterThan(0)
    expect((await diffWithClean(root, join(root, 'dist'), flags, Date.parse('2030-06-01T00:00:00Z'))).diff).toEqual([])
    expect(existsSync(join(root, 'dist', 'posts', 'later', 'index.html'))).toBe(true)
    // A public file changes: it is copied.
    mkdirSync(join(root, 'public'), { recursive: true })
    writeFileSync(join(root, 'public', 'x.txt'), 'x')
    const copied = await build({ root, flags, now: Date.parse('2030-06-01T00:00:00Z'), workers: 0 })
    expect(readFileSync(join(root, 'dist', 'x.txt'), 'utf8')).toBe('x')
    expect(copied.stats.written).toBe(1)
  }, T)

  it('undoes changes made by hand to the output folder', async () => {
    const root = site()
    const out = join(root, 'dist')
    await build({ root, flags, now: NOW, workers: 0 })
    writeFileSync(join(out, 'posts', 'p1', 'stray.html'), 'stray')
    mkdirSync(join(out, 'stray', 'deep'), { recursive: true })
    writeFileSync(join(out, 'stray', 'deep', 'x.html'), 'x')
    rmSync(join(out, 'posts', 'p2', 'index.html'))
    writeFileSync(join(out, 'index.html'), 'edited by hand')
    // And a source edit, so the build does not stop early (blank lines: the text, and so the search index's
    // files, named after their content, stay as they were; only the stray files are removed).
    writeFileSync(join(root, 'content', 'posts', 'p3.md'), readFileSync(join(root, 'content', 'posts', 'p3.md'), 'utf8') + '\n\n\n')
    const result = await build({ root, flags, now: NOW, workers: 0 })
    expect(result.stats.removed).toBe(2)
    const { diff } = await diffWithClean(root, out, flags, NOW)
    expect(diff).toEqual([])
  }, T)

  it('--no-cache neither reads nor writes the cache', async () => {
    const root = site()
    const out: string[] = []
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t), isTTY: false, now: () => NOW }
    expect(await main(['build', root, '--no-cache'], io)).toBe(0)
    expect(existsSync(join(root, '.inkstone-cache'))).toBe(false)
    await build({ root, flags, now: NOW, workers: 0 })
    writeFileSync(cacheFile(root), 'garbage')
    expect(await main(['build', root, '--no-cache'], io)).toBe(0)
    expect(out.join('')).not.toMatch(/cache-corrupt/)
    expect(readFileSync(cacheFile(root), 'utf8')).toBe('garbage')
  }, T)
})
