/** Test helpers: read a folder into a map of relative path → bytes, and temp folders. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** Every file under `dir`, relative posix path → contents. */
export function readTree(dir: string, prefix = ''): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name)
    const rel = prefix + name
    if (statSync(abs).isDirectory()) for (const [k, v] of readTree(abs, rel + '/')) out.set(k, v)
    else out.set(rel, readFileSync(abs))
  }
  return out
}

/** A new empty temporary folder. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `inkstone-${label}-`))
}

/** The pinned "now" of fixture builds. */
export const NOW = Date.parse('2026-11-28T00:00:00Z')
