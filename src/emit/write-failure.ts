/**
 * A file system that cannot take the output (full, over quota, read-only,
 * failing) is the build's problem to report, not a crash and not the fault
 * of the page being written when it happened.
 */
import { problem } from '../messages.js'
import type { Problem } from '../types.js'

/** Error codes of a file system that cannot take the output. */
const WRITE_ERRORS = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EIO', 'EACCES', 'EPERM', 'EFBIG'])

/**
 * A write-failed problem for an exception of the file system while writing the output.
 *
 * @param error What was thrown.
 * @param outDir The output folder (named when the error names no path).
 * @returns The problem, or undefined when the error is not the file system's (rethrow it).
 */
export function writeFailure(error: unknown, outDir: string): Problem | undefined {
  const code = (error as NodeJS.ErrnoException)?.code
  if (!code || !WRITE_ERRORS.has(code)) return undefined
  const path = (error as NodeJS.ErrnoException).path ?? outDir
  return problem(outDir, 'write-failed', `Cannot write the output (${code}: ${path}); the previous output was left as it was`)
}
