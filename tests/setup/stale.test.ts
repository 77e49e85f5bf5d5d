import { mkdirSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../helpers/tree.js'
import { staleOutputs } from './stale.js'

/** Write a file dated `seconds` after the epoch. */
function put(repo: string, path: string, seconds: number): void {
  mkdirSync(dirname(join(repo, path)), { recursive: true })
  writeFileSync(join(repo, path), '')
  utimesSync(join(repo, path), seconds, seconds)
}

describe('staleOutputs', () => {
  it('names each source whose compiled file is missing or older, and only those', () => {
    const repo = tempDir('stale')
    put(repo, 'src/fresh.ts', 100)
    put(repo, '.build/src/fresh.js', 200)
    put(repo, 'src/deep/edited.ts', 300)
    put(repo, '.build/src/deep/edited.js', 200)
    put(repo, 'src/new.ts', 100)
    put(repo, 'src/types.d.ts', 900)
    put(repo, 'templates/index.tsx', 100)
    put(repo, '.build/templates/index.js', 100)
    mkdirSync(join(repo, 'templates', 'empty'))
    expect(staleOutputs(repo)).toEqual(['src/deep/edited.ts', 'src/new.ts'])
  })
})
