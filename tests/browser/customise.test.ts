/**
 * Customising, seen in a real browser (Debian's chromium via playwright-core): the example blog's accent
 * colour (computed, light and dark), its footer line and its npm plugin's output (page and feed), and a
 * site whose templates/index.tsx replaces one part of the built-in theme (tests/fixtures/customise/).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type BrowserContext } from 'playwright-core'
import { build } from '../../src/build.js'
import { BASE, serve, servedExample } from './site.js'
import { NOW, tempDir } from '../helpers/tree.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync']
const fixture = join(import.meta.dirname, '..', 'fixtures', 'customise')

/** The customise fixture with its replaced footer and a custom stylesheet, built and served under /blog/. */
async function servedOverride(): Promise<{ server: Server; base: string; dir: string }> {
  const probe = createServer()
  const port = await new Promise<number>((ok) => probe.listen(0, '127.0.0.1', () => ok((probe.address() as AddressInfo).port)))
  probe.close()
  const root = tempDir('browser-parts')
  cpSync(join(fixture, 'site'), root, { recursive: true })
  mkdirSync(join(root, 'templates'))
  writeFileSync(join(root, 'templates', 'index.tsx'), readFileSync(join(fixture, 'override', 'index.tsx'), 'utf8'))
  writeFileSync(join(root, 'templates', 'custom.css'), '.my-footer{border-top:3px solid rgb(1, 2, 3)}\n')
  const origin = `http://127.0.0.1:${port}`
  const out = join(root, 'dist')
  const result = await build({ root, outDir: out, flags: { drafts: false, future: false, baseUrl: origin + BASE }, now: NOW, cache: false })
  expect(result.problems).toEqual([])
  const served = await serve(out, port)
  return { server: served.server, base: origin + BASE, dir: root }
}

describe.skipIf(!hasChromium)('customising, in chromium', () => {
  const servers: Server[] = []
  const dirs: string[] = []
  let example = ''
  let parts = ''
  let context: BrowserContext
  let dark: BrowserContext

  beforeAll(async () => {
    const served = await servedExample()
    servers.push(served.server)
    dirs.push(served.dir)
    example = served.base
    const own = await servedOverride()
    servers.push(own.server)
    dirs.push(own.dir)
    parts = own.base
    const profile = await mkdtemp(join(tmpdir(), 'inkstone-chromium-'))
    const darkProfile = await mkdtemp(join(tmpdir(), 'inkstone-chromium-'))
    dirs.push(profile, darkProfile)
    const launch = (dir: string, colorScheme: 'light' | 'dark') =>
      chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, colorScheme })
    context = await launch(profile, 'light')
    dark = await launch(darkProfile, 'dark')
  })

  afterAll(async () => {
    await context?.close()
    await dark?.close()
    for (const server of servers) await new Promise<void>((ok) => server.close(() => ok()))
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it("shows the example blog's accent colour (theme.accent) in both schemes", async () => {
    const colourOf = async (ctx: BrowserContext, selector: string, property: 'color' | 'backgroundColor') => {
      const page = await ctx.newPage()
      await page.goto(example)
      const value = await page.locator(selector).first().evaluate((el, p) => getComputedStyle(el)[p], property)
      await page.close()
      return value
    }
    expect(await colourOf(context, '.seal', 'backgroundColor')).toBe('rgb(31, 111, 139)')
    expect(await colourOf(context, '.entry-meta .badge.column', 'color')).toBe('rgb(31, 111, 139)')
    expect(await colourOf(dark, '.seal', 'backgroundColor')).toBe('rgb(124, 196, 220)')
  })

  it("shows the example blog's footer line and its emoji plugin's output, in the page and the feed", async () => {
    const page = await context.newPage()
    await page.goto(example + 'posts/moving-to-inkstone/')
    await expect.poll(() => page.locator('.site-footer .foot-text').innerText()).toBe('本站文字除特别注明外，均采用 CC BY-NC-SA 4.0 许可。')
    expect(await page.locator('.body p', { hasText: '于是写' }).innerText()).toContain(':tea: 就会变成 🍵。')
    const feed = await page.goto(example + 'atom.xml')
    expect(await feed!.text()).toContain('就会变成 🍵。')
    await page.close()
  })

  it('shows the replaced footer, styled by the custom stylesheet, and the built-in header and post parts', async () => {
    const page = await context.newPage()
    await page.goto(parts + 'posts/long/')
    const footer = page.locator('footer.site-footer')
    expect(await footer.innerText()).toBe('林墨 · no footer line')
    expect(await footer.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(1, 2, 3)')
    expect(await page.locator('.site-header .brand-name').innerText()).toBe('墨池')
    expect(await page.locator('.post-header .author-card .author-name').innerText()).toContain('林墨')
    expect(await page.locator('.post-footer .column-card').count()).toBe(1)
    await page.close()
  })
})
