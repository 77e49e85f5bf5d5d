/**
 * `inkstone dev` end to end: a real server, a real watcher, a temporary
 * copy of the basic fixture. Pages are requested over HTTP, files edited,
 * and the tests wait (bounded) for the live-reload events.
 */
import { createServer } from 'node:net'
import { readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevSession } from '../../src/dev/session.js'
import { startServer } from '../../src/dev/server.js'
import { NOW } from '../helpers/tree.js'
import { copySite, diffImageWithClean } from '../helpers/site-copy.js'
import { build } from '../../src/build.js'
import { tempDir } from '../helpers/tree.js'
import { fetchRaw, SseClient } from '../helpers/http.js'

let root: string
let dev: DevSession
let sse: SseClient
const logs: string[] = []

/** A file of the dev server's current build, as text (made on demand, like the server does). */
const served = async (outPath: string): Promise<string> => Buffer.from((await dev.image()!.read(outPath))!).toString('utf8')

const edit = (path: string, from: string, to: string): void => {
  const abs = join(root, path)
  const text = readFileSync(abs, 'utf8')
  if (!text.includes(from)) throw new Error(`${path} has no ${from}`)
  writeFileSync(abs, text.replace(from, to))
}

beforeAll(async () => {
  root = copySite('basic')
  dev = await startDev({ root, port: 0, now: () => NOW, log: (t) => logs.push(t) })
  sse = await SseClient.connect(dev.url)
})

afterAll(async () => {
  sse?.close()
  await dev?.close()
})

describe('inkstone dev: serving', () => {
  it('serves the site under its base path, with the live-reload client in HTML only', async () => {
    expect(dev.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sub\/$/)
    const home = await fetchRaw(dev.url, '/sub/')
    expect(home.status).toBe(200)
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(home.body).toContain('<script data-inkstone-dev>')
    expect(home.body).toContain('/__inkstone/events')
    const robots = await fetchRaw(dev.url, '/sub/robots.txt')
    expect(robots.body).toBe(await served('robots.txt'))
    expect(robots.body).not.toContain('inkstone-dev')
    const txt = await fetchRaw(dev.url, '/sub/static.txt')
    expect(txt.status).toBe(200)
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8')
    expect(txt.body).toBe('static file\n')
    // Outside the base path: the root redirects to it, anything else is missing.
    expect((await fetchRaw(dev.url, '/')).headers.location).toBe('/sub/')
    expect((await fetchRaw(dev.url, '/sub')).headers.location).toBe('/sub/')
    expect((await fetchRaw(dev.url, '/static.txt')).status).toBe(404)
  })

  it('redirects folders without a slash and serves Chinese paths', async () => {
    const tag = '/sub/tags/' + encodeURIComponent('读书')
    const redirect = await fetchRaw(dev.url, tag)
    expect(redirect.status).toBe(301)
    expect(redirect.headers.location).toBe(tag + '/')
    const page = await fetchRaw(dev.url, tag + '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('tag: 读书')
  })

  it('answers HEAD with the headers and no body', async () => {
    const head = await fetchRaw(dev.url, '/sub/static.txt', 'HEAD')
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe('12')
    expect(head.body).toBe('')
    expect((await fetchRaw(dev.url, '/sub/static.txt', 'POST')).status).toBe(405)
  })

  it('serves the site 404 page for missing files', async () => {
    const missing = await fetchRaw(dev.url, '/sub/no/such/page/')
    expect(missing.status).toBe(404)
    expect(missing.body).toBe((await served('404.html')).replace('</body>', missing.body.slice(missing.body.indexOf('<script data-inkstone-dev>'), missing.body.lastIndexOf('</body>')) + '</body>'))
  })

  it('refuses path traversal in every spelling', async () => {
    for (const path of [
      '/sub/../../etc/passwd', '/sub/%2e%2e/%2e%2e/etc/passwd', '/sub/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd', '/sub/..%2f..%2fetc/passwd',
      '/sub/..\\..\\etc\\passwd', '/sub/%5c..%5c..%5cetc%5cpasswd', '/sub/%00', '/sub/%e0%a4%a', '/sub/./static.txt'
    ]) {
      const reply = await fetchRaw(dev.url, path)
      expect([400, 404], path).toContain(reply.status)
      expect(reply.body, path).not.toContain('root:')
    }
  })

  it('shows drafts and future posts by default', async () => {
    expect((await fetchRaw(dev.url, '/sub/posts/draft/')).status).toBe(200)
    expect((await fetchRaw(dev.url, '/sub/posts/future/')).status).toBe(200)
  })
})

describe('inkstone dev: rebuilds', () => {
  it('reloads after a post body is edited, serving the new text', async () => {
    const since = sse.events.length
    edit('content/posts/hello.md', '第一段', '第一段·改过')
    await sse.next((e) => e.event === 'reload', since)
    expect((await fetchRaw(dev.url, '/sub/posts/hello/')).body).toContain('第一段·改过')
  })

  it('adds the tag page when a post gets a new tag', async () => {
    const since = sse.events.length
    edit('content/posts/hello.md', 'tags: [读书, Node.js]', 'tags: [读书, Node.js, 全新标签]')
    await sse.next((e) => e.event === 'reload', since)
    const page = await fetchRaw(dev.url, '/sub/tags/' + encodeURIComponent('全新标签') + '/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('你好，世界')
  })

  it('shows an error overlay for a broken file, keeps serving the last good build, and recovers', async () => {
    let since = sse.events.length
    edit('content/posts/world.md', 'date: 2016/6/28 21:40:15', 'date: 2016-13-45 <script>alert(1)</script>')
    const failed = await sse.next((e) => e.event === 'problems', since)
    const problems = (failed.data as { problems: Array<{ where: string; message: string; frame: string[] }> }).problems
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0].where).toMatch(/^content\/posts\/world\.md:3:\d+$/)
    expect(problems[0].frame.join('\n')).toContain('2016-13-45')
    // The last good build is still served, with the problems embedded as script-safe JSON.
    const page = await fetchRaw(dev.url, '/sub/posts/world/')
    expect(page.status).toBe(200)
    expect(page.body).toContain('World: an English post')
    expect(page.body).toContain('content/posts/world.md:3')
    expect(page.body).not.toContain('<script>alert(1)</script>')
    expect(page.body).toContain('\\u003cscript\\u003ealert(1)')
    since = sse.events.length
    edit('content/posts/world.md', 'date: 2016-13-45 <script>alert(1)</script>', 'date: 2016/6/28 21:40:15')
    await sse.next((e) => e.event === 'reload', since)
    expect((await fetchRaw(dev.url, '/sub/posts/world/')).body).toContain('window.__INKSTONE_PROBLEMS__=[]')
  })

  it('picks up an editor\'s atomic save (write a temp file, rename it over the post)', async () => {
    await dev.idle()
    const since = sse.events.length
    const abs = join(root, 'content', 'posts', 'hello.md')
    writeFileSync(abs + '.tmp', readFileSync(abs, 'utf8').replace('第一段·改过', '第一段·原子保存'))
    renameSync(abs + '.tmp', abs)
    await sse.next((e) => e.event === 'reload', since)
    expect((await fetchRaw(dev.url, '/sub/posts/hello/')).body).toContain('第一段·原子保存')
  })

  it('does not lose a second save within chokidar\'s 50 ms change throttle', async () => {
    await dev.idle()
    const abs = join(root, 'content', 'posts', 'hello.md')
    const text = readFileSync(abs, 'utf8')
    // The second save lands right after the first one's build, while chokidar still throttles the path.
    const since = sse.events.length
    writeFileSync(abs, text.replace('第一段', '第一段·快存一'))
    await sse.next((e) => e.event === 'reload', since)
    writeFileSync(abs, text.replace('第一段', '第一段·快存二'))
    let body = ''
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      await dev.idle()
      body = (await fetchRaw(dev.url, '/sub/posts/hello/')).body
      if (body.includes('第一段·快存二')) break
    }
    expect(body).toContain('第一段·快存二')
  })

  it('coalesces a burst of edits into one build', async () => {
    await dev.idle()
    const before = dev.last()?.number ?? 0
    const since = sse.events.length
    for (let i = 0; i < 30; i++) writeFileSync(join(root, 'content', 'posts', `burst-${i}.md`), `---\ntitle: Burst ${i}\ndate: 2020-01-01\n---\nBody ${i}.\n`)
    await sse.next((e) => e.event === 'reload', since)
    await dev.idle()
    expect(dev.last()!.number - before).toBeLessThanOrEqual(2)
    expect((await fetchRaw(dev.url, '/sub/posts/burst-29/')).status).toBe(200)
  })

  it('serves what a clean build of the same files gives', async () => {
    await dev.idle()
    const { diff } = await diffImageWithClean(root, dev.image()!, { drafts: true, future: true, dev: true }, NOW)
    expect(diff).toEqual([])
  })
})

describe('inkstone serve', () => {
  let out: string
  beforeAll(async () => {
    out = tempDir('serve')
    expect((await build({ root, outDir: out, flags: { drafts: false, future: false }, now: NOW })).ok).toBe(true)
  })

  it('serves the built folder without the live-reload client', async () => {
    const server = await startServer({ files: out, basePath: () => '/sub/', live: false, host: '127.0.0.1', port: 0 })
    try {
      const home = await fetchRaw(server.url, '/sub/')
      expect(home.status).toBe(200)
      expect(home.body).toBe(readFileSync(join(out, 'index.html'), 'utf8'))
      expect(home.body).not.toContain('inkstone-dev')
      expect((await fetchRaw(server.url, '/__inkstone/events')).status).toBe(404)
    } finally {
      await server.close()
    }
  })

  it('does not follow symbolic links out of the output folder', async () => {
    const secret = join(root, 'secret.txt')
    writeFileSync(secret, 'top secret')
    symlinkSync(secret, join(out, 'link.txt'))
    const server = await startServer({ files: out, basePath: () => '/sub/', live: false, host: '127.0.0.1', port: 0 })
    try {
      const reply = await fetchRaw(server.url, '/sub/link.txt')
      expect(reply.status).toBe(404)
      expect(reply.body).not.toContain('top secret')
    } finally {
      await server.close()
      rmSync(join(out, 'link.txt'))
    }
  })
})

describe('ports', () => {
  it('takes the next free port when asked, and says which one', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const port = (blocker.address() as { port: number }).port
    try {
      const next = await startServer({ files: tempDir('ports'), basePath: () => '/sub/', live: false, host: '127.0.0.1', port, nextFreePort: true })
      expect(next.port).not.toBe(port)
      expect(next.portInUse).toBe(port)
      await next.close()
      await expect(startServer({ files: tempDir('ports'), basePath: () => '/sub/', live: false, host: '127.0.0.1', port })).rejects.toThrow(
        new RegExp(`Port ${port} on 127.0.0.1 is already in use`)
      )
    } finally {
      blocker.close()
    }
  })
})
