/**
 * Listing the output folder with the last build's folder times
 * (scanOutput and FolderTimes in src/emit/write.ts): a folder whose time is
 * the recorded one is taken to hold the files the last build left there
 * (each still stat-ed); any other folder is listed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { scanOutput, type FolderTimes } from '../../../src/emit/write.js'
import { tempDir } from '../../helpers/tree.js'

function tree(): string {
  const out = tempDir('scan')
  for (const path of ['index.html', 'posts/a/index.html', 'posts/b/index.html', 'tags/x/index.html', 'old/page/index.html']) {
    mkdirSync(join(out, path, '..'), { recursive: true })
    writeFileSync(join(out, path), path)
  }
  return out
}

/** A scan that records folder times, and what a build would leave in the manifest after it. */
async function recorded(out: string): Promise<NonNullable<FolderTimes['last']>> {
  const seen = new Map<string, number>()
  const files = await scanOutput(out, { seen })
  return { dirs: Object.fromEntries(seen), files: Object.fromEntries(files) }
}

// Folder times come from a coarse clock: let it tick before changing a folder.
const tick = () => sleep(30)

describe('scanOutput with folder times', () => {
  test('records every folder; with nothing changed it finds what a full listing finds', async () => {
    const out = tree()
    const last = await recorded(out)
    expect(Object.keys(last.dirs).sort()).toEqual(['', 'old', 'old/page', 'posts', 'posts/a', 'posts/b', 'tags', 'tags/x'])
    const seen = new Map<string, number>()
    expect(await scanOutput(out, { last, seen })).toEqual(await scanOutput(out))
    expect(Object.fromEntries(seen)).toEqual(last.dirs)
  })

  test('an unchanged folder is not listed: its files are the recorded ones', async () => {
    const out = tree()
    const last = await recorded(out)
    // Pretend the last build had not left posts/a/index.html: the scan believes the folder's time.
    delete last.files['posts/a/index.html']
    const found = await scanOutput(out, { last, seen: new Map() })
    expect(found.has('posts/a/index.html')).toBe(false)
    expect(found.has('posts/b/index.html')).toBe(true)
  })

  test('files added, removed or changed by hand are seen, and so are new and removed folders', async () => {
    const out = tree()
    const last = await recorded(out)
    await tick()
    writeFileSync(join(out, 'posts', 'a', 'stray.txt'), 'stray')
    rmSync(join(out, 'posts', 'b', 'index.html'))
    writeFileSync(join(out, 'tags', 'x', 'index.html'), 'changed by hand, longer')
    mkdirSync(join(out, 'new', 'deep'), { recursive: true })
    writeFileSync(join(out, 'new', 'deep', 'f.txt'), 'f')
    rmSync(join(out, 'old'), { recursive: true })
    const seen = new Map<string, number>()
    const found = await scanOutput(out, { last, seen })
    expect(found).toEqual(await scanOutput(out))
    expect(found.has('posts/a/stray.txt')).toBe(true)
    expect(found.has('posts/b/index.html')).toBe(false)
    expect(found.get('tags/x/index.html')?.size).toBe('changed by hand, longer'.length)
    expect(found.has('new/deep/f.txt')).toBe(true)
    expect(found.has('old/page/index.html')).toBe(false)
    expect([...seen.keys()].sort()).toEqual(['', 'new', 'new/deep', 'posts', 'posts/a', 'posts/b', 'tags', 'tags/x'])
  })

  test('a folder replaced by a file, or the whole output gone', async () => {
    const out = tree()
    const last = await recorded(out)
    await tick()
    rmSync(join(out, 'posts', 'b'), { recursive: true })
    writeFileSync(join(out, 'posts', 'b'), 'now a file')
    const found = await scanOutput(out, { last, seen: new Map() })
    expect(found).toEqual(await scanOutput(out))
    expect(found.has('posts/b')).toBe(true)
    rmSync(out, { recursive: true })
    expect((await scanOutput(out, { last, seen: new Map() })).size).toBe(0)
  })
})
