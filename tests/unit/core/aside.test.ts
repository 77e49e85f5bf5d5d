/**
 * The aside worker (workers/aside.ts): its listing of the output folder and
 * its parses are what this thread would make; when it cannot start or dies,
 * the build does the work itself; and a build that uses it writes the same
 * output as one that does not.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { scanOutput } from '../../../src/emit/scan.js'
import { AsideUnavailable, asideWorkerFile, startAside, type Aside } from '../../../src/workers/aside.js'
import { parserFor, type ParseSetup, type ParseTask } from '../../../src/workers/parse-task.js'
import { entryFromBytes } from '../../../src/cache/entry-bytes.js'
import { loadConfig } from '../../../src/config/load.js'
import { build } from '../../../src/build.js'
import { outputFolder } from '../../helpers/output-folder.js'
import { readTree, NOW } from '../../helpers/tree.js'

const dirs: string[] = []
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }) })
const temp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'inkstone-aside-'))
  dirs.push(d)
  return d
}
const started: Aside[] = []
afterAll(() => { for (const a of started) a.stop() })
const start = (outDir: string, file?: URL): Aside => {
  const aside = startAside({ outDir, bundle: undefined }, file)
  started.push(aside)
  return aside
}

const post = '---\ntitle: 旁路\ndate: 2024-05-01 10:00\ntags: [测试]\n---\n\n中文与 English 混排，*强调*。\n\n## 小节\n\n```js\nconst x = 1\n```\n'

/** A site root with a config, and the setup and task to parse `post` in it. */
async function parseCase(): Promise<{ setup: ParseSetup; task: ParseTask }> {
  const root = temp()
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: 旁路\nurl: https://aside.example/\n')
  const { config } = await loadConfig(root)
  return {
    setup: { root, config, bundle: undefined },
    task: { source: { kind: 'post', path: 'content/posts/aside.md', name: 'aside', bundle: false, assets: [] }, bytes: new TextEncoder().encode(post) }
  }
}

describe('the aside worker', () => {
  it('lists the output folder as this thread does', async () => {
    const { dir } = outputFolder(dirs)
    expect(await start(dir).listing()).toEqual(await scanOutput(dir))
  })

  it('lists it here when the worker cannot start, or throws before it answers', async () => {
    const { dir } = outputFolder(dirs)
    const here = await scanOutput(dir)
    expect(await start(dir, pathToFileURL(join(dir, 'no-such-worker.js'))).listing()).toEqual(here)
    writeFileSync(join(dir, 'throws.mjs'), "throw new Error('boom')\n")
    const withFile = new Map(here).set('throws.mjs', { size: statSync(join(dir, 'throws.mjs')).size, mtimeMs: statSync(join(dir, 'throws.mjs')).mtimeMs })
    expect(await start(dir, pathToFileURL(join(dir, 'throws.mjs'))).listing()).toEqual(withFile)
  })

  it('takes the listing the worker posts (the build does not list the folder itself)', async () => {
    const dir = temp()
    writeFileSync(join(dir, 'planted.mjs'), [
      "import { parentPort } from 'node:worker_threads'",
      "parentPort.on('message', (m) => m.kind === 'list' && parentPort.postMessage({ kind: 'listing', listing: { paths: 'planted.html\\0x/y.html', numbers: new Float64Array([1, 2, 3, 4]) } }))"
    ].join('\n'))
    expect(await start(dir, pathToFileURL(join(dir, 'planted.mjs'))).listing()).toEqual(new Map([
      ['planted.html', { size: 1, mtimeMs: 2 }], ['x/y.html', { size: 3, mtimeMs: 4 }]
    ]))
    // And the build's own worker module is there to be started (compiled into .build/ by `npm run compile`).
    expect(statSync(asideWorkerFile()).isFile()).toBe(true)
  })

  it('parses a file into the bytes this thread makes of it', { timeout: 60_000 }, async () => {
    const { setup, task } = await parseCase()
    const aside = start(join(temp(), 'dist'))
    const there = await aside.parse(setup, task)
    const here = await parserFor(setup)(task)
    expect(Buffer.from(there).equals(Buffer.from(here))).toBe(true)
    expect(entryFromBytes(there)).toMatchObject({ path: 'content/posts/aside.md', matter: { title: '旁路' } })
  })

  it('rejects with AsideUnavailable once the thread is gone, or was never there', async () => {
    const { setup, task } = await parseCase()
    const dir = temp()
    const never = start(dir, pathToFileURL(join(dir, 'no-such-worker.js')))
    await never.listing()
    await expect(never.parse(setup, task)).rejects.toBeInstanceOf(AsideUnavailable)
    writeFileSync(join(dir, 'lists-then-dies.mjs'), [
      "import { parentPort } from 'node:worker_threads'",
      "parentPort.on('message', (m) => m.kind === 'list' ? parentPort.postMessage({ kind: 'listing', listing: { paths: '', numbers: new Float64Array(0) } }) : process.exit(3))"
    ].join('\n'))
    const dies = start(dir, pathToFileURL(join(dir, 'lists-then-dies.mjs')))
    await dies.listing()
    await expect(dies.parse(setup, task)).rejects.toBeInstanceOf(AsideUnavailable)
  })

  it('rejects with AsideUnavailable when the parsing code does not load in the thread', { timeout: 60_000 }, async () => {
    const { setup, task } = await parseCase()
    const aside = startAside({ outDir: join(temp(), 'dist'), bundle: pathToFileURL(join(temp(), 'no-such-bundle.js')).href })
    started.push(aside)
    await expect(aside.parse(setup, task)).rejects.toBeInstanceOf(AsideUnavailable)
    // The thread is still there for what it can do.
    expect((await aside.listing()).size).toBe(0)
  })
})

describe('a build with the aside worker', () => {
  it('writes what a build without it writes, cold and after a one-post edit (parsed aside)', { timeout: 120_000 }, async () => {
    const sites = [temp(), temp()]
    for (const root of sites) {
      mkdirSync(join(root, 'content', 'posts'), { recursive: true })
      writeFileSync(join(root, 'content', 'site.yaml'), 'title: 旁路\nurl: https://aside.example/\n')
      for (let i = 1; i <= 5; i++) writeFileSync(join(root, 'content', 'posts', `p${i}.md`), post.replace('旁路', `旁路 ${i}`))
    }
    const flags = { drafts: false, future: false }
    const run = (root: string, aside: boolean) => build({ root, flags, now: NOW, aside })
    const [withAside, without] = sites
    expect((await run(withAside, true)).ok).toBe(true)
    expect((await run(without, false)).ok).toBe(true)
    expect([...readTree(join(withAside, 'dist'))]).toEqual([...readTree(join(without, 'dist'))])
    for (const root of sites) {
      const file = join(root, 'content', 'posts', 'p3.md')
      writeFileSync(file, readFileSync(file, 'utf8').replace('## 小节', '改了一句。\n\n## 小节'))
    }
    const edited = await run(withAside, true)
    expect(edited.stats.parse).toMatchObject({ parsed: 1, aside: 1 })
    expect((await run(without, false)).stats.parse).toMatchObject({ parsed: 1, aside: 0 })
    expect([...readTree(join(withAside, 'dist'))]).toEqual([...readTree(join(without, 'dist'))])
    expect(readFileSync(join(withAside, 'dist', 'posts', 'p3', 'index.html'), 'utf8')).toContain('改了一句。')
  })
})
