/**
 * Read a source blog into memory (the one place the import reads SOURCE; it
 * never writes there). Hidden files, dependency and output folders are skipped.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { SourceTree } from './types.js'

/** Folders never read, anywhere: dependencies (hidden folders are skipped too). */
const skipped = new Set(['node_modules'])
/** Top-level folders never read: generated output, bundled gems, the old theme's build resources. */
const skippedAtTop = new Set(['public', '_site', 'resources', 'vendor', 'dist'])

/**
 * Read every file under `root` (symbolic links are not followed).
 *
 * @param root Source root, absolute.
 * @returns Files by posix path, sorted, and their modification times (ms; Hexo and Jekyll date undated posts by them).
 */
export async function readTree(root: string): Promise<{ tree: SourceTree; times: Map<string, number> }> {
  const paths: string[] = []
  async function walk(rel: string): Promise<void> {
    const entries = await readdir(join(root, rel), { withFileTypes: true })
    for (const entry of entries) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`
      if (entry.isDirectory()) {
        if (entry.name.startsWith('.') && entry.name !== '.well-known') continue
        if (skipped.has(entry.name) || (rel === '' && skippedAtTop.has(entry.name))) continue
        await walk(path)
      } else if (entry.isFile() && entry.name !== '.DS_Store') {
        paths.push(path)
      }
    }
  }
  await walk('')
  paths.sort(byString)
  const tree: SourceTree = new Map()
  const times = new Map<string, number>()
  for (const path of paths) {
    tree.set(path, await readFile(join(root, path)))
    times.set(path, Math.floor((await stat(join(root, path))).mtimeMs / 1000) * 1000)
  }
  return { tree, times }
}

/** Compare two strings by code unit, the one order every list of the import uses. */
export const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
