/**
 * The theme's own assets (its CSS and script) as output files, each with a
 * content hash in its name so that browsers may cache them forever.
 */
import type { OutputFile } from '../types.js'
import { hashBytes } from '../util/hash.js'

/** The theme's assets as output files, and the hashed name of each (by its path in the theme). */
export interface ThemeAssetFiles {
  files: OutputFile[]
  names: Record<string, string>
}

/**
 * Name each asset after its content: `assets/theme.css` → `assets/theme.<hash>.css`.
 *
 * @param assets The theme's assets: path → text.
 * @returns The files, and the hashed name of each path.
 */
export function themeAssetFiles(assets: Record<string, string>): ThemeAssetFiles {
  const files: OutputFile[] = []
  const names: Record<string, string> = {}
  for (const [path, text] of Object.entries(assets)) {
    const data = new TextEncoder().encode(text)
    const hash = hashBytes(data)
    const hashed = path.replace(/(\.[a-z]+)$/, `.${hash.slice(0, 8)}$1`)
    names[path] = hashed
    files.push({ outPath: hashed, kind: 'bytes', data, hash })
  }
  return { files, names }
}
