/**
 * Content hashes of files, memoised by path, size and mtime for the life of
 * the process. A build hashes the same image up to three times (has anything
 * changed, is the cached post still valid, what to copy); in dev the same
 * files are hashed on every rebuild. Content, not mtime, is what the hash
 * says: the memo only saves reading a file whose stat has not changed since.
 */
import { readFileSync, statSync } from 'node:fs'
import { hashBytes } from './hash.js'

const memo = new Map<string, { size: number; mtimeMs: number; hash: string }>()

/**
 * The sha1 and size of a file, or undefined when it cannot be read.
 *
 * @param path Absolute path.
 * @returns Hash and size.
 */
export function fileHash(path: string): { hash: string; size: number } | undefined {
  const s = statSync(path, { throwIfNoEntry: false })
  if (!s || !s.isFile()) return undefined
  const known = memo.get(path)
  if (known && known.size === s.size && known.mtimeMs === s.mtimeMs) return known
  let data: Buffer
  try {
    data = readFileSync(path)
  } catch {
    return undefined
  }
  const entry = { size: data.byteLength, mtimeMs: s.mtimeMs, hash: hashBytes(data) }
  if (memo.size > 50_000) memo.clear()
  memo.set(path, entry)
  return entry
}
