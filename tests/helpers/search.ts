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

/**
 * An output tree with the search index's files (`search.json`, `search/{i,m,d}/*.json`) replaced by what
 * they hold, by number: `search.json#shard-K`, `search.json#doc-ID` (and the entry's counts). A build names
 * these files after their content and `inkstone dev` by number; the same index gives the same view.
 */
export function searchByNumber(tree: Map<string, Buffer>): Map<string, Buffer> {
  const entryBytes = tree.get('search.json')
  if (!entryBytes) return tree
  const entry = JSON.parse(entryBytes.toString('utf8')) as { n: number; s: number; b: number; w: number; i: string; m: string }
  const named = (list: string, k: number): string => (entry.w ? `${k}.${list.slice(k * entry.w, (k + 1) * entry.w)}` : String(k))
  const missing = Buffer.from('(missing)')
  const out = new Map([...tree].filter(([path]) => path !== 'search.json' && !/^search\/[imd]\/[^/]+\.json$/.test(path)))
  out.set('search.json#counts', Buffer.from(`${entry.n} posts, ${entry.s} shards, ${entry.b} a block`))
  for (let k = 0; k < entry.s; k++) out.set(`search.json#shard-${k}`, tree.get(`search/i/${named(entry.i, k)}.json`) ?? missing)
  for (let block = 0; block * entry.b < entry.n; block++) {
    const names = JSON.parse((tree.get(`search/m/${named(entry.m, block)}.json`) ?? Buffer.from('[]')).toString('utf8')) as string[]
    for (let i = 0; i < entry.b && block * entry.b + i < entry.n; i++) out.set(`search.json#doc-${block * entry.b + i}`, tree.get(`search/d/${names[i]}.json`) ?? missing)
  }
  return out
}
