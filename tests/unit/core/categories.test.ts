/** Columns from categories (site/categories.ts): ids, nesting, matching column files, order independence. */
import { describe, expect, it } from 'vitest'
import { buildSiteGraph } from '../../../src/site/graph.js'
import { validateConfig } from '../../../src/config/schema.js'
import { emptyBody } from '../../../src/content/parse.js'
import type { ColumnEntry, Entry, PostEntry } from '../../../src/types.js'

const config = validateConfig({ data: { title: 'T', url: 'https://x.example/' }, keys: {}, values: {}, errors: [] }, 'content/site.yaml').config

function post(name: string, categories: string[] | undefined, extra: Partial<PostEntry['matter']> = {}): PostEntry {
  return {
    kind: 'post', path: `content/posts/${name}.md`, name, keys: {}, body: emptyBody, problems: [], bundle: false, assets: [],
    matter: { title: name, date: { iso: '2020-01-01T00:00:00+08:00', ms: Date.parse('2020-01-01T00:00:00+08:00'), year: 2020, month: 1, day: 1 }, tags: [], draft: false, extra: {}, ...(categories ? { categories } : {}), ...extra }
  }
}
function column(id: string, title: string): ColumnEntry {
  return { kind: 'column', path: `content/columns/${id}.md`, name: id, keys: {}, body: emptyBody, problems: [], matter: { title, extra: {} } }
}
const graphOf = (entries: Entry[]) => buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now: Date.parse('2026-01-01') })
const tree = (entries: Entry[]) => {
  const graph = graphOf(entries)
  expect(graph.problems).toEqual([])
  return {
    columns: [...graph.columnsById.values()].map((c) => `${c.id}<${c.parent?.id ?? ''}:${c.url}`).sort(),
    posts: Object.fromEntries(graph.posts.map((p) => [p.slug, p.column?.id]))
  }
}

describe('columns from categories', () => {
  it('nests a path, shares a prefix, and names a leaf used under two parents by its whole path', () => {
    expect(tree([post('a', ['技术', 'Go']), post('b', ['技术']), post('c', ['生活', 'Go'])])).toEqual({
      columns: ['技术/Go<技术:/columns/技术-go/', '技术<:/columns/技术/', '生活/Go<生活:/columns/生活-go/', '生活<:/columns/生活/'],
      posts: { a: '技术/Go', b: '技术', c: '生活/Go' }
    })
  })

  it('uses a column file named by id, slug or title, and nests new columns under it', () => {
    expect(tree([column('web', 'Web 开发'), post('a', ['web', 'CSS']), post('b', ['Web 开发']), post('c', ['WEB'])])).toEqual({
      columns: ['CSS<web:/columns/css/', 'web<:/columns/web/'],
      posts: { a: 'CSS', b: 'web', c: 'web' }
    })
  })

  it('does not depend on the order of the entries', () => {
    const entries = [post('a', ['x', 'y']), post('b', ['z', 'y']), post('c', ['x'])]
    expect(tree([...entries].reverse())).toEqual(tree(entries))
  })

  it('lets a post with `column` ignore its categories', () => {
    expect(tree([column('web', 'Web'), post('a', undefined, { column: 'web' })]).posts).toEqual({ a: 'web' })
  })
})
