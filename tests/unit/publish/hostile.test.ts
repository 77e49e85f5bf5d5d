/**
 * The hostile fixture: quotes, `<`, `&`, `]]>`, emoji and control characters
 * in titles, tags, the column, the author and bodies. Every feed must parse
 * and carry the text unchanged, less the characters XML 1.0 forbids.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../../.build/src/build.js'
import { NOW, readTree, tempDir } from '../../helpers/tree.js'
import { checkAtom, checkJson, checkRss, copySite, decodeHtml, foldersWith, metaOf, jsonLdOf, parseXml, textOf, urlsIn } from './helpers.js'

const fixture = join(import.meta.dirname, '..', '..', 'fixtures', 'sites', 'hostile')
let root: string
let out: string
const read = (path: string): string => readFileSync(join(out, path), 'utf8')

// What the fixture's YAML says, decoded by hand (content/posts/hostile.md, content/site.yaml).
const title = `Quotes "double" 'single' <tag> & amp ]]> end 🦊 \u0001\u001Fctl`
const titleClean = `Quotes "double" 'single' <tag> & amp ]]> end 🦊 ctl`
const tags = ['a<b>&c', ']]>', 'emoji 🦊', 'ctl\u0007bell']
const tagsClean = ['a<b>&c', ']]>', 'emoji 🦊', 'ctlbell']
const siteTitle = 'Hostile <Site> & "Co" ]]> 🦊'
// A post whose body holds raw control characters (written here: they cannot be committed readably).
const controlBody = 'Bell\u0007 vertical\u000B tab\tform\u000C feed \uFFFE and \uFFFF end ]]> done'
const controlClean = 'Bell vertical tab\tform feed  and  end ]]> done'

async function buildAt(rootDir: string, outDir: string) {
  return build({ root: rootDir, outDir, flags: { drafts: false, future: false }, now: NOW, cache: false })
}

beforeAll(async () => {
  root = tempDir('publish-hostile')
  copySite(fixture, root)
  writeFileSync(join(root, 'content/posts/control.md'), `---\ntitle: "Control \\x0B title"\ndate: 2025-03-01\n---\n${controlBody}\n`)
  out = tempDir('publish-hostile-out')
  const result = await buildAt(root, out)
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
})

describe('feeds with hostile text', () => {
  it('every feed parses and passes the checks', () => {
    const folders = foldersWith(out, 'atom.xml')
    // The site, four tags (one per distinct slug) and the column.
    expect(folders.length).toBe(1 + 4 + 1)
    for (const folder of folders) {
      checkAtom(read(folder + 'atom.xml'), folder)
      checkRss(read(folder + 'rss.xml'), folder)
      checkJson(read(folder + 'feed.json'), folder)
    }
  })

  it('titles, tags, the site, column and author names round-trip', () => {
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    // feed.limit is 2 in the fixture: the two newest of three posts (the generated one is newest).
    expect(atom.entry.map((e: any) => textOf(e.id))).toEqual([
      'tag:hostile.example,2025-03-01:posts/control',
      'tag:hostile.example,2025-02-03:posts/hostile'
    ])
    expect(textOf(atom.entry[0].title)).toBe('Control  title')
    expect(title).not.toBe(titleClean)
    expect(textOf(atom.entry[1].title)).toBe(titleClean)
    expect(atom.entry[1].category.map((c: any) => c['@term'])).toEqual(tagsClean)
    expect(textOf(atom.title)).toBe(siteTitle)
    expect(textOf(atom.author.name)).toBe('Ann <b> & "Co"')
    const rss = checkRss(read('rss.xml'), 'rss.xml')
    expect(textOf(rss.item[1].title)).toBe(titleClean)
    expect(rss.item[1].category.map(textOf)).toEqual(tagsClean)
    expect(textOf(rss.title)).toBe(siteTitle)
    const json = checkJson(read('feed.json'), 'feed.json')
    expect(json.items[1].title).toBe(titleClean)
    expect(json.items[1].tags).toEqual(tagsClean)
    expect(json.authors[0].name).toBe('Ann <b> & "Co"')
    expect(tags).toHaveLength(4)
    const column = checkAtom(read('columns/hostile/atom.xml'), 'column')
    expect(textOf(column.title)).toBe(`${siteTitle} · Column <&> "q" ]]> 🦊`)
  })

  it('bodies round-trip in every format, URLs absolute', () => {
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    const rss = checkRss(read('rss.xml'), 'rss.xml')
    const json = checkJson(read('feed.json'), 'feed.json')
    const html = textOf(atom.entry[1].content)
    expect(textOf(rss.item[1]['content:encoded'])).toBe(html)
    expect(json.items[1].content_html).toBe(html)
    const text = decodeHtml(html.replace(/<[^>]*>/g, ''))
    expect(text).toContain(`Body with a < b && c > d, "quotes", 'apostrophes', ]]> and 🦊 emoji.`)
    expect(text).toContain('x ]]> y <z> & w')
    expect(text).toContain('Last paragraph ]]]]>> end.')
    for (const url of urlsIn(html)) expect(url).toMatch(/^https:\/\/hostile\.example\//)
    // A root-relative link in a post names a page of the site: under its base path.
    expect(html).toContain('href="https://hostile.example/sub/about/"')
    expect(html).toContain('href="https://hostile.example/sub/posts/hostile/#more-text"')
    // Own summary (content/posts/plain.md), escaped once; in the feed of its tag `a<b>&c` (slug a-b-c).
    const tag = checkAtom(read('tags/a-b-c/atom.xml'), 'tag')
    expect(tag.entry.map((e: any) => textOf(e.id))).toEqual(['tag:hostile.example,2025-02-03:posts/hostile', 'tag:hostile.example,2025-01-01:posts/plain'])
    expect(decodeHtml(textOf(tag.entry[1].summary).replace(/<[^>]*>/g, ''))).toBe('Own summary with <angle> & ]]> and 🦊')
    expect(checkJson(read('tags/a-b-c/feed.json'), 'tag').items[1].summary).toBe('Own summary with <angle> & ]]> and 🦊')
  })

  it('control characters in a body are dropped, nothing else', () => {
    const atom = checkAtom(read('atom.xml'), 'atom.xml')
    const rss = checkRss(read('rss.xml'), 'rss.xml')
    const json = checkJson(read('feed.json'), 'feed.json')
    for (const html of [textOf(atom.entry[0].content), textOf(rss.item[0]['content:encoded']), json.items[0].content_html]) {
      expect(decodeHtml(html.replace(/<[^>]*>/g, '')).trim()).toBe(controlClean)
    }
    expect(controlBody).not.toBe(controlClean)
  })

  it('metadata of a hostile post page survives', () => {
    const html = read('posts/hostile/index.html')
    const meta = metaOf(html)
    expect(meta.get('og:title')?.[0].replace(/[\u0000-\u001F]/g, '')).toBe(titleClean)
    expect(meta.get('article:tag')?.map((t) => t.replace(/[\u0000-\u001F]/g, ''))).toEqual(tagsClean)
    const ld = jsonLdOf(html).find((x) => x['@type'] === 'BlogPosting')
    expect(ld.headline.replace(/[\u0000-\u001F]/g, '')).toBe(titleClean)
    expect(ld.isPartOf.name).toBe('Column <&> "q" ]]> 🦊')
  })

  it('is byte-identical across builds and time zones', async () => {
    const before = process.env.TZ
    try {
      const outs: Map<string, Buffer>[] = []
      for (const tz of ['America/Los_Angeles', 'Asia/Shanghai']) {
        process.env.TZ = tz
        const dir = tempDir('publish-hostile-tz')
        await buildAt(root, dir)
        outs.push(readTree(dir))
      }
      const publishing = (m: Map<string, Buffer>) =>
        [...m.entries()].filter(([k]) => /(atom\.xml|rss\.xml|feed\.json|sitemap\.xml|robots\.txt)$/.test(k)).map(([k, v]) => [k, v.toString('utf8')])
      expect(publishing(outs[0]).length).toBeGreaterThan(10)
      expect(publishing(outs[0])).toEqual(publishing(outs[1]))
      expect(publishing(outs[0])).toEqual(publishing(readTree(out)))
    } finally {
      if (before === undefined) delete process.env.TZ
      else process.env.TZ = before
    }
  })
})
