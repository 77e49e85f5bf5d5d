/**
 * The esbuild bundles `npm run compile` makes in `.build/bundle/` (see
 * make-bundles.ts): the CLI, and the Markdown stack it loads when a file
 * needs parsing. Node loads one big file much faster than hundreds of
 * modules (figures in the README), and every build pays for the first,
 * every parse for the second.
 *
 * A bundle is used only when its stamp says it was made from exactly this
 * tool (code, lockfile, version: toolDigestOf), so a `tsc` without the
 * bundle step never runs stale code: the modules themselves are used.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { toolDigestOf } from './cache/digest.js'
import { packageRoot } from './package-root.js'

/** The bundles, each in its folder of `.build/bundle/`, and the file that is loaded. */
export const bundles = {
  cli: { dir: join(packageRoot, '.build', 'bundle', 'cli'), file: 'main.js' },
  markdown: { dir: join(packageRoot, '.build', 'bundle', 'markdown'), file: 'index.js' }
} as const

/** The name of the stamp file in a bundle's folder: the tool digest it was made from. */
export const BUNDLE_STAMP = 'stamp.txt'

/**
 * The path of a file of a bundle (an entry point: `main.js`, a worker) when
 * the bundle is current, else undefined (use the modules). Never a bundle
 * when running from the TypeScript sources (tests).
 *
 * @param name Which bundle.
 * @param file The entry point's file name.
 * @returns Absolute path or undefined.
 */
export function bundleFile(name: keyof typeof bundles, file: string): string | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined
  const { dir } = bundles[name]
  try {
    if (readFileSync(join(dir, BUNDLE_STAMP), 'utf8') !== toolDigestOf()) return undefined
  } catch {
    return undefined
  }
  return join(dir, file)
}

/**
 * A worker thread's module: its entry point in the CLI bundle when that is
 * current (as the CLI is), else the compiled module in `.build/src/workers/`
 * (also when running from the TypeScript sources, as tests do).
 *
 * @param file The module's file name (`parse-worker.js`, `aside-worker.js`).
 * @returns File URL.
 */
export function workerModule(file: string): URL {
  return pathToFileURL(bundleFile('cli', file) ?? join(packageRoot, '.build', 'src', 'workers', file))
}

/**
 * The URL of a bundle when it is current, else undefined (use the modules).
 * Never a bundle when running from the TypeScript sources (tests).
 *
 * @param name Which bundle.
 * @returns Module URL or undefined.
 */
export function currentBundle(name: keyof typeof bundles): string | undefined {
  const file = bundleFile(name, bundles[name].file)
  return file && pathToFileURL(file).href
}
