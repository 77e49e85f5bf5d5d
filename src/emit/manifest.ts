/**
 * The output manifest: what the last successful build wrote (hash, size,
 * mtime per output path, and the view hash of each rendered route). Kept in
 * the cache folder, keyed by the output folder, so deploys never see it.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Problem } from '../types.js'
import type { DiskState } from './scan.js'

/** One output file as last written. */
export interface ManifestEntry {
  hash: string
  size: number
  mtimeMs: number
  /** Hash of the route's view-model and theme, for rendered pages. */
  view?: string
}

/** The whole manifest. */
export interface Manifest {
  version: 1
  files: Record<string, ManifestEntry>
  /** Digest of every input of the build that wrote this output (see build-inputs.ts). */
  inputs?: string
  /** Digest of its inputs besides the Markdown sources (contextDigest in build-inputs.ts). */
  context?: string
  /** Per Markdown source of that build: its content hash, a digest of its graph facts and one of its plain-text excerpt. */
  sources?: Record<string, [hash: string, facts: string, excerpt?: string]>
  /** Per Markdown source of that build: its stat when read (statKey in content/read-sources.ts). */
  sourceStats?: Record<string, string>
  /** When that build began (ms): sources last changed well before it may be trusted by their stat. */
  statsAt?: number
  /** The asset paths its pages were made with (theme, KaTeX, favicon). */
  routeOptions?: string
  /** Until when (ms) the clock cannot change the published posts; null: never. */
  horizon?: number | null
  /** The warnings of that build, printed again when a build stops early. */
  problems?: Problem[]
  /** Counts for the summary line of a build that stops early. */
  counts?: { posts: number; pages: number }
}

/**
 * Where the manifest of an output folder lives.
 *
 * @param cacheDir Cache folder.
 * @param outDir Output folder (absolute).
 * @returns Manifest path.
 */
export function manifestPath(cacheDir: string, outDir: string): string {
  return join(cacheDir, `manifest-${createHash('sha1').update(outDir).digest('hex').slice(0, 12)}.json`)
}

/**
 * Read a manifest; a missing or corrupt one is an empty manifest.
 *
 * @param path Manifest path.
 * @returns Manifest.
 */
export async function readManifest(path: string): Promise<Manifest> {
  try {
    // One synchronous read (~2 MB at 4,000 posts): a promise read comes back in 512 KB pieces.
    const data = JSON.parse(readFileSync(path, 'utf8')) as Manifest
    if (data.version === 1 && typeof data.files === 'object' && data.files !== null) return data
  } catch {
    // Missing or corrupt: start over (emit then compares bytes on disk).
  }
  return { version: 1, files: {} }
}

/**
 * Write a manifest atomically.
 *
 * @param path Manifest path.
 * @param manifest Manifest.
 */
export async function writeManifest(path: string, manifest: Manifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  await writeFile(tmp, JSON.stringify(manifest))
  await rename(tmp, path)
}

/**
 * Whether the output folder holds exactly the files of the manifest, each as it was written (same size and
 * mtime): then the last build's output is untouched.
 *
 * @param manifest The last build's manifest.
 * @param onDisk The output folder's listing.
 * @returns Whether nothing in the folder changed since.
 */
export function outputIntact(manifest: Manifest, onDisk: DiskState): boolean {
  const paths = Object.keys(manifest.files)
  if (paths.length === 0 || paths.length !== onDisk.size) return false
  for (const path of paths) {
    const disk = onDisk.get(path)
    const last = manifest.files[path]
    if (!disk || disk.size !== last.size || disk.mtimeMs !== last.mtimeMs) return false
  }
  return true
}
