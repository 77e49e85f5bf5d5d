/**
 * The outputs made from the site graph besides pages: feeds, sitemap.xml,
 * robots.txt and the search index, as generated files (path now, text on
 * demand), and how a build turns them into output files. Pure.
 */
import { createHash } from 'node:crypto'
import type { GeneratedFile, OutputFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import type { DiskState } from '../emit/scan.js'
import type { ManifestEntry } from '../emit/manifest.js'
import { toolDigestOf } from '../cache/digest.js'
import { keepOrMake, keptFile } from './render.js'
import { feedFiles } from './feeds.js'
import { robotsTxt, sitemapXml, type SitemapInput } from './sitemap.js'
import { searchFiles } from './search.js'
import { redirectOutPath, redirectPage, redirectsFile } from './redirects.js'

/** Options of publishingFiles. */
export interface PublishingOptions extends SitemapInput {
  /** Output paths the site already has (its `public/` files): a `public/robots.txt` wins over ours. */
  taken?: Set<string>
  /** The files are made on request (`inkstone dev`): the search index's names must not need the index. */
  lazy?: boolean
  /** The last build's output, which the search index patches when few posts changed. */
  last?: LastOutput
  /** Told how many posts' text the search index tokenised, when it is made (see BuiltIndex.tokenised). */
  onSearchIndex?: (tokenised: number) => void
  /** The author's `public/_redirects`, merged into the site's (theirs first). */
  authorRedirects?: string
}

/** The last build's output. */
export interface LastOutput {
  /** Its manifest entries. */
  manifest: Record<string, ManifestEntry>
  /** The text of one of its files (path relative to the output folder), or undefined when it cannot be read. */
  read(outPath: string): string | undefined
}

/**
 * The last build's text of a generated file, when this very tool made it with this key.
 *
 * @param last The last build's output.
 * @param outPath The file.
 * @param keyOf The key the file would have for a given text (GeneratedFile.key).
 * @returns Its text, or undefined.
 */
function lastMade(last: LastOutput | undefined, outPath: string, keyOf: (text: string) => string): string | undefined {
  const text = last?.read(outPath)
  return text !== undefined && last!.manifest[outPath]?.view === fullKey(keyOf(text)) ? text : undefined
}

/** A generated file's key as the manifest holds it: the tool's own code is part of it, so a changed feed writer rewrites every feed. */
function fullKey(key: string): string {
  return `${toolDigestOf()}:${key}`
}

/**
 * Feeds, search index, sitemap and robots.txt of a site.
 *
 * @param graph Site graph.
 * @param options Rendered URL paths, git dates and taken output paths.
 * @returns Generated files, in a stable order.
 */
export function publishingFiles(graph: SiteGraph, options: PublishingOptions): GeneratedFile[] {
  return [
    ...feedFiles(graph),
    // The search index shows every post's body (see search.ts); the sitemap and robots.txt no body.
    ...searchFiles(graph, { lazy: options.lazy === true, lastMade: (outPath, keyOf) => lastMade(options.last, outPath, keyOf), onIndex: options.onSearchIndex }),
    textFile('sitemap.xml', () => sitemapXml(graph, options)),
    ...(options.taken?.has('robots.txt') ? [] : [textFile('robots.txt', () => robotsTxt(graph))]),
    // Aliases and `redirect_to` posts: a page each, and `_redirects` for hosts that read it (none when there are none).
    ...graph.redirects.map((r) => textFile(redirectOutPath(r), () => redirectPage(graph.config, r))),
    ...(graph.redirects.length > 0 ? [textFile('_redirects', () => redirectsFile(graph, options.authorRedirects))] : [])
  ]
}

/** A generated file keyed by its own text (for outputs that are cheap to make). */
function textFile(outPath: string, text: () => string, reads: () => readonly string[] = () => []): GeneratedFile {
  let made: string | undefined
  const make = (): string => (made ??= text())
  return { outPath, key: () => 'text:' + make().length + ':' + createHash('sha1').update(make()).digest('hex'), make, reads }
}

/**
 * Generated files as output files: one whose key is unchanged since the last
 * build, and whose file is untouched, is neither made nor written again.
 *
 * @param generated Generated files.
 * @param previous The last build's manifest entries.
 * @param onDisk The output folder now.
 * @param known The key of a file when it is known without making it (the last build's; see Route.reads), else undefined.
 * @param handOff What to do with each file and its key as soon as it is made (the build streams it to disk,
 *   so that the feeds' bytes are not all held at once); returns what to keep.
 * @returns Output files and the key of each (kept in the manifest).
 */
export function generatedOutputs(
  generated: GeneratedFile[],
  previous: Record<string, ManifestEntry>,
  onDisk: DiskState,
  known: (file: GeneratedFile) => string | undefined = () => undefined,
  handOff: (file: OutputFile, key: string) => OutputFile = (file) => file
): { files: OutputFile[]; views: Map<string, string> } {
  const views = new Map<string, string>()
  const files = generated.map((file) => {
    const { outPath, key, make } = file
    const knownKey = known(file)
    const kept = knownKey === undefined ? undefined : keptFile(outPath, knownKey, previous, onDisk)
    if (kept) {
      views.set(outPath, knownKey!)
      return handOff(kept, knownKey!)
    }
    const full = fullKey(key())
    views.set(outPath, full)
    return handOff(keepOrMake(outPath, full, make, previous, onDisk).file, full)
  })
  return { files, views }
}
