/** Test helpers for the dev and incremental tests: a temp copy of a fixture site and a clean-build comparison. */
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from '../../src/build.js'
import type { BuildFlags } from '../../src/types.js'
import type { SiteImage } from '../../src/render/site-image.js'
import { readTree, tempDir } from './tree.js'
import { searchByNumber } from './search.js'

/** A temporary copy of `tests/fixtures/sites/<name>/input`, without its cache. */
export function copySite(name: string): string {
  const dir = tempDir(`site-${name}`)
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'sites', name, 'input'), dir, { recursive: true })
  rmSync(join(dir, '.inkstone-cache'), { recursive: true, force: true })
  return dir
}

/**
 * Build `root` clean (no cache, fresh folder) and list the differences with `outDir`:
 * files only on one side and files whose bytes differ.
 */
export async function diffWithClean(root: string, outDir: string, flags: BuildFlags, now: number): Promise<{ diff: string[]; cleanOk: boolean; problems: string[] }> {
  return diffTreeWithClean(root, readTree(outDir), flags, now)
}

/** The same comparison for a lazy (dev) build's image: every file it would serve, made. */
export async function diffImageWithClean(root: string, image: SiteImage, flags: BuildFlags, now: number): Promise<{ diff: string[]; cleanOk: boolean; problems: string[] }> {
  const tree = new Map<string, Buffer>()
  for (const path of image.paths()) tree.set(path, Buffer.from((await image.read(path))!))
  // A dev image names the search index's files by number, a build after their content: compare what they hold.
  return diffTreeWithClean(root, searchByNumber(tree), flags, now, searchByNumber)
}

async function diffTreeWithClean(
  root: string, a: Map<string, Buffer>, flags: BuildFlags, now: number, view: (tree: Map<string, Buffer>) => Map<string, Buffer> = (t) => t
): Promise<{ diff: string[]; cleanOk: boolean; problems: string[] }> {
  const fresh = tempDir('clean')
  const clean = await build({ root, outDir: fresh, flags, now, cache: false })
  const b = view(readTree(fresh))
  const diff: string[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path)
    const y = b.get(path)
    if (!x || !y) diff.push(`${path}: only in the ${x ? 'incremental' : 'clean'} build`)
    else if (!x.equals(y)) diff.push(`${path}: bytes differ`)
  }
  rmSync(fresh, { recursive: true, force: true })
  return { diff: diff.sort(), cleanOk: clean.ok, problems: clean.problems.filter((p) => p.fatal).map((p) => `${p.path}:${p.line ?? ''} ${p.reason}`) }
}
