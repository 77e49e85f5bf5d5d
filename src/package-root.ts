/**
 * This package's root folder, found from the module's own location (a
 * module of src/ or .build/src/, or one of the bundles in .build/bundle/).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** This package's root: the nearest folder above this module with our package.json (works from src/ and .build/src/). */
export const packageRoot = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir)
    if (up === dir) throw new Error('Internal error: package.json of inkstone not found')
    dir = up
  }
  return dir
})()
