/**
 * The default theme in a real browser (Debian's chromium driven by
 * playwright-core; never a downloaded browser) over the built example blog
 * served under `/blog/`: navigation, dark mode without a flash, search,
 * axe-core on every page kind in both modes, and screenshots kept as test
 * artifacts in tests/artifacts/ (not committed).
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import axe from 'axe-core'
import { repoRoot, servedExample } from './site.js'

const CHROMIUM = '/usr/bin/chromium'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) {
  console.warn(`[tests/browser] SKIPPED: ${CHROMIUM} is missing. Install Debian's chromium (apt-get install -y chromium) or run .ci/run.`)
}

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync']
const artifacts = join(repoRoot, 'tests', 'artifacts')

/** A page kind and a path under the base URL. */
const pageKinds: Array<[string, string]> = [
  ['home', ''], ['post', 'posts/rust-error-handling/'], ['post-math', 'posts/math-in-markdown/'], ['tag', 'tags/rust/'],
  ['tags', 'tags/'], ['columns', 'columns/'], ['column', 'columns/notes/'], ['archive', 'archives/'], ['archive-year', 'archives/2024/'],
  ['page', 'about/'], ['search', 'search/?q=%E6%A0%87%E7%82%B9'], ['404', 'no/such/page/']
]

describe.skipIf(!hasChromium)('theme in chromium', () => {
  let server: Server
  let base = ''
  let dir = ''
  let profile = ''
  let context: BrowserContext
  /** Console errors, page errors and failed requests, by page. */
  const trouble: string[] = []

  beforeAll(async () => {
    const served = await servedExample()
    server = served.server
    base = served.base
    dir = served.dir
    profile = await mkdtemp(join(tmpdir(), 'inkstone-chromium-'))
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 }, colorScheme: 'light'
    })
    await mkdir(artifacts, { recursive: true })
  })

  afterAll(async () => {
    await context?.close()
    await new Promise<void>((ok) => (server ? server.close(() => ok()) : ok()))
    for (const d of [profile, dir]) if (d) await rm(d, { recursive: true, force: true })
  })

  async function open(path = '', expectStatus = 200): Promise<Page> {
    const page = await context.newPage()
    page.on('console', (m) => {
      // The 404 page's own document load is expected to be a 404.
      if (m.type() === 'error' && !(expectStatus === 404 && /404/.test(m.text()))) trouble.push(`${path}: console: ${m.text()}`)
    })
    page.on('pageerror', (e) => trouble.push(`${path}: error: ${e.message}`))
    page.on('requestfailed', (r) => trouble.push(`${path}: failed: ${r.url()} ${r.failure()?.errorText ?? ''}`))
    page.on('response', (r) => {
      if (r.status() >= 400 && r.url() !== base + path) trouble.push(`${path}: ${r.status()} ${r.url()}`)
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) trouble.push(`${path}: third-party request ${r.url()}`)
    })
    const response = await page.goto(base + path)
    expect(response?.status(), path).toBe(expectStatus)
    return page
  }

  it('navigates home → post → tag → column → archive → next page with no error and no failed request', async () => {
    const page = await open()
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy()
    const postTitle = (await page.locator('.entry-title a').first().textContent()) ?? ''
    await page.locator('.entry-title a').first().click()
    await page.waitForLoadState('load')
    expect(await page.locator('article.post h1').textContent()).toBe(postTitle)
    expect(await page.locator('.post-header time').first().getAttribute('datetime')).toMatch(/^\d{4}-\d\d-\d\dT/)

    await page.locator('.post-header .tags a').first().click()
    await page.waitForLoadState('load')
    expect(page.url()).toContain('/blog/tags/')
    expect(await page.locator('body').getAttribute('class')).toBe('page-tag')

    await page.locator('.entry .badge.column').first().click()
    await page.waitForLoadState('load')
    expect(page.url()).toContain('/blog/columns/')
    expect(await page.locator('body').getAttribute('class')).toBe('page-column')

    await page.locator('.nav a[href$="/archives/"]').click()
    await page.waitForLoadState('load')
    expect(await page.locator('body').getAttribute('class')).toBe('page-archive')
    expect(await page.locator('.timeline a').count()).toBeGreaterThan(10)

    await page.locator('.brand').click()
    await page.waitForLoadState('load')
    await page.locator('.pager a[rel=next]').click()
    await page.waitForLoadState('load')
    expect(page.url()).toBe(base + 'page/2/')
    expect(await page.locator('.pager [aria-current=page]').textContent()).toBe('2')
    await page.close()
    expect(trouble).toEqual([])
  })

  it('toggles dark mode, remembers it across a reload, and sets it before paint', async () => {
    const page = await open('posts/rust-error-handling/')
    const bg = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const codeBg = (): Promise<string> => page.evaluate(() => getComputedStyle(document.querySelector('pre.shiki') as Element).backgroundColor)
    const lightBg = await bg()
    const lightCode = await codeBg()
    expect(await page.locator('.theme-toggle').getAttribute('aria-pressed')).toBe('false')
    await page.locator('.theme-toggle').click()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await page.locator('.theme-toggle').getAttribute('aria-pressed')).toBe('true')
    expect(await bg()).not.toBe(lightBg)
    expect(await codeBg()).not.toBe(lightCode)

    await page.reload()
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await bg()).not.toBe(lightBg)
    await page.close()

    // Without the theme script at all, the inline <head> script alone applies the stored choice: no flash.
    const bare = await context.newPage()
    await bare.route(/\/assets\/theme\.[0-9a-f]+\.js$/, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }))
    await bare.goto(base + 'posts/rust-error-handling/')
    expect(await bare.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
    expect(await bare.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg)
    await bare.evaluate(() => localStorage.removeItem('inkstone-theme'))
    await bare.close()

    // No stored choice: the system preference decides.
    const system = await context.newPage()
    await system.emulateMedia({ colorScheme: 'dark' })
    await system.goto(base)
    expect(await system.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined()
    expect(await system.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(lightBg)
    await system.close()
    expect(trouble).toEqual([])
  })

  it('searches the index on the client, CJK substrings included', async () => {
    const page = await open()
    const input = page.locator('form.search input')
    await expect(input.isVisible()).resolves.toBe(true)
    await input.click()
    await input.fill('标点')
    await page.locator('.search-results a').first().waitFor()
    expect(await page.locator('.search-results a').first().textContent()).toContain('标点')
    await input.fill('rust error')
    await page.waitForFunction(() => document.querySelector('.search-results a')?.textContent?.includes('Error Handling'))
    await input.fill('zzzz-no-such-thing')
    await page.waitForFunction(() => document.querySelectorAll('.search-results a').length === 0)
    expect(await page.locator('.search-status').textContent()).not.toBe('')
    await input.fill('Ownership')
    await page.locator('.search-results a').first().waitFor()
    await input.press('Enter')
    await page.waitForURL(/rust-ownership/)
    await page.close()
    expect(trouble).toEqual([])
  })

  it('shows title, date, column and a marked snippet from the full text, and works from the keyboard', async () => {
    const page = await open()
    const requests: string[] = []
    page.on('request', (r) => requests.push(new URL(r.url()).pathname))
    // `/` focuses the box from anywhere on the page.
    await page.locator('body').click({ position: { x: 5, y: 400 } })
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.matches('form.search input'))).toBe(true)
    // 挤压 is mid-sentence, inside 标点挤压, deep in a post's body.
    // One input event, as an input method commits a word.
    await page.keyboard.insertText('挤压')
    const first = page.locator('.search-results a').first()
    await first.waitFor()
    const item = await first.evaluate((a) => ({
      title: a.querySelector('b')?.textContent, meta: a.querySelector('.search-meta')?.textContent,
      marks: [...a.querySelectorAll('small mark')].map((m) => m.textContent), href: a.getAttribute('href')
    }))
    expect(item.title).toContain('标点挤压')
    expect(item.meta).toMatch(/^\d{4}-\d{2}-\d{2} · \S/)
    expect(item.marks).toContain('挤压')
    expect(item.href).toMatch(/^\/blog\/posts\//)
    expect(await page.locator('.search-status').textContent()).toMatch(/\d/)
    // Only the entry, the query's shards and the shown posts' files were fetched: never the whole index.
    const fetched = requests.filter((p) => p.includes('/search'))
    expect(fetched[0]).toBe('/blog/search.json')
    expect(fetched.filter((p) => p.includes('/search/i/')).length).toBe(1)
    // Arrows move through the results and to the link of all results; Enter follows.
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.closest('.search-results') !== null)).toBe(true)
    await page.keyboard.press('ArrowUp')
    expect(await page.evaluate(() => document.activeElement?.matches('form.search input'))).toBe(true)
    const count = await page.locator('.search-results a').count()
    for (let i = 0; i <= count; i++) await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(() => document.activeElement?.classList.contains('search-all'))).toBe(true)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/blog\/search\/\?q=%E6%8C%A4%E5%8E%8B$/)
    // The page of all results lists the same query's results.
    await page.locator('.search-results-page a').first().waitFor()
    expect(await page.locator('.search-page input').inputValue()).toBe('挤压')
    const titles = await page.locator('.search-results-page b').allTextContents()
    expect(titles.length).toBe(count)
    expect(titles[0]).toContain('标点挤压')
    await page.close()
    expect(trouble).toEqual([])
  })

  it('says so when nothing matches, and never shows a near miss', async () => {
    const page = await open('search/?q=' + encodeURIComponent('挤标'))
    await page.waitForFunction(() => (document.querySelector('.search-page .search-status')?.textContent ?? '…') !== '…' && document.querySelector('.search-page .search-status')?.textContent !== '')
    expect(await page.locator('.search-results-page a').count()).toBe(0)
    expect(await page.locator('.search-page .search-status').textContent()).toBe('没有找到相关文章')
    await page.close()
    expect(trouble).toEqual([])
  })

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe-core violation on any page kind (${scheme})`, async () => {
      const found: string[] = []
      for (const [kind, path] of pageKinds) {
        const page = await open(path, kind === '404' ? 404 : 200)
        await page.emulateMedia({ colorScheme: scheme })
        await page.addScriptTag({ content: axe.source })
        const result = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }))
        for (const v of result.violations) {
          if (v.impact === 'serious' || v.impact === 'critical') {
            found.push(`${kind}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
          }
        }
        await page.close()
      }
      expect(found).toEqual([])
      expect(trouble).toEqual([])
    }, 300_000)
  }

  it('takes screenshots of the home page and a post at 375 px and 1280 px in both modes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [375, 1280]) {
        for (const [name, path] of [['home', ''], ['post', 'posts/rust-error-handling/']]) {
          const page = await open(path)
          await page.setViewportSize({ width, height: 900 })
          await page.emulateMedia({ colorScheme: scheme })
          const file = join(artifacts, `${name}-${width}-${scheme}.png`)
          await page.screenshot({ path: file, fullPage: true })
          expect(existsSync(file)).toBe(true)
          // Nothing sticks out sideways at any width.
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
          await page.close()
        }
      }
    }
    expect(trouble).toEqual([])
  }, 300_000)
})
