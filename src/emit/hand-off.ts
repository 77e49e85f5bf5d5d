/**
 * Streaming the output to disk: each file goes to a temp file beside its
 * target as soon as it is made (StagedEmit), and only a small descriptor
 * stays in memory, never the whole site's HTML.
 */
import type { OutputFile, Problem } from '../types.js'
import type { StagedEmit } from './write.js'
import { writeFailure } from './write-failure.js'

/** Where a build hands each file it makes. */
export interface HandOff {
  /** Stage a made file (with its view hash, for pages); gives what to keep of it in memory. */
  take(file: OutputFile, view?: string): OutputFile
  /** The write-failed problem once the file system refused a file (nothing is staged after it). */
  failure(): Problem | undefined
}

/**
 * Hand files to a staged emit, or keep them whole when there is none (a build that only computes its output,
 * or has already failed).
 *
 * @param staging The staged emit, or undefined.
 * @param outDir The output folder.
 * @param onMade Called with the number of files made so far (bytes, not copies) after each one.
 * @returns The hand-off.
 */
export function handOffTo(staging: StagedEmit | undefined, outDir: string, onMade: (made: number) => void): HandOff {
  let made = 0
  let failed: Problem | undefined
  return {
    take(file, view) {
      if (file.kind === 'bytes') onMade(++made)
      if (!staging || failed) return file
      try {
        staging.stage(file, view)
      } catch (error) {
        // A full disk is not the page's fault (renderRoutes would report it as the template's): the build
        // stops writing, and fails with write-failed.
        failed = writeFailure(error, outDir)
        if (!failed) throw error
        return file
      }
      return file.kind === 'bytes' ? { outPath: file.outPath, kind: 'keep', hash: file.hash, size: file.data.byteLength } : file
    },
    failure: () => failed
  }
}
