/**
 * Incremental builds equal clean builds: scripted edit sequences on a temp
 * copy of the basic fixture; after every step an incremental build (cache
 * on, same output folder; once as `inkstone build`, once with the dev fast
 * path fed the exact changed paths) is compared byte for byte with a clean
 * build (no cache, fresh folder), stale files included.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { main } from '../../src/cli/main.js'
import { compareWithDisk } from '../../src/verify.js'
import { buildWithMemory, type BuildMemory } from '../../src/dev/memory.js'
import { NOW, tempDir } from '../helpers/tree.js'
import { copySite, diffImageWithClean, diffWithClean } from '../helpers/site-copy.js'

interface Step {
  name: string
  /** Applies the edit; returns the root-relative paths it touched (the watcher's report). `dirs` marks folder events. */
  apply: (site: Site) => void
  /**
   * Only bodies change (no graph fact, no other input): `inkstone build` keeps the views of pages
   * that show none of them without making them (stats.unmade > 0); any other step makes every view.
   */
  bodyOnly?: true
}

class Site {
  touched = new Set<string>()
  structural = false
  constructor(readonly root: string) {}
  read(path: string): string {
    return readFileSync(join(this.root, path), 'utf8')
  }
  write(path: string, text: string | Buffer): void {
    const abs = join(this.root, path)
    if (!existsSync(dirname(abs))) this.structural = true
    mkdirSync(dirname(abs), { recursive: true })
    writeFileSync(abs, text)
    this.touched.add(path)
  }
  edit(path: string, from: string | RegExp, to: string): void {
    const text = this.read(path)
    const next = text.replace(from, to)
    if (next === text) throw new Error(`edit of ${path} did nothing: ${from}`)
    this.write(path, next)
  }
  remove(path: string): void {
    rmSync(join(this.root, path), { recursive: true, force: true })
    this.touched.add(path)
  }
  rename(from: string, to: string): void {
    renameSync(join(this.root, from), join(this.root, to))
    this.touched.add(from)
    this.touched.add(to)
  }
  dir(): void {
    this.structural = true
  }
}

const steps: Step[] = [
  { name: 'edit a post body', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', '第一段', '第一段（改）') },
  { name: 'edit a column description', bodyOnly: true, apply: (s) => s.edit('content/columns/parent.md', 'The parent column.', 'The parent column, described again.') },
  { name: 'add math to a post body (KaTeX CSS appears)', apply: (s) => s.edit('content/posts/hello.md', '第一段（改）', '第一段（改），$E=mc^2$') },
  { name: 'edit the text of a post with math', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', '第一段（改）', '第一段（又改）') },
  { name: 'add code blocks to a post', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', '## 第一节', '## 第一节\n\n```css\na { color: red }\n```\n\n```ts\nlet a = 1\n```') },
  { name: 'edit the prose of a post with code (its highlighted blocks are remembered)', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', '第一段（又改）', '第一段（再改）') },
  { name: 'edit one of its code blocks', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', 'let a = 1', 'let a = 2') },
  { name: 'add a paragraph above a link (the link moves, its target does not)', bodyOnly: true, apply: (s) => s.edit('content/posts/hello.md', 'See [world]', '新的一段。\n\nSee [world]') },
  { name: 'add a post with a new tag', apply: (s) => s.write('content/posts/new-one.md', '---\ntitle: New one\ndate: 2024-05-05 10:00\ntags: [brand-new, 读书]\n---\n\nFresh.\n') },
  { name: 'change tags', apply: (s) => s.edit('content/posts/world.md', 'tags: node.js, english', 'tags: english, 新标签') },
  { name: 'change a column', apply: (s) => s.edit('content/posts/hello.md', 'column: child', 'column: 读书') },
  { name: 'change a date (archive, order, prev/next)', apply: (s) => s.edit('content/posts/world.md', 'date: 2016/6/28 21:40:15', 'date: 2025-01-01 09:00') },
  { name: 'change a slug', apply: (s) => s.edit('content/posts/中文名.md', 'slug: chinese-name', 'slug: renamed-slug') },
  { name: 'draft a post', apply: (s) => s.edit('content/posts/new-one.md', 'title: New one', 'title: New one\ndraft: true') },
  { name: 'publish a draft', apply: (s) => s.edit('content/posts/draft.md', 'draft: true', 'draft: false') },
  {
    name: 'rename a post file (and the link to it)',
    apply: (s) => {
      s.rename('content/posts/hello.md', 'content/posts/hello-again.md')
      s.edit('content/pages/about.md', '../posts/hello.md', '../posts/hello-again.md')
    }
  },
  { name: 'delete a post (its tag disappears)', apply: (s) => s.remove('content/posts/new-one.md') },
  { name: 'add a bundle asset', apply: (s) => { s.write('content/posts/trip/notes.txt', 'notes\n'); s.edit('content/posts/trip/index.md', '一张图：', '一张图，[笔记](notes.txt)：') } },
  { name: 'edit a bundle asset', apply: (s) => s.edit('content/posts/trip/dot.svg', /<\/svg>/, '<circle r="1"/></svg>') },
  {
    name: 'rename a bundle asset',
    apply: (s) => {
      s.rename('content/posts/trip/notes.txt', 'content/posts/trip/notes-2.txt')
      s.edit('content/posts/trip/index.md', '(notes.txt)', '(notes-2.txt)')
    }
  },
  { name: 'delete a bundle asset', apply: (s) => { s.edit('content/posts/trip/index.md', '，[笔记](notes-2.txt)', ''); s.remove('content/posts/trip/notes-2.txt') } },
  { name: 'rename a bundle folder', apply: (s) => { s.dir(); s.rename('content/posts/trip', 'content/posts/journey') } },
  { name: 'turn a single post into a bundle', apply: (s) => { s.dir(); s.write('content/posts/world/index.md', s.read('content/posts/world.md')); s.remove('content/posts/world.md'); s.edit('content/posts/hello-again.md', './world.md', './world/index.md') } },
  { name: 'add a column and a post in it', apply: (s) => { s.write('content/columns/essays.md', '---\ntitle: 随笔\nparent: parent\n---\nEssays.\n'); s.write('content/posts/essay.md', '---\ntitle: 一篇随笔\ndate: 2020-02-02\ncolumn: essays\n---\n随笔正文。\n') } },
  { name: 'edit a column', apply: (s) => s.edit('content/columns/essays.md', 'title: 随笔', 'title: 杂文\norder: 0') },
  { name: 'delete a column (and move its post out)', apply: (s) => { s.remove('content/columns/essays.md'); s.edit('content/posts/essay.md', 'column: essays\n', '') } },
  { name: 'edit the config', apply: (s) => s.edit('content/site.yaml', 'paginate: 2', 'paginate: 3\nnav:\n  - { title: 关于, url: /about/ }') },
  { name: 'edit the config title', apply: (s) => s.edit('content/site.yaml', 'title: 小站 Tiny', 'title: 小站 Tiny 2') },
  { name: 'edit a template', apply: (s) => s.edit('templates/index.tsx', '<h1>{view.post.title}</h1>', '<h1 class="t">{view.post.title}</h1>') },
  { name: 'add a public file', apply: (s) => s.write('public/robots-extra/文件.txt', '你好\n') },
  { name: 'edit a public file', apply: (s) => s.edit('public/static.txt', 'static file', 'static file, edited') },
  { name: 'delete a public file', apply: (s) => { s.dir(); s.remove('public/robots-extra') } },
  { name: 'edit a page', bodyOnly: true, apply: (s) => s.edit('content/pages/about.md', 'About this site.', 'About this site, again.') },
  { name: 'delete everything but one post', apply: (s) => { s.dir(); s.edit('content/posts/hello-again.md', 'See [world](./world/index.md#details).', ''); for (const p of ['content/posts/world', 'content/posts/essay.md', 'content/posts/draft.md', 'content/posts/future.md', 'content/posts/journey']) s.remove(p) } }
]

const flags = { drafts: false, future: false }

describe('incremental builds equal clean builds', () => {
  it('after every step of a scripted edit sequence (`inkstone build` with the cache)', async () => {
    const site = new Site(copySite('basic'))
    const out = tempDir('incr')
    const first = await build({ root: site.root, outDir: out, flags, now: NOW })
    expect(first.ok).toBe(true)
    for (const step of steps) {
      step.apply(site)
      const result = await build({ root: site.root, outDir: out, flags, now: NOW })
      expect(result.problems.filter((p) => p.fatal), step.name).toEqual([])
      expect({ step: step.name, viewsKept: result.stats.unmade > 0 }).toEqual({ step: step.name, viewsKept: step.bodyOnly === true })
      const { diff, cleanOk } = await diffWithClean(site.root, out, flags, NOW)
      expect(cleanOk, step.name).toBe(true)
      expect(diff, step.name).toEqual([])
    }
  })

  it('after every step, with the dev fast path (lazy build, in memory) fed exactly the changed paths', async () => {
    const site = new Site(copySite('basic'))
    const devFlags = { drafts: true, future: true, dev: true }
    const memory: BuildMemory = {}
    expect((await buildWithMemory(memory, { root: site.root, flags: devFlags, now: NOW, lazy: true })).ok).toBe(true)
    for (const step of steps) {
      site.touched.clear()
      site.structural = false
      step.apply(site)
      memory.changed = site.structural ? undefined : new Set(site.touched)
      const result = await buildWithMemory(memory, { root: site.root, flags: devFlags, now: NOW, lazy: true })
      expect(result.problems.filter((p) => p.fatal), step.name).toEqual([])
      // Only the changed files are parsed again (a config edit re-parses everything: entries depend on it).
      if (memory.changed && !site.touched.has('content/site.yaml')) expect(result.stats.parse.parsed, step.name).toBeLessThanOrEqual(site.touched.size)
      const { diff } = await diffImageWithClean(site.root, result.image!, devFlags, NOW)
      expect(diff, step.name).toEqual([])
    }
  })

  it('a failed build leaves the output as it was, and the next good one catches up', async () => {
    const site = new Site(copySite('basic'))
    const out = tempDir('incr-fail')
    const memory: BuildMemory = {}
    await buildWithMemory(memory, { root: site.root, outDir: out, flags, now: NOW })
    const before = diffWithClean(site.root, out, flags, NOW)
    expect((await before).diff).toEqual([])
    site.edit('content/posts/world.md', 'title: "World: an English post"', 'title: [unclosed')
    site.edit('content/posts/hello.md', '第一段', '第一段（失败时改）')
    memory.changed = new Set(site.touched)
    const failed = await buildWithMemory(memory, { root: site.root, outDir: out, flags, now: NOW })
    expect(failed.ok).toBe(false)
    site.touched.clear()
    site.edit('content/posts/world.md', 'title: [unclosed', 'title: "World, fixed"')
    memory.changed = new Set(site.touched)
    const fixed = await buildWithMemory(memory, { root: site.root, outDir: out, flags, now: NOW })
    expect(fixed.ok).toBe(true)
    expect((await diffWithClean(site.root, out, flags, NOW)).diff).toEqual([])
  })

  it('a failed lazy (dev) build leaves the image the server still shows as it was', async () => {
    const site = new Site(copySite('basic'))
    const devFlags = { drafts: true, future: true, dev: true }
    const memory: BuildMemory = {}
    const good = await buildWithMemory(memory, { root: site.root, flags: devFlags, now: NOW, lazy: true })
    expect(good.ok).toBe(true)
    // A body-only edit (the graph is patched) together with a broken template (the build fails after the patch).
    site.edit('content/posts/hello.md', '第一段', '第一段（失败的构建）')
    site.write('templates/index.tsx', 'export const theme = {\n')
    memory.changed = new Set(site.touched)
    const failed = await buildWithMemory(memory, { root: site.root, flags: devFlags, now: NOW, lazy: true })
    expect(failed.ok).toBe(false)
    // The good build's pages are made on request, after the failure: from the good build's entries.
    const page = Buffer.from((await good.image!.read('posts/hello/index.html'))!).toString('utf8')
    expect(page).toContain('第一段')
    expect(page).not.toContain('失败的构建')
  })

  it('`inkstone build --verify` passes after edits, and its disk check catches stale or changed files', async () => {
    const site = new Site(copySite('basic'))
    const out = tempDir('verify')
    const io = () => {
      const err: string[] = []
      return { err, io: { out: () => {}, err: (t: string) => void err.push(t), isTTY: false, now: () => NOW } }
    }
    expect(await main(['build', site.root, '--out', out], io().io)).toBe(0)
    site.edit('content/posts/world.md', 'tags: node.js, english', 'tags: english')
    const verified = io()
    expect(await main(['build', site.root, '--out', out, '--verify'], verified.io)).toBe(0)
    expect(verified.err.join('')).toContain('--verify: the output equals a clean build')
    // Again with nothing changed: the build stops early, and its output folder still equals a clean build.
    const again = io()
    expect(await main(['build', site.root, '--out', out, '--verify'], again.io)).toBe(0)
    expect(again.err.join('')).toContain('--verify: the output equals a clean build')
    expect(again.err.join('')).toContain('0 written')
    const clean = await build({ root: site.root, outDir: tempDir('unused'), flags, now: NOW, cache: false, write: false })
    expect(await compareWithDisk(out, clean.files)).toEqual([])
    writeFileSync(join(out, 'stale.html'), 'old')
    writeFileSync(join(out, 'robots.txt'), 'changed')
    expect(await compareWithDisk(out, clean.files)).toEqual([
      'robots.txt: bytes on disk differ from a clean build',
      'stale.html: stale file that a clean build does not write'
    ])
  })
})
