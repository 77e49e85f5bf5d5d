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
import { buildIndex } from '../search/build-index.js'
import { numberedPaths, type IndexInput } from '../search/index-files.js'
import type { PreviousIndex } from '../search/patch-index.js'
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
    // Made with the body at its parse (with or without code, as `search.code` says), kept in the entry cache.
    digest: post.entry.body.searchDigest,
    body: () => ({ headings: post.entry.body.headings.map((h) => h.text), text: post.entry.body.searchText })
  }))
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('hex')
}

/** The key of a search file by its text. */
function keyOf(text: string): string {
  return 'search:' + hashOf(text)
}

/** The last build's text of an output file, when this tool made it with the key keyOf gives its text. */
export type LastMade = (outPath: string, keyOf: (text: string) => string) => string | undefined

/**
 * The last build's index, when this tool made it: its entry is checked
 * against the manifest, and the other files against the hashes in their names.
 *
 * @param lastMade Reads the last build's output.
 * @returns The last index, or undefined.
 */
function previousIndex(lastMade: LastMade): PreviousIndex | undefined {
  const entry = lastMade(searchIndexPath, keyOf)
  // The other files are keyed by the hash in their names (see searchFiles).
  return entry === undefined ? undefined : { entry, read: (path) => lastMade(searchDir + path, () => 'search:' + /([^./]+)\.json$/.exec(path)![1]) }
}

/**
 * The search index's files. In a build their names carry their content's
 * hash and the index is made at once (the names depend on it); in
 * `inkstone dev` they are named by number and the index is made when the
 * browser first asks for one of them.
 *
 * @param graph Site graph.
 * @param options `lazy`: made on request (`inkstone dev`); `lastMade`: reads the last build's output (a
 *   build patches its index when few posts changed); `onIndex`: told how many posts were tokenised.
 * @returns Generated files: the engine script, the entry, the rest.
 */
export function searchFiles(graph: SiteGraph, options: { lazy: boolean; lastMade?: LastMade; onIndex?: (tokenised: number) => void }): GeneratedFile[] {
  const { lazy, lastMade = () => undefined, onIndex } = options
  const allPaths = (): string[] => graph.posts.map((p) => p.entry.path)
  const engine: GeneratedFile = { outPath: searchEnginePath, key: () => 'search:' + searchEnginePath, make: () => engineText, reads: () => [] }
  if (lazy) {
    // Made when the browser first asks for one of its files, after the build (onIndex is not told).
    let byPath: Map<string, string> | undefined
    const index = (): Map<string, string> => {
      if (byPath) return byPath
      const built = buildIndex(searchInputsOf(graph), { hashed: false })
      return (byPath = new Map([[searchIndexPath, built.entry], ...built.files.map((f): [string, string] => [searchDir + f.path, f.text])]))
    }
    return [engine, ...[searchIndexPath, ...numberedPaths(indexedPosts(graph).length).map((p) => searchDir + p)].map((outPath) => ({
      outPath, key: () => keyOf(index().get(outPath)!), make: () => index().get(outPath)!, reads: allPaths
    }))]
  }
  const built = buildIndex(searchInputsOf(graph), { hashed: true, previous: previousIndex(lastMade) })
  onIndex?.(built.tokenised)
  return [
    engine,
    { outPath: searchIndexPath, key: () => keyOf(built.entry), make: () => built.entry, reads: allPaths },
    // A file named after its content is the same file whenever its name is: it reads nothing that could change it.
    ...built.files.map((f) => ({ outPath: searchDir + f.path, key: () => 'search:' + f.hash, make: () => f.text, reads: () => [] }))
  ]
}
