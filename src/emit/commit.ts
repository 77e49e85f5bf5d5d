/**
 * The end of a build that writes: put every staged file in place, then write
 * the manifest that describes the new output (with what the build records
 * for the next one). The manifest of the old output is removed first, so a
 * build killed in between is followed by one that compares files by their bytes.
 */
import { rmSync } from 'node:fs'
import { problem } from '../messages.js'
import type { Problem } from '../types.js'
import { writeManifest, type Manifest } from './manifest.js'
import type { EmitResult, StagedEmit } from './write.js'
import { writeFailure } from './write-failure.js'

/** Where the manifest goes, and what to record in it besides the files. */
export interface CommitManifest {
  /** The manifest file; undefined when the build keeps no cache (`--no-cache`). */
  path: string | undefined
  /** The build's inputs, for the next build to compare with (see build-inputs.ts); undefined: none. */
  record?: Partial<Manifest>
}

/**
 * Commit the staged output and write its manifest.
 *
 * @param staging The staged emit.
 * @param outDir The output folder.
 * @param manifest Where the manifest goes and what it records.
 * @returns What emit did and a cache problem when the manifest could not be written; or the write-failed problem.
 */
export async function commitOutput(staging: StagedEmit, outDir: string, manifest: CommitManifest): Promise<{ result: EmitResult; problems: Problem[] } | { failed: Problem }> {
  let result
  try {
    if (manifest.path) rmSync(manifest.path, { force: true })
    result = await staging.commit()
  } catch (error) {
    const failed = writeFailure(error, outDir)
    if (failed) return { failed }
    throw error
  }
  if (manifest.record) Object.assign(result.manifest, manifest.record)
  if (!manifest.path) return { result, problems: [] }
  try {
    await writeManifest(manifest.path, result.manifest)
  } catch (error) {
    // The output is in place; without its manifest the next build compares files by their bytes.
    if (!writeFailure(error, outDir)) throw error
    rmSync(manifest.path, { force: true })
    return { result, problems: [problem('.inkstone-cache', 'cache-corrupt', `The cache could not be written (${(error as NodeJS.ErrnoException).code})`)] }
  }
  return { result, problems: [] }
}
