/** Test helper: query a built site's search index from its output folder, as the theme's script does over HTTP. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { searchEngine, type SearchResult } from '../../src/search/engine.js'

/** A searcher over `dir/search.json`, and every result of a query (titles, in result order). */
export function searchOver(dir: string): { titles(query: string): Promise<string[]>; results(query: string): Promise<SearchResult[]> } {
  const engine = searchEngine()
  const entry = JSON.parse(readFileSync(join(dir, 'search.json'), 'utf8'))
  const searcher = engine.searcher(entry, async (path) => JSON.parse(readFileSync(join(dir, 'search', path), 'utf8')))
  const results = async (query: string): Promise<SearchResult[]> => {
    const run = await searcher.search(query)
    const all: SearchResult[] = []
    while (!run.done()) all.push(...(await run.next(3)))
    return all
  }
  return { results, titles: async (query) => (await results(query)).map((r) => r.doc.t) }
}
