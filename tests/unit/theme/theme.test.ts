/**
 * The default theme over the built example blog: valid HTML on every page
 * kind, stylesheet and script budgets, and no third-party URLs outside the
 * author's own content and configuration.
 */
import { readFile, readdir, rm } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HtmlValidate } from 'html-validate'
import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import type { Element, Root } from 'hast'
import { parse } from 'yaml'
import { buildExample, repoRoot } from '../../browser/site.js'

const SITE = 'https://example.org/blog/'
let dir = ''

/** One page of each kind (and a few variants: math, a paginated list, a nested column). */
const pageKinds: Record<string, string> = {
  'post (long, toc, code)': 'posts/static-site-from-scratch/index.html',
  'post (math)': 'posts/math-in-markdown/index.html',
  'post (updated)': 'posts/rust-error-handling/index.html',
  'post (column with sub-columns)': 'posts/haskell-weekend/index.html',
  'post (figure)': 'posts/png-by-hand/index.html',
  home: 'index.html',
  'home page 2': 'page/2/index.html',
  tags: 'tags/index.html',
  tag: 'tags/rust/index.html',
  columns: 'columns/index.html',
  column: 'columns/notes/index.html',
  'sub-column': 'columns/web/index.html',
  archives: 'archives/index.html',
  'archive year': 'archives/2024/index.html',
  page: 'about/index.html',
  '404': '404.html'
}

async function htmlFiles(root: string, at = root): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(at, { withFileTypes: true })) {
    const path = join(at, e.name)
    if (e.isDirectory()) out.push(...(await htmlFiles(root, path)))
    else if (e.name.endsWith('.html')) out.push(path)
  }
  return out.sort()
}

/**
 * The theme's pages with their HTML. Redirect pages (aliases) are not the theme's: each is checked here to
 * be a few hundred bytes with no stylesheet and no script, and left out.
 */
async function themePages(root: string): Promise<Array<{ file: string; html: string }>> {
  const pages: Array<{ file: string; html: string }> = []
  for (const file of await htmlFiles(root)) {
    const html = await readFile(file, 'utf8')
    if (html.includes('<meta http-equiv="refresh"')) {
      expect(html.length, relative(root, file)).toBeLessThan(1024)
      expect(html, relative(root, file)).not.toMatch(/<script|<link rel="stylesheet"/)
      continue
    }
    pages.push({ file, html })
  }
  return pages
}

beforeAll(async () => {
  dir = await buildExample(SITE)
})

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('every page kind is valid HTML', () => {
  const validator = new HtmlValidate({
    extends: ['html-validate:recommended'],
    rules: {
      // Shiki colours tokens with CSS variables in style attributes.
      'no-inline-style': 'off',
      // Headings inside post bodies are the author's, and hast serialises `<br>` without a slash.
      'heading-level': 'off',
      'void-style': 'off',
      // Long Chinese titles are fine; ids are GitHub-style slugs of CJK headings.
      'long-title': 'off',
      'valid-id': 'off',
      // Hashed asset names are content-addressed; SRI is not needed for same-origin files.
      'require-sri': 'off',
      // hast-util-to-html writes `<!doctype html>` (valid HTML, lower case).
      'doctype-style': 'off',
      // The search box filters as one types; Enter submits it implicitly (a single-field form needs no button).
      'wcag/h32': 'off'
    }
  })
  for (const [kind, path] of Object.entries(pageKinds)) {
    it(kind, async () => {
      const html = await readFile(join(dir, path), 'utf8')
      const report = await validator.validateString(html, path)
      const messages = report.results.flatMap((r) => r.messages.map((m) => `${path}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`))
      expect(messages).toEqual([])
    })
  }
})

/** Stylesheets and scripts a page loads, by href. */
function assetsOf(tree: Root): { css: string[]; js: string[]; inlineJs: string[] } {
  const css: string[] = []
  const js: string[] = []
  const inlineJs: string[] = []
  visit(tree, 'element', (el: Element) => {
    const p = el.properties
    if (el.tagName === 'link' && (p.rel as string[] | undefined)?.includes('stylesheet')) css.push(String(p.href))
    if (el.tagName === 'script' && p.src) js.push(String(p.src))
    else if (el.tagName === 'script' && p.type !== 'application/ld+json') {
      inlineJs.push(el.children.map((c) => ('value' in c ? c.value : '')).join(''))
    }
  })
  return { css, js, inlineJs }
}

const localFile = (href: string): string => join(dir, decodeURIComponent(new URL(href, SITE).pathname.slice('/blog/'.length)))

describe('budgets', () => {
  it('all the CSS of a page (theme and KaTeX) is under 30 KB and the theme script under 10 KB on every page', async () => {
    let mathPages = 0
    const sizes = new Map<string, number>()
    const size = async (href: string): Promise<number> => {
      if (!sizes.has(href)) sizes.set(href, (await readFile(localFile(href))).byteLength)
      return sizes.get(href) ?? 0
    }
    for (const { file, html } of await themePages(dir)) {
      const tree = fromHtml(html)
      const { css, js, inlineJs } = assetsOf(tree)
      const theme = css.filter((h) => h.includes('/assets/theme.'))
      expect(theme, relative(dir, file)).toHaveLength(1)
      // Every stylesheet the page loads counts, KaTeX's (on pages with formulas) included.
      const allCss = (await Promise.all(css.map(size))).reduce((a, b) => a + b, 0)
      expect(allCss, relative(dir, file)).toBeLessThan(30 * 1024)
      if (relative(dir, file).startsWith('posts/math-in-markdown')) {
        mathPages++
        expect(css.some((h) => h.includes('/assets/katex/')), 'math page links KaTeX CSS').toBe(true)
      }
      const ownJs = (await Promise.all(js.map(size))).reduce((a, b) => a + b, 0) + inlineJs.reduce((a, s) => a + Buffer.byteLength(s), 0)
      expect(ownJs, relative(dir, file)).toBeLessThan(10 * 1024)
    }
    expect(mathPages).toBe(1)
  })
})

describe('no third-party requests', () => {
  it('loads every resource from the site itself, and links out only where the author said so', async () => {
    // Links the author configured: site.yaml (author links, license, support, nav) and a post's own license.
    const config = parse(await readFile(join(repoRoot, 'content', 'site.yaml'), 'utf8')) as {
      author?: { links?: Array<{ url: string }> }; license?: { url?: string }; support?: { url?: string }; nav?: Array<{ url: string }>
    }
    const allowedLinks = new Set([
      ...(config.author?.links ?? []).map((l) => l.url), ...(config.nav ?? []).map((l) => l.url),
      config.license?.url, config.support?.url,
      'https://creativecommons.org/publicdomain/zero/1.0/'
    ].filter((u): u is string => typeof u === 'string'))
    const external = (url: string): boolean => /^(https?:)?\/\//i.test(url) && !url.startsWith('https://example.org/blog/')
    const problems: string[] = []
    for (const { file, html } of await themePages(dir)) {
      const tree = fromHtml(html)
      const where = relative(dir, file)
      const walk = (node: Root | Element, authored: boolean): void => {
        for (const child of node.children) {
          if (child.type !== 'element') continue
          const p = child.properties
          const classes = (p.className as string[] | undefined) ?? []
          // Post bodies, summaries and column descriptions are the author's Markdown.
          const inAuthored = authored || ['body', 'summary', 'desc', 'description'].some((c) => classes.includes(c))
          for (const attr of ['src', 'srcSet', 'poster', 'data', 'action']) {
            const value = p[attr]
            if (typeof value === 'string' && external(value)) problems.push(`${where}: <${child.tagName} ${attr}=${value}>`)
          }
          if (child.tagName === 'link' && typeof p.href === 'string' && external(p.href)) {
            problems.push(`${where}: <link href=${p.href}>`)
          }
          if (child.tagName === 'a' && typeof p.href === 'string' && external(p.href) && !inAuthored && !allowedLinks.has(p.href)) {
            problems.push(`${where}: <a href=${p.href}>`)
          }
          walk(child, inAuthored)
        }
      }
      walk(tree, false)
    }
    expect(problems).toEqual([])
  })

  it('writes the giscus loader only into the theme script, never into pages when comments are unset', async () => {
    for (const file of await htmlFiles(dir)) {
      const html = await readFile(file, 'utf8')
      expect(html.includes('giscus.app'), relative(dir, file)).toBe(false)
      expect(html.includes('class="comments"'), relative(dir, file)).toBe(false)
    }
  })
})

describe('search index', () => {
  it('indexes every published post: a small entry naming hashed shards and map blocks, a document per post', async () => {
    const text = await readFile(join(dir, 'search.json'), 'utf8')
    const entry = JSON.parse(text) as { version: number; n: number; s: number; b: number; w: number; i: string; m: string }
    expect(entry.version).toBe(2)
    const posts = (await htmlFiles(join(dir, 'posts'))).length
    expect(entry.n).toBe(posts)
    expect(entry.i.length).toBe(entry.s * entry.w)
    const shards = await readdir(join(dir, 'search', 'i'))
    expect(shards.sort()).toEqual(Array.from({ length: entry.s }, (_, k) => `${k}.${entry.i.slice(k * entry.w, (k + 1) * entry.w)}.json`).sort())
    const docs = await Promise.all((await readdir(join(dir, 'search', 'd'))).map(async (f) => JSON.parse(await readFile(join(dir, 'search', 'd', f), 'utf8'))))
    expect(docs).toHaveLength(posts)
    for (const d of docs) {
      expect(d.u.startsWith('/blog/posts/')).toBe(true)
      expect(d.d).toMatch(/^\d{4}-\d\d-\d\d$/)
      expect(d.x.length).toBeGreaterThan(0)
    }
    expect(docs.some((d) => d.t.includes('标点') && d.c && d.x.includes('挤压'))).toBe(true)
    expect(docs.some((d) => d.t.includes('草稿'))).toBe(false)
  })
})

describe('search page', () => {
  it('tells search engines not to index it and is left out of the sitemap; other pages are indexed', async () => {
    const page = await readFile(join(dir, 'search', 'index.html'), 'utf8')
    expect(page).toContain('<meta name="robots" content="noindex">')
    const home = await readFile(join(dir, 'index.html'), 'utf8')
    expect(home).not.toContain('name="robots"')
    const sitemap = await readFile(join(dir, 'sitemap.xml'), 'utf8')
    expect(sitemap).not.toContain(`<loc>${SITE}search/</loc>`)
    expect(sitemap).toContain(`<loc>${SITE}about/</loc>`)
  })
})
