/**
 * The KaTeX stylesheet and fonts of a site whose posts or pages have math:
 * the subset its formulas use (katex-css.ts), read from wherever npm put
 * KaTeX (beside this package, or above it when Inkstone is a dependency).
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OutputFile } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { hashBytes } from '../util/hash.js'
import { katexSubset } from './katex-css.js'
import { copyOf } from './copies.js'

/** The KaTeX output files, and the stylesheet's output path (undefined: the site has no math). */
export interface KatexFiles {
  files: OutputFile[]
  css?: string
}

/**
 * The stylesheet (named after its content hash) and the fonts it uses; nothing when no body has math.
 *
 * @param graph The site graph.
 * @returns Files, and the stylesheet's path for the pages' heads.
 */
export async function katexFiles(graph: SiteGraph): Promise<KatexFiles> {
  const bodies = [...graph.posts.map((p) => p.entry.body), ...graph.pages.map((p) => p.entry.body)].filter((b) => b.math)
  if (bodies.length === 0) return { files: [] }
  const dist = dirname(createRequire(import.meta.url).resolve('katex/dist/katex.min.css'))
  const subset = katexSubset(await readFile(join(dist, 'katex.min.css'), 'utf8'), bodies.map((b) => b.html))
  const data = new TextEncoder().encode(subset.css)
  const hash = hashBytes(data)
  const css = `assets/katex/katex.${hash.slice(0, 8)}.css`
  return { files: [{ outPath: css, kind: 'bytes', data, hash }, ...subset.fonts.map((font) => copyOf(dist, font, `assets/katex/${font}`))], css }
}
