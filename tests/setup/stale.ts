/** Which TypeScript sources have no compiled file in `.build/` as new as themselves. */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** The folders tsc compiles (tsconfig.json `include`). */
const compiled = ['src', 'templates']

/**
 * The sources (`.ts`, `.tsx`, not `.d.ts`) under src/ and templates/ whose `.js` in `.build/` is missing or
 * older than they are. tsc writes every output file on every run, so an output older than its source means
 * the source changed after the last compile.
 *
 * @param repo The repository root.
 * @returns Root-relative paths of stale sources, sorted.
 */
export function staleOutputs(repo: string): string[] {
  const stale: string[] = []
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(repo, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`
      if (entry.isDirectory()) walk(path)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        const out = statSync(join(repo, '.build', path.replace(/\.tsx?$/, '.js')), { throwIfNoEntry: false })
        if (!out || out.mtimeMs < statSync(join(repo, path)).mtimeMs) stale.push(path)
      }
    }
  }
  for (const dir of compiled) walk(dir)
  return stale.sort()
}
