/**
 * Load the Markdown stack (unified, its plugins, Shiki, KaTeX): from its
 * bundle when that is current (see bundles.ts), else its modules. Loaded
 * only by builds that parse a file, and once by each parse worker.
 */
import { currentBundle } from '../bundles.js'

/** What the Markdown stack exports. */
export type MarkdownModule = typeof import('./index.js')

/** The URL of the Markdown bundle when it is current, else undefined (see bundles.ts). */
export function markdownBundle(): string | undefined {
  return currentBundle('markdown')
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
