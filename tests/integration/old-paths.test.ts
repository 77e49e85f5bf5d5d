/**
 * Old paths of a site kept by site.yaml (tests/fixtures/sites/old-paths/):
 * `feed.paths` writes the site-wide feeds again at more paths, each naming
 * itself; `redirects:` writes redirect pages and `_redirects` lines beside the
 * aliases', after the author's own `public/_redirects`. Built by the real CLI.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readTree, tempDir } from '../helpers/tree.js'
import { cli, repo } from '../helpers/cli.js'
import { parseXml } from '../unit/publish/helpers.js'

const site = join(repo, 'tests/fixtures/sites/old-paths')

let made: { read: (p: string) => string; files: Map<string, Buffer> } | undefined

/** The fixture built once by the CLI (exit 0, no warnings). */
function built(): { read: (p: string) => string; files: Map<string, Buffer> } {
  if (made) return made
  const out = join(tempDir('old-paths'), 'dist')
  const { code, stderr } = cli(['build', site, '--out', out, '--no-cache'])
  expect(stderr).toContain('0 warnings')
  expect(code).toBe(0)
  return (made = { read: (p) => readFileSync(join(out, p), 'utf8'), files: readTree(out) })
}

describe('feed.paths', () => {
  it('writes the site-wide feed of each format again at each path, the same but for its self link', () => {
    const { read } = built()
    const atom = read('atom.xml')
    const old = read('feed.xml')
    expect(parseXml(old, 'feed.xml').feed.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toBe('https://old.example.org/blog/feed.xml')
    expect(old.replace('https://old.example.org/blog/feed.xml', 'https://old.example.org/blog/atom.xml')).toBe(atom)
    expect(old).toMatch(/<title[^>]*>Third walk<\/title>/)
    const rss = read('rss.xml')
    for (const path of ['rss2.xml', 'index.xml']) {
      const copy = read(path)
      expect(copy).toContain(`<atom:link href="https://old.example.org/blog/${path}" rel="self" type="application/rss+xml" />`)
      expect(copy.replace(`https://old.example.org/blog/${path}`, 'https://old.example.org/blog/rss.xml')).toBe(rss)
    }
    // feed.names: every tag's and column's Atom feed again as feed.xml in its folder, naming itself.
    for (const list of ['tags/walking/', 'columns/notes/']) {
      const copy = read(`${list}feed.xml`)
      expect(copy).toContain(`<link rel="self" type="application/atom+xml" href="https://old.example.org/blog/${list}feed.xml" />`)
      expect(copy.replace(`${list}feed.xml`, `${list}atom.xml`)).toBe(read(`${list}atom.xml`))
    }
    // The pages link to the standard feeds only.
    expect(read('index.html')).not.toContain('rss2.xml')
  })
})

describe('redirects', () => {
  it('writes a redirect page per old path, titled by its target, under the base path', () => {
    const { read } = built()
    const column = read('categories/notes/index.html')
    expect(column).toContain('<meta http-equiv="refresh" content="0; url=/blog/columns/notes/">')
    expect(column).toContain('<title>Notes</title>')
    expect(read('categories/notes/page/2/index.html')).toContain('url=/blog/columns/notes/')
    expect(read('about.html')).toContain('<title>About</title>')
    expect(read('tags/strolling/index.html')).toContain('<title>#Walking</title>')
    expect(read('elsewhere/index.html')).toContain('url=https://elsewhere.example.net/')
  })

  it('lists the author\'s rules first, then every alias and site redirect by old path', () => {
    const { read } = built()
    expect(read('_redirects')).toBe([
      "# The author's own rules come first.",
      '/blog/shop/* https://shop.example.net/:splat 302',
      '/blog/2021/03/first.html /blog/posts/first/ 301',
      '/blog/about.html /blog/about/ 301',
      '/blog/categories/notes/ /blog/columns/notes/ 301',
      '/blog/categories/notes/page/2/ /blog/columns/notes/ 301',
      '/blog/elsewhere/ https://elsewhere.example.net/ 301',
      '/blog/tags/strolling/ /blog/tags/walking/ 301',
      ''
    ].join('\n'))
  })

  it('leaves redirect pages and the extra feeds out of the sitemap', () => {
    const { read } = built()
    const sitemap = read('sitemap.xml')
    for (const path of ['categories/', 'about.html', 'rss2.xml', 'feed.xml', 'elsewhere/']) expect(sitemap).not.toContain(`/blog/${path}<`)
  })
})
