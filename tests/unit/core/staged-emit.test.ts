/**
 * StagedEmit: files staged one at a time end up on disk with their
 * manifest, unchanged files are not rewritten, stale ones are removed, and
 * an aborted emit leaves the output folder as it was.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { JOURNAL, StagedEmit, recoverCommit } from '../../../src/emit/write.js'
import { hashBytes } from '../../../src/util/hash.js'
import { scanOutput } from '../../../src/emit/scan.js'
import type { Manifest } from '../../../src/emit/manifest.js'
import type { OutputFile } from '../../../src/types.js'
import { readTree } from '../../helpers/tree.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
function temp(): string {
  const d = mkdtempSync(join(tmpdir(), 'inkstone-staged-'))
  dirs.push(d)
  return d
}
const bytes = (outPath: string, text: string): OutputFile => {
  const data = new TextEncoder().encode(text)
  return { outPath, kind: 'bytes', data, hash: hashBytes(data) }
}
const empty: Manifest = { version: 1, files: {} }

function site(version: string, src: string): OutputFile[] {
  writeFileSync(join(src, 'logo.svg'), `<svg>${version}</svg>`)
  return [
    bytes('index.html', `<p>home ${version}</p>`),
    bytes('posts/a/index.html', '<p>a</p>'),
    bytes(`posts/${version}/index.html`, `<p>${version}</p>`),
    bytes('标签/中文/index.html', '<p>中文</p>'),
    { outPath: 'logo.svg', kind: 'copy', from: join(src, 'logo.svg'), hash: hashBytes(`<svg>${version}</svg>`), size: `<svg>${version}</svg>`.length }
  ]
}

async function staged(outDir: string, files: OutputFile[], previous: Manifest, views: Map<string, string>) {
  const staging = new StagedEmit(outDir, previous, await scanOutput(outDir))
  for (const file of files) staging.stage(file, views.get(file.outPath))
  return staging.commit()
}

describe('StagedEmit', () => {
  it('writes the files with their manifest, then rewrites only what changed and removes what went', async () => {
    const src = temp()
    const out = join(temp(), 'out')
    const views = new Map([['index.html', 'v1'], ['posts/a/index.html', 'v2']])
    const bytesOf = (files: OutputFile[]) => new Map(files.map((f) => [f.outPath, f.kind === 'bytes' ? Buffer.from(f.data) : readFileSync(f.kind === 'copy' ? f.from : '')]))
    const first = site('one', src)
    const s1 = await staged(out, first, empty, views)
    expect(s1).toMatchObject({ written: 5, unchanged: 0, removed: 0 })
    expect([...readTree(out)].sort()).toEqual([...bytesOf(first)].sort())
    expect(Object.keys(s1.manifest.files)).toEqual(first.map((f) => f.outPath).sort())
    for (const file of first) {
      const entry = s1.manifest.files[file.outPath]
      expect(entry).toEqual({ hash: file.hash, size: bytesOf([file]).get(file.outPath)!.byteLength, mtimeMs: statSync(join(out, file.outPath)).mtimeMs, view: views.get(file.outPath) })
    }
    // A rebuild: one page gone, one new, two changed (home, logo), the rest unchanged (not rewritten).
    const second = site('two', src)
    const before = statSync(join(out, 'posts/a/index.html')).mtimeMs
    const s2 = await staged(out, second, s1.manifest, views)
    expect(s2).toMatchObject({ written: 3, unchanged: 2, removed: 1 })
    expect([...readTree(out)].sort()).toEqual([...bytesOf(second)].sort())
    expect(statSync(join(out, 'posts/a/index.html')).mtimeMs).toBe(before)
    expect(readdirSync(join(out, 'posts')).sort()).toEqual(['a', 'two'])
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('abort leaves the output folder exactly as it was: no temp files, no new folders', async () => {
    const src = temp()
    const out = join(temp(), 'out')
    const first = await staged(out, site('one', src), empty, new Map())
    const tree = readTree(out)
    const staging = new StagedEmit(out, first.manifest, await scanOutput(out))
    for (const file of site('two', src)) staging.stage(file)
    staging.stage(bytes('deep/new/folder/index.html', 'x'))
    staging.abort()
    expect([...readTree(out)]).toEqual([...tree])
    expect(readdirSync(out).sort()).toEqual(['index.html', 'logo.svg', 'posts', '标签'])
    expect(readdirSync(join(out, 'posts')).sort()).toEqual(['a', 'one'])
  })

  it('abort of a first build into a missing folder removes the folder it made', async () => {
    const parent = temp()
    const staging = new StagedEmit(join(parent, 'dist'), empty, new Map())
    staging.stage(bytes('index.html', 'x'))
    staging.stage(bytes('a/b/index.html', 'y'))
    staging.abort()
    expect(readdirSync(parent)).toEqual([])
  })

  it('keeps a file the previous build wrote when staged as kept', async () => {
    const out = join(temp(), 'out')
    const first = await staged(out, [bytes('index.html', 'x')], empty, new Map([['index.html', 'v']]))
    const second = await staged(out, [{ outPath: 'index.html', kind: 'keep', hash: hashBytes('x'), size: 1 }], first.manifest, new Map([['index.html', 'v']]))
    expect(second).toMatchObject({ written: 0, unchanged: 1, removed: 0 })
    expect(second.manifest).toEqual(first.manifest)
  })

  it('refuses paths outside the output folder', () => {
    const out = temp()
    mkdirSync(out, { recursive: true })
    const staging = new StagedEmit(out, empty, new Map())
    expect(() => staging.stage(bytes('../escape.html', 'x'))).toThrow(/escapes the output folder/)
    staging.abort()
  })
})

describe('the commit journal', () => {
  it('a commit leaves no journal behind', async () => {
    const out = temp()
    const emit = new StagedEmit(out, empty, await scanOutput(out))
    emit.stage(bytes('a.html', 'A'))
    await emit.commit()
    expect(readdirSync(out).sort()).toEqual(['a.html'])
  })

  it('recoverCommit finishes the renames and removals of a commit a kill interrupted', () => {
    const out = temp()
    mkdirSync(join(out, 'posts'))
    // Done before the kill: a.html renamed. Not yet: posts/b.html, and removing old.html.
    writeFileSync(join(out, 'a.html'), 'new A')
    writeFileSync(join(out, 'posts', 'b.html.123.tmp'), 'new B')
    writeFileSync(join(out, 'posts', 'b.html'), 'old B')
    writeFileSync(join(out, 'old.html'), 'old')
    writeFileSync(join(out, JOURNAL), JSON.stringify({
      renames: [['a.html.123.tmp', 'a.html'], ['posts/b.html.123.tmp', 'posts/b.html'], ['../escape.tmp', '../escape']],
      remove: ['old.html', '../../etc/passwd-not-really']
    }))
    expect(recoverCommit(out)).toBe(true)
    expect(readTree(out)).toEqual(new Map([['a.html', Buffer.from('new A')], ['posts/b.html', Buffer.from('new B')]]))
    expect(recoverCommit(out)).toBe(false)
  })

  it('a journal cut short means the commit had not begun: removed, nothing else touched', () => {
    const out = temp()
    writeFileSync(join(out, 'a.html'), 'old A')
    writeFileSync(join(out, JOURNAL + '.tmp'), '{"renames": [["a.ht')
    expect(recoverCommit(out)).toBe(false)
    expect(readTree(out)).toEqual(new Map([['a.html', Buffer.from('old A')]]))
  })
})
