/**
 * List the output folder: every file with its size and mtime, which the
 * build compares with its manifest (a file changed, added or removed by
 * hand is made again or removed). At 4,000 posts that is ~6,000 files in
 * ~6,000 folders, ~55 ms of system calls, so a build lists it in its aside
 * worker thread (workers/aside.ts) while its own thread loads the config,
 * finds the sources and reads the manifest.
 */
import { readdirSync, statSync } from 'node:fs'
import { sep } from 'node:path'

/** Files in the output folder: path → size and mtime. */
export type DiskState = Map<string, { size: number; mtimeMs: number }>

/**
 * A listing in a form that crosses threads cheaply: the paths joined by NUL
 * (a path never holds one), and each file's size and mtime in turn.
 */
export interface FlatListing {
  paths: string
  numbers: Float64Array
}

/**
 * List the files of an output folder.
 *
 * @param dir Output folder (absolute).
 * @returns Disk state.
 */
export async function scanOutput(dir: string): Promise<DiskState> {
  return stateOf(listOutput(dir))
}

/**
 * List the files of an output folder, flat (see FlatListing).
 *
 * @param dir Output folder (absolute).
 * @returns The listing.
 */
export function listOutput(dir: string): FlatListing {
  const paths: string[] = []
  const numbers: number[] = []
  listInto(dir, '', paths, numbers)
  return { paths: paths.join('\0'), numbers: new Float64Array(numbers) }
}

/** The disk state of a flat listing. */
export function stateOf(listing: FlatListing): DiskState {
  const found: DiskState = new Map()
  if (listing.paths === '') return found
  const paths = listing.paths.split('\0')
  for (let i = 0; i < paths.length; i++) found.set(paths[i], { size: listing.numbers[2 * i], mtimeMs: listing.numbers[2 * i + 1] })
  return found
}

// Synchronous on purpose: stat-ing thousands of files through promises costs
// a thread-pool round trip each, about five times slower than a plain loop.
// Paths by concatenation: path.join normalises every one, which showed in profiles.
function listInto(dir: string, prefix: string, paths: string[], numbers: number[]): void {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch {
    return
  }
  for (const e of entries) {
    const path = prefix + e.name
    if (e.isDirectory()) listInto(dir + sep + e.name, path + '/', paths, numbers)
    else if (e.isFile() || e.isSymbolicLink()) {
      const s = statSync(dir + sep + e.name, { throwIfNoEntry: false })
      if (s) {
        paths.push(path)
        numbers.push(s.size, s.mtimeMs)
      }
    }
  }
}
