/**
 * The persistent entry cache: round trip, stale digests, and every way the
 * file can be broken (corrupt, truncated, another format) is ignored with a
 * `cache-corrupt` warning instead of failing or being trusted.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { serialize } from 'node:v8'
import { afterAll, describe, expect, it } from 'vitest'
import { ENTRY_CACHE_FILE, HEADER, entryOf, recordBytes, type CacheRecord } from '../../../src/cache/format.js'
import { EntryCacheWriter, writeEntryCache } from '../../../src/cache/write.js'
import { entryBytes, entryFromBytes, readBodyFrom } from '../../../src/cache/entry-bytes.js'
import { readEntryCache } from '../../../src/cache/read.js'
import { emptyBody } from '../../../src/content/parse.js'
import type { Entry, Problem } from '../../../src/types.js'
import { OpenFiles } from '../../../src/cache/open-files.js'

/** The cache files these tests read, closed when they end. */
const files = new OpenFiles()
afterAll(() => files.closeAll())

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'inkstone-cache-'))
  dirs.push(d)
  return d
}

const entry: Entry = {
  kind: 'page', path: 'content/pages/about.md', name: 'about', keys: {}, body: { ...emptyBody, html: '<p>关于</p>' },
  matter: { title: '关于', extra: { when: new Date(0) } }, problems: []
} as unknown as Entry
const records = new Map<string, CacheRecord>([['content/pages/about.md', { hash: 'h1', assets: '', bytes: entryBytes(entry) }]])

describe('entry cache store', () => {
  it('round-trips records, in order, with non-JSON values intact', async () => {
    const dir = temp()
    await writeEntryCache(dir, 'd1', records)
    const problems: Problem[] = []
    const back = (await readEntryCache(dir, 'd1', problems, files)).records
    expect(problems).toEqual([])
    expect([...back.keys()]).toEqual(['content/pages/about.md'])
    expect(back.get('content/pages/about.md')).toMatchObject({ hash: 'h1', assets: '' })
    expect(entryOf(back.get('content/pages/about.md')!)).toEqual(entry)
    // No temp file is left behind.
    expect(readdirSync(dir)).toEqual([ENTRY_CACHE_FILE])
  })

  it('reads a body only when it is used, from the file as read, even after a new file replaced that one', async () => {
    const dir = temp()
    const marked = { ...entry, body: { ...emptyBody, html: '<p>只在正文里</p>' } } as Entry
    await writeEntryCache(dir, 'd1', new Map([[entry.path, { hash: 'h1', assets: '', bytes: entryBytes(marked) }]]))
    const first = (await readEntryCache(dir, 'd1', [], files)).records.get(entry.path)!
    // What a read holds in memory is the head: the HTML is still on disk.
    expect(Buffer.from(first.bytes).includes(Buffer.from('只在正文里'))).toBe(false)
    const other = { ...entry, body: { ...emptyBody, html: '<p>另一篇</p>' } } as Entry
    await writeEntryCache(dir, 'd1', new Map([[entry.path, { hash: 'h2', assets: '', bytes: entryBytes(other) }]]))
    expect(entryOf(first)!.body.html).toBe('<p>只在正文里</p>')
    expect(entryOf((await readEntryCache(dir, 'd1', [], files)).records.get(entry.path)!)!.body.html).toBe('<p>另一篇</p>')
  })

  it('an entry made from bytes in memory reads its body from the file they were written to (readBodyFrom)', async () => {
    const dir = temp()
    const made = { ...entry, body: { ...emptyBody, html: '<p>写进文件的正文</p>', excerptText: '摘要', toc: [{ depth: 2, id: 'a', text: 'A', children: [] }] } } as Entry
    const bytes = entryBytes(made)
    const writer = new EntryCacheWriter(dir, 'd1', undefined, files)
    writer.add(made.path, { hash: 'h1', assets: '', bytes })
    expect(writer.tailOf(made.path)).toBeUndefined()
    writer.commit()
    const inMemory = entryFromBytes(bytes)!
    readBodyFrom(inMemory, writer.tailOf(made.path)!)
    // The bytes in memory no longer matter: spoil them, the body still reads from the file.
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).fill(0)
    expect(inMemory.body.html).toBe('<p>写进文件的正文</p>')
    expect(inMemory.body.excerptText).toBe('摘要')
    expect(inMemory).toEqual(made)
    expect(writer.tailOf('content/pages/not-there.md')).toBeUndefined()
  })

  it('round-trips many records in the order they were added, large ones included', async () => {
    const dir = temp()
    const many = new Map<string, CacheRecord>()
    for (let i = 0; i < 300; i++) {
      // Some records are larger than the writer's buffer (1 MiB).
      const body = i % 100 === 7 ? '长'.repeat(700_000) : `<p>第 ${i} 篇</p>`
      const e = { ...entry, path: `content/posts/p${300 - i}.md`, body: { ...emptyBody, html: body } } as Entry
      many.set(e.path, { hash: `h${i}`, assets: i % 2 ? '' : `content/posts/a${i}.png:abc`, bytes: entryBytes(e) })
    }
    await writeEntryCache(dir, 'd1', many)
    const problems: Problem[] = []
    const back = (await readEntryCache(dir, 'd1', problems, files)).records
    expect(problems).toEqual([])
    expect([...back.keys()]).toEqual([...many.keys()])
    for (const [path, record] of many) {
      const got = back.get(path)!
      expect([got.hash, got.assets]).toEqual([record.hash, record.assets])
      expect(Buffer.from(recordBytes(got)).equals(Buffer.from(record.bytes))).toBe(true)
    }
    expect(entryOf(back.get('content/posts/p293.md')!)!.body.html).toHaveLength(700_000)
    // Writing the same records again gives the same bytes.
    const first = readFileSync(join(dir, ENTRY_CACHE_FILE))
    await writeEntryCache(dir, 'd1', back)
    expect(readFileSync(join(dir, ENTRY_CACHE_FILE)).equals(first)).toBe(true)
  })

  it('an aborted write leaves the old cache as it was, and no temp file', async () => {
    const dir = temp()
    await writeEntryCache(dir, 'd1', records)
    const before = readFileSync(join(dir, ENTRY_CACHE_FILE))
    const writer = new EntryCacheWriter(dir, 'd2')
    writer.add('content/pages/other.md', { hash: 'h2', assets: '', bytes: entryBytes(entry) })
    writer.abort()
    expect(readdirSync(dir)).toEqual([ENTRY_CACHE_FILE])
    expect(readFileSync(join(dir, ENTRY_CACHE_FILE)).equals(before)).toBe(true)
  })

  it('ignores a cache made with another digest, silently', async () => {
    const dir = temp()
    await writeEntryCache(dir, 'd1', records)
    const problems: Problem[] = []
    expect((await readEntryCache(dir, 'd2', problems, files)).records.size).toBe(0)
    expect(problems).toEqual([])
  })

  it('ignores a cache file of another format of ours (an older tool), silently', async () => {
    const dir = temp()
    const payload = serialize({ format: 3, digest: 'd1', records: [] })
    const header = Buffer.from([0x49, 0x4e, 0x4b, 0x43, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0])
    header.writeBigUInt64LE(BigInt(payload.length), 8)
    writeFileSync(join(dir, ENTRY_CACHE_FILE), Buffer.concat([header, payload]))
    const problems: Problem[] = []
    expect((await readEntryCache(dir, 'd1', problems, files)).records.size).toBe(0)
    expect(problems).toEqual([])
  })

  it('treats a missing cache as empty, silently', async () => {
    const problems: Problem[] = []
    expect((await readEntryCache(join(temp(), 'nope'), 'd1', problems)).records.size).toBe(0)
    expect(problems).toEqual([])
  })

  it('treats an entry whose bytes do not deserialise as missing', () => {
    expect(entryOf({ hash: 'h', assets: '', bytes: new Uint8Array([1, 2, 3]) })).toBeUndefined()
  })

  const broken: Array<[string, (bytes: Buffer) => Buffer]> = [
    ['truncated (half written)', (b) => b.subarray(0, Math.floor(b.length / 2))],
    ['cut by one byte', (b) => b.subarray(0, b.length - 1)],
    ['garbage', () => Buffer.from('not a cache at all, just text')],
    ['empty', () => Buffer.alloc(0)],
    ['a bare v8 payload without the header (an older format)', () => serialize({ format: 1, digest: 'd1', records: [] })],
    ['index bytes scrambled', (b) => { const c = Buffer.from(b); const at = Number(c.readBigUInt64LE(16)); c.fill(0xff, at, at + 24); return c }],
    ['the index said to begin past the end', (b) => { const c = Buffer.from(b); c.writeBigUInt64LE(BigInt(c.length + 1), 16); return c }],
    ['a record cut short inside the index (length fixed up)', (b) => {
      const c = Buffer.from(b.subarray(0, b.length - 3))
      c.writeBigUInt64LE(BigInt(c.length - HEADER), 8)
      return c
    }],
    ['a tail said to lie in the index (index moved up)', (b) => {
      // The records' tails now run past where the index is said to begin.
      const c = Buffer.from(b)
      c.writeBigUInt64LE(BigInt(HEADER + 1), 16)
      return c
    }],
    ['right header, wrong index shape', (b) => {
      const payload = serialize({ hello: 'world' })
      const header = Buffer.from(b.subarray(0, HEADER))
      header.writeBigUInt64LE(BigInt(payload.length), 8)
      header.writeBigUInt64LE(BigInt(HEADER), 16)
      return Buffer.concat([header, payload])
    }]
  ]
  for (const [name, damage] of broken) {
    it(`ignores a corrupt cache with a warning: ${name}`, async () => {
      const dir = temp()
      await writeEntryCache(dir, 'd1', records)
      const file = join(dir, ENTRY_CACHE_FILE)
      writeFileSync(file, damage(readFileSync(file)))
      const problems: Problem[] = []
      const back = (await readEntryCache(dir, 'd1', problems, files)).records
      expect(back.size).toBe(0)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatchObject({ ruleId: 'cache-corrupt', fatal: false, path: `.inkstone-cache/${ENTRY_CACHE_FILE}` })
    })
  }
})
