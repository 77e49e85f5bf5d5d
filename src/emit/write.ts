/**
 * Emit the output: compare with what is on disk, write only changed files
 * (temp file + rename, so no reader sees half a file), remove files that no
 * longer belong to the site, and never write outside the output folder.
 */
import { createHash } from 'node:crypto'
import { readdirSync, statSync } from 'node:fs'
import { copyFile, mkdir, readFile, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import type { OutputFile } from '../types.js'
import { isContained } from '../site/urls.js'
import type { Manifest } from './manifest.js'

/** What emit did. */
export interface EmitResult {
  written: number
  unchanged: number
  removed: number
  manifest: Manifest
}

/**
 * Hash bytes the way the manifest does.
 *
 * @param data Bytes or text.
 * @returns Hex digest.
 */
export function hashBytes(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex')
}

/** Files in the output folder: path → size and mtime. */
export type DiskState = Map<string, { size: number; mtimeMs: number }>

/**
 * List the files of an output folder.
 *
 * @param dir Output folder (absolute).
 * @param prefix Path prefix (recursion).
 * @returns Disk state.
 */
export async function scanOutput(dir: string, prefix = ''): Promise<DiskState> {
  const found: DiskState = new Map()
  scanInto(dir, prefix, found)
  return found
}

// Synchronous on purpose: stat-ing thousands of files through promises costs
// a thread-pool round trip each, about five times slower than a plain loop.
function scanInto(dir: string, prefix: string, found: DiskState): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const rel = prefix + e.name
    if (e.isDirectory()) scanInto(join(dir, e.name), rel + '/', found)
    else if (e.isFile() || e.isSymbolicLink()) {
      const s = statSync(join(dir, e.name), { throwIfNoEntry: false })
      if (s) found.set(rel, { size: s.size, mtimeMs: s.mtimeMs })
    }
  }
}

/**
 * Write `files` into `outDir`.
 *
 * @param outDir Output folder (absolute).
 * @param files Every file of the new site.
 * @param previous The manifest of the last build into this folder.
 * @param onDisk The folder's files now (from scanOutput).
 * @param views View hashes of rendered routes, by output path (kept in the manifest).
 * @returns Counts and the new manifest.
 */
export async function emit(
  outDir: string,
  files: OutputFile[],
  previous: Manifest,
  onDisk: DiskState,
  views: Map<string, string> = new Map()
): Promise<EmitResult> {
  const root = resolve(outDir)
  const manifest: Manifest = { version: 1, files: {} }
  let written = 0
  let unchanged = 0
  const wanted = new Set<string>()
  const dirs = new Set<string>()
  const pending: OutputFile[] = []
  for (const file of files) {
    const target = resolve(root, file.outPath)
    if (!isContained(file.outPath) || !target.startsWith(root + sep)) {
      throw new Error(`Internal error: output path escapes the output folder: ${file.outPath}`)
    }
    wanted.add(file.outPath)
    const disk = onDisk.get(file.outPath)
    const last = previous.files[file.outPath]
    const size = file.kind === 'bytes' ? file.data.byteLength : file.size
    if (file.kind === 'keep') {
      if (!disk) throw new Error(`Internal error: kept file vanished: ${file.outPath}`)
      unchanged++
      manifest.files[file.outPath] = { hash: file.hash, size, mtimeMs: disk.mtimeMs, view: views.get(file.outPath) }
      continue
    }
    if (disk && disk.size === size) {
      // Trust the manifest when the file is as we left it; else compare bytes.
      const same = last && last.size === disk.size && last.mtimeMs === disk.mtimeMs
        ? last.hash === file.hash
        : hashBytes(await readFile(target)) === file.hash
      if (same) {
        unchanged++
        manifest.files[file.outPath] = { hash: file.hash, size, mtimeMs: disk.mtimeMs, view: views.get(file.outPath) }
        continue
      }
    }
    pending.push(file)
    dirs.add(dirname(target))
  }
  await Promise.all([...dirs].map((d) => mkdir(d, { recursive: true })))
  // Bounded concurrency: enough to overlap I/O, not so much that it thrashes.
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const file = pending[next++]
      const target = join(root, file.outPath)
      const tmp = `${target}.${process.pid}.tmp`
      if (file.kind === 'bytes') await writeFile(tmp, file.data)
      else if (file.kind === 'copy') await copyFile(file.from, tmp)
      else continue
      await rename(tmp, target)
      const s = await stat(target)
      const size = file.kind === 'bytes' ? file.data.byteLength : file.size
      manifest.files[file.outPath] = { hash: file.hash, size, mtimeMs: s.mtimeMs, view: views.get(file.outPath) }
      written++
    }
  }
  await Promise.all(Array.from({ length: 16 }, worker))
  let removed = 0
  const emptied = new Set<string>()
  for (const path of [...onDisk.keys()].sort()) {
    if (wanted.has(path)) continue
    await rm(join(root, path), { force: true })
    removed++
    for (let d = dirname(path); d !== '.' && d !== ''; d = dirname(d)) emptied.add(d)
  }
  // Remove folders left empty, deepest first.
  for (const d of [...emptied].sort((a, b) => b.length - a.length)) await rmdir(join(root, d)).catch(() => undefined)
  // Sort keys so the manifest is stable.
  manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1)))
  return { written, unchanged, removed, manifest }
}
