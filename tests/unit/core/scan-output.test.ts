/**
 * Listing the output folder (emit/scan.ts): every file with its size and
 * mtime, nested folders included. (In a worker thread: aside.test.ts.)
 */
import { rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanOutput } from '../../../src/emit/scan.js'
import { outputFolder } from '../../helpers/output-folder.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const folder = () => outputFolder(dirs)

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

  it('lists a missing folder as empty', async () => {
    expect((await scanOutput(join(tmpdir(), 'inkstone-no-such-output'))).size).toBe(0)
  })
})
