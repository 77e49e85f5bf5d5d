/**
 * Old URLs from each generator's permalink pattern (front-matter variables,
 * :title with subfolders, categories), and the choice of the new pattern
 * that keeps the most URLs.
 */
import { describe, expect, it } from 'vitest'
import { parseDate } from '../../../src/content/dates.js'
import { choosePermalink, jekyllPattern, oldUrl, type UrlFacts } from '../../../src/import/permalinks.js'

const date = { ...parseDate('2016-06-28 21:40:15', 'Asia/Shanghai')!, hour: 21, minute: 40, second: 15 }
const facts = (over: Partial<UrlFacts> = {}): UrlFacts => ({ date, fileSlug: 'hello', title: 'Hello World', categories: [], section: 'posts', data: {}, ...over })

describe('old URLs', () => {
  it('fills Hexo tokens: dates, :title with its subfolders, front-matter variables, :category as a path', () => {
    expect(oldUrl('hexo', ':year/:month/:day/:title/', facts({ fileSlug: 'notes/hello' }))).toEqual({ url: '/2016/06/28/notes/hello/' })
    expect(oldUrl('hexo', ':year/:month/:alias/', facts({ data: { alias: 'first' } }))).toEqual({ url: '/2016/06/first/' })
    expect(oldUrl('hexo', 'posts/:abbrlink.html', facts({ data: { abbrlink: '12ab34cd' } }))).toEqual({ url: '/posts/12ab34cd.html' })
    expect(oldUrl('hexo', ':category/:title/', facts({ categories: ['技术', 'Go Lang'] }))).toEqual({ url: '/技术/Go-Lang/hello/' })
    expect(oldUrl('hexo', ':category/:title/', facts())).toEqual({ url: '/uncategorized/hello/' })
    expect(oldUrl('hexo', ':kind/:title/', facts(), { kind: 'default' })).toEqual({ url: '/default/hello/' })
    expect(oldUrl('hexo', ':i_month/:i_day/:hour:minute/:name/', facts({ fileSlug: 'a/b' }))).toEqual({ url: '/6/28/2140/b/' })
  })

  it('names the token it cannot fill', () => {
    expect(oldUrl('hexo', ':year/:alias/', facts())).toEqual({ error: "the old permalink's `:alias` has no value for this post" })
    expect(oldUrl('hexo', ':year/:title/', facts({ date: undefined }))).toEqual({ error: "the old permalink's `:year` has no value for this post" })
  })

  it('takes a post\'s own permalink first', () => {
    expect(oldUrl('hexo', ':year/:title/', facts({ data: { permalink: 'about-me/' } }))).toEqual({ url: '/about-me/' })
    expect(oldUrl('hugo', '/:year/:slug/', facts({ data: { url: '/Custom/Path/' } }))).toEqual({ url: '/Custom/Path/' })
  })

  it('fills Jekyll styles: categories lower-cased and joined, :output_ext, slug from the front matter', () => {
    expect(jekyllPattern(undefined)).toBe('/:categories/:year/:month/:day/:title:output_ext')
    expect(oldUrl('jekyll', jekyllPattern('pretty'), facts({ categories: ['Notes', 'tools'] }))).toEqual({ url: '/notes/tools/2016/06/28/hello/' })
    expect(oldUrl('jekyll', jekyllPattern('date'), facts())).toEqual({ url: '/2016/06/28/hello.html' })
    expect(oldUrl('jekyll', '/:year/:title/', facts({ data: { slug: 'own' } }))).toEqual({ url: '/2016/own/' })
    expect(oldUrl('jekyll', '/blog/:slug/', facts({ fileSlug: 'Hello World!' }))).toEqual({ url: '/blog/hello-world!/' })
  })

  it('fills Hugo tokens and lower-cases the path', () => {
    expect(oldUrl('hugo', '/:year/:month/:slug/', facts())).toEqual({ url: '/2016/06/hello-world/' })
    expect(oldUrl('hugo', '/:year/:month/:slug/', facts({ data: { slug: 'Mine' } }))).toEqual({ url: '/2016/06/mine/' })
    expect(oldUrl('hugo', '/:sections/:slugorfilename/', facts({ section: 'posts/Trips', fileSlug: 'Boston' }))).toEqual({ url: '/posts/trips/boston/' })
    expect(oldUrl('hugo', '/:section/:title/', facts({ section: 'blog/x' }))).toEqual({ url: '/blog/hello-world/' })
    // Hugo's paths: each space a `-`, other characters than letters, digits and `._-#+~@` dropped (`_index 1.md` is a page).
    expect(oldUrl('hugo', '/:sections/:slugorfilename/', facts({ section: 'posts/Trips & Notes (old)', fileSlug: '_index 1' })))
      .toEqual({ url: '/posts/trips--notes-old/_index-1/' })
  })
})

describe('the new permalink', () => {
  it('keeps the old pattern when our tokens can say it, with each post\'s slug taken from its old URL', () => {
    const choice = choosePermalink(':year/:month/:alias/', [{ url: '/2016/06/first/', date }, { url: '/2016/06/second/', date }])
    expect(choice).toEqual({ permalink: '/:year/:month/:slug/', slugs: ['first', 'second'] })
  })

  it('picks the candidate keeping the most URLs; a post it cannot keep gets no slug', () => {
    const choice = choosePermalink(':category/:title/', [
      { url: '/posts/a/', date },
      { url: '/posts/b/', date },
      { url: '/tech/c/', date },
      { url: '/posts/has space/', date }
    ])
    expect(choice).toEqual({ permalink: '/posts/:slug/', slugs: ['a', 'b', undefined, undefined] })
  })

  it('never keeps a URL whose date parts are not the post\'s date, and ignores .html patterns', () => {
    const choice = choosePermalink('/:year/:month/:day/:title.html', [{ url: '/2016/06/29/a/', date }])
    expect(choice.slugs).toEqual([undefined])
    expect(choice.permalink).toBe('/posts/:slug/')
  })
})
