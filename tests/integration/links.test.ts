/**
 * Click through the example blog as a reader would, without a browser:
 * every internal link and image of every page (served under the site's
 * sub-path /blog/) must reach a file of the output, and every #fragment an
 * element with that id on the target page.
 */
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'
import { repo } from '../helpers/cli.js'

let tree: Map<string, Buffer>

beforeAll(async () => {
  const out = tempDir('links')
  const result = await build({ root: repo, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: false })
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
  tree = readTree(out)
}, 600_000)

/** The output file a root-relative URL under /blog/ resolves to, as a static host would. */
function target(pathname: string): string | undefined {
  const rel = decodeURIComponent(pathname.replace(/^\/blog\//, ''))
  for (const candidate of [rel, rel + 'index.html', rel + '/index.html']) if (tree.has(candidate)) return candidate
  return undefined
}

function ids(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&')))
}

describe('the example blog has no broken link', () => {
  it('resolves every internal href and src, and every fragment', () => {
    const broken: string[] = []
    let checked = 0
    for (const [path, data] of tree) {
      if (!path.endsWith('.html')) continue
      const html = data.toString('utf8')
      for (const match of html.matchAll(/\s(?:href|src)="([^"]+)"/g)) {
        const url = match[1].replace(/&amp;/g, '&')
        if (/^(https?:|mailto:|data:)/.test(url) && !url.startsWith('https://example.org/blog/')) continue
        const parsed = new URL(url, `https://example.org/blog/${path}`)
        if (parsed.origin !== 'https://example.org') continue
        checked++
        if (!parsed.pathname.startsWith('/blog/')) {
          broken.push(`${path}: ${url} is outside the site's base path`)
          continue
        }
        const file = target(parsed.pathname)
        if (!file) {
          broken.push(`${path}: ${url} → no such file`)
          continue
        }
        if (parsed.hash && file.endsWith('.html')) {
          const id = decodeURIComponent(parsed.hash.slice(1))
          if (!ids(tree.get(file)!.toString('utf8')).has(id)) broken.push(`${path}: ${url} → no element with id ${id}`)
        }
      }
    }
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(1000)
  })

  it('writes every page kind the issue asks for', () => {
    for (const path of [
      'index.html', 'page/2/index.html', 'tags/index.html', 'columns/index.html', 'archives/index.html',
      'about/index.html', '404.html', 'posts/png-by-hand/index.html', 'posts/png-by-hand/photo.png',
      'images/avatar.svg', 'tags/读书/index.html', 'columns/notes/index.html'
    ]) expect(tree.has(path), path).toBe(true)
    expect([...tree.keys()].some((p) => p.startsWith('posts/rss-revival-draft'))).toBe(false)
  })
})
