import { describe, expect, it } from 'vitest'
import type { VFile } from 'vfile'
import { parseConfig } from '../../../src/config/load.js'
import { emptyBody, parseEntry } from '../../../src/content/parse.js'
import type { SourceRef } from '../../../src/content/discover.js'
import { buildSiteGraph } from '../../../src/site/graph.js'
import type { Entry, RenderedBody } from '../../../src/types.js'

const { config } = parseConfig('title: T\nurl: https://e.org/\npaginate: 2\n')
const now = Date.parse('2024-01-01T00:00:00Z')

/** A renderer stub: the graph only reads references and headings. */
const stub = (body: Partial<RenderedBody> = {}) => async (_file: VFile, _text: string): Promise<RenderedBody> => ({ ...emptyBody, ...body })

async function entry(path: string, text: string, body: Partial<RenderedBody> = {}): Promise<Entry> {
  const kind = path.startsWith('content/columns/') ? 'column' : path.startsWith('content/pages/') ? 'page' : 'post'
  const name = path.split('/').pop()!.replace(/\.md$/, '')
  const source: SourceRef = { kind, path, name, bundle: false, assets: [] }
  return parseEntry(source, new TextEncoder().encode(text), config, stub(body))
}

const post = (name: string, fm: string, body?: Partial<RenderedBody>) => entry(`content/posts/${name}.md`, `---\n${fm}\n---\n`, body)
const column = (id: string, fm: string) => entry(`content/columns/${id}.md`, `---\n${fm}\n---\nAbout ${id}.\n`)

describe('buildSiteGraph', () => {
  it('sorts posts newest first with the path as tie-breaker', async () => {
    const entries = [
      await post('b', 'title: B\ndate: 2022-01-01 10:00'),
      await post('a', 'title: A\ndate: 2022-01-01 10:00'),
      await post('c', 'title: C\ndate: 2023-01-01')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.posts.map((p) => p.slug)).toEqual(['c', 'a', 'b'])
    expect(graph.problems).toEqual([])
  })

  it('leaves out drafts and future posts unless asked', async () => {
    const entries = [
      await post('draft', 'title: D\ndate: 2022-01-01\ndraft: true'),
      await post('future', 'title: F\ndate: 2030-01-01'),
      await post('now', 'title: N\ndate: 2022-01-01')
    ]
    const plain = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(plain.posts.map((p) => p.slug)).toEqual(['now'])
    const all = buildSiteGraph({ entries, config, flags: { drafts: true, future: true }, now })
    expect(all.posts.map((p) => p.slug)).toEqual(['future', 'draft', 'now'])
  })

  it('merges tags by slug and keeps Chinese', async () => {
    const entries = [
      await post('a', 'title: A\ndate: 2022-01-01\ntags: [JavaScript, 读书]'),
      await post('b', 'title: B\ndate: 2022-01-02\ntags: [javascript]'),
      await post('c', 'title: C\ndate: 2022-01-03\ntags: [JavaScript]')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.tags.map((t) => [t.name, t.url, t.posts.length])).toEqual([
      ['JavaScript', '/tags/javascript/', 3],
      ['读书', '/tags/读书/', 1]
    ])
  })

  it('nests columns: a parent lists its subtree, children in order', async () => {
    const entries = [
      await column('notes', 'title: Notes'),
      await column('rust', 'title: Rust\nparent: notes\norder: 2'),
      await column('web', 'title: Web\nparent: notes\norder: 1'),
      await post('a', 'title: A\ndate: 2022-01-01\ncolumn: rust'),
      await post('b', 'title: B\ndate: 2022-01-02\ncolumn: web'),
      await post('c', 'title: C\ndate: 2022-01-03\ncolumn: notes')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    const notes = graph.columnsById.get('notes')!
    expect(notes.children.map((c) => c.id)).toEqual(['web', 'rust'])
    expect(notes.posts.map((p) => p.slug)).toEqual(['c', 'b', 'a'])
    expect(graph.columnsById.get('rust')!.posts.map((p) => p.slug)).toEqual(['a'])
    expect(graph.columns.map((c) => c.id)).toEqual(['notes'])
  })

  it('reports an unknown column with a did-you-mean at the key', async () => {
    const entries = [await column('读书', 'title: 读书'), await column('rust', 'title: Rust'), await post('a', 'title: A\ndate: 2022-01-01\ncolumn: rustt')]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.problems).toHaveLength(1)
    expect(graph.problems[0]).toMatchObject({ path: 'content/posts/a.md', ruleId: 'unknown-column', line: 4, column: 9, fatal: true })
    expect(graph.problems[0].reason).toContain('did you mean `rust`')
  })

  it('reports each column of a parent cycle', async () => {
    const entries = [await column('a', 'title: A\nparent: b'), await column('b', 'title: B\nparent: a'), await column('c', 'title: C\nparent: c')]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.problems.map((p) => [p.path, p.ruleId, p.line])).toEqual([
      ['content/columns/a.md', 'column-cycle', 3],
      ['content/columns/b.md', 'column-cycle', 3],
      ['content/columns/c.md', 'column-cycle', 3]
    ])
  })

  it('names every file that lands on one URL', async () => {
    const entries = [
      await post('a', 'title: A\ndate: 2022-01-01\nslug: same'),
      await post('b', 'title: B\ndate: 2022-01-02\nslug: same'),
      await entry('content/pages/tags.md', '---\ntitle: Tags page\n---\n')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    const got = graph.problems.map((p) => `${p.path} ${p.ruleId} ${p.line}:${p.column}`).sort()
    expect(got).toEqual([
      'content/pages/tags.md url-collision 2:8',
      'content/posts/a.md url-collision 4:7',
      'content/posts/b.md url-collision 4:7'
    ])
    const a = graph.problems.find((p) => p.path === 'content/posts/a.md')!
    expect(a.reason).toContain('content/posts/b.md')
    expect(a.cause?.path).toBe('content/posts/b.md')
    const page = graph.problems.find((p) => p.path === 'content/pages/tags.md')!
    expect(page.reason).toContain('built-in page')
  })

  it('reports an alias on a later page of a paginated list (paginate: 2), and not on a page that does not exist', async () => {
    const entries = [
      await post('a', 'title: A\ndate: 2022-01-01\ntags: [t]\naliases: [/page/2/, /tags/t/page/2/]'),
      await post('b', 'title: B\ndate: 2022-01-02\ntags: [t]'),
      await post('c', 'title: C\ndate: 2022-01-03\naliases: [/page/3/]')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    // Three posts: the home page has a page 2, no page 3; tag t's two posts fit on one page.
    expect(graph.problems.map((p) => `${p.path} ${p.ruleId} ${p.reason}`)).toEqual([
      'content/posts/a.md url-collision The alias of post `A` lands on `/page/2/`, as does a list page'
    ])
  })

  it('reports a page on the search page\'s URL', async () => {
    const entries = [await entry('content/pages/search.md', '---\ntitle: Search\n---\n')]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.problems.map((p) => `${p.path} ${p.ruleId} ${p.reason}`)).toEqual([
      'content/pages/search.md url-collision The page `Search` lands on `/search/`, as does a built-in page'
    ])
  })

  it('leaves out a bundle file whose name no URL can carry, with a warning; a link to it is an error', async () => {
    const bundle = await entry('content/posts/b/index.md', '---\ntitle: B\ndate: 2022-01-02\n---\n', {
      references: [{ kind: 'asset', target: 'content/posts/b/a\\b.png', fragment: '', line: 5, column: 1 }]
    })
    Object.assign(bundle, { bundle: true, name: 'b', assets: ['content/posts/b/a\\b.png', 'content/posts/b/ok #1.png'] })
    const graph = buildSiteGraph({ entries: [bundle], config, flags: { drafts: false, future: false }, now })
    expect([...graph.assets.keys()]).toEqual(['posts/b/ok #1.png'])
    expect(graph.problems.map((p) => [p.path, p.ruleId, p.fatal, p.line ?? 0])).toEqual([
      ['content/posts/b/index.md', 'unsafe-file-name', true, 5],
      ['content/posts/b/a\\b.png', 'unsafe-file-name', false, 0]
    ])
  })

  it('resolves a link typed in NFC to a file named in NFD, and the other way round', async () => {
    const nfd = 'café'.normalize('NFD')
    const target = await entry(`content/posts/${nfd}.md`, '---\ntitle: Café\ndate: 2022-01-02\n---\n')
    const source = await post('a', 'title: A\ndate: 2022-01-01', {
      references: [{ kind: 'link', target: `content/posts/${'café'.normalize('NFC')}.md`, fragment: '', line: 5, column: 1 }]
    })
    const graph = buildSiteGraph({ entries: [source, target], config, flags: { drafts: false, future: false }, now })
    expect(graph.problems).toEqual([])
    expect(graph.references.get('content/posts/a.md')).toEqual([{ path: graph.posts.find((p) => p.title === 'Café')!.url, fragment: '' }])
  })

  it('resolves links between posts and checks fragments', async () => {
    const target = await post('b', 'title: B\ndate: 2022-01-02', { headings: [{ depth: 2, id: '第一节', text: '第一节' }] })
    const source = await post('a', 'title: A\ndate: 2022-01-01', {
      references: [
        { kind: 'link', target: 'content/posts/b.md', fragment: '第一节', line: 5, column: 1 },
        { kind: 'link', target: 'content/posts/b.md', fragment: '第二节', line: 6, column: 3 },
        { kind: 'link', target: 'content/posts/zzz.md', fragment: '', line: 7, column: 1 }
      ]
    })
    const graph = buildSiteGraph({ entries: [source, target], config, flags: { drafts: false, future: false }, now })
    expect(graph.references.get('content/posts/a.md')).toEqual([
      { path: '/posts/b/', fragment: '第一节' }, { path: '/posts/b/', fragment: '第二节' }, { path: '/posts/a/', fragment: '' }
    ])
    expect(graph.problems.map((p) => [p.ruleId, p.line, p.column])).toEqual([
      ['missing-fragment', 6, 3],
      ['missing-link-target', 7, 1]
    ])
  })

  it('builds year and month archives, newest first', async () => {
    const entries = [
      await post('a', 'title: A\ndate: 2021-05-01'),
      await post('b', 'title: B\ndate: 2022-03-01'),
      await post('c', 'title: C\ndate: 2022-11-01')
    ]
    const graph = buildSiteGraph({ entries, config, flags: { drafts: false, future: false }, now })
    expect(graph.archives.map((y) => [y.year, y.months.map((m) => m.url)])).toEqual([
      [2022, ['/archives/2022/11/', '/archives/2022/03/']],
      [2021, ['/archives/2021/05/']]
    ])
  })
})
