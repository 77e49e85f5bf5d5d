/**
 * Reading the sources (src/content/read-sources.ts): a file is taken as
 * unchanged from its stat only when the stat is the one the last build
 * recorded and the file last changed well before that build began; every
 * other file is read and hashed.
 */
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { RACY_MS, UNREADABLE, readSources, type LastSources } from '../../../src/content/read-sources.js'
import type { SourceRef } from '../../../src/content/discover.js'
import { hashBytes } from '../../../src/util/hash.js'
import { tempDir } from '../../helpers/tree.js'

function site(files: Record<string, string>): { root: string; sources: SourceRef[] } {
  const root = tempDir('read-sources')
  const sources: SourceRef[] = []
  for (const [name, text] of Object.entries(files)) {
    const path = `content/posts/${name}`
    mkdirSync(join(root, 'content', 'posts'), { recursive: true })
    writeFileSync(join(root, path), text)
    sources.push({ path, name: name.replace(/\.md$/, ''), kind: 'post', assets: [] } as unknown as SourceRef)
  }
  return { root, sources }
}

/** What a build that began at `at` would have recorded after reading `sources`. */
function recorded(root: string, sources: SourceRef[], at: number): LastSources {
  const read = readSources(root, sources, {})
  return { hashes: Object.fromEntries(sources.map((s, i) => [s.path, [read.hashes[i], 'facts']])), stats: read.stats, at }
}

describe('readSources', () => {
  test('with nothing recorded, every file is read and hashed', () => {
    const { root, sources } = site({ 'a.md': '# A', 'b.md': '# B' })
    const read = readSources(root, sources, {})
    expect(read.bytes.map((b) => Buffer.from(b as Uint8Array).toString())).toEqual(['# A', '# B'])
    expect(read.hashes).toEqual([hashBytes('# A'), hashBytes('# B')])
  })

  test('files unchanged since well before the last build are not read; their hashes are the recorded ones', () => {
    const { root, sources } = site({ 'a.md': '# A', 'b.md': '# B' })
    const last = recorded(root, sources, Date.now() + RACY_MS + 1000)
    const read = readSources(root, sources, last)
    expect(read.bytes).toEqual([undefined, undefined])
    expect(read.hashes).toEqual([hashBytes('# A'), hashBytes('# B')])
    expect(read.stats).toEqual(last.stats)
  })

  test('a file changed within RACY_MS of the last build is read, even with the recorded stat', () => {
    const { root, sources } = site({ 'a.md': '# A' })
    const last = recorded(root, sources, Date.now() + RACY_MS - 500)
    expect(Buffer.from(readSources(root, sources, last).bytes[0] as Uint8Array).toString('utf8')).toBe('# A')
  })

  test('an edit that keeps the size and puts the modification time back is still seen (the change time moved)', async () => {
    const { root, sources } = site({ 'a.md': '# A' })
    const file = join(root, sources[0].path)
    // A whole-millisecond modification time, which utimes can put back exactly.
    const then = new Date(Date.now() - 3_600_000)
    utimesSync(file, then, then)
    const before = statSync(file)
    const last = recorded(root, sources, Date.now() + RACY_MS + 60_000)
    // The change time has a coarse clock: let it tick.
    await new Promise((resolve) => setTimeout(resolve, 30))
    writeFileSync(file, '# Z')
    utimesSync(file, then, then)
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs)
    const read = readSources(root, sources, last)
    expect(Buffer.from(read.bytes[0] as Uint8Array).toString()).toBe('# Z')
    expect(read.hashes[0]).toBe(hashBytes('# Z'))
  })

  test('a missing file is an Error and hashes as unreadable; a recorded unreadable hash is never trusted', () => {
    const { root, sources } = site({ 'a.md': '# A' })
    const last = recorded(root, sources, Date.now() + RACY_MS + 1000)
    last.hashes![sources[0].path] = [UNREADABLE, 'facts']
    expect(readSources(root, sources, last).bytes[0]).toBeInstanceOf(Uint8Array)
    rmSync(join(root, sources[0].path))
    const gone = readSources(root, sources, last)
    expect(gone.bytes[0]).toBeInstanceOf(Error)
    expect(gone.hashes[0]).toBe(UNREADABLE)
    expect(gone.stats).toEqual({})
  })
})
