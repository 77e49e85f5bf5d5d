import { describe, expect, it } from 'vitest'
import { absolute, href, isContained, outPathOf, slugify, slugFromName } from '../../../src/site/urls.js'

describe('urls', () => {
  it.each([
    ['读书', '读书'],
    ['Node.js', 'node.js'],
    ['Static Sites', 'static-sites'],
    ['C++', 'c++'],
    ['..', undefined],
    ['  中文 排版 ', '中文-排版']
  ])('slugify(%j)', (name, slug) => {
    const got = slugify(name)
    if (slug) expect(got).toBe(slug)
    expect(got).not.toBe('')
    expect(got).not.toContain('/')
    expect(got.includes('..')).toBe(false)
  })

  it('never returns an empty slug', () => {
    expect(slugify('???')).toMatch(/^x-[0-9a-f]{8}$/)
    expect(slugify('???')).not.toBe(slugify('!!!'))
  })

  it('turns file names into slugs', () => {
    expect(slugFromName('my post')).toBe('my-post')
    expect(slugFromName('中文标点')).toBe('中文标点')
  })

  it('percent-encodes hrefs under the base path', () => {
    const config = { basePath: '/blog/', url: 'https://example.org/blog/' }
    expect(href(config, '/tags/读书/')).toBe('/blog/tags/%E8%AF%BB%E4%B9%A6/')
    expect(href(config, '/posts/a/#第一节')).toBe('/blog/posts/a/#%E7%AC%AC%E4%B8%80%E8%8A%82')
    expect(href({ basePath: '/' }, '/')).toBe('/')
    expect(absolute(config, '/posts/a/')).toBe('https://example.org/blog/posts/a/')
  })

  it('maps URL paths to output files inside the output folder', () => {
    expect(outPathOf('/')).toBe('index.html')
    expect(outPathOf('/posts/a/')).toBe('posts/a/index.html')
    expect(outPathOf('/404.html')).toBe('404.html')
    expect(isContained('posts/a/index.html')).toBe(true)
    expect(isContained('../x')).toBe(false)
    expect(isContained('a/../../x')).toBe(false)
    expect(isContained('a\\b')).toBe(false)
  })
})
