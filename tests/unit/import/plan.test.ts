/**
 * The import plan on small in-memory blogs: what it decides about URLs when
 * they collide, and how it dates posts.
 */
import { describe, expect, it } from 'vitest'
import { planImport } from '../../../src/import/plan.js'

const tree = (files: Record<string, string>) => new Map(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, t]) => [p, Buffer.from(t)]))
const text = (plan: ReturnType<typeof planImport>, path: string) => String(plan.files.get(path))

describe('planImport', () => {
  it('leaves out an alias that is now the URL of another post, and says so', () => {
    const plan = planImport(tree({
      'hugo.toml': 'baseURL = "https://h.example/"\ntitle = "H"\n',
      'content/posts/a.md': '---\ntitle: A\ndate: 2020-01-01\n---\na\n',
      'content/posts/b.md': '---\ntitle: B\ndate: 2020-01-02\naliases: ["/posts/a/", "/old/b/"]\n---\nb\n'
    }), 'hugo', 'h')
    expect(plan.report.permalink).toBe('/posts/:slug/')
    expect(text(plan, 'content/posts/b.md')).toBe('---\ntitle: B\ndate: 2020-01-02\naliases:\n  - /old/b/\n---\nb\n')
    expect(plan.report.leftovers).toEqual([{ file: 'content/posts/b.md', line: 1, construct: 'alias `/posts/a/` is now the URL of a post or page: left out' }])
  })

  it('names the file of a Hugo `_index 1.md` post without its `_`, keeps its URL, and lets an undated post build with a warning', () => {
    const files = {
      'hugo.toml': 'baseURL = "https://h.example/"\ntitle = "H"\n',
      'content/posts/a.md': '---\ntitle: A\ndate: 2020-01-01\n---\na\n',
      'content/posts/notes/_index 1.md': '+++\ntitle = "Notes"\n+++\nn\n'
    }
    const plan = planImport(tree(files), 'hugo', 'h')
    // The engine skips files whose names start with `_`.
    expect(text(plan, 'content/posts/index-1.md')).toBe('---\ntitle: Notes\nslug: _index-1\naliases:\n  - /posts/notes/_index-1/\n---\nn\n')
    expect(plan.urls).toEqual([['/posts/a/', '/posts/a/'], ['/posts/notes/_index-1/', '/posts/_index-1/']])
    expect(text(plan, 'content/site.yaml')).toContain('  invalid-tex: warning\n  missing-date: warning\n')
    expect(plan.report.leftovers).toEqual([{ file: 'content/posts/notes/_index 1.md', line: 1, construct: 'no date (front matter or file name)' }])
    // With every post dated, missing dates stay errors.
    const dated = planImport(tree({ ...files, 'content/posts/notes/_index 1.md': '+++\ntitle = "Notes"\ndate = 2020-02-02\n+++\nn\n' }), 'hugo', 'h')
    expect(text(dated, 'content/site.yaml')).not.toContain('missing-date')
  })

  it('gives two posts with one slug two URLs and two files', () => {
    const plan = planImport(tree({
      '_config.yml': 'title: J\nurl: https://j.example\npermalink: /:categories/:title/\n',
      '_posts/2020-01-01-same.md': '---\ntitle: One\ncategories: a\n---\n1\n',
      '_posts/2020-01-02-same.md': '---\ntitle: Two\ncategories: b\n---\n2\n'
    }), 'jekyll', 'j')
    expect([...plan.files.keys()].filter((p) => p.startsWith('content/posts/'))).toEqual(['content/posts/same.md', 'content/posts/same-2.md'])
    // The file name is the slug: no `slug` field needed.
    expect(text(plan, 'content/posts/same-2.md')).not.toContain('slug:')
    expect(plan.urls).toEqual([['/a/same/', '/posts/same/'], ['/b/same/', '/posts/same-2/']])
  })

  it('keeps both URLs of two dated posts with one slug, the second file naming its slug', () => {
    const plan = planImport(tree({
      '_config.yml': 'title: J\nurl: https://j.example\npermalink: /:year/:month/:day/:title/\n',
      '_posts/2020-01-01-same.md': '---\ntitle: One\n---\n1\n',
      '_posts/2020-01-02-same.md': '---\ntitle: Two\n---\n2\n'
    }), 'jekyll', 'j')
    expect(plan.report.permalink).toBe('/:year/:month/:day/:slug/')
    expect(plan.urls).toEqual([['/2020/01/01/same/', '/2020/01/01/same/'], ['/2020/01/02/same/', '/2020/01/02/same/']])
    expect(text(plan, 'content/posts/same-2.md')).toBe('---\ntitle: Two\ndate: 2020-01-02\nslug: same\n---\n2\n')
  })

  it('imports a Jekyll collection that the old site wrote out as posts, under its own permalink', () => {
    const plan = planImport(tree({
      '_config.yml': 'title: J\nurl: https://j.example\ncollections:\n  notes_en:\n    output: true\n    permalink: /en/:year/:title/\n  drafts_x:\n    output: false\n',
      '_notes_en/2021-02-03-first.md': '---\ntitle: First\n---\n1\n',
      '_drafts_x/a.md': '---\ntitle: A\n---\na\n'
    }), 'jekyll', 'j')
    expect(plan.urls).toEqual([['/en/2021/first/', '/posts/first/']])
    expect(text(plan, 'content/posts/first.md')).toBe('---\ntitle: First\ndate: 2021-02-03\naliases:\n  - /en/2021/first/\n---\n1\n')
    expect(plan.report.settingsDropped).toContain('collections: drafts_x: not written out by the old site (no `output: true`), so not imported')
  })

  it('reads dates with no-break spaces, and dates an undated Hexo post by its file time in the site zone', () => {
    const plan = planImport(tree({
      '_config.yml': 'title: X\nurl: https://x.example\ntimezone: Asia/Shanghai\n',
      'source/_posts/a.md': '---\ntitle: A\ndate: "2022-06-16\\_06:09:37"\nupdated: "2022-06-17\\_00:00:00"\n---\na\n',
      'source/_posts/b.md': '---\ntitle: B\n---\nb\n'
    }), 'hexo', 'x', new Map([['source/_posts/b.md', Date.parse('2021-05-06T16:30:00Z')]]))
    expect(text(plan, 'content/posts/a.md')).toMatch(/^---\ntitle: A\ndate: 2022-06-16 06:09:37\nupdated: 2022-06-17 00:00:00\n/)
    expect(text(plan, 'content/posts/b.md')).toMatch(/^---\ntitle: B\ndate: 2021-05-07 00:30:00\n/)
    expect(plan.report.leftovers.map((l) => l.construct)).toContain("no date: dated 2021-05-07 00:30:00 from the file's modification time, as Hexo does; check it")
  })
})
