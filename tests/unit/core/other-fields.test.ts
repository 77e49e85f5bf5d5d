/**
 * Front-matter fields of other generators (other-fields.ts, fields.ts,
 * matter-prep.ts) and dates from file names (dates.ts): each form a real
 * blog writes, and Inkstone's own field winning over its synonym.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { splitFrontMatter } from '../../../src/content/front-matter.js'
import { postMatter } from '../../../src/content/fields.js'
import { urlPathOf } from '../../../src/util/url-path.js'
import { lowerCaseKeys, mathModeOf, titleFromBody } from '../../../src/content/matter-prep.js'
import { datePrefix, parseDate } from '../../../src/content/dates.js'

const read = (text: string, name = 'a', heading?: string) => {
  const file = new VFile({ path: 'content/posts/a.md' })
  const split = lowerCaseKeys(file, splitFrontMatter(file, text))
  const matter = postMatter(file, split, 'Asia/Shanghai', { name, heading })
  return { matter, messages: file.messages.map((m) => `${m.line}:${m.column} ${m.fatal ? 'error' : 'warning'} ${m.ruleId}: ${m.reason}`) }
}
const fm = (lines: string) => `---\ntitle: T\ndate: 2020-01-02\n${lines}\n---\nBody.\n`

describe('datePrefix', () => {
  it.each([
    ['2016-06-28-slug', { date: '2016-06-28', rest: 'slug' }],
    ['2016-06-28-中文-标题', { date: '2016-06-28', rest: '中文-标题' }],
    ['2016-06-28', { date: '2016-06-28', rest: '2016-06-28' }],
    ['2016-06-28-', { date: '2016-06-28', rest: '2016-06-28-' }]
  ])('%s', (name, want) => expect(datePrefix(name)).toEqual(want))

  it.each(['slug', '2016-6-28-slug', '20160628-slug', 'x-2016-06-28-slug'])('no date in %s', (name) => {
    expect(datePrefix(name)).toBeUndefined()
  })
})

describe('dates and titles from where other generators keep them', () => {
  it('takes the date from the file name (start of day, site zone) when the front matter has none', () => {
    const { matter, messages } = read('---\ntitle: T\n---\nBody.\n', '2016-06-28-slug')
    expect(matter.date.iso).toBe('2016-06-28T00:00:00+08:00')
    expect(matter.undated).toBeUndefined()
    expect(messages).toEqual([])
  })

  it('prefers the front-matter date to the name', () => {
    expect(read(fm(''), '2016-06-28-slug').matter.date.iso).toBe('2020-01-02T00:00:00+08:00')
  })

  it('marks a post with no date anywhere as undated, with an error that names where dates come from', () => {
    const { matter, messages } = read('---\ntitle: T\n---\n', 'slug')
    expect(matter.undated).toBe(true)
    expect(messages).toEqual(['1:1 error missing-date: Missing `date`: no `date:` line, no date at the start of the file name, and no commit of the file in git'])
  })

  it('reads a post without front matter: title from the first heading', () => {
    const { matter, messages } = read('# Heading\n\nBody.\n', '2020-05-06-x', 'Heading')
    expect(matter.title).toBe('Heading')
    expect(matter.date.iso).toBe('2020-05-06T00:00:00+08:00')
    expect(messages).toEqual([])
  })

  it('keeps the front-matter title over the heading', () => {
    expect(read(fm(''), 'a', 'Heading').matter.title).toBe('T')
  })

  it('reads capitalised keys with a warning each, and leaves them alone when the lower-case key is there', () => {
    const { matter, messages } = read('---\nTitle: Big\nDate: 2019-05-06 07:08\nTags: [a]\n---\n')
    expect(matter).toMatchObject({ title: 'Big', tags: ['a'], date: { iso: '2019-05-06T07:08:00+08:00' } })
    expect(messages).toEqual(['2:1 warning key-case: Read `Title` as `title`', '3:1 warning key-case: Read `Date` as `date`', '4:1 warning key-case: Read `Tags` as `tags`'])
    const both = read('---\ntitle: small\nTitle: Big\ndate: 2020-01-01\n---\n')
    expect(both.matter.title).toBe('small')
    expect(both.matter.extra).toEqual({ Title: 'Big' })
    expect(both.messages).toEqual([])
  })

  it.each([
    ['2016/6/28 21:40:15', '2016-06-28T21:40:15+08:00'],
    ["'2016-06-28 21:40   '", '2016-06-28T21:40:00+08:00'],
    ['2016-06-28', '2016-06-28T00:00:00+08:00'],
    ['2016-06-28 21:40', '2016-06-28T21:40:00+08:00'],
    ['2016-06-28T21:40:15+02:00', '2016-06-29T03:40:15+08:00'],
    ['2016-06-28 21:40:15 +0800', '2016-06-28T21:40:15+08:00'],
    ['2016-06-28T13:40:15.000Z', '2016-06-28T21:40:15+08:00']
  ])('reads the date %s', (value, iso) => {
    expect(read(`---\ntitle: T\ndate: ${value}\n---\n`).matter.date.iso).toBe(iso)
  })

  it('reads a YAML timestamp object as the instant it is', () => {
    expect(parseDate(new Date('2016-06-28T13:40:15Z'), 'Asia/Shanghai')?.iso).toBe('2016-06-28T21:40:15+08:00')
  })
})

describe('fields of other generators', () => {
  it('reads categories as a path: text, list, Hexo list of lists (first path), `category`', () => {
    expect(read(fm('categories: 随笔')).matter.categories).toEqual(['随笔'])
    expect(read(fm('categories: [技术, Go]')).matter.categories).toEqual(['技术', 'Go'])
    expect(read(fm('categories:\n  - [生活, 旅行]\n  - [技术]')).matter.categories).toEqual(['生活', '旅行'])
    expect(read(fm('category: notes')).matter.categories).toEqual(['notes'])
    expect(read(fm('categories: [2016, "", null]')).matter.categories).toEqual(['2016'])
    expect(read(fm('categories: []')).matter.categories).toBeUndefined()
  })

  it('lets `column` win over categories', () => {
    const { matter } = read(fm('column: web\ncategories: [技术]'))
    expect(matter.column).toBe('web')
    expect(matter.categories).toBeUndefined()
  })

  it('reads the synonyms, Inkstone\'s own field first', () => {
    expect(read(fm('description: D')).matter.summary).toBe('D')
    expect(read(fm('excerpt: E')).matter.summary).toBe('E')
    expect(read(fm('summary: S\ndescription: D')).matter.summary).toBe('S')
    expect(read(fm('lastmod: 2021-01-01')).matter.updated?.iso).toBe('2021-01-01T00:00:00+08:00')
    expect(read(fm('last_modified_at: 2021-02-02')).matter.updated?.iso).toBe('2021-02-02T00:00:00+08:00')
    expect(read(fm('updated: 2021-03-03\nlastmod: 2021-01-01')).matter.updated?.iso).toBe('2021-03-03T00:00:00+08:00')
    const badLastmod = read(fm('lastmod: someday'))
    expect(badLastmod.matter.updated).toBeUndefined()
    expect(badLastmod.messages).toEqual(['4:10 warning invalid-date: Expected `lastmod` to be a real date, not `someday`; it is left out'])
    expect(read(fm('updated: someday')).messages).toEqual(['4:10 error invalid-date: Expected `updated` to be a real date, not `someday`'])
    for (const key of ['image', 'thumbnail', 'banner_img', 'index_img', 'top_img']) expect(read(fm(`${key}: /c.png`)).matter.cover).toBe('/c.png')
    expect(read(fm('image: {path: c.png, alt: x}')).matter.cover).toBe('c.png')
    expect(read(fm('cover: a.png\nimage: b.png')).matter.cover).toBe('a.png')
  })

  it('reads `published: false` as a draft; `draft` wins', () => {
    expect(read(fm('published: false')).matter.draft).toBe(true)
    expect(read(fm('published: true')).matter.draft).toBe(false)
    expect(read(fm('published: false\ndraft: false')).matter.draft).toBe(false)
  })

  it('pins with sticky, top or pin: a number, or true as 1', () => {
    expect(read(fm('sticky: 100')).matter.pinned).toBe(100)
    expect(read(fm('top: true')).matter.pinned).toBe(1)
    expect(read(fm('pin: "3"')).matter.pinned).toBe(3)
    expect(read(fm('sticky: 0')).matter.pinned).toBeUndefined()
    expect(read(fm('top: false')).matter.pinned).toBeUndefined()
    const bad = read(fm('sticky: {a: 1}'))
    expect(bad.matter.pinned).toBeUndefined()
    expect(bad.messages).toEqual(['4:9 warning invalid-field: Expected `sticky` to be a number or true, not a mapping; it is left out'])
  })

  it('reads toc: false, comments: false, permalink, aliases, redirect_from, redirect_to', () => {
    const { matter } = read(fm('toc: false\ncomments: false\npermalink: /:year/:title.html\naliases: [/a/, b.html]\nredirect_from: /c\nredirect_to: https://x.example/'))
    expect(matter).toMatchObject({
      toc: false, comments: false, permalink: '/:year/:slug.html', aliases: ['/a/', '/b.html', '/c/'], redirectTo: 'https://x.example/'
    })
    expect(read(fm('toc: true')).matter.toc).toBeUndefined()
  })

  it('drops empty tags with a warning; numbers and booleans become text', () => {
    const { matter, messages } = read(fm('tags:\n  - a\n  -\n  - 2016\n  - true\n  - ""'))
    expect(matter.tags).toEqual(['a', '2016', 'true'])
    expect(messages).toEqual(['5:3 warning empty-tag: Dropped 2 empty items of `tags`'])
  })

  it('keeps unknown fields for templates, and never reports them', () => {
    const { matter, messages } = read(fm('layout: post\nmood: 晴'))
    expect(matter.extra).toEqual({ layout: 'post', mood: '晴' })
    expect(messages).toEqual([])
  })
})

describe('urlPathOf', () => {
  it.each([
    ['/old/', '/old/'],
    ['old', '/old/'],
    ['/2016/06/old.html', '/2016/06/old.html'],
    ['/%E4%B8%AD%E6%96%87/', '/中文/'],
    ['https://old.example/a/b', '/a/b/'],
    ['//a//b/', '/a/b/']
  ])('%s → %s', (text, path) => expect(urlPathOf(text)).toBe(path))

  it.each(['', '/', '/a/../b/', 'a?b', 'a#b', 'a\\b', '/a/\u0001/'])('rejects %j', (text) => expect(urlPathOf(text)).toBeUndefined())
})

describe('matter-prep', () => {
  it('takes the title from the body only when the front matter has none', () => {
    expect(titleFromBody({})).toBe(true)
    expect(titleFromBody({ title: '' })).toBe(true)
    expect(titleFromBody({ title: 'T' })).toBe(false)
  })

  it('picks the math mode: the post\'s own `math` first, mathjax/katex turn it on or off, else the site\'s', () => {
    expect(mathModeOf({}, 'auto')).toBe('auto')
    expect(mathModeOf({ math: true }, 'false')).toBe('true')
    expect(mathModeOf({ math: false }, 'true')).toBe('false')
    expect(mathModeOf({ mathjax: true }, 'false')).toBe('auto')
    expect(mathModeOf({ katex: true }, 'true')).toBe('true')
    expect(mathModeOf({ mathjax: false }, 'auto')).toBe('false')
  })
})
