/**
 * Read every content file and turn it into an Entry, reusing the persistent
 * cache for files whose bytes (and the config and tool version) did not
 * change. Per-file work is a pure function of those, so a cached entry is
 * exactly what parsing would give.
 */
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Entry, Problem, SiteConfig } from './types.js'
import type { SourceRef } from './content/discover.js'
import { parseEntry } from './content/parse.js'
import type { BodyRenderer } from './content/parse.js'
import { readEntryCache, writeEntryCache, type CacheRecord } from './cache/store.js'
import { configDigest } from './cache/digest.js'

/** Counts of what parsing did. */
export interface ParseStats {
  parsed: number
  cached: number
  workers: number
}

/** Inputs of parseEntries. */
export interface ParseInput {
  root: string
  sources: SourceRef[]
  config: SiteConfig
  configText: string
  cacheDir: string
  useCache: boolean
  workers?: number
  onProgress?: (done: number, total: number, stage: string) => void
}

let renderer: { key: string; render: BodyRenderer } | undefined

/**
 * The body renderer for a config, created once per process and config. The
 * Markdown stack (unified, Shiki, KaTeX) is imported only when a file
 * actually needs parsing: a warm build never pays for loading it.
 *
 * @param root Site root.
 * @param config Site config.
 * @returns Renderer.
 */
export async function rendererFor(root: string, config: SiteConfig): Promise<BodyRenderer> {
  const key = JSON.stringify([root, config.highlight, config.summaryLength])
  if (renderer?.key !== key) {
    const { createBodyRenderer } = await import('./markdown/index.js')
    renderer = { key, render: createBodyRenderer({ root, highlight: config.highlight, summaryLength: config.summaryLength }) }
  }
  return renderer.render
}

/** Size and mtime of the files an entry references (images), to revalidate cached entries. */
async function fingerprint(root: string, entry: Entry): Promise<string> {
  const targets = entry.body.references.filter((r) => r.kind === 'asset').map((r) => r.target)
  if (targets.length === 0) return ''
  const parts = await Promise.all(
    targets.map(async (t) => {
      const s = await stat(join(root, t)).catch(() => undefined)
      return s ? `${t}:${s.size}:${s.mtimeMs}` : `${t}:missing`
    })
  )
  return parts.join('|')
}

/**
 * Parse every source, from the cache where possible.
 *
 * @param input Sources, config, cache settings.
 * @returns Entries in source order, problems of the cache itself, stats.
 */
export async function parseEntries(input: ParseInput): Promise<{ entries: Entry[]; problems: Problem[]; stats: ParseStats }> {
  const { root, sources, config } = input
  const digest = configDigest(input.configText)
  const problems: Problem[] = []
  const cache = input.useCache ? await readEntryCache(input.cacheDir, digest, problems) : new Map<string, CacheRecord>()
  const next = new Map<string, CacheRecord>()
  const entries: Entry[] = []
  let parsed = 0
  let cached = 0
  for (const [i, source] of sources.entries()) {
    let bytes: Uint8Array | Error
    try {
      bytes = await readFile(join(root, source.path))
    } catch (error) {
      bytes = error as Error
    }
    const hash = bytes instanceof Error ? '' : createHash('sha1').update(bytes).update(source.kind).update(source.assets.join('\0')).digest('hex')
    const hit = hash ? cache.get(source.path) : undefined
    if (hit && hit.hash === hash && hit.assets === (await fingerprint(root, hit.entry))) {
      entries.push(hit.entry)
      next.set(source.path, hit)
      cached++
    } else {
      const entry = await parseEntry(source, bytes, config, await rendererFor(root, config))
      entries.push(entry)
      if (hash) next.set(source.path, { hash, assets: await fingerprint(root, entry), entry })
      parsed++
    }
    if (input.onProgress && i % 200 === 199) input.onProgress(i + 1, sources.length, 'parse')
  }
  if (input.useCache && (parsed > 0 || next.size !== cache.size)) await writeEntryCache(input.cacheDir, digest, next)
  return { entries, problems, stats: { parsed, cached, workers: 0 } }
}
