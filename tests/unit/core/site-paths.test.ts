/**
 * site.yaml's `feed.paths` and `redirects` (src/config/site-paths.ts): what
 * they read, and each bad value an error at its line.
 */
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'

const head = 'title: t\nurl: https://e.org/blog/\n'

describe('feed.paths', () => {
  it('is absent by default', () => {
    const { config, problems } = parseConfig(head)
    expect(problems).toEqual([])
    expect(config.feed.paths).toBeUndefined()
  })

  it('reads one path or a list per format, with or without the leading slash, by format then path', () => {
    const { config, problems } = parseConfig(head + 'feed:\n  limit: 5\n  paths:\n    rss: [rss2.xml, /index.xml]\n    atom: atom.xml\n    json: feeds/all.json\n')
    expect(problems).toEqual([])
    // The standard path of a format under its own format changes nothing.
    expect(config.feed.paths!.map((p) => [p.format, p.path])).toEqual([
      ['rss', '/index.xml'], ['rss', '/rss2.xml'], ['json', '/feeds/all.json']
    ])
    expect(config.feed.limit).toBe(5)
  })

  it('refuses unknown formats, folders, the site\'s own files and a path listed twice, each at its line', () => {
    const { problems } = parseConfig(head + 'feed:\n  paths:\n    atom: [feed.xml, rss.xml]\n    rss:\n      - feed.xml\n    mp3: x.mp3\n    json: [/tags/feed.json, old/]\n')
    expect(problems.map((p) => [p.ruleId, p.line, p.reason])).toEqual([
      ['config-invalid', 5, 'The feed path `/rss.xml` in `feed.paths.atom` is a file the site already writes; choose another path'],
      ['config-invalid', 7, 'The feed path `/feed.xml` is listed twice in `feed.paths` (also under `atom`)'],
      ['config-invalid', 8, 'Unknown feed format `mp3` in `feed.paths`; expected atom, rss or json'],
      ['config-invalid', 9, 'The feed path `/tags/feed.json` in `feed.paths.json` is a file the site already writes; choose another path'],
      ['config-invalid', 9, 'Expected `feed.paths.json` to be a file path like rss2.xml or /feeds/index.xml (or a list of them), not string `old/`']
    ])
    expect(problems.every((p) => p.fatal)).toBe(true)
    expect(parseConfig(head + 'feed:\n  paths: atom.xml\n').problems[0]).toMatchObject({ line: 4, reason: expect.stringContaining('to be a mapping of feed formats') })
  })
})

describe('feed.names', () => {
  it('reads file names per format; the standard name of a format under its own format changes nothing', () => {
    const { config, problems } = parseConfig(head + 'feed:\n  names:\n    rss: [index.xml, rss.xml]\n    atom: feed.atom\n')
    expect(problems).toEqual([])
    expect(config.feed.names!.map((p) => [p.format, p.path])).toEqual([['atom', 'feed.atom'], ['rss', 'index.xml']])
  })

  it('refuses paths, index.html, another format\'s name and a name listed twice, each at its line', () => {
    const { problems } = parseConfig(head + 'feed:\n  names:\n    rss: [a/index.xml, index.html, atom.xml]\n    json:\n      - x.json\n    atom: x.json\n')
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [5, 'Expected `feed.names.rss` to be a file name like index.xml (or a list of them), not string `a/index.xml`'],
      [5, 'Expected `feed.names.rss` to be a file name like index.xml (or a list of them), not string `index.html`'],
      [5, 'The feed name `atom.xml` in `feed.names.rss` is taken by the atom feed'],
      [8, 'The feed name `x.json` in `feed.names.atom` is taken by the json feed']
    ])
  })
})

describe('redirects', () => {
  it('reads old paths (decoded, folders or files) to site paths or URLs, by old path', () => {
    const { config, problems } = parseConfig(head + 'redirects:\n  /categories/%E6%8A%80%E6%9C%AF/: /columns/技术/\n  old.html: https://other.example/x\n  /tags/Go: /tags/go/\n  /page/1/: /\n')
    expect(problems).toEqual([])
    expect(config.redirects!.map((r) => [r.from, r.to, r.place?.line])).toEqual([
      ['/categories/技术/', '/columns/技术/', 4],
      ['/old.html', 'https://other.example/x', 5],
      ['/page/1/', '/', 7],
      ['/tags/Go/', '/tags/go/', 6]
    ])
    expect(config.extra.redirects).toBeUndefined()
  })

  it('refuses a list, bad paths and targets, a redirect to itself and the same path twice, each at its line', () => {
    expect(parseConfig(head + 'redirects:\n  - /a/\n').problems[0]).toMatchObject({ line: 4, reason: expect.stringContaining('to be a mapping of old paths') })
    const { problems } = parseConfig(head + 'redirects:\n  /a/../b/: /x/\n  /c/: columns/c/\n  /d/: /d/\n  /e: /x/\n  /e/: /y/\n  /sitemap.xml: /x/\n  /f/: 3\n')
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [4, 'Expected each key of `redirects` to be an old URL path like /old/page/ or /old.html, not `/a/../b/`'],
      [5, 'Expected `redirects` to send `/c/` to a site path like /new/page/ or an http(s) URL, not string `columns/c/`'],
      [6, 'The redirect of `/d/` leads to itself'],
      [8, '`/e/` is the same path as another key of `redirects` (`/e/`)'],
      [9, 'Expected each key of `redirects` to be an old URL path like /old/page/ or /old.html, not `/sitemap.xml`'],
      [10, 'Expected `redirects` to send `/f/` to a site path like /new/page/ or an http(s) URL, not number `3`']
    ])
  })
})
