/** Read back a file of the last build's output (the search index patches its own: render/search.ts). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The text of a file of the last build's output.
 *
 * @param outDir The output folder.
 * @param outPath The file, relative to it.
 * @returns Its text, or undefined when it cannot be read.
 */
export function readOutput(outDir: string, outPath: string): string | undefined {
  try {
    return readFileSync(join(outDir, outPath), 'utf8')
  } catch {
    return undefined
  }
}
