/**
 * The tool version and the config digest: everything besides a file's own
 * bytes that its parse depends on, and so part of every cache key.
 *
 * - the tool version (package.json);
 * - the lockfile, so a changed plugin version invalidates the cache;
 * - the compiled code of the tool itself (path, size and mtime of every file
 *   under .build/src), so a rebuilt tool without a version bump (a local
 *   checkout, a patched install) never reads entries made by other code;
 * - the config text (site.yaml), so a changed option (highlight,
 *   summary_length, timezone, …) invalidates it;
 * - the author's Markdown plugins (inkstone.config.*, bundled), so a changed
 *   plugin or plugin version never leaves a stale page.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../package-root.js'

/** The tool version (from package.json). */
export const toolVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version

function lockDigest(): string {
  try {
    return createHash('sha256').update(readFileSync(join(packageRoot, 'package-lock.json'))).digest('hex')
  } catch {
    return 'no-lock'
  }
}

/**
 * Path and contents of every compiled file of the tool, the built-in theme
 * included. Contents, not mtimes: CI compiles afresh on every run (`npm ci`
 * runs `prepare`), and a cache keyed on mtimes would never hit there.
 */
function codeDigest(): string {
  const hash = createHash('sha256')
  const walk = (dir: string, rel: string): void => {
    let names: string[]
    try {
      names = readdirSync(dir).sort()
    } catch {
      return
    }
    for (const name of names) {
      const abs = join(dir, name)
      const s = statSync(abs, { throwIfNoEntry: false })
      if (!s) continue
      if (s.isDirectory()) walk(abs, `${rel}${name}/`)
      else if (name.endsWith('.js')) hash.update(`${rel}${name}\0`).update(readFileSync(abs)).update('\n')
    }
  }
  walk(join(packageRoot, '.build', 'src'), '')
  walk(join(packageRoot, '.build', 'templates'), 'templates/')
  return hash.digest('hex')
}

/**
 * Where the digest is kept for the process. Global, not module state: bin/
 * computes it to check the CLI bundle's stamp, and the bundle then has its
 * own copy of this module, and the code is hashed once.
 */
const memo = Symbol.for('inkstone.toolDigest')
const store = globalThis as { [memo]?: string }

/**
 * Everything about the tool that a parse depends on: version, lockfile, code.
 * Computed once per process.
 *
 * @returns Hex digest.
 */
export function toolDigestOf(): string {
  store[memo] ??= createHash('sha256').update(toolVersion).update('\0').update(lockDigest()).update('\0').update(codeDigest()).digest('hex')
  return store[memo]
}

/**
 * A digest of everything besides a file's bytes that its parse depends on.
 *
 * @param configText site.yaml text.
 * @param tool The tool digest (default: this installation's; tests pass their own).
 * @param plugins The digest of the author's Markdown plugins, when the site has them.
 * @returns Hex digest.
 */
export function configDigest(configText: string, tool: string = toolDigestOf(), plugins?: string): string {
  const hash = createHash('sha256').update(tool).update('\0').update(configText)
  // The author's Markdown plugins (inkstone.config.*): their bundle and package versions (config/markdown-plugins.ts).
  if (plugins !== undefined) hash.update('\0plugins:').update(plugins)
  return hash.digest('hex')
}
