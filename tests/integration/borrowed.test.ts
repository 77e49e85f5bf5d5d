/**
 * Posts written for other generators build as they are
 * (tests/fixtures/borrowed/<generator>/, our own writing that imitates each
 * convention): dates and slugs from file names, titles from the first
 * heading, Hexo categories as columns, pinned posts, aliases and redirects.
 * Each site is copied out of the repository first, so git dates never enter.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, type BuildResult } from '../../src/build.js'
import { NOW, tempDir } from '../helpers/tree.js'

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'borrowed')

interface Built {
  result: BuildResult
  out: string
  read(path: string): string
  post(url: string): { date: string; title: string; column?: string; updated?: string } | undefined
}

async function buildFixture(name: string): Promise<Built> {
  const root = tempDir(`borrowed-${name}`)
  cpSync(join(fixtures, name), root, { recursive: true })
  const out = join(root, 'dist')
  const result = await build({ root, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: false })
  return {
    result,
    out,
    read: (path) => readFileSync(join(out, path), 'utf8'),
    post: (url) => {
      const post = result.graph?.posts.find((p) => p.url === url)
      if (!post) return undefined
      const m = post.entry.matter
      return { date: m.date.iso, title: post.title, column: post.column?.id, updated: m.updated?.iso }
    }
  }
}

const rules = (result: BuildResult) => result.problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.fatal ? 'error' : 'warning'} ${p.ruleId}`)

describe('a Hexo blog', () => {
  let site: Built
  beforeAll(async () => void (site = await buildFixture('hexo')), 60_000)

  it('builds, with warnings only for capitalised keys, an empty tag and TeX that KaTeX cannot parse', () => {
    expect(site.result.ok).toBe(true)
    expect(rules(site.result)).toEqual([
      'content/posts/capital-keys.md:2:1 warning key-case',
      'content/posts/capital-keys.md:3:1 warning key-case',
      'content/posts/hello-hexo.md:9:3 warning empty-tag',
      'content/posts/php.md:8:32 warning invalid-tex'
    ])
  })

  it('reads `$` as math only where it reads as math (math: auto, the default)', () => {
    const page = site.read('posts/php/index.html')
    expect(page).toContain("读取 $_POST['user'] 之后再和 $admin 比较。价格从 $5 到 $10 不等。")
    expect([...page.matchAll(/<annotation encoding="application\/x-tex">([^<]*)<\/annotation>/g)].map((m) => m[1])).toEqual(['a^2 + b^2 = c^2'])
    expect(page).toContain('不像公式的 $\\frac{1}{$ 原样留下。')
  })

  it('reads Hexo dates and capitalised keys', () => {
    expect(site.post('/posts/hello-hexo/')).toMatchObject({ date: '2016-06-28T21:40:15+08:00', updated: '2016-07-01T10:00:00+08:00' })
    // A quoted date with trailing spaces.
    expect(site.post('/posts/nested-categories/')?.date).toBe('2017-01-02T03:04:00+08:00')
    expect(site.post('/posts/capital-keys/')).toMatchObject({ title: '大写的键', date: '2019-05-06T07:08:00+08:00' })
  })

  it('makes columns of categories: a path nests, a list of paths takes the first, `column` wins, a title matches a column file', () => {
    const graph = site.result.graph!
    expect(site.post('/posts/hello-hexo/')?.column).toBe('Go')
    expect(site.post('/posts/second-go/')?.column).toBe('Go')
    expect(graph.columnsById.get('Go')?.parent?.id).toBe('技术')
    expect(site.post('/posts/nested-categories/')?.column).toBe('旅行')
    expect(graph.columnsById.get('旅行')?.parent?.id).toBe('生活')
    expect(site.post('/posts/capital-keys/')?.column).toBe('随笔')
    expect(site.post('/posts/column-wins/')?.column).toBe('notes')
    expect(site.post('/posts/category-is-a-column/')?.column).toBe('notes')
    // A category without a file still gets its page, titled with its name, listing its subtree.
    const page = site.read('columns/技术/index.html')
    expect(page).toContain('<h1>技术')
    expect(page).toContain('/blog/posts/second-go/')
    expect(page).toContain('/blog/posts/hello-hexo/')
    expect(existsSync(join(site.out, 'columns', 'go', 'index.html'))).toBe(true)
  })

  it('pins sticky and top posts to the top of the home page, with a mark, higher number first', () => {
    const home = site.read('index.html')
    const order = [...home.matchAll(/<h2 class="entry-title">(.*?)<\/h2>/g)].map((m) => m[1])
    expect(order[0]).toBe('<span class="badge pin">置顶</span> <a href="/blog/posts/hello-hexo/">你好 Hexo</a>')
    expect(order[1]).toBe('<span class="badge pin">置顶</span> <a href="/blog/posts/nested-categories/">嵌套的分类</a>')
    expect(order.slice(2).every((h) => !h.includes('badge pin'))).toBe(true)
    // Elsewhere the order is by date, and no mark.
    expect(site.result.graph!.posts.map((p) => p.slug)[0]).toBe('category-is-a-column')
    expect(site.read('tags/go/index.html')).not.toContain('badge pin')
  })

  it('reads description and excerpt as the summary, index_img as the cover, tags as text', () => {
    expect(site.read('index.html')).toContain('一段来自 description 的摘要。')
    expect(site.read('posts/second-go/index.html')).toContain('<meta name="description" content="来自 excerpt 的摘要。">')
    expect(site.result.graph!.posts.find((p) => p.slug === 'hello-hexo')?.cover).toBe('/img/cover.png')
    expect(site.result.graph!.tags.map((t) => t.name)).toEqual(['2016', 'Go', 'PHP', 'true'])
  })

  it('leaves out `published: false`, hides comments on `comments: false`, keeps unknown fields for templates', () => {
    expect(site.post('/posts/unpublished/')).toBeUndefined()
    expect(site.read('posts/second-go/index.html')).toContain('class="giscus"')
    expect(site.read('posts/capital-keys/index.html')).not.toContain('class="giscus"')
    expect(site.result.graph!.posts.find((p) => p.slug === 'hello-hexo')?.entry.matter.extra).toEqual({ cheer: '加油' })
  })
})

describe('a Jekyll blog', () => {
  let site: Built
  beforeAll(async () => void (site = await buildFixture('jekyll')), 60_000)

  it('builds without a problem', () => {
    expect(rules(site.result)).toEqual([])
  })

  it('takes the date (start of day in the site zone) and the slug from the file or folder name', () => {
    expect(site.post('/posts/why-wordpress/')).toMatchObject({ title: 'Why WordPress', date: '2011-09-01T00:00:00-04:00' })
    expect(site.post('/posts/bundle/')?.date).toBe('2014-05-06T11:00:00-04:00')
    expect(site.read('posts/bundle/cover.png')).toBe('not really a png\n')
  })

  it('takes the title from the first level-1 heading and shows it once', () => {
    expect(site.post('/posts/heading-title/')).toMatchObject({ title: 'The Heading Is the Title', updated: '2015-08-01T00:00:00-04:00' })
    const page = site.read('posts/heading-title/index.html')
    expect(page.match(/<h1[ >]/g)).toHaveLength(1)
    expect(page).toContain('<h1>The Heading Is the Title</h1>')
    expect(page).toContain('id="a-section"')
  })

  it('serves a .html permalink as a folder URL and redirects the .html', () => {
    expect(site.post('/blog/2012/with-permalink/')?.title).toBe('With a permalink')
    expect(site.read('blog/2012/with-permalink.html')).toContain('<meta http-equiv="refresh" content="0; url=/blog/2012/with-permalink/">')
  })

  it('writes a redirect page for each redirect_from, and the post of redirect_to is only a redirect', () => {
    for (const path of ['why-wordpress/index.html', '2011/09/01/why-wordpress.html']) {
      const page = site.read(path)
      expect(page).toContain('<meta http-equiv="refresh" content="0; url=/posts/why-wordpress/">')
      expect(page).toContain('<link rel="canonical" href="https://jekyll.example/posts/why-wordpress/">')
      expect(page).toContain('<a href="/posts/why-wordpress/">Why WordPress</a>')
    }
    expect(site.read('posts/moved/index.html')).toContain('<meta http-equiv="refresh" content="0; url=https://elsewhere.example/moved/">')
    expect(site.post('/posts/moved/')).toBeUndefined()
    expect(site.read('_redirects')).toBe([
      '/2011/09/01/why-wordpress.html /posts/why-wordpress/ 301',
      '/blog/2012/with-permalink.html /blog/2012/with-permalink/ 301',
      '/posts/moved/ https://elsewhere.example/moved/ 301',
      '/why-wordpress/ /posts/why-wordpress/ 301',
      ''
    ].join('\n'))
  })

  it('keeps redirects out of the sitemap and the feeds', () => {
    for (const file of ['sitemap.xml', 'atom.xml', 'rss.xml', 'feed.json', 'search.json']) {
      const text = site.read(file)
      expect(text, file).not.toContain('Moved elsewhere')
      expect(text, file).not.toContain('jekyll.example/why-wordpress/')
      expect(text, file).not.toContain('why-wordpress.html')
      expect(text, file).not.toContain('with-permalink.html')
    }
  })
})

describe('a Hugo site', () => {
  let site: Built
  beforeAll(async () => void (site = await buildFixture('hugo')), 60_000)

  it('reads aliases, lastmod, thumbnail and pin', () => {
    expect(rules(site.result)).toEqual([])
    expect(site.post('/posts/new-home/')).toMatchObject({ updated: '2020-02-03T04:05:06+08:00' })
    expect(site.result.graph!.posts.find((p) => p.slug === 'new-home')?.cover).toBe('/images/thumb.png')
    expect(site.read('old-home/index.html')).toContain('url=/posts/new-home/')
    expect(site.read('old/path.html')).toContain('url=/posts/new-home/')
    expect(site.result.graph!.home.map((p) => p.slug)).toEqual(['new-home', 'newer'])
    expect(site.result.graph!.posts.map((p) => p.slug)).toEqual(['newer', 'new-home'])
  })
})

describe('a folder of plain Markdown files', () => {
  let site: Built
  beforeAll(async () => void (site = await buildFixture('plain')), 60_000)

  it('builds files without front matter: title from the first `# heading`, date and slug from the name', () => {
    expect(rules(site.result)).toEqual([])
    expect(site.post('/posts/first/')).toMatchObject({ title: '第一篇笔记', date: '2020-01-01T00:00:00+08:00' })
    // The first level-1 heading need not be the first line.
    expect(site.post('/posts/second/')).toMatchObject({ title: 'Second Note', date: '2020-02-02T00:00:00+08:00' })
    expect(site.read('posts/second/index.html')).toContain('<p>Some text before the heading.</p>')
  })

  it('titles a page without front matter by its first `# heading`, shown once', () => {
    const page = site.result.graph!.pages.find((p) => p.entry.path === 'content/pages/about.md')!
    expect(page.title).toBe('关于这个站')
    const html = site.read(page.url.slice(1) + 'index.html')
    expect(html.match(/关于这个站<\/h1>/g)).toHaveLength(1)
    expect(html).toContain('<p>一个只有 Markdown 的页面，没有前置元数据。</p>')
  })
})

describe('`checks:` in site.yaml', () => {
  let site: Built
  beforeAll(async () => void (site = await buildFixture('relaxed')), 60_000)

  it('turns the chosen rules into warnings that keep their place, or off', () => {
    expect(site.result.ok).toBe(true)
    expect(rules(site.result).sort()).toEqual([
      'content/posts/old.md:13:30 warning invalid-tex',
      'content/posts/old.md:5:11 warning missing-link-target',
      'content/posts/old.md:5:51 warning missing-fragment',
      'content/posts/old.md:7:1 warning missing-image'
    ])
  })

  it('makes them errors again without checks', async () => {
    const root = tempDir('borrowed-strict')
    cpSync(join(fixtures, 'relaxed'), root, { recursive: true })
    writeFileSync(join(root, 'content', 'site.yaml'), 'title: Strict\nurl: https://strict.example/\nmath: true\n')
    const result = await build({ root, outDir: join(root, 'dist'), flags: { drafts: false, future: false }, now: NOW, cache: false })
    expect(result.ok).toBe(false)
    expect(rules(result).sort()).toEqual([
      'content/posts/old.md:13:30 error invalid-tex',
      'content/posts/old.md:5:11 error missing-link-target',
      'content/posts/old.md:5:51 error missing-fragment',
      'content/posts/old.md:7:1 error missing-image',
      'content/posts/old.md:9:1 warning unknown-language'
    ])
  })
})

describe('aliases on URLs the site already has', () => {
  it('are url-collision errors, also on a tag or an archive page', async () => {
    const root = tempDir('borrowed-alias-tag')
    cpSync(join(fixtures, 'hugo'), root, { recursive: true })
    writeFileSync(join(root, 'content', 'posts', 'newer.md'), '---\ntitle: Newer post\ndate: 2021-05-05\ntags: [go]\naliases: [/tags/go/, /archives/2021/]\n---\nText.\n')
    const result = await build({ root, outDir: join(root, 'dist'), flags: { drafts: false, future: false }, now: NOW, cache: false })
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => `${p.path}:${p.line}:${p.column} ${p.ruleId}: ${p.reason}`)).toEqual([
      'content/posts/newer.md:5:10 url-collision: The alias of post `Newer post` lands on `/archives/2021/`, as does a list page',
      'content/posts/newer.md:5:10 url-collision: The alias of post `Newer post` lands on `/tags/go/`, as does a list page'
    ])
  })
})
