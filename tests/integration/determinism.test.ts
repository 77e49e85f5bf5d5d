/**
 * The output does not depend on how it was made: the example blog (content/
 * and public/ of this repository) built without the cache, with a cold and
 * a warm cache, in this thread, with one worker thread and with two, gives
 * byte-identical output trees.
 */
import { cpSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { readTree, tempDir, NOW } from '../helpers/tree.js'

const repo = join(import.meta.dirname, '..', '..')
const flags = { drafts: false, future: false }
let site: string
const outs: string[] = []

function diff(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const out: string[] = []
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(path)
    const y = b.get(path)
    if (!x || !y) out.push(`${path}: only in ${x ? 'the first' : 'the second'}`)
    else if (!x.equals(y)) out.push(`${path}: bytes differ`)
  }
  return out.sort()
}

async function buildInto(label: string, options: { cache: boolean; workers?: number }) {
  const outDir = tempDir(`det-${label}`)
  outs.push(outDir)
  const result = await build({ root: site, outDir, flags, now: NOW, ...options })
  expect(result.problems.filter((p) => p.fatal)).toEqual([])
  expect(result.ok).toBe(true)
  return { result, tree: readTree(outDir) }
}

beforeAll(() => {
  site = tempDir('det-site')
  cpSync(join(repo, 'content'), join(site, 'content'), { recursive: true })
  cpSync(join(repo, 'public'), join(site, 'public'), { recursive: true })
})

afterAll(() => {
  for (const dir of [site, ...outs]) rmSync(dir, { recursive: true, force: true })
})

// Six builds of a 24-post site with KaTeX and Shiki: slow on a busy 2-core machine.
const T = 240_000

describe('determinism', () => {
  let reference: Map<string, Buffer>

  it('builds the reference: no cache, this thread', async () => {
    const r = await buildInto('nocache-w0', { cache: false, workers: 0 })
    expect(r.result.stats.parse.workers).toBe(0)
    expect(r.tree.size).toBeGreaterThan(20)
    reference = r.tree
  }, T)

  it('gives the same bytes with one worker thread', async () => {
    const r = await buildInto('nocache-w1', { cache: false, workers: 1 })
    expect(r.result.stats.parse.workers).toBe(1)
    expect(diff(reference, r.tree)).toEqual([])
  }, T)

  it('gives the same bytes with two worker threads', async () => {
    const r = await buildInto('nocache-w2', { cache: false, workers: 2 })
    expect(r.result.stats.parse.workers).toBe(2)
    expect(diff(reference, r.tree)).toEqual([])
  }, T)

  it('gives the same bytes with a cold cache (entries made by workers)', async () => {
    rmSync(join(site, '.inkstone-cache'), { recursive: true, force: true })
    const r = await buildInto('cache-cold-w2', { cache: true, workers: 2 })
    expect(r.result.stats.parse.cached).toBe(0)
    expect(diff(reference, r.tree)).toEqual([])
  }, T)

  it('gives the same bytes from a warm cache, with and without workers requested', async () => {
    const warm = await buildInto('cache-warm', { cache: true })
    expect(warm.result.stats.parse.parsed).toBe(0)
    expect(warm.result.stats.parse.cached).toBeGreaterThan(20)
    expect(diff(reference, warm.tree)).toEqual([])
    const warmW1 = await buildInto('cache-warm-w1', { cache: true, workers: 1 })
    expect(warmW1.result.stats.parse.workers).toBe(0)
    expect(diff(reference, warmW1.tree)).toEqual([])
  }, T)
})
