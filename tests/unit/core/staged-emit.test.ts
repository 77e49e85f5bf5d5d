/**
 * StagedEmit: files staged one at a time end up exactly as emit() writes
 * them (same files, counts and manifest), unchanged files are not
 * rewritten, and an aborted emit leaves the output folder as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { StagedEmit, emit, hashBytes, scanOutput } from '../../../src/emit/write.js'
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
  it('gives the same files, counts and manifest as emit, first build and rebuild', async () => {
    const src = temp()
    const a = join(temp(), 'out')
    const b = join(temp(), 'out')
    const views = new Map([['index.html', 'v1'], ['posts/a/index.html', 'v2']])
    const first = site('one', src)
    const ea = await emit(a, first, empty, await scanOutput(a), views)
    const sb = await staged(b, first, empty, views)
    expect([...readTree(b)]).toEqual([...readTree(a)])
    expect({ ...sb, manifest: undefined }).toEqual({ ...ea, manifest: undefined })
    expect(Object.keys(sb.manifest.files)).toEqual(Object.keys(ea.manifest.files))
    for (const [path, entry] of Object.entries(sb.manifest.files)) {
      expect({ ...entry, mtimeMs: 0 }).toEqual({ ...ea.manifest.files[path], mtimeMs: 0 })
      expect(entry.mtimeMs).toBe(statSync(join(b, path)).mtimeMs)
    }
    // A rebuild: one page gone, one new, one changed, the rest unchanged (not rewritten).
    const second = site('two', src)
    const before = statSync(join(b, 'posts/a/index.html')).mtimeMs
    const ea2 = await emit(a, second, ea.manifest, await scanOutput(a), views)
    const sb2 = await staged(b, second, sb.manifest, views)
    expect([...readTree(b)]).toEqual([...readTree(a)])
    expect({ ...sb2, manifest: undefined }).toEqual({ ...ea2, manifest: undefined })
    expect(sb2).toMatchObject({ written: 3, unchanged: 2, removed: 1 })
    expect(statSync(join(b, 'posts/a/index.html')).mtimeMs).toBe(before)
    expect(readdirSync(join(b, 'posts')).sort()).toEqual(['a', 'two'])
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
