/**
 * `inkstone dev` sees every customisation as it changes: the head snippet, the custom stylesheet, a
 * `theme:` option in site.yaml, a replaced part in templates/index.tsx and inkstone.config.ts (with
 * its plugin). Each edit reloads the page, which then shows the change.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev, type DevSession } from '../../src/dev/session.js'
import { NOW, tempDir } from '../helpers/tree.js'
import { fetchRaw, SseClient } from '../helpers/http.js'

const fixture = join(import.meta.dirname, '..', 'fixtures', 'customise')
let root: string
let dev: DevSession
let sse: SseClient

const put = (path: string, text: string): void => {
  mkdirSync(join(root, path, '..'), { recursive: true })
  writeFileSync(join(root, path), text)
}
const page = async (path: string): Promise<string> => (await fetchRaw(dev.url, '/notes/' + path)).body

/** How long a page may take to show a change after its reload (a reload of an earlier edit may come first under load). */
const poll = { timeout: 15_000, interval: 100 }

/** Make a change and wait for a reload after it. */
async function change(make: () => void): Promise<void> {
  const since = sse.events.length
  make()
  await sse.next((e) => e.event === 'reload', since)
}

beforeAll(async () => {
  root = tempDir('dev-customise')
  cpSync(join(fixture, 'site'), root, { recursive: true })
  put('node_modules/remark-shout/package.json', JSON.stringify({ name: 'remark-shout', version: '1.0.0', type: 'module', main: 'index.js' }))
  put('node_modules/remark-shout/index.js', readFileSync(join(fixture, 'remark-shout.js'), 'utf8'))
  put('content/posts/loud.md', '---\ntitle: 大声\ndate: 2025-05-01 10:00\n---\n\n请 shout(hello) 一下。\n')
  dev = await startDev({ root, port: 0, now: () => NOW, log: () => undefined })
  sse = await SseClient.connect(dev.url)
})

afterAll(async () => {
  sse?.close()
  await dev?.close()
})

describe('inkstone dev: customising', () => {
  it('reloads when a head snippet appears and when it changes', async () => {
    await change(() => put('templates/head.html', '<meta name="v" content="one">\n'))
    await expect.poll(() => page(''), poll).toContain('<meta name="v" content="one">')
    await change(() => put('templates/head.html', '<meta name="v" content="two">\n'))
    await expect.poll(() => page('posts/short/'), poll).toContain('<meta name="v" content="two">')
  })

  it('reloads when the custom stylesheet changes, linking its new version', async () => {
    // The stylesheet the home page links, as served.
    const linked = async (): Promise<string> => {
      const hash = /assets\/custom\.([0-9a-f]{8})\.css/.exec(await page(''))?.[1]
      return hash ? page(`assets/custom.${hash}.css`) : ''
    }
    await change(() => put('templates/custom.css', 'body{color:red}\n'))
    await expect.poll(linked, poll).toBe('body{color:red}\n')
    await change(() => put('templates/custom.css', 'body{color:blue}\n'))
    await expect.poll(linked, poll).toBe('body{color:blue}\n')
  })

  it('reloads when a theme option changes in site.yaml', async () => {
    const yaml = readFileSync(join(root, 'content', 'site.yaml'), 'utf8')
    await change(() => put('content/site.yaml', yaml + 'theme:\n  footer: { text: 页脚一行 }\n'))
    await expect.poll(() => page(''), poll).toContain('<p class="foot-text">页脚一行</p>')
  })

  it('reloads when a part is replaced in templates/index.tsx', async () => {
    await change(() => put('templates/index.tsx', readFileSync(join(fixture, 'override', 'index.tsx'), 'utf8')))
    await expect.poll(() => page(''), poll).toContain('<footer class="site-footer my-footer"><p>林墨 · 页脚一行</p></footer>')
  })

  it('reloads when inkstone.config.ts appears and when it changes', async () => {
    await expect.poll(() => page('posts/loud/'), poll).toContain('shout(hello)')
    await change(() => put('inkstone.config.ts', readFileSync(join(fixture, 'plugins', 'inkstone.config.ts'), 'utf8')))
    await expect.poll(() => page('posts/loud/'), poll).toContain('HELLO!!')
    await change(() => put('inkstone.config.ts', readFileSync(join(root, 'inkstone.config.ts'), 'utf8').replace("mark: '!!'", "mark: '?!'")))
    await expect.poll(() => page('posts/loud/'), poll).toContain('HELLO?!')
  })
})
