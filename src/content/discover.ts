/**
 * Find the content files of a site root: posts (single files and bundles),
 * columns and pages, sorted by path so every later stage sees one order.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { EntryKind } from '../types.js'

/** A content file found on disk. */
export interface SourceRef {
  kind: EntryKind
  /** Path relative to the site root, posix. */
  path: string
  /** Name from the file (bundle folder for index.md). */
  name: string
  bundle: boolean
  /** For bundles: the other files of the bundle folder, root-relative. */
  assets: string[]
}

/** Files and folders that are never content. */
export function ignored(name: string): boolean {
  return name.startsWith('.') || name.startsWith('_') || name === 'node_modules'
}

async function list(dir: string): Promise<Array<{ name: string; dir: boolean }>> {
  try {
    const entries = await readdir(dir, { withFileTypes: true })
    return entries
      // Symbolic links are listed as files: a dangling one is then reported as unreadable.
      .filter((e) => !ignored(e.name) && (e.isDirectory() || e.isFile() || e.isSymbolicLink()))
      .map((e) => ({ name: e.name, dir: e.isDirectory() }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch {
    return []
  }
}

async function filesUnder(root: string, rel: string): Promise<string[]> {
  const out: string[] = []
  for (const item of await list(join(root, rel))) {
    const path = `${rel}/${item.name}`
    if (item.dir) out.push(...(await filesUnder(root, path)))
    else out.push(path)
  }
  return out
}

async function posts(root: string, rel: string, out: SourceRef[]): Promise<void> {
  for (const item of await list(join(root, rel))) {
    const path = `${rel}/${item.name}`
    if (!item.dir) {
      if (item.name.endsWith('.md')) out.push({ kind: 'post', path, name: item.name.slice(0, -3), bundle: false, assets: [] })
      continue
    }
    const inner = await list(join(root, path))
    if (inner.some((i) => !i.dir && i.name === 'index.md')) {
      const assets = (await filesUnder(root, path)).filter((p) => p !== `${path}/index.md` && !p.endsWith('.md'))
      out.push({ kind: 'post', path: `${path}/index.md`, name: item.name, bundle: true, assets })
    } else {
      await posts(root, path, out)
    }
  }
}

/**
 * Discover every content file under `root/content`.
 *
 * @param root Site root (absolute).
 * @returns Sources, sorted by path.
 */
export async function discover(root: string): Promise<SourceRef[]> {
  const out: SourceRef[] = []
  await posts(root, 'content/posts', out)
  for (const [kind, folder] of [['column', 'content/columns'], ['page', 'content/pages']] as const) {
    for (const item of await list(join(root, folder))) {
      if (!item.dir && item.name.endsWith('.md')) {
        out.push({ kind, path: `${folder}/${item.name}`, name: item.name.slice(0, -3), bundle: false, assets: [] })
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
