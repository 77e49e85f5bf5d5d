/**
 * The fingerprint of the files an entry references (images): their content
 * hashes, kept with its cache record, so that a cached entry whose image
 * changed is parsed again (its HTML holds the image's size).
 */
import { join } from 'node:path'
import type { Entry } from '../types.js'
import { fileHash } from '../util/file-hash.js'

/** Content hashes of the files an entry references (images), to revalidate cached entries. */
export function fingerprintSync(root: string, entry: Entry): string {
  const targets = entry.body.references.filter((r) => r.kind === 'asset').map((r) => r.target)
  if (targets.length === 0) return ''
  // Contents, not mtimes: a CI checkout gives every file a new mtime.
  return targets.map((t) => `${t}:${fileHash(join(root, t))?.hash ?? 'missing'}`).join('|')
}

/**
 * Whether the files a cache record's entry references still have the
 * content hashes its fingerprint lists (the `assets` of the record, made by
 * fingerprintSync), without reading the entry. A fingerprint that does not
 * read back (a path with `|` in it) counts as changed: the file is parsed.
 *
 * @param root Site root.
 * @param assets The record's fingerprint.
 * @returns True when unchanged.
 */
export function assetsUnchanged(root: string, assets: string): boolean {
  if (assets === '') return true
  const targets: string[] = []
  for (const part of assets.split('|')) {
    const at = part.lastIndexOf(':')
    if (at <= 0) return false
    targets.push(part.slice(0, at))
  }
  return targets.map((t) => `${t}:${fileHash(join(root, t))?.hash ?? 'missing'}`).join('|') === assets
}

/** Content hashes of the files an entry references (images), to revalidate cached entries. */
export async function fingerprint(root: string, entry: Entry): Promise<string> {
  return fingerprintSync(root, entry)
}
