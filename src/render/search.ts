/**
 * The site's full-text search index as generated files: the entry
 * `search.json` (which the theme's search box fetches on first focus) and
 * the files under `search/` it names (see search/build-index.ts). Every
 * published post is indexed (drafts never in a build): title, headings and
 * body text (RenderedBody.searchText), code blocks only when
 * `search: { code: true }` is set in site.yaml. Pure; built from the site graph.
 */
import { createHash } from 'node:crypto'
import type { GeneratedFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { href } from '../site/urls.js'
import { buildIndex, numberedPaths, type IndexInput } from '../search/build-index.js'
import { engineSource } from '../search/engine-source.js'

/** Output path of the index's entry (its href is `view.site.searchIndex`). */
export const searchIndexPath = 'search.json'

/** Folder of the index's other files: the entry's path without `.json`. */
const searchDir = 'search/'

/**
 * The search engine as a script for the browser, fetched with the index on
 * a reader's first search (every page does not carry it): it sets
 * `window.inkstoneSearchEngine`. Named after its content, like the index.
 */
const engineText = `window.inkstoneSearchEngine=(${engineSource.replace(/^\s*\/\/.*\n/gm, '').replace(/\n\s+/g, '\n')})();\n`

/** Output path of the engine script (its href is `view.site.searchEngine`). */
export const searchEnginePath = `${searchDir}engine.${createHash('sha1').update(engineText).digest('hex').slice(0, 8)}.js`

/**
 * The posts a search index holds, oldest first (ties as the graph breaks
 * them): a new post takes the next id and moves no other. Never drafts
 * (`--drafts` shows them, but a reader's search never finds them).
 *
 * @param graph Site graph.
 * @returns Posts.
 */
function indexedPosts(graph: SiteGraph): SiteGraph['posts'] {
  return graph.posts.filter((post) => !post.entry.matter.draft).reverse()
}

/**
 * What the index holds of each post.
 *
 * @param graph Site graph.
 * @returns Index inputs, oldest first.
 */
export function searchInputsOf(graph: SiteGraph): IndexInput[] {
  return indexedPosts(graph).map((post) => ({
    title: post.title,
    date: post.entry.matter.date.iso.slice(0, 10),
    ...(post.column ? { column: post.column.title } : {}),
    url: href(graph.config, post.url),
    headings: post.entry.body.headings.map((h) => h.text),
    // Made with the body at its parse (with or without code, as `search.code` says), kept in the entry cache.
    text: post.entry.body.searchText
  }))
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/**
 * The search index's files. In a build their names carry their content's
 * hash and the index is made at once (the names depend on it); in
 * `inkstone dev` they are named by number and the index is made when the
 * browser first asks for one of them.
 *
 * @param graph Site graph.
 * @param lazy Made on request (`inkstone dev`).
 * @returns Generated files: the engine script, the entry, the rest.
 */
export function searchFiles(graph: SiteGraph, lazy: boolean): GeneratedFile[] {
  const allPaths = (): string[] => graph.posts.map((p) => p.entry.path)
  const engine: GeneratedFile = { outPath: searchEnginePath, key: () => 'search:' + searchEnginePath, make: () => engineText, reads: () => [] }
  if (lazy) {
    let built: ReturnType<typeof buildIndex> | undefined
    let byPath: Map<string, string> | undefined
    const index = (): Map<string, string> => {
      built ??= buildIndex(searchInputsOf(graph), { hashed: false })
      return (byPath ??= new Map([[searchIndexPath, built.entry], ...built.files.map((f): [string, string] => [searchDir + f.path, f.text])]))
    }
    return [engine, ...[searchIndexPath, ...numberedPaths(indexedPosts(graph).length).map((p) => searchDir + p)].map((outPath) => ({
      outPath, key: () => 'search:' + hashOf(index().get(outPath)!), make: () => index().get(outPath)!, reads: allPaths
    }))]
  }
  const built = buildIndex(searchInputsOf(graph), { hashed: true })
  return [
    engine,
    { outPath: searchIndexPath, key: () => 'search:' + hashOf(built.entry), make: () => built.entry, reads: allPaths },
    // A file named after its content is the same file whenever its name is: it reads nothing that could change it.
    ...built.files.map((f) => ({ outPath: searchDir + f.path, key: () => 'search:' + f.hash, make: () => f.text, reads: () => [] }))
  ]
}
