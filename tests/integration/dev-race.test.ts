/**
 * `inkstone dev` never loses a change that falls between two of its states
 * (issue #21): between a build's reading of the files and the watcher being
 * ready, a stopped and a restarted watcher, a rebuild and the next, a failed
 * build and the next, the queue's quiet time and its batch. The session's
 * hooks put each edit at the exact moment; every test ends with the served
 * site equal to a clean build of the same files.
 */
import { createServer } from 'node:net'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startDev, type DevBuild, type DevOptions, type DevSession } from '../../src/dev/session.js'
import { watchSite } from '../../src/dev/watch.js'
import { NOW } from '../helpers/tree.js'
import { copySite, diffImageWithClean } from '../helpers/site-copy.js'
import { fetchRaw } from '../helpers/http.js'

const DEV_FLAGS = { drafts: true, future: true, dev: true }
const HELLO = 'content/posts/hello.md'
const WORLD = 'content/posts/world.md'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Replace `from` with `to` in a file of the site (throws when `from` is not there). */
function edit(root: string, path: string, from: string, to: string): void {
  const abs = join(root, path)
  const text = readFileSync(abs, 'utf8')
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`)
  writeFileSync(abs, text.replace(from, to))
}

/** A file of the dev server's current build, as text. */
async function served(dev: DevSession, outPath: string): Promise<string> {
  const bytes = await dev.image()?.read(outPath)
  return bytes ? Buffer.from(bytes).toString('utf8') : ''
}

/** The next `build` event of the session that matches `test`. */
function nextBuild(dev: DevSession, test: (b: DevBuild) => boolean = () => true): Promise<DevBuild> {
  return new Promise((resolve) => {
    const on = (b: DevBuild) => {
      if (!test(b)) return
      dev.events.off('build', on)
      resolve(b)
    }
    dev.events.on('build', on)
  })
}

/**
 * Wait (20 s at most) until the session is idle, `shows` holds for what it
 * serves and the whole served site equals a clean build; return whether
 * `shows` held and the last difference from the clean build.
 */
async function settle(dev: DevSession, root: string, shows: () => Promise<boolean>): Promise<{ shown: boolean; diff: string[] }> {
  let shown = false
  let diff = ['(not compared: the change was not shown yet)']
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(50)) {
    await dev.idle()
    shown = await shows()
    if (!shown) continue
    diff = (await diffImageWithClean(root, dev.image()!, DEV_FLAGS, NOW)).diff
    if (diff.length === 0) break
  }
  return { shown, diff }
}

const sessions: DevSession[] = []
async function start(root: string, options: Partial<DevOptions> = {}): Promise<DevSession> {
  const dev = await startDev({ root, port: 0, now: () => NOW, ...options })
  sessions.push(dev)
  return dev
}
afterEach(async () => {
  for (const dev of sessions.splice(0)) await dev.close()
})

describe('inkstone dev: no change is lost at start-up or when the watcher restarts', () => {
  it('serves an edit saved right after the first build has read the files, before anything is served', async () => {
    const root = copySite('basic')
    let edited = false
    const dev = await start(root, {
      hooks: {
        afterBuild: (n) => {
          if (n !== 1) return
          edit(root, HELLO, '第一段', '第一段·开张即改')
          edited = true
        }
      }
    })
    expect(edited).toBe(true)
    // The first build read the file before the edit: what it made does not show it.
    const { shown, diff } = await settle(dev, root, async () => (await served(dev, 'posts/hello/index.html')).includes('第一段·开张即改'))
    expect(shown).toBe(true)
    expect(diff).toEqual([])
    expect(dev.last()!.number).toBeGreaterThan(1)
  })

  it('serves an edit saved while the watcher is being restarted', async () => {
    const root = copySite('basic')
    const dev = await start(root, {
      hooks: {
        // Start 2 is the restart: the old watcher is closed, the new one not started yet.
        beforeWatch: (n) => void (n === 2 && edit(root, WORLD, 'Hello world.', 'Hello world, while nobody watched.'))
      }
    })
    await dev.rewatch()
    const { shown, diff } = await settle(dev, root, async () => (await served(dev, 'posts/world/index.html')).includes('Hello world, while nobody watched.'))
    expect(shown).toBe(true)
    expect(diff).toEqual([])
    // And the new watcher reports the next edit.
    edit(root, WORLD, 'while nobody watched', 'watched again')
    const after = await settle(dev, root, async () => (await served(dev, 'posts/world/index.html')).includes('Hello world, watched again.'))
    expect(after.shown).toBe(true)
  })

  it('restarts the watcher after it reports an error, and serves what changed meanwhile', async () => {
    const root = copySite('basic')
    const logs: string[] = []
    let reportError: ((error: unknown) => void) | undefined
    const dev = await start(root, {
      log: (t) => logs.push(t),
      // The real watcher; the test keeps its error handler to report an error as chokidar would.
      watch: (r, onChange, options) => {
        reportError = options?.onError
        return watchSite(r, onChange, options)
      },
      hooks: { beforeWatch: (n) => void (n === 2 && edit(root, HELLO, '第一段', '第一段·看守重启')) }
    })
    const restarted = nextBuild(dev)
    reportError!(Object.assign(new Error('simulated: inotify watch lost'), { code: 'EIO' }))
    await restarted
    const { shown, diff } = await settle(dev, root, async () => (await served(dev, 'posts/hello/index.html')).includes('第一段·看守重启'))
    expect(shown).toBe(true)
    expect(diff).toEqual([])
    expect(logs.join('')).toContain('watcher: simulated: inotify watch lost')
  })

  it('stops restarting a watcher that keeps failing (3 restarts a minute), and says so', async () => {
    const root = copySite('basic')
    const logs: string[] = []
    let reportError: ((error: unknown) => void) | undefined
    let starts = 0
    const dev = await start(root, {
      log: (t) => logs.push(t),
      watch: (r, onChange, options) => {
        reportError = options?.onError
        return watchSite(r, onChange, options)
      },
      hooks: { beforeWatch: (n) => void (starts = n) }
    })
    for (let i = 1; i <= 3; i++) {
      const rebuilt = nextBuild(dev)
      reportError!(new Error(`failure ${i}`))
      await rebuilt
      expect(starts).toBe(1 + i)
    }
    reportError!(new Error('failure 4'))
    expect(logs.join('')).toContain('the watcher keeps failing')
    await sleep(1000)
    await dev.idle()
    expect(starts).toBe(4)
  })

  it('serves an edit made the moment the server first answers, over HTTP, at every one of 10 starts', async () => {
    const root = copySite('basic')
    const text = readFileSync(join(root, HELLO), 'utf8')
    for (let run = 1; run <= 10; run++) {
      writeFileSync(join(root, HELLO), text)
      // A port known before the server listens, so that the home page is asked for while the session starts.
      const port = await new Promise<number>((resolve) => {
        const probe = createServer().listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number }
          probe.close(() => resolve(port))
        })
      })
      const base = `http://127.0.0.1:${port}/`
      const starting = startDev({ root, port, nextFreePort: false, now: () => NOW })
      starting.then((dev) => sessions.push(dev), () => undefined)
      let status = 0
      for (const deadline = Date.now() + 60_000; status !== 200 && Date.now() < deadline; ) {
        status = (await fetchRaw(base, '/sub/').catch(() => undefined))?.status ?? 0
        if (status !== 200) await sleep(2)
      }
      expect(status, `run ${run}: the home page answered`).toBe(200)
      const line = `第一段·第 ${run} 次启动即改`
      writeFileSync(join(root, HELLO), text.replace('第一段', line))
      const dev = await starting
      let body = ''
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(25)) {
        await dev.idle()
        body = (await fetchRaw(base, '/sub/posts/hello/')).body
        if (body.includes(line)) break
      }
      expect(body, `run ${run}`).toContain(line)
      await dev.close()
      sessions.splice(sessions.indexOf(dev), 1)
    }
  })
})

describe('inkstone dev: changes that fall between two builds', () => {
  it('an edit during a rebuild, after it has read the files', async () => {
    const root = copySite('basic')
    let during = 0
    const dev = await start(root, {
      hooks: {
        stage: (n, stage) => {
          if (n < 2 || during !== 0 || stage !== 'parse') return
          during = n
          edit(root, WORLD, 'Hello world.', 'Hello world, edited mid-build.')
        }
      }
    })
    edit(root, HELLO, '第一段', '第一段·触发重建')
    const { shown, diff } = await settle(dev, root, async () =>
      (await served(dev, 'posts/world/index.html')).includes('Hello world, edited mid-build.') && (await served(dev, 'posts/hello/index.html')).includes('第一段·触发重建'))
    expect(during).toBeGreaterThan(1)
    expect(shown).toBe(true)
    expect(diff).toEqual([])
  })

  it('an edit during the quiet time before a batch starts', async () => {
    const root = copySite('basic')
    let inWindow = false
    const dev = await start(root, {
      quietMs: 100,
      hooks: {
        reported: (path) => {
          if (path !== HELLO || inWindow) return
          inWindow = true
          edit(root, WORLD, 'Hello world.', 'Hello world, in the quiet time.')
        }
      }
    })
    edit(root, HELLO, '第一段', '第一段·静默期')
    const { shown, diff } = await settle(dev, root, async () =>
      (await served(dev, 'posts/world/index.html')).includes('Hello world, in the quiet time.') && (await served(dev, 'posts/hello/index.html')).includes('第一段·静默期'))
    expect(inWindow).toBe(true)
    expect(shown).toBe(true)
    expect(diff).toEqual([])
  })

  it('a bundle folder renamed, then renamed back while a build runs', async () => {
    const root = copySite('basic')
    let renameBack = false
    const dev = await start(root, {
      hooks: {
        stage: (_n, stage) => {
          if (!renameBack || stage !== 'parse') return
          renameBack = false
          renameSync(join(root, 'content/posts/voyage'), join(root, 'content/posts/trip'))
        }
      }
    })
    renameSync(join(root, 'content/posts/trip'), join(root, 'content/posts/voyage'))
    let settled = await settle(dev, root, async () => dev.image()!.has('posts/voyage/index.html') && !dev.image()!.has('posts/trip/index.html'))
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])
    expect(await served(dev, 'posts/voyage/dot.svg')).toContain('<svg')
    renameBack = true
    edit(root, HELLO, '第一段', '第一段·改名时')
    settled = await settle(dev, root, async () => dev.image()!.has('posts/trip/index.html') && !dev.image()!.has('posts/voyage/index.html'))
    expect(renameBack).toBe(false)
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])
  })

  it('new bundle folders filled right after they are made, then edited', async () => {
    const root = copySite('basic')
    const dev = await start(root)
    // Like a checkout or a script: the folder, then its files a millisecond or two later (see
    // tests/unit/dev/watch.test.ts for what the watcher alone would miss).
    for (let i = 0; i < 20; i++) {
      const dir = join(root, 'content/posts', `new-${i}`)
      mkdirSync(dir)
      writeFileSync(join(dir, 'note.txt'), `note ${i}\n`)
      await sleep(i % 3)
      writeFileSync(join(dir, 'data.txt'), `data ${i}\n`)
      await sleep(i % 3)
      writeFileSync(join(dir, 'index.md'), `---\ntitle: New ${i}\ndate: 2021-01-01\n---\n\nFirst text ${i}.\n`)
    }
    let settled = await settle(dev, root, async () => dev.image()!.has('posts/new-19/index.html'))
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])
    // Every new post is watched: an edit of each is served.
    await sleep(100)
    for (let i = 0; i < 20; i++) edit(root, `content/posts/new-${i}/index.md`, `First text ${i}.`, `Second text ${i}.`)
    settled = await settle(dev, root, async () => {
      for (let i = 0; i < 20; i++) if (!(await served(dev, `posts/new-${i}/index.html`)).includes(`Second text ${i}.`)) return false
      return true
    })
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])
  })

  it('site.yaml, then a template, changed while a build runs', async () => {
    const root = copySite('basic')
    let change: (() => void) | undefined
    const dev = await start(root, {
      hooks: {
        stage: (_n, stage) => {
          if (!change || stage !== 'parse') return
          const run = change
          change = undefined
          run()
        }
      }
    })
    change = () => edit(root, 'content/site.yaml', 'title: 小站 Tiny', 'title: 小站 Renamed')
    edit(root, HELLO, '第一段', '第一段·配置')
    let settled = await settle(dev, root, async () => (await served(dev, 'index.html')).includes('小站 Renamed'))
    expect(change).toBeUndefined()
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])

    change = () => edit(root, 'templates/index.tsx', '<h1>{view.post.title}</h1>', '<h1 class="retitled">{view.post.title}</h1>')
    edit(root, HELLO, '第一段·配置', '第一段·模板')
    settled = await settle(dev, root, async () => (await served(dev, 'posts/world/index.html')).includes('<h1 class="retitled">'))
    expect(change).toBeUndefined()
    expect(settled.shown).toBe(true)
    expect(settled.diff).toEqual([])
  })

  it('an edit made while the build is failing is not forgotten once the build succeeds again', async () => {
    const root = copySite('basic')
    const dev = await start(root)
    // 1. Break site.yaml: the build stops at the config, before it reads any post.
    let failed = nextBuild(dev, (b) => !b.ok)
    edit(root, 'content/site.yaml', 'paginate: 2', 'paginate: [2')
    await failed
    // 2. Edit a post while the config is broken: this build fails too, before it reads the post.
    failed = nextBuild(dev, (b) => !b.ok && b.changed.includes(HELLO))
    edit(root, HELLO, '第一段', '第一段·配置坏时')
    await failed
    // 3. Put site.yaml back exactly as it was: the post's edit must be built now.
    edit(root, 'content/site.yaml', 'paginate: [2', 'paginate: 2')
    const { shown, diff } = await settle(dev, root, async () => dev.last()!.ok && (await served(dev, 'posts/hello/index.html')).includes('第一段·配置坏时'))
    expect(shown).toBe(true)
    expect(diff).toEqual([])
  })
})
