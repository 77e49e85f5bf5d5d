/**
 * `inkstone new` through the CLI entry: Chinese and English titles, bundles,
 * columns, pages, refusal to overwrite; the new post builds.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import type { Io } from '../../src/cli/io.js'
import { build } from '../../src/build.js'
import { NOW, tempDir } from '../helpers/tree.js'
import { copySite } from '../helpers/site-copy.js'

function io(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTTY: false, now: () => NOW }
}

describe('inkstone new', () => {
  it('creates a post from a Chinese title with a pinyin slug, dated now in the site time zone', async () => {
    const root = copySite('basic')
    const cli = io()
    expect(await main(['new', '你好，世界：第二篇', '--root', root, '--tags', '读书,随笔', '--column', 'child'], cli)).toBe(0)
    const path = join(root, 'content/posts/ni-hao-shi-jie-di-er-pian.md')
    expect(cli.stdout.join('')).toContain('content/posts/ni-hao-shi-jie-di-er-pian.md')
    // NOW is 2026-11-28T00:00Z = 08:00 in Asia/Shanghai.
    expect(readFileSync(path, 'utf8')).toBe('---\ntitle: 你好，世界：第二篇\ndate: 2026-11-28 08:00\ntags: [读书, 随笔]\ncolumn: child\n---\n\n')
    const result = await build({ root, outDir: tempDir('new-out'), flags: { drafts: false, future: false }, now: NOW, cache: false })
    expect(result.problems.filter((p) => p.fatal)).toEqual([])
    expect(result.files.some((f) => f.outPath === 'posts/ni-hao-shi-jie-di-er-pian/index.html')).toBe(true)
  })

  it('creates an English post, a bundle, and honours --slug', async () => {
    const root = copySite('basic')
    expect(await main(['new', 'Notes on CSS Grid', '--root', root], io())).toBe(0)
    expect(existsSync(join(root, 'content/posts/notes-on-css-grid.md'))).toBe(true)
    expect(await main(['new', 'A trip with photos', '--root', root, '--bundle'], io())).toBe(0)
    expect(existsSync(join(root, 'content/posts/a-trip-with-photos/index.md'))).toBe(true)
    expect(await main(['new', '随便', '--root', root, '--slug', 'whatever'], io())).toBe(0)
    expect(readFileSync(join(root, 'content/posts/whatever.md'), 'utf8')).toContain('title: 随便\n')
  })

  it('refuses to overwrite an existing post (in either form)', async () => {
    const root = copySite('basic')
    writeFileSync(join(root, 'content/posts/hello.md'), 'mine')
    const cli = io()
    expect(await main(['new', 'Hello', '--root', root], cli)).toBe(1)
    expect(cli.stderr.join('')).toMatch(/hello\.md already exists; not overwritten/)
    expect(readFileSync(join(root, 'content/posts/hello.md'), 'utf8')).toBe('mine')
    const bundle = io()
    expect(await main(['new', 'Trip', '--root', root], bundle)).toBe(1)
    expect(bundle.stderr.join('')).toMatch(/trip already exists/)
  })

  it('refuses an unknown column and a bad slug', async () => {
    const root = copySite('basic')
    const cli = io()
    expect(await main(['new', 'X', '--root', root, '--column', 'nope'], cli)).toBe(1)
    expect(cli.stderr.join('')).toContain('inkstone new column nope')
    expect(await main(['new', 'X', '--root', root, '--slug', '../x'], io())).toBe(2)
  })

  it('creates columns and pages', async () => {
    const root = copySite('basic')
    expect(await main(['new', 'column', '随笔', '--root', root, '--parent', 'parent'], io())).toBe(0)
    expect(readFileSync(join(root, 'content/columns/随笔.md'), 'utf8')).toBe('---\ntitle: 随笔\nparent: parent\n---\n\n')
    expect(await main(['new', 'page', 'now', '--root', root, '--title', '近况'], io())).toBe(0)
    expect(readFileSync(join(root, 'content/pages/now.md'), 'utf8')).toBe('---\ntitle: 近况\n---\n\n')
    const again = io()
    expect(await main(['new', 'column', '随笔', '--root', root], again)).toBe(1)
    expect(again.stderr.join('')).toContain('already exists')
    expect(await main(['new', 'page', '../escape', '--root', root], io())).toBe(2)
    const result = await build({ root, outDir: tempDir('new-out2'), flags: { drafts: false, future: false }, now: NOW, cache: false })
    expect(result.problems.filter((p) => p.fatal)).toEqual([])
  })
})
