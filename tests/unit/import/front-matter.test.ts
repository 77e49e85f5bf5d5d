/**
 * Reading other generators' front matter (YAML, TOML, JSON, Hexo's form with
 * only a closing fence) and rewriting it into our fields.
 */
import { describe, expect, it } from 'vitest'
import { splitSource, writeFrontMatter } from '../../../src/import/front-matter.js'
import { categoryPath, rewriteFields, tagsOf, urlCategories } from '../../../src/import/fields.js'
import { detectKind } from '../../../src/import/detect.js'

describe('splitSource', () => {
  it('reads YAML and keeps dates as text, with the line the body starts on', () => {
    const s = splitSource('---\ntitle: A\ndate: 2016-06-28 21:40\n---\nbody\n')
    expect(s).toEqual({ format: 'yaml', data: { title: 'A', date: '2016-06-28 21:40' }, body: 'body\n', bodyLine: 5 })
  })

  it('reads TOML with its dates (offset kept) and JSON', () => {
    const toml = splitSource('+++\ntitle = "T"\ndate = 2021-03-04T09:30:00-05:00\ntags = ["a"]\n+++\nx')
    expect(toml.data).toEqual({ title: 'T', date: '2021-03-04T09:30:00.000-05:00', tags: ['a'] })
    expect(toml.bodyLine).toBe(6)
    const json = splitSource('{\n  "title": "J",\n  "n": {"a": "}"}\n}\n\nbody')
    expect(json).toEqual({ format: 'json', data: { title: 'J', n: { a: '}' } }, body: '\nbody', bodyLine: 5 })
  })

  it("reads Hexo's front matter that has only a closing fence", () => {
    expect(splitSource('title: Hi\ndate: 2020-01-01\n---\nbody')).toMatchObject({ format: 'yaml', data: { title: 'Hi', date: '2020-01-01' }, body: 'body', bodyLine: 4 })
  })

  it('keeps a file whose front matter does not parse whole, and says why', () => {
    const s = splitSource('---\ntitle: [oops\n---\nbody')
    expect(s.format).toBe('none')
    expect(s.body).toBe('---\ntitle: [oops\n---\nbody')
    expect(s.error).toMatch(/^YAML front matter does not parse/)
    expect(splitSource('no front matter\n').format).toBe('none')
  })

  it('writes our keys first, then the others in their old order', () => {
    expect(writeFrontMatter({ layout: 'post', mood: '晴', title: 'T', date: '2020-01-01', tags: ['a'] })).toBe('---\ntitle: T\ndate: 2020-01-01\ntags:\n  - a\nlayout: post\nmood: 晴\n---\n')
  })
})

describe('fields', () => {
  it('reads tags as Jekyll (spaces), Hexo (one tag or a list) and drops empty items', () => {
    expect(tagsOf('alpha beta', 'jekyll')).toEqual(['alpha', 'beta'])
    expect(tagsOf('Hexo 写作', 'hexo')).toEqual(['Hexo 写作'])
    expect(tagsOf(['a', null, '', 3, true, ['b']], 'hexo')).toEqual(['a', '3', 'true', 'b'])
  })

  it('reads the category path: Hexo nests, a list of lists is several paths; Jekyll and Hugo take the first', () => {
    expect(categoryPath({ categories: ['技术', 'Go'] }, 'hexo')).toEqual(['技术', 'Go'])
    expect(categoryPath({ categories: [['技术', 'Go'], ['生活']] }, 'hexo')).toEqual(['技术', 'Go'])
    expect(categoryPath({ categories: 'notes tools' }, 'jekyll')).toEqual(['notes'])
    expect(urlCategories({ categories: 'notes tools' }, 'jekyll')).toEqual(['notes', 'tools'])
    expect(categoryPath({ categories: ['A', 'B'] }, 'hugo')).toEqual(['A'])
  })

  it('rewrites fields: capitalised keys, updated from lastmod, summary from description, published: false, aliases merged; unknown fields kept', () => {
    const out = rewriteFields(
      { Title: 'x', lastmod: '2021-01-02', description: 'About it', published: false, aliases: ['/a/'], mood: 'fine', slug: 'old' },
      { kind: 'hugo', title: 'T', date: '2021-01-01', draft: false, aliases: ['/b/', '/a/'], readDate: (v) => String(v) }
    )
    expect(out).toEqual({ title: 'T', date: '2021-01-01', updated: '2021-01-02', description: 'About it', summary: 'About it', published: false, draft: true, aliases: ['/a/', '/b/'], mood: 'fine' })
  })
})

describe('updated dates the engine cannot read', () => {
  it('are kept under another name, so that the post still builds', () => {
    const out = rewriteFields({ updated: 'last spring' }, { kind: 'hexo', title: 'T', date: '2021-01-01', draft: false, aliases: [], readDate: () => undefined })
    expect(out).toEqual({ title: 'T', date: '2021-01-01', updated_text: 'last spring' })
  })
})

describe('detectKind', () => {
  const tree = (...paths: string[]) => new Map(paths.map((p) => [p, Buffer.from(p === 'package.json' ? '{"dependencies":{"hexo":"7"}}' : '')]))
  it('tells the generators apart by their files', () => {
    expect(detectKind(tree('_config.yml', 'source/_posts/a.md'))).toBe('hexo')
    expect(detectKind(tree('package.json', 'source/about.md'))).toBe('hexo')
    expect(detectKind(tree('_config.yml', '_posts/2020-01-01-a.md'))).toBe('jekyll')
    expect(detectKind(tree('hugo.toml', 'content/posts/a.md'))).toBe('hugo')
    expect(detectKind(tree('config/_default/hugo.yaml', 'content/a.md'))).toBe('hugo')
    expect(detectKind(tree('notes/a.md'))).toBe('markdown')
  })
})
