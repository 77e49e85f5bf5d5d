import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isIgnoredPath, watchSite, type SiteWatcher } from '../../../src/dev/watch.js'
import { tempDir } from '../../helpers/tree.js'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let watcher: SiteWatcher | undefined
afterEach(async () => {
  await watcher?.close()
  watcher = undefined
})

/** Wait until every path of `paths` was reported (10 s at most); the ones never reported. */
async function unreported(reported: Set<string>, paths: string[]): Promise<string[]> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(50)) {
    if (paths.every((p) => reported.has(p))) break
  }
  return paths.filter((p) => !reported.has(p))
}

describe('watchSite', () => {
  it('ignores folders outside content/, templates/ and public/, the cache and editor droppings', () => {
    const root = '/site'
    expect(isIgnoredPath(root, '/site/content/posts/a.md')).toBe(false)
    expect(isIgnoredPath(root, '/site/dist/index.html')).toBe(true)
    expect(isIgnoredPath(root, '/site/content/.inkstone-cache/x')).toBe(true)
    expect(isIgnoredPath(root, '/site/content/posts/.a.md.swp')).toBe(true)
    expect(isIgnoredPath(root, '/site/content/posts/a.md~')).toBe(true)
  })

  // chokidar lists a new folder, then watches it: a file made in between is not reported (until something
  // else in the folder changes). Made with a millisecond or two between files, a few of 180 such files
  // were never reported without the sweep of new folders.
  it('reports, and then watches, files made in a new folder right after the folder', async () => {
    const root = tempDir('watch')
    mkdirSync(join(root, 'content', 'posts'), { recursive: true })
    const reported = new Set<string>()
    watcher = await watchSite(root, (path, event) => void reported.add(`${event} ${path}`))
    const files: string[] = []
    for (let i = 0; i < 60; i++) {
      mkdirSync(join(root, 'content', 'posts', `b${i}`))
      for (let k = 0; k < 3; k++) {
        const path = `content/posts/b${i}/f${k}.md`
        writeFileSync(join(root, path), `first ${k}\n`)
        files.push(path)
        await sleep(i % 3)
      }
    }
    expect(await unreported(reported, files.map((p) => `add ${p}`))).toEqual([])
    // Every one of them is watched: an edit is reported.
    await sleep(200)
    reported.clear()
    for (const path of files) writeFileSync(join(root, path), 'second, longer\n')
    expect(await unreported(reported, files.map((p) => `change ${p}`))).toEqual([])
  })
})
