/**
 * Load the Markdown stack (unified, its plugins, Shiki, KaTeX). Importing
 * its ~400 modules one by one costs ~185 ms on our machines, paid by every
 * build that parses a file (a one-post edit) and by every parse worker; the
 * same code bundled by esbuild into a few files (`npm run compile` makes it,
 * see bundle.ts) loads in ~55 ms. The bundle is used only when its stamp
 * says it was made from exactly this tool (code, lockfile, version), so a
 * `tsc` without the bundle step can never run stale code: it falls back to
 * the modules themselves.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { toolDigestOf } from '../cache/digest.js'
import { packageRoot } from '../render/theme.js'

/** Where `npm run compile` puts the bundle, and the name of its stamp file. */
export const BUNDLE_DIR = join(packageRoot, '.build', 'bundle', 'markdown')
export const BUNDLE_STAMP = 'stamp.txt'

/** What the Markdown stack exports. */
export type MarkdownModule = typeof import('./index.js')

/**
 * The URL of the bundle when it is current, else undefined (use the modules).
 * Never the bundle when running from the TypeScript sources (tests).
 *
 * @returns Module URL or undefined.
 */
export function markdownBundle(): string | undefined {
  if (import.meta.url.endsWith('.ts')) return undefined
  try {
    if (readFileSync(join(BUNDLE_DIR, BUNDLE_STAMP), 'utf8') !== toolDigestOf()) return undefined
  } catch {
    return undefined
  }
  return pathToFileURL(join(BUNDLE_DIR, 'index.js')).href
}

/**
 * Import the Markdown stack.
 *
 * @param bundle The bundle's URL (markdownBundle()), or undefined for the modules.
 * @returns The module.
 */
export async function loadMarkdown(bundle: string | undefined): Promise<MarkdownModule> {
  return bundle ? ((await import(bundle)) as MarkdownModule) : import('./index.js')
}
