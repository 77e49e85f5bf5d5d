/**
 * Feeds, sitemap, robots.txt and page metadata of the example blog
 * (content/), built into a temporary folder with "now" pinned.
 */
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
// The compiled build: `packageRoot` (src/render/theme.ts) assumes it runs from .build/ (`npm test` compiles first).
import { build, type BuildResult } from '../../../.build/src/build.js'
import { NOW, tempDir } from '../../helpers/tree.js'
import {
  checkAtom, checkJson, checkRss, foldersWith, jsonLdOf, metaOf, parseXml, textOf, urlsIn
} from './helpers.js'

const repo = join(import.meta.dirname, '..', '..', '..')
const site = 'https://example.org/blog/'
let out: string
let result: BuildResult
const read = (path: string): string => readFileSync(join(out, path), 'utf8')
/** Absolute URL of an output folder (percent-encoded like the site's links). */
const urlOf = (folder: string): string => site + folder.split('/').map(encodeURIComponent).join('/')

beforeAll(async () => {
  out = tempDir('publish-example')
  result = await build({ root: repo, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: false })
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
})

describe('feeds of the example blog', () => {
  it('has the three feeds for the site, every tag page and every column page', () => {
    const lists = [
      '',
      ...foldersWith(join(out, 'tags'), 'index.html', 'tags/').filter((f) => /^tags\/[^/]+\/$/.test(f)),
      ...foldersWith(join(out, 'columns'), 'index.html', 'columns/').filter((f) => /^columns\/[^/]+\/$/.test(f))
    ]
    expect(lists.length).toBeGreaterThan(10)
    for (const folder of lists) {
      for (const name of ['atom.xml', 'rss.xml', 'feed.json']) expect(existsSync(join(out, folder, name)), folder + name).toBe(true)
    }
    // And nothing else carries feeds.
    expect(foldersWith(out, 'atom.xml').sort()).toEqual([...lists].sort())
  })

  it('every feed parses and has what its specification requires', () => {
    for (const folder of foldersWith(out, 'atom.xml')) {
      const atom = checkAtom(read(folder + 'atom.xml'), folder + 'atom.xml')
      const rss = checkRss(read(folder + 'rss.xml'), folder + 'rss.xml')
      const json = checkJson(read(folder + 'feed.json'), folder + 'feed.json')
      // The three formats carry the same entries, in the same order, with the same ids and dates.
      const atomIds = (atom.entry ?? []).map((e: any) => textOf(e.id))
      expect((rss.item ?? []).map((i: any) => textOf(i.guid)), folder).toEqual(atomIds)
      expect(json.items.map((i: any) => i.id), folder).toEqual(atomIds)
      ;(atom.entry ?? []).forEach((e: any, i: number) => {
        expect(Date.parse(textOf(rss.item[i].pubDate))).toBe(Date.parse(textOf(e.published)))
        expect(json.items[i].date_published).toBe(textOf(e.published))
        expect(json.items[i].date_modified).toBe(textOf(e.updated))
      })
      // Newest first.
      const published = (atom.entry ?? []).map((e: any) => Date.parse(textOf(e.published)))
      expect([...published].sort((a, b) => b - a)).toEqual(published)
      // The self links point at the files themselves.
      expect(atom.link.find((l: any) => l['@rel'] === 'self')['@href']).toBe(urlOf(folder) + 'atom.xml')
      expect(json.feed_url).toBe(urlOf(folder) + 'feed.json')
    }
  })

  it('holds the latest 20 posts, in full, every URL absolute', () => {
    const posts = foldersWith(join(out, 'posts'), 'index.html')
    expect(posts.length).toBe(24)
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    expect(atom.entry.length).toBe(20)
    for (const folder of foldersWith(out, 'atom.xml')) {
      const feed = checkAtom(read(folder + 'atom.xml'), folder)
      for (const entry of feed.entry ?? []) {
        expect(entry.content?.['@type']).toBe('html')
        for (const html of [textOf(entry.content), textOf(entry.summary)]) {
          for (const url of urlsIn(html)) expect(url, `${folder} ${textOf(entry.id)}`).toMatch(/^(https?:|mailto:|data:)/)
        }
      }
    }
    // A post linking to another post and to a heading gets absolute links.
    const moving = atom.entry.find((e: any) => textOf(e.id).endsWith(':posts/moving-to-inkstone'))
    expect(textOf(moving.content)).toContain('href="https://example.org/blog/posts/static-site-from-scratch/"')
    expect(textOf(moving.content)).not.toContain('inkstone-ref:')
    // The example blog's Markdown plugin from npm (inkstone.config.ts: remark-emoji) made it into the feed.
    expect(textOf(moving.content)).toContain('<code>:tea:</code> 就会变成 🍵。')
  })

  it('takes dates and ids from the content', () => {
    // content/posts/rss-is-fine.md: date 2026-09-12T08:15:00+08:00, tags [RSS, Static Sites, 博客], column web (parent notes).
    const id = 'tag:example.org,2026-09-12:posts/rss-is-fine'
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    const entry = atom.entry.find((e: any) => textOf(e.id) === id)
    expect(textOf(entry.title)).toBe('RSS Is Still Fine')
    expect(textOf(entry.published)).toBe('2026-09-12T08:15:00+08:00')
    expect(entry.link[0]['@href']).toBe('https://example.org/blog/posts/rss-is-fine/')
    expect(entry.category.map((c: any) => c['@term'])).toEqual(['RSS', 'Static Sites', '博客'])
    const rss = checkRss(read('rss.xml'), 'rss.xml')
    expect(textOf(rss.item.find((i: any) => textOf(i.guid) === id).pubDate)).toBe('Sat, 12 Sep 2026 08:15:00 +0800')
    // In its tag's feed, its column's feed and the parent column's feed (subtree).
    for (const feed of ['tags/rss/atom.xml', 'columns/web/atom.xml', 'columns/notes/atom.xml']) {
      expect(checkAtom(read(feed), feed).entry.map((e: any) => textOf(e.id)), feed).toContain(id)
    }
    // Not in a column it does not belong to.
    expect((checkAtom(read('columns/rust/atom.xml'), 'rust').entry ?? []).map((e: any) => textOf(e.id))).not.toContain(id)
    // A front-matter `updated` (content/posts/rust-error-handling.md) is the entry's updated.
    const source = readFileSync(join(repo, 'content/posts/rust-error-handling.md'), 'utf8')
    const updated = /^updated:\s*(.+)$/m.exec(source)![1].trim()
    const rust = atom.entry.find((e: any) => textOf(e.id).endsWith(':posts/rust-error-handling'))
    expect(textOf(rust.updated).slice(0, 10)).toBe(updated.slice(0, 10).replace(/\//g, '-'))
    expect(textOf(rust.updated)).not.toBe(textOf(rust.published))
  })

  it('JSON Feed items carry url, title, tags and content', () => {
    const json = checkJson(read('feed.json'), 'feed.json')
    const item = json.items.find((i: any) => i.id === 'tag:example.org,2026-09-12:posts/rss-is-fine')
    expect(item.url).toBe('https://example.org/blog/posts/rss-is-fine/')
    expect(item.tags).toEqual(['RSS', 'Static Sites', '博客'])
    expect(item.content_html).toContain('https://www.rfc-editor.org/rfc/rfc4287')
    expect(json.home_page_url).toBe(site)
  })
})

describe('sitemap and robots of the example blog', () => {
  it('lists every HTML page once, with absolute URL and lastmod', () => {
    const urlset = parseXml(read('sitemap.xml'), 'sitemap.xml').urlset
    expect(urlset['@xmlns']).toBe('http://www.sitemaps.org/schemas/sitemap/0.9')
    const locs = urlset.url.map((u: any) => textOf(u.loc))
    expect(new Set(locs).size).toBe(locs.length)
    // Every page but those that tell search engines not to index them (the search page).
    const noindex = (folder: string): boolean => read(`${folder}index.html`).includes('<meta name="robots" content="noindex">')
    const pages = foldersWith(out, 'index.html').filter((f) => !noindex(f)).map(urlOf)
    expect(foldersWith(out, 'index.html').filter(noindex)).toEqual(['search/'])
    expect([...locs].sort()).toEqual([...pages].sort())
    expect(existsSync(join(out, '404.html'))).toBe(true)
    expect(locs.some((l: string) => l.includes('404'))).toBe(false)
    for (const u of urlset.url) expect(textOf(u.lastmod), textOf(u.loc)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
    // A post's lastmod is its modification date, as in its feed entry.
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    for (const entry of atom.entry) {
      const u = urlset.url.find((x: any) => textOf(x.loc) === entry.link[0]['@href'])
      expect(textOf(u.lastmod)).toBe(textOf(entry.updated))
    }
    // The home page changes with the newest change of the posts it lists: all of them (a pinned post
    // edited in git counts, though it is too old for the feed).
    const postMods = urlset.url.filter((u: any) => textOf(u.loc).startsWith(site + 'posts/')).map((u: any) => textOf(u.lastmod))
    const newest = postMods.reduce((a: string, b: string) => (Date.parse(b) > Date.parse(a) ? b : a))
    expect(textOf(urlset.url.find((x: any) => textOf(x.loc) === site).lastmod)).toBe(newest)
    expect(Date.parse(newest)).toBeGreaterThanOrEqual(Date.parse(textOf(atom.updated)))
  })

  it('robots.txt points at the sitemap', () => {
    expect(read('robots.txt')).toMatch(/^User-agent: \*$/m)
    expect(read('robots.txt')).toMatch(/^Sitemap: https:\/\/example\.org\/blog\/sitemap\.xml$/m)
  })
})

describe('metadata of the example blog', () => {
  it('a post page has canonical, Open Graph, Twitter and BlogPosting JSON-LD', () => {
    const html = read('posts/rss-is-fine/index.html')
    const meta = metaOf(html)
    expect(html).toContain('<link rel="canonical" href="https://example.org/blog/posts/rss-is-fine/">')
    expect(meta.get('og:type')).toEqual(['article'])
    expect(meta.get('og:title')).toEqual(['RSS Is Still Fine'])
    expect(meta.get('og:url')).toEqual(['https://example.org/blog/posts/rss-is-fine/'])
    expect(meta.get('article:published_time')).toEqual(['2026-09-12T08:15:00+08:00'])
    expect(meta.get('article:modified_time')?.length).toBe(1)
    expect(meta.get('article:tag')).toEqual(['RSS', 'Static Sites', '博客'])
    expect(meta.get('twitter:card')?.[0]).toMatch(/^summary/)
    expect(meta.get('description')?.[0]).toMatch(/^Every couple of years someone declares RSS dead/)
    const ld = jsonLdOf(html).find((x) => x['@type'] === 'BlogPosting')
    expect(ld.headline).toBe('RSS Is Still Fine')
    expect(ld.datePublished).toBe('2026-09-12T08:15:00+08:00')
    expect(ld.author.name).toBe('林知微')
    expect(ld.keywords).toBe('RSS, Static Sites, 博客')
    // content/columns/web.md: `title: 前端与 Web`.
    expect(ld.isPartOf.name).toBe('前端与 Web')
    expect(ld.isPartOf.url).toBe('https://example.org/blog/columns/web/')
    // The post page advertises its column's feeds besides the site's.
    expect(html).toContain('href="/blog/columns/web/atom.xml"')
    expect(html).toContain('href="/blog/atom.xml"')
  })

  it('lists are Blog / CollectionPage and advertise their own feeds', () => {
    const home = read('index.html')
    expect(jsonLdOf(home).map((x) => x['@type'])).toContain('Blog')
    expect(metaOf(home).get('og:type')).toEqual(['website'])
    for (const [page, feed] of [['tags/rss/index.html', '/blog/tags/rss/'], ['columns/web/index.html', '/blog/columns/web/']]) {
      const html = read(page)
      expect(jsonLdOf(html).map((x) => x['@type'])).toContain('CollectionPage')
      for (const [type, name] of [['application/atom+xml', 'atom.xml'], ['application/rss+xml', 'rss.xml'], ['application/feed+json', 'feed.json']]) {
        expect(html).toMatch(new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}" title="[^"]*" href="${feed}${name}">`))
      }
    }
    // Later pages of a column advertise the column's feeds too.
    expect(read('columns/notes/page/2/index.html')).toContain('href="/blog/columns/notes/atom.xml"')
  })
})

describe('pinned posts and aliases in the example blog', () => {
  it('puts the pinned post (content/posts/hello-world.md, sticky: 1) first on the home page, with its mark', () => {
    const first = /<h2 class="entry-title">(.*?)<\/h2>/.exec(read('index.html'))![1]
    expect(first).toBe('<span class="badge pin">置顶</span> <a href="/blog/posts/hello-world/">开张：为什么还要写博客</a>')
    // Only the home page: the feeds keep date order, and their 20 newest posts do not reach back to 2017.
    expect(read('atom.xml')).not.toContain('posts/hello-world/')
    const tagPage = read('tags/随笔/index.html')
    expect(tagPage).toContain('<a href="/blog/posts/hello-world/">')
    expect(tagPage).not.toContain('badge pin')
  })

  it('redirects the alias of content/posts/reading-2018.md, and keeps it out of the sitemap', () => {
    const page = read('2018/12/30/reading-list.html')
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/blog/posts/reading-2018/">')
    expect(page).toContain('<link rel="canonical" href="https://example.org/blog/posts/reading-2018/">')
    expect(read('_redirects')).toBe('/blog/2018/12/30/reading-list.html /blog/posts/reading-2018/ 301\n')
    expect(read('sitemap.xml')).not.toContain('reading-list')
  })
})
