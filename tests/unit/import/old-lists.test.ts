/**
 * Old list pages and feeds as site.yaml settings (src/import/old-lists.ts)
 * and hexo-generator-feed's settings read (hexoFeeds).
 */
import { describe, expect, it } from 'vitest'
import { feedSettings, listRedirects, type OldLists } from '../../../src/import/old-lists.js'
import { hexoFeeds } from '../../../src/import/settings.js'

const base: OldLists = {
  kind: 'hexo', tags: new Map(), categories: [], columnOf: () => undefined, columnPosts: () => 0, tagDir: 'tags', categoryDir: 'categories',
  tagPerPage: 2, categoryPerPage: 2, paginationDir: 'page', paginate: 3, taken: () => false
}

describe('listRedirects', () => {
  it('sends old tag pages and each of their pages to the new tag page with that number, else its first', () => {
    const { redirects, skipped, old } = listRedirects({ ...base, tags: new Map([['C++', 5], ['写作', 1]]), tagDir: 'tag' })
    // Hexo's slug of C++ is `C`; the new site's `c++`. 5 posts: 3 old pages of 2, 2 new pages of 3.
    expect(redirects).toEqual([
      ['/categories/', '/columns/'],
      ['/tag/', '/tags/'],
      ['/tag/C/', '/tags/c++/'],
      ['/tag/C/page/2/', '/tags/c++/page/2/'],
      ['/tag/C/page/3/', '/tags/c++/'],
      ['/tag/写作/', '/tags/写作/']
    ])
    expect(skipped).toEqual([])
    expect(old).toEqual(['/categories/', '/tag/', '/tag/C/', '/tag/C/page/2/', '/tag/C/page/3/', '/tag/写作/'])
  })

  it('sends each old category path (Hexo: nested; Hugo: one term) to its column, counting a post once per prefix', () => {
    const columnOf = (path: string[]): string | undefined => ({ 技术: '技术', '技术\u0000Go': 'go' } as Record<string, string>)[path.join('\u0000')]
    const categories = [[['技术', 'Go']], [['技术', 'Go'], ['技术']], [['技术']]]
    expect(listRedirects({ ...base, categories, columnOf }).redirects).toEqual([
      ['/categories/', '/columns/'],
      ['/categories/技术/', '/columns/技术/'],
      ['/categories/技术/Go/', '/columns/go/'],
      ['/categories/技术/page/2/', '/columns/技术/']
    ])
    // A new column with fewer posts than the old category (Hugo: a post's second category is no column of it).
    const hugo = listRedirects({
      ...base, kind: 'hugo', categories: Array(5).fill([['Big Trips']]), columnOf: () => 'big-trips', columnPosts: () => 4,
      tags: new Map([['Sea', 1]]), sections: [['posts', 4]]
    })
    expect(hugo.redirects).toEqual([
      ['/categories/', '/columns/'],
      ['/categories/big-trips/', '/columns/big-trips/'],
      // Hugo writes page 1 of each list as an alias.
      ['/categories/big-trips/page/1/', '/columns/big-trips/'],
      ['/categories/big-trips/page/2/', '/columns/big-trips/page/2/'],
      ['/categories/big-trips/page/3/', '/columns/big-trips/'],
      ['/page/1/', '/'],
      // The main section's list: the new home page lists its posts.
      ['/posts/', '/'],
      ['/posts/page/1/', '/'],
      ['/posts/page/2/', '/'],
      ['/tags/sea/page/1/', '/tags/sea/']
    ])
  })

  it('leaves out case-only differences, paths a post took, and same URLs; Jekyll has no list pages', () => {
    const result = listRedirects({ ...base, tags: new Map([['Go', 1], ['rust', 1]]), taken: (p) => p === '/categories/' })
    expect(result.redirects).toEqual([])
    expect(result.skipped.map(([p, why]) => [p, why.split(':')[0]])).toEqual([
      ['/categories/', 'a post or page of the new site has that URL'],
      ['/tags/Go/', 'differs from `/tags/go/` only by case']
    ])
    expect(result.old).toEqual(['/categories/', '/tags/Go/', '/tags/rust/'])
    expect(listRedirects({ ...base, kind: 'jekyll', tags: new Map([['Go', 1]]) })).toEqual({ redirects: [], skipped: [], old: [] })
  })

  it('sends a category that is no column (no post has it first) to the tag of its name, else the column index', () => {
    const result = listRedirects({ ...base, kind: 'hugo', tags: new Map([['Docker', 3]]), categories: [[['Cloud'], ['Docker']], [['Cloud'], ['CI/CD']]], columnOf: (p) => (p[0] === 'Cloud' ? 'cloud' : undefined), columnPosts: () => 2 })
    expect(result.redirects.filter(([from]) => from.startsWith('/categories/'))).toEqual([
      ['/categories/', '/columns/'],
      ['/categories/ci/cd/', '/columns/'],
      ['/categories/ci/cd/page/1/', '/columns/'],
      ['/categories/cloud/', '/columns/cloud/'],
      ['/categories/cloud/page/1/', '/columns/cloud/'],
      ['/categories/docker/', '/tags/docker/'],
      ['/categories/docker/page/1/', '/tags/docker/']
    ])
  })
})

describe('old feeds', () => {
  it('reads hexo-generator-feed: one type, a list of types and paths, a folder path, or only the plugin installed', () => {
    expect(hexoFeeds(undefined, false)).toEqual([])
    expect(hexoFeeds(undefined, true)).toEqual([{ format: 'atom', path: 'atom.xml' }])
    expect(hexoFeeds({ type: 'rss2' }, true)).toEqual([{ format: 'rss', path: 'rss2.xml' }])
    expect(hexoFeeds({ type: 'atom', path: 'feed.xml' }, false)).toEqual([{ format: 'atom', path: 'feed.xml' }])
    expect(hexoFeeds({ type: ['atom', 'rss2'], path: ['atom.xml', 'rss.xml'] }, false)).toEqual([{ format: 'atom', path: 'atom.xml' }, { format: 'rss', path: 'rss.xml' }])
    expect(hexoFeeds({ type: ['rss2', 'atom'] }, false)).toEqual([{ format: 'rss', path: 'rss2.xml' }, { format: 'atom', path: 'atom.xml' }])
    expect(hexoFeeds({ type: 'atom', path: 'feeds' }, false)).toEqual([{ format: 'atom', path: 'feeds/atom.xml' }])
  })

  it('keeps paths other than the new site\'s own, and reports one the new site uses for another format', () => {
    expect(feedSettings([
      { format: 'atom', path: 'atom.xml' }, { format: 'rss', path: 'rss2.xml' }, { format: 'rss', path: '/index.xml' },
      { format: 'rss', path: 'atom.xml' }, { format: 'atom', path: 'feed.xml' }, { format: 'rss', path: 'rss2.xml' }
    ])).toEqual({
      paths: { rss: ['/index.xml', '/rss2.xml'], atom: ['/feed.xml'] },
      skipped: [['/atom.xml', 'the new site writes its atom feed there; your rss readers get that one']]
    })
  })
})
