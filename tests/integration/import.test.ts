/**
 * `inkstone import` through the CLI entry on fixture blogs of our own
 * writing (tests/fixtures/import/): what each import writes, the report, exit
 * codes, determinism, refusal of a non-empty target, and a source left as it was.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main, type Io } from '../../src/cli/main.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'
import { repo } from '../helpers/cli.js'

const fixture = (name: string): string => join(repo, 'tests/fixtures/import', name)
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function io(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []
  const stderr: string[] = []
  return { stdout, stderr, out: (t) => void stdout.push(t), err: (t) => void stderr.push(t), isTTY: false, now: () => NOW }
}

async function importInto(source: string, ...flags: string[]): Promise<{ code: number; dir: string; stderr: string; read: (p: string) => string }> {
  const dir = join(tempDir('import'), 'site')
  const cli = io()
  const code = await main(['import', source, '--into', dir, ...flags], cli)
  return { code, dir, stderr: cli.stderr.join(''), read: (p) => readFileSync(join(dir, p), 'utf8') }
}

/** Paths, sizes and modification times of every file under a folder. */
function snapshot(dir: string): string[] {
  return [...readTree(dir)].map(([p, bytes]) => `${p} ${bytes.toString('base64')} ${statSync(join(dir, p)).mtimeMs}`)
}

describe('inkstone import: Hexo', () => {
  it('writes a site that builds, with settings, posts, bundles, drafts, pages, columns and static files', async () => {
    const { code, stderr, read, dir } = await importInto(fixture('hexo'))
    expect(stderr).toMatch(/^✓ hexo: 3 posts, 1 drafts, 1 pages, 2 files → .* · 29 conversions, 3 left for you · build: ok, 0 warnings · see .*IMPORT\.md\n$/)
    expect(code).toBe(0)
    expect(read('content/site.yaml')).toMatch(new RegExp('^' + escape(
      "# Imported from a Hexo site by `inkstone import`; see IMPORT.md.\ntitle: 砚边小记\nurl: https://notes.example.org/\ndescription: 一个用来测试导入的 Hexo 博客\n" +
        'language: zh-CN\ntimezone: Asia/Shanghai\nauthor:\n  name: 林小砚\npaginate: 5\npermalink: /:year/:month/:slug/\nmath: auto\n' +
        'checks:\n  missing-link-target: warning\n  missing-fragment: warning\n  missing-image: warning\n  unknown-language: warning\n  invalid-tex: warning\n'
    )))
    // The front matter: our fields, the empty tag dropped, the category path a column, unknown fields kept.
    expect(read('content/posts/tag-tour.md')).toMatch(
      /^---\ntitle: 标签插件一览\ndate: 2016\/6\/28 21:40:15\nupdated: 2016-07-01 10:00\ntags:\n  - Hexo\n  - 写作\ncolumn: go\ncategories:\n  - - 技术\n    - Go\nsticky: 2\nalias: tag-tour\n---\n开头的一段话。\n\n> \[!NOTE\]\n> \*\*小心\*\*\n/
    )
    // Links written as old URLs (and the button's) now name the .md files.
    expect(read('content/posts/tag-tour.md')).toContain('[关于我](../pages/about.md)')
    expect(read('content/posts/tag-tour.md')).toContain('<mark>标签</mark> 与 {% pdf /files/a.pdf %}')
    expect(read('content/posts/tag-tour.md')).toContain('旧链接：[带图片的文章](./with-assets/index.md)，[关于](../pages/about.md)。')
    expect(read('content/columns/技术.md')).toBe('---\ntitle: 技术\n---\n')
    expect(read('content/columns/go.md')).toBe('---\ntitle: Go\nparent: 技术\n---\n')
    // The asset folder became a bundle; asset tags point into it.
    expect(read('content/posts/with-assets/index.md')).toContain('![窗外](photo.png "窗外")\n\n[原图](photo.png)\n\n<img src="photo.png" alt="窗外">')
    expect(existsSync(join(dir, 'content/posts/with-assets/photo.png'))).toBe(true)
    expect(read('content/posts/idea.md')).toMatch(/^---\ntitle: 一个想法\ndate: .+\ntags:\n  - 草稿\ndraft: true\n---\n/)
    expect(read('content/pages/about.md')).toBe('---\ntitle: 关于\n---\n关于这个博客。\n')
    expect(existsSync(join(dir, 'content/pages/tags.md'))).toBe(false)
    expect(existsSync(join(dir, 'public/images/logo.png'))).toBe(true)
    expect(existsSync(join(dir, 'public/downloads/code/hello.js'))).toBe(true)
    // Old category pages redirect to the columns (site.yaml's `redirects:`, not files in public/), and the
    // rss2 feed of hexo-generator-feed is kept at its path.
    expect(read('content/site.yaml')).toContain(
      'feed:\n  paths:\n    rss:\n      - /rss2.xml\nredirects:\n  /categories/: /columns/\n  /categories/技术/: /columns/技术/\n' +
        '  /categories/技术/Go/: /columns/go/\n  /categories/生活/: /columns/生活/\n'
    )
    expect(existsSync(join(dir, 'public/categories'))).toBe(false)
  })

  it('reports counts, conversions, leftovers with file:line, settings not carried over, engine gaps and the build', async () => {
    const { read } = await importInto(fixture('hexo'))
    const report = read('IMPORT.md')
    expect(report).toContain('| 3 | 1 | 1 | 3 | 2 |')
    expect(report).toContain("The new site's permalink is `/:year/:month/:slug/`: 2 posts keep their old URL; 0 posts moved")
    expect(report).toContain('| `{% note %}` | 2 |')
    expect(report).toContain('| `{% include_code %}` | 1 |')
    expect(report).toContain('| `link to an old URL → link to the .md file` | 3 |')
    expect(report).toContain('- `source/_posts/tag-tour.md:88`: {% pdf %}')
    expect(report).toContain("- `source/_posts/no-alias.md:1`: old URL unknown: the old permalink's `:alias` has no value for this post")
    expect(report).toContain('- theme: `next`: the new site uses its own theme (templates/)')
    expect(report).toContain('Old feeds kept at their paths (`feed.paths` and `feed.names` in site.yaml): `/rss2.xml` (rss).')
    expect(report).toContain('- `/categories/技术/Go/` → `/columns/go/`')
    // Hexo keeps a tag's case in its URL; the new site's tag URLs are lower case.
    expect(report).toContain('- old list page `/tags/Hexo/` not redirected: differs from `/tags/hexo/` only by case')
    expect(report).toContain('Old feed paths answering in the built site (the page or a redirect to it): 1 of 1.')
    expect(report).toContain('Old list pages (tags, categories, Hugo sections and their pages) answering in the built site (the page or a redirect to it): 5 of 6; 1 more only where the host ignores case.')
    expect(report).toContain('The new site builds: 0 warnings.')
    expect(report).toContain('Old post URLs answering in the built site (the page or a redirect to it): 2 of 2.')
  })
})

describe('inkstone import: Jekyll', () => {
  it('dates posts from their file names, aliases moved URLs, converts Liquid and reports what it leaves', async () => {
    const { code, read } = await importInto(fixture('jekyll'))
    expect(code).toBe(0)
    const post = read('content/posts/why-liquid.md')
    expect(post).toMatch(/^---\ntitle: Why Liquid\ndate: 2016-06-28\ncolumn: notes\ncategories: notes tools\naliases:\n  - \/notes\/tools\/2016\/06\/28\/why-liquid\/\nlayout: post\nredirect_from:\n  - \/old\/why-liquid\/\n---\n/)
    expect(post).toContain('A picture: ![map](/assets/map.png)\n\nAbout: [me](../pages/about.md) and [home](/).')
    expect(post).toContain('The [full address](./second.md) and [a reference][ref].\n\n[ref]: ./second.md\n')
    expect(post).toContain('Next: [the second post](./second.md) and [about](../pages/about.md).')
    expect(post).toContain('```ruby\ndef hello\n  puts "hi"\nend\n```')
    // raw: its text as is, inside code too (Liquid ran before Markdown there).
    expect(post).toContain('Liquid shown as is: {{ page.title }}')
    expect(post).toContain('```liquid\n{% include x.html %}\n```')
    expect(read('content/posts/second.md')).toMatch(/^---\ntitle: Second post\ndate: 2017-01-02 10:30:00 \+0100\ntags:\n  - alpha\n  - beta\n/)
    expect(read('content/posts/unfinished.md')).toContain('draft: true')
    expect(read('content/site.yaml')).toContain('url: https://field.example.net/blog/\n')
    expect(read('content/site.yaml')).toContain('permalink: /:year/:month/:day/:slug/\n')
    // jekyll-feed's Atom feed at /feed.xml is kept; Jekyll has no tag or category pages without plugins.
    expect(read('content/site.yaml')).toContain('feed:\n  paths:\n    atom:\n      - /feed.xml\n')
    expect(read('content/site.yaml')).not.toContain('redirects:')
    const report = read('IMPORT.md')
    expect(report).toContain('- `_posts/2016-06-28-why-liquid.md:24`: {% include %}')
    expect(report).toContain('- `_posts/2016-06-28-why-liquid.md:26`: {% capture %}')
    expect(report).toContain('- `_posts/2016-06-28-why-liquid.md:28`: {% for %}')
    expect(report).toContain('- `_posts/2016-06-28-why-liquid.md:32`: {{ page.title }}')
    expect(report).toContain('- `_posts/2016-06-28-why-liquid.md:35`: kramdown attribute list `{: …}`')
    expect(report).not.toContain('why-liquid.md:21')
    expect(report).toContain('- index.html: a Liquid template page')
    expect(report).toContain('- plugins: jemoji: emoji shortcodes (:smile:) stay as text')
  })
})

describe('inkstone import: Hugo', () => {
  it('reads TOML and JSON front matter, keeps bundles, converts shortcodes and inlines static site shortcodes', async () => {
    const { code, read, dir } = await importInto(fixture('hugo'))
    expect(code).toBe(0)
    const first = read('content/posts/first-walk.md')
    expect(first).toMatch(/^---\ntitle: First Walk\ndate: 2021-03-04T09:30:00.000-05:00\ntags:\n  - walking\n  - spring\ncolumn: journeys\n/)
    expect(first).toContain('aliases:\n  - /old/first-walk/\n')
    expect(first).toContain('![A path](/img/path.png "The path we took")')
    expect(first).toContain('The [second trip](./second-trip-by-the-sea/index.md) and its [map](./second-trip-by-the-sea/index.md#the-map).')
    expect(first).toContain('> [!WARNING]\n> Bring water.')
    expect(first).toContain('<aside class="notice">\n<p>Plain HTML, no template code.</p>\n</aside>')
    expect(first).toContain('{{< weather city="Boston" >}}')
    expect(first).toContain('Shown as text: {{< figure src="x.png" >}}')
    expect(first).toContain('```go-html-template\n{{< figure src="in-code.png" >}}\n```')
    expect(read('content/posts/second-trip-by-the-sea/index.md')).toBe('---\ntitle: "Second Trip: By the Sea"\ndate: 2021-07-10\ntags:\n  - sea\ncolumn: journeys\ncategories:\n  - Journeys\n---\n\n## The map\n\n![map](map.png)\n\nBack to [the first walk](../first-walk.md#top).\n')
    expect(existsSync(join(dir, 'content/posts/second-trip-by-the-sea/map.png'))).toBe(true)
    expect(read('content/site.yaml')).toContain('timezone: America/New_York\npaginate: 6\npermalink: /:year/:month/:slug/\n')
    const report = read('IMPORT.md')
    expect(report).toContain('- `content/posts/first-walk.md:42`: {{< weather >}}')
    // ref / relref to taxonomy and section pages: the new tag, column, tag index and home pages; an unknown one stays.
    expect(first).toContain('More [spring walks](/tags/spring/), all [journeys](/columns/journeys/), every [post](/) and [all tags](/tags/); [no such list]({{< ref "tags/winter" >}}).')
    expect(report).toContain('- `content/posts/first-walk.md:20`: {{< ref >}}')
    // `_index 1.md` is no list page for Hugo but a regular page, at a path with `-` for the space.
    // Its new file's name does not start with `_` (the engine skips such files); its slug keeps the name.
    expect(read('content/pages/index-1.md')).toBe('---\ntitle: Packing List\nslug: _index-1\naliases:\n  - /notes/_index-1/\n---\nHugo treats this file as a regular page of the notes section, at `/notes/_index-1/`.\n')
    expect(report).toContain('- menu: set `nav` in site.yaml')
    // Hugo's feeds (home and main section), its taxonomy pages with their page-1 aliases, and the main section's list.
    expect(read('content/site.yaml')).toContain(
      'feed:\n  paths:\n    rss:\n      - /index.xml\n      - /posts/index.xml\n  names:\n    rss:\n      - index.xml\nredirects:\n  /categories/: /columns/\n  /categories/journeys/: /columns/journeys/\n' +
        '  /categories/journeys/page/1/: /columns/journeys/\n  /page/1/: /\n  /posts/: /\n  /posts/page/1/: /\n  /tags/sea/page/1/: /tags/sea/\n'
    )
    // Tag feeds are kept by `feed.names`; a category's feed is not (categories are columns, at other URLs).
    expect(report).toContain('Old feed paths answering in the built site (the page or a redirect to it): 5 of 6.\n\n- not answering: `/categories/journeys/index.xml`\n')
    expect(report).toContain('Old list pages (tags, categories, Hugo sections and their pages) answering in the built site (the page or a redirect to it): 12 of 12.')
  })
})

describe('inkstone import: a folder of Markdown', () => {
  it('takes the title from the first heading and the date from the file name, and keeps files beside the posts', async () => {
    const { code, read, dir } = await importInto(fixture('markdown'), '--from', 'markdown')
    expect(code).toBe(0)
    expect(read('content/posts/notes/2020-01-02-first-note.md')).toBe('---\ntitle: 第一篇笔记\ndate: 2020-01-02\n---\n\n没有前言的文件，标题来自第一个标题。\n\n![图](pic.png)\n')
    expect(existsSync(join(dir, 'content/posts/notes/pic.png'))).toBe(true)
  })
})

describe('inkstone import: guarantees', () => {
  it('gives byte-identical results for two imports of the same source', async () => {
    for (const name of ['hexo', 'jekyll', 'hugo']) {
      const a = await importInto(fixture(name))
      const b = await importInto(fixture(name))
      expect([...readTree(b.dir)]).toEqual([...readTree(a.dir)])
    }
  })

  it('never writes to SOURCE', async () => {
    const source = join(tempDir('import-src'), 'blog')
    cpSync(fixture('hexo'), source, { recursive: true })
    const before = snapshot(source)
    const { code } = await importInto(source)
    expect(code).toBe(0)
    expect(snapshot(source)).toEqual(before)
  })

  it('refuses a target folder that is not empty (exit 2) and writes nothing there', async () => {
    const dir = tempDir('import-full')
    writeFileSync(join(dir, 'keep.txt'), 'mine')
    const cli = io()
    expect(await main(['import', fixture('hexo'), '--into', dir], cli)).toBe(2)
    expect(cli.stderr.join('')).toMatch(/exists and is not empty; choose another --into\n$/)
    expect([...readTree(dir).keys()]).toEqual(['keep.txt'])
  })

  it('accepts an empty target folder, and defaults to ./<name>-inkstone', async () => {
    const empty = tempDir('import-empty')
    expect(await main(['import', fixture('markdown'), '--into', empty], io())).toBe(0)
    const cwd = process.cwd()
    const here = tempDir('import-cwd')
    process.chdir(here)
    try {
      expect(await main(['import', fixture('markdown')], io())).toBe(0)
      expect(existsSync(join(here, 'markdown-inkstone', 'content/site.yaml'))).toBe(true)
    } finally {
      process.chdir(cwd)
    }
  })

  it('says what is wrong with the command line (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['import'], /expected SOURCE/],
      [['import', fixture('hexo'), '--from', 'wordpress'], /--from takes hexo, jekyll, hugo, markdown, not `wordpress`/],
      [['import', join(repo, 'no-such-blog')], /is not a folder/],
      [['import', fixture('hexo'), '--into', join(fixture('hexo'), 'out')], /--into must be outside SOURCE/]
    ]
    for (const [argv, message] of cases) {
      const cli = io()
      expect(await main(argv, cli)).toBe(2)
      expect(cli.stderr.join('')).toMatch(message)
    }
    expect(existsSync(join(fixture('hexo'), 'out'))).toBe(false)
  })

  it('exits 1 when the written site does not build, and IMPORT.md says why', async () => {
    const source = join(tempDir('import-bad'), 'blog')
    mkdirSync(join(source, '_posts'), { recursive: true })
    writeFileSync(join(source, '_config.yml'), 'title: Bad\nurl: https://bad.example\n')
    writeFileSync(join(source, '_posts', '2020-01-01-ok.md'), '---\ntitle: OK\n---\nfine\n')
    writeFileSync(join(source, '_posts', '2020-01-02-bad.md'), '---\ntitle: Bad\ndate: 2020-13-45\n---\nnot a date\n')
    const { code, read, stderr } = await importInto(source)
    expect(code).toBe(1)
    expect(stderr).toMatch(/^✗ jekyll: 2 posts, .* build: 1 errors/)
    const report = read('IMPORT.md')
    expect(report).toContain('- `_posts/2020-01-02-bad.md:1`: date `2020-13-45` is not a date Inkstone reads')
    expect(report).toContain('The new site does not build yet: 1 errors')
    expect(report).toMatch(/content\/posts\/bad\.md:3:7: error: .*\[invalid-date\]/)
  })
})
