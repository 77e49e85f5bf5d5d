/**
 * The content hash every stage uses for bytes: the entry cache's source hashes, the manifest's output
 * hashes, the hashed names of theme assets. One function, so that equal bytes give equal hashes everywhere.
 */
import { createHash } from 'node:crypto'

/**
 * Hash bytes (or text, as UTF-8).
 *
 * @param data Bytes or text.
 * @returns Hex sha1 digest.
 */
export function hashBytes(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('hex')
}
