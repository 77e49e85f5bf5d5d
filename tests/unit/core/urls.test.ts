import { describe, expect, it } from 'vitest'
import {
  absolute, authorAbsolute, authorHref, decodePath, encodePath, href, isContained, outPathOf, pathProblem, segmentProblem,
  slugFromName, slugFromSegment, slugify
} from '../../../src/site/urls.js'

/** Characters that must never stand in a URL path segment unencoded. */
// eslint-disable-next-line no-control-regex
const reserved = /[/\\#?%\u0000-\u001f\u007f-\u009f]/

describe('slugify (tags, columns)', () => {
  it.each([
    ['读书', '读书'],
    ['Node.js', 'node.js'],
    ['Static Sites', 'static-sites'],
    ['C++', 'c++'],
    ['C#', 'c'],
    ['..', undefined],
    ['  中文 排版 ', '中文-排版']
  ])('slugify(%j)', (name, slug) => {
    const got = slugify(name)
    if (slug) expect(got).toBe(slug)
    expect(got).not.toBe('')
    expect(got).not.toMatch(reserved)
    expect(got.includes('..')).toBe(false)
  })

  it('never returns an empty slug', () => {
    expect(slugify('???')).toMatch(/^x-[0-9a-f]{8}$/)
    expect(slugify('???')).not.toBe(slugify('!!!'))
  })
})

describe('slugFromName: the slug rule for file names', () => {
  it.each([
    // Hexo's `:year-:month-:day#:title.md`
    ['2010-01-12#小时候的梦想', '2010-01-12-小时候的梦想'],
    ['2012-06-18#有感而发：你如何看待高考时举报别人作弊的学生？', '2012-06-18-有感而发-你如何看待高考时举报别人作弊的学生'],
    ['2012-10-21#C++ 讲稿 1.预备知识', '2012-10-21-C++-讲稿-1.预备知识'],
    ['2013-03-25#重谈黑客(一)', '2013-03-25-重谈黑客-一'],
    ['my post', 'my-post'],
    ['中文标点', '中文标点'],
    ['What? Why!', 'What-Why'],
    ['100% pure', '100-pure'],
    ['a\\b', 'a-b'],
    ['tab\there', 'tab-here'],
    ['line\u0000nul', 'line-nul'],
    ['你好，世界。', '你好-世界'],
    ['「引号」与《书名》', '引号-与-书名'],
    ['🎉 party 🎉', 'party'],
    ['❤️love', 'love'],
    ['under_score.and+plus', 'under_score.and+plus'],
    ['Hello-World', 'Hello-World'],
    ['..hidden..name..', 'hidden.name'],
    ['---x---', 'x'],
    ['日本語のテキスト', '日本語のテキスト'],
    ['한국어', '한국어'],
    ['Ελληνικά', 'Ελληνικά']
  ])('slugFromName(%j) is %j', (name, slug) => {
    expect(slugFromName(name)).toBe(slug)
  })

  it('makes NFD and NFC names the same NFC slug', () => {
    const nfc = 'caf\u00e9-\uac00'
    const nfd = nfc.normalize('NFD')
    expect(nfd).not.toBe(nfc)
    expect(slugFromName(nfd)).toBe(nfc)
    expect(slugFromName(nfc)).toBe(nfc)
  })

  it('never holds a reserved character, `..`, or nothing', () => {
    const names = ['#', '?', '%', '%E4%B8%AD', '#?%\\', 'a#b?c%d', '..', '.', ' ', '\u200d', 'x\u0301#\u0301y', '\ud800lone']
    for (const name of names) {
      const slug = slugFromName(name)
      expect(slug, name).not.toBe('')
      expect(slug, name).not.toMatch(reserved)
      expect(slug.includes('..'), name).toBe(false)
      expect(slug.startsWith('-') || slug.endsWith('-'), name).toBe(false)
    }
  })

  it('keeps a long name within one file name', () => {
    const name = '很长的标题'.repeat(13) // 65 characters, 195 bytes
    expect(Buffer.byteLength(slugFromName(name))).toBe(195)
  })
})

describe('segmentProblem and pathProblem: slugs and permalinks the author writes', () => {
  it.each([
    ['png-by-hand'],
    ['中文'],
    ['my post'],
    ['C++']
  ])('accepts %j', (slug) => {
    expect(segmentProblem(slug)).toBeUndefined()
  })

  it.each([
    ['', 'non-empty'],
    ['   ', 'non-empty'],
    ['a/b', 'one URL segment'],
    ['a\\b', 'one URL segment'],
    ['..', '`..`'],
    ['a..b', '`..`'],
    ['c#', '`#` (reserved in URLs)'],
    ['what?', '`?` (reserved in URLs)'],
    ['100%', '`%` (reserved in URLs)'],
    ['a\u0001b', 'U+0001'],
    ['!!!', 'a letter or digit'],
    ['字'.repeat(90), 'at most 255 bytes']
  ])('refuses %j (%s)', (slug, reason) => {
    expect(segmentProblem(slug)).toContain(reason)
  })

  it('suggests the slug the rule makes, decoding percent-escapes', () => {
    expect(segmentProblem('c# tips')).toContain('for example `c-tips`')
    expect(segmentProblem('%E4%B8%AD%E6%96%87')).toContain('for example `中文`')
  })

  it('makes white space and punctuation of a written slug `-`', () => {
    expect(slugFromSegment(' my post ')).toBe('my-post')
    expect(slugFromSegment('你好，世界')).toBe('你好-世界')
  })

  it('checks every segment of a permalink', () => {
    expect(pathProblem('/2024/05/hello/')).toBeUndefined()
    expect(pathProblem('/')).toBeUndefined()
    expect(pathProblem('2024/hello/')).toContain('start with `/`')
    expect(pathProblem('/a//b/')).toContain('non-empty')
    expect(pathProblem('/a/../b/')).toContain('`..`')
    expect(pathProblem('/a/b#c/')).toContain('`#`')
    expect(pathProblem('/a\\b/')).toContain('`\\`')
  })
})

describe('href and absolute: one encoding for every URL', () => {
  const config = { basePath: '/blog/', url: 'https://example.org/blog/' }

  it('percent-encodes paths under the base path, fragments apart', () => {
    expect(href(config, '/tags/读书/')).toBe('/blog/tags/%E8%AF%BB%E4%B9%A6/')
    expect(href(config, '/posts/a/', '第一节')).toBe('/blog/posts/a/#%E7%AC%AC%E4%B8%80%E8%8A%82')
    expect(href({ basePath: '/' }, '/')).toBe('/')
    expect(absolute(config, '/posts/a/')).toBe('https://example.org/blog/posts/a/')
    expect(absolute(config, '/posts/a/', 'x y')).toBe('https://example.org/blog/posts/a/#x%20y')
  })

  it('encodes `#`, `?`, `%` and spaces inside a path: they are part of it', () => {
    expect(href(config, '/posts/2010-01-12#梦/')).toBe('/blog/posts/2010-01-12%23%E6%A2%A6/')
    expect(href(config, '/posts/a/100% b?.png')).toBe('/blog/posts/a/100%25%20b%3F.png')
  })

  it('round-trips: the URL decoded is the path', () => {
    const paths = ['/posts/a#b?c%d e/', '/posts/x/图 1 (副本).png', '/tags/c++/', '/posts/\u00e9\u0301/', '/posts/🎉/']
    for (const path of paths) {
      const url = new URL(href(config, path), 'https://example.org/')
      expect(url.hash).toBe('')
      expect(url.search).toBe('')
      expect(decodePath(url.pathname)).toBe('/blog' + path)
      expect(encodePath(path)).toBe(href({ basePath: '/' }, path))
    }
  })

  it('never throws on a lone surrogate', () => {
    expect(href(config, '/a\ud800b/')).toBe('/blog/a%EF%BF%BDb/')
  })

  it('keeps what the author wrote in site.yaml or front matter, under the base path', () => {
    expect(authorHref(config, 'https://github.com/x')).toBe('https://github.com/x')
    expect(authorHref(config, 'mailto:a@b.c')).toBe('mailto:a@b.c')
    expect(authorHref(config, '//cdn.example/x.png')).toBe('//cdn.example/x.png')
    expect(authorHref(config, '/about/#联系')).toBe('/blog/about/#%E8%81%94%E7%B3%BB')
    expect(authorHref(config, 'images/a b.png')).toBe('/blog/images/a%20b.png')
    expect(authorHref(config, '/images/%E5%9B%BE.png?v=2')).toBe('/blog/images/%E5%9B%BE.png?v=2')
    expect(authorHref(config, '/100%.png')).toBe('/blog/100%25.png')
    expect(authorAbsolute(config, '/images/avatar.svg')).toBe('https://example.org/blog/images/avatar.svg')
    expect(authorAbsolute(config, 'https://x.org/a.png')).toBe('https://x.org/a.png')
  })
})

describe('output paths', () => {
  it('maps URL paths to output files inside the output folder', () => {
    expect(outPathOf('/')).toBe('index.html')
    expect(outPathOf('/posts/a/')).toBe('posts/a/index.html')
    expect(outPathOf('/posts/a#b/')).toBe('posts/a#b/index.html')
    expect(outPathOf('/404.html')).toBe('404.html')
    expect(isContained('posts/a/index.html')).toBe(true)
    expect(isContained('../x')).toBe(false)
    expect(isContained('a/../../x')).toBe(false)
    expect(isContained('a\\b')).toBe(false)
  })
})
