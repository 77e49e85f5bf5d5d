/**
 * A cache file found damaged after it was opened and checked: a record
 * whose bytes do not match their checksum, or a file cut short while in use.
 * It is thrown where the bytes are read (often while a page renders) and
 * caught by the build, which drops the entry cache, reports a cache problem
 * and builds again from the sources; never a template's error.
 */
import { problem } from '../messages.js'
import type { Problem } from '../types.js'

/** Thrown when a cache file turns out damaged while in use. */
export class CacheDamaged extends Error {
  /**
   * @param file The cache file's name inside the cache folder, or undefined when not known.
   * @param why What was wrong.
   */
  constructor(readonly file: string | undefined, readonly why: string) {
    super(`The cache file .inkstone-cache/${file ?? ''} is damaged (${why})`)
    this.name = 'CacheDamaged'
  }
}

/**
 * The cache-corrupt warning for a cache file that could not be read.
 *
 * @param file The file's name inside the cache folder (undefined: the folder).
 * @param why What was wrong with it.
 * @returns The problem, at the file.
 */
export function cacheProblem(file: string | undefined, why: string): Problem {
  return problem(`.inkstone-cache/${file ?? ''}`, 'cache-corrupt', `The cache could not be read (${why})`)
}
