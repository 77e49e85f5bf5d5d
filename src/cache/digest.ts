/**
 * The tool version and the config digest: everything besides a file's own
 * bytes that its parse depends on, and so part of every cache key.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { packageRoot } from '../render/theme.js'

/** The tool version (from package.json). */
export const toolVersion: string = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version

/**
 * A digest of everything besides a file's bytes that its parse depends on.
 * The whole lockfile is hashed in so a changed plugin version invalidates the cache.
 *
 * @param configText site.yaml text.
 * @returns Hex digest.
 */
export function configDigest(configText: string): string {
  return createHash('sha256').update(toolVersion).update('\0').update(lockDigest).update('\0').update(configText).digest('hex')
}

const lockDigest = (() => {
  try {
    return createHash('sha256').update(readFileSync(join(packageRoot, 'package-lock.json'))).digest('hex')
  } catch {
    return 'no-lock'
  }
})()
