/**
 * Every link the site writes resolves: sites whose file names carry `#`, `?`,
 * `%`, spaces, full-width punctuation, emoji, NFD and a ~200-byte name are
 * built, and every internal URL of every page, feed, the sitemap, the search
 * index and robots.txt is checked against the output folder on disk, over
 * HTTP from `inkstone serve` (the real CLI, a child process) and from the
 * dev server; the example blog too.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { outPathOf } from '../../src/site/urls.js'
import { startDev } from '../../src/dev/session.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'
import { repo } from '../helpers/cli.js'
import { crawl, diskFetcher, httpFetcher, pathsOfFolder, type CrawlReport } from '../helpers/crawl.js'
import { longName, postNames, writeAwkwardSite } from '../fixtures/crawl/awkward-site.js'

const flags = { drafts: false, future: false }
const cleanup: string[] = []
const children: ChildProcess[] = []

afterAll(() => {
  for (const child of children) child.kill()
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true })
})

/** Build `root` into a fresh folder; fail on any error. */
async function buildSite(root: string): Promise<string> {
  const out = tempDir('crawl-out')
  cleanup.push(out)
  const result = await build({ root, outDir: out, flags, now: NOW, cache: false })
  expect(result.problems.filter((p) => p.fatal).map((p) => `${p.path}:${p.line} ${p.reason}`)).toEqual([])
  return out
}

/** Start `inkstone serve` on a free port; resolve with the URL it prints. */
function serve(root: string, out: string): Promise<string> {
  const child = spawn(process.execPath, [join(repo, 'bin', 'inkstone.js'), 'serve', root, '--dir', out, '--port', '0'], {
    env: { ...process.env, NO_COLOR: '1' }
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`inkstone serve printed no address: ${output}`)), 60_000)
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const url = /at (http:\/\/\S+)/.exec(output)?.[1]
      if (url) {
        clearTimeout(timer)
        resolve(url)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('exit', (code) => reject(new Error(`inkstone serve exited with ${code}: ${output}`)))
  })
}

/**
 * The HTML pages of an output folder as URL paths, but the 404 page and the redirect pages of aliases (nothing
 * links to them: old URLs reach them; their own links are checked by the crawl from disk).
 */
function pagesOf(out: string, basePath: string): string[] {
  const isRedirect = (p: string): boolean =>
    readFileSync(join(out, outPathOf(decodeURIComponent(p.slice(basePath.length - 1)))), 'utf8').includes('<meta http-equiv="refresh"')
  return pathsOfFolder(out, basePath).filter((p) => (p.endsWith('/') || p.endsWith('.html')) && !p.endsWith('/404.html') && !isRedirect(p))
}

/** Crawl from the home page, the sitemap and robots.txt, following every internal URL. */
function crawlFromHome(serverUrl: string, siteUrl: string): Promise<CrawlReport> {
  const base = new URL(siteUrl).pathname
  return crawl({ siteUrl, start: [base, base + 'sitemap.xml', base + 'robots.txt'], follow: true, fetch: httpFetcher(serverUrl) })
}

for (const siteUrl of ['https://example.org/博客/', 'https://example.org/']) {
  describe(`a site with awkward file names, at ${siteUrl}`, () => {
    const basePath = new URL(siteUrl).pathname
    let root: string
    let out: string

    beforeAll(async () => {
      root = writeAwkwardSite(tempDir('crawl-site'), siteUrl)
      cleanup.push(root)
      out = await buildSite(root)
    }, 600_000)

    it('writes each page at the slug the rule makes', () => {
      const tree = readTree(out)
      for (const path of [
        'posts/2010-01-12-小时候的梦想/index.html',
        'posts/what-why/index.html',
        'posts/100-pure/index.html',
        'posts/a-b-c/index.html',
        'posts/你好-世界-全角/index.html',
        'posts/emoji-party/index.html',
        'posts/café-déjà-vu/index.html',
        'posts/Ünïcødé/index.html',
        `posts/${longName}/index.html`,
        'posts/Explicit-Slug-示例/index.html',
        'posts/C-笔记-2/index.html',
        'posts/C-笔记-2/图 1#a.png',
        'posts/C-笔记-2/100% b.png',
        'posts/C-笔记-2/what?.png',
        'posts/C-笔记-2/data 50%.txt',
        'about-me/index.html',
        'columns/问答-1/index.html',
        'columns/über/index.html',
        'tags/c/index.html',
        'tags/c++/index.html',
        'tags/问与答/index.html',
        'tags/100/index.html',
        'tags/space-tag/index.html',
        'tags/café/index.html',
        'images/头像 #1.png',
        'files/report 50%.txt'
      ]) expect(tree.has(path), path).toBe(true)
      expect(Buffer.byteLength(longName)).toBeGreaterThanOrEqual(195)
      // NFD in the file name, NFC in the output.
      expect(postNames.decomposed).not.toBe(postNames.decomposed.normalize('NFC'))
      expect([...tree.keys()].every((p) => p === p.normalize('NFC') || p.startsWith('posts/C-笔记-2/'))).toBe(true)
    })

    it('has no broken link on disk: every page, feed, sitemap entry and search record', async () => {
      const report = await crawl({ siteUrl, start: pathsOfFolder(out, basePath), follow: false, fetch: diskFetcher(out, basePath) })
      expect(report.broken).toEqual([])
      expect(report.checked).toBeGreaterThan(500)
      // The sitemap, the feeds and the search index were read and checked too.
      for (const doc of ['sitemap.xml', 'atom.xml', 'rss.xml', 'feed.json', 'search.json', 'robots.txt']) {
        expect(report.documents, doc).toContain(basePath + doc)
      }
    })

    it('writes `#`, `?` and `%` of file names percent-encoded in every kind of URL', () => {
      const hexo = encodeURIComponent('2010-01-12-小时候的梦想')
      const image = `${encodeURIComponent('图 1#a.png')}`
      const bundle = `${basePath}posts/${encodeURIComponent('C-笔记-2')}/`
      const archives = readFileSync(join(out, 'archives', 'index.html'), 'utf8')
      expect(archives).toContain(`href="${basePath}posts/${hexo}/"`)
      const page = readFileSync(join(out, 'posts', 'C-笔记-2', 'index.html'), 'utf8')
      expect(page).toContain(`src="${bundle}${image}"`)
      expect(page).toContain(`<meta property="og:image" content="https://example.org${bundle}${image}">`)
      expect(image).toContain('%23')
      const sitemap = readFileSync(join(out, 'sitemap.xml'), 'utf8')
      expect(sitemap).toContain(`<loc>https://example.org${basePath}posts/${hexo}/</loc>`)
      expect(sitemap).toContain(`<loc>https://example.org${basePath}posts/what-why/</loc>`)
      const docs = readdirSync(join(out, 'search', 'd')).map((name) => JSON.parse(readFileSync(join(out, 'search', 'd', name), 'utf8')) as { u: string })
      expect(docs.map((d) => d.u)).toContain(`${basePath}posts/${hexo}/`)
      const feed = JSON.parse(readFileSync(join(out, 'feed.json'), 'utf8')) as { items: Array<{ url: string; image?: string }> }
      expect(feed.items.map((i) => i.url)).toContain(`https://example.org${basePath}posts/${hexo}/`)
      expect(feed.items.map((i) => i.image).filter(Boolean)).toEqual([`https://example.org${bundle}${image}`])
    })

    it('serves every linked file over HTTP from `inkstone serve`, reaching every page from the home page', async () => {
      const server = await serve(root, out)
      expect(new URL(server).pathname).toBe(basePath)
      const report = await crawlFromHome(server, siteUrl)
      expect(report.broken).toEqual([])
      const unreached = pagesOf(out, basePath).filter((p) => !report.reached.has(p))
      expect(unreached).toEqual([])
      // Every file of the output is served at its URL.
      const all = await crawl({ siteUrl, start: pathsOfFolder(out, basePath), follow: false, fetch: httpFetcher(server) })
      expect(all.broken).toEqual([])
    }, 120_000)

    it('serves every linked file from the dev server', async () => {
      const dev = await startDev({ root, port: 0, now: () => NOW, log: () => {} })
      try {
        const report = await crawlFromHome(dev.url, siteUrl)
        expect(report.broken).toEqual([])
        expect(pagesOf(out, basePath).filter((p) => !report.reached.has(p))).toEqual([])
      } finally {
        await dev.close()
      }
    }, 120_000)
  })
}

describe('the example blog', () => {
  const siteUrl = 'https://example.org/blog/'
  let out: string

  beforeAll(async () => {
    out = await buildSite(repo)
    expect(existsSync(join(out, 'index.html'))).toBe(true)
  }, 600_000)

  it('has no broken link on disk', async () => {
    const report = await crawl({ siteUrl, start: pathsOfFolder(out, '/blog/'), follow: false, fetch: diskFetcher(out, '/blog/') })
    expect(report.broken).toEqual([])
    expect(report.checked).toBeGreaterThan(5000)
  })

  it('has no broken link served by `inkstone serve`, and every page is reached from the home page', async () => {
    const server = await serve(repo, out)
    const report = await crawlFromHome(server, siteUrl)
    expect(report.broken).toEqual([])
    expect(pagesOf(out, '/blog/').filter((p) => !report.reached.has(p))).toEqual([])
  }, 300_000)
})
