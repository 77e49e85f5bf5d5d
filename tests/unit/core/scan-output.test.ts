/**
 * Listing the output folder (emit/scan.ts): every file with its size and
 * mtime, nested folders included, the same whether it is listed in a worker
 * thread, in this thread, or here after the worker failed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { scanOutput, scanOutputAside } from '../../../src/emit/scan.js'
import { packageRoot } from '../../../src/package-root.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })

/** An output folder with files at several depths, CJK names, an empty folder and a symlink. */
function folder(): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'inkstone-scan-'))
  dirs.push(dir)
  const files: Record<string, string> = {
    'index.html': '<p>home</p>',
    'posts/a/index.html': '<p>a</p>',
    'posts/读书/index.html': '<p>读书笔记</p>',
    'tags/x/page/2/index.html': '2',
    'feed.xml': '<rss/>'
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  mkdirSync(join(dir, 'empty', 'deeper'), { recursive: true })
  symlinkSync(join(dir, 'feed.xml'), join(dir, 'atom.xml'))
  files['atom.xml'] = files['feed.xml']
  return { dir, files }
}

describe('output listing', () => {
  it('lists every file, nested ones too, with its size and mtime', async () => {
    const { dir, files } = folder()
    const state = await scanOutput(dir)
    expect([...state.keys()].sort()).toEqual(Object.keys(files).sort())
    for (const [path, text] of Object.entries(files)) {
      const s = statSync(join(dir, path))
      expect(state.get(path)).toEqual({ size: Buffer.byteLength(text), mtimeMs: s.mtimeMs })
    }
  })

  it('gives the same from a worker thread, and from this thread when the worker fails', async () => {
    const { dir } = folder()
    const here = await scanOutput(dir)
    expect(await scanOutputAside(dir)).toEqual(here)
    expect(await scanOutputAside(dir, pathToFileURL(join(dir, 'no-such-worker.js')))).toEqual(here)
    // A worker that throws before it answers.
    writeFileSync(join(dir, 'throws.mjs'), "throw new Error('boom')\n")
    const withFile = new Map(here)
    withFile.set('throws.mjs', { size: statSync(join(dir, 'throws.mjs')).size, mtimeMs: statSync(join(dir, 'throws.mjs')).mtimeMs })
    expect(await scanOutputAside(dir, pathToFileURL(join(dir, 'throws.mjs')))).toEqual(withFile)
  })

  it('takes the listing the worker posts (the build does not list the folder itself)', async () => {
    const { dir } = folder()
    writeFileSync(join(dir, 'planted.mjs'), [
      "import { parentPort } from 'node:worker_threads'",
      "parentPort.postMessage({ paths: 'planted.html\\0x/y.html', numbers: new Float64Array([1, 2, 3, 4]) })"
    ].join('\n'))
    expect(await scanOutputAside(dir, pathToFileURL(join(dir, 'planted.mjs')))).toEqual(new Map([
      ['planted.html', { size: 1, mtimeMs: 2 }], ['x/y.html', { size: 3, mtimeMs: 4 }]
    ]))
    // And the build's own worker module is there to be started (compiled into .build/ by `npm run compile`).
    expect(existsSync(join(packageRoot, '.build', 'src', 'emit', 'scan-worker.js'))).toBe(true)
  })

  it('lists a missing folder as empty', async () => {
    expect((await scanOutputAside(join(tmpdir(), 'inkstone-no-such-output'))).size).toBe(0)
    expect((await scanOutput(join(tmpdir(), 'inkstone-no-such-output'))).size).toBe(0)
  })
})
