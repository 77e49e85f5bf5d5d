/**
 * The worker pool: results in input order whatever order workers finish in,
 * errors and crashes reject (never hang), and the real parse worker gives
 * the same entries as parsing in this thread.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runPool } from '../../../src/workers/pool.js'
import { FILES_PER_WORKER, workersFor } from '../../../src/parse-entries.js'

const dir = mkdtempSync(join(tmpdir(), 'inkstone-pool-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A worker module from source text (plain ESM, so the test needs no compile step). */
function workerFile(name: string, body: string): URL {
  const file = join(dir, `${name}.mjs`)
  writeFileSync(file, `import { parentPort, workerData } from 'node:worker_threads'\n${body}\n`)
  return pathToFileURL(file)
}

const echo = workerFile('echo', `
parentPort.on('message', ({ id, input }) => {
  // Finish out of order: later inputs are often quicker.
  setTimeout(() => parentPort.postMessage({ id, ok: true, value: { n: input * 2, tag: workerData.tag } }), (7 - (input % 7)) * 3)
})`)

/** Answers at once, except for the input -1, where it spins forever (a parse that never ends). */
const spinner = workerFile('spinner', `
parentPort.on('message', ({ id, input }) => {
  if (input === -1) for (;;) {}
  parentPort.postMessage({ id, ok: true, value: input * 2 })
})`)

describe('runPool with a time budget', () => {
  it('stops a worker that hangs, gives its task to onTimeout, and finishes the others', async () => {
    const inputs = [1, 2, -1, 3, 4, 5, 6, 7]
    const timedOut: number[] = []
    const out = await runPool<number, number>(inputs, {
      file: spinner, workerData: null, size: 2, budgetMs: 1500, onTimeout: (i) => timedOut.push(i)
    })
    expect(timedOut).toEqual([2])
    expect(out.filter((_, i) => i !== 2)).toEqual([2, 4, 6, 8, 10, 12, 14])
  })

  it('a task that was only in flight beside the hanging one is run again and not blamed', async () => {
    const timedOut: number[] = []
    const out = await runPool<number, number>([-1, 9], {
      file: spinner, workerData: null, size: 1, inFlight: 2, budgetMs: 1000, onTimeout: (i) => timedOut.push(i)
    })
    expect(timedOut).toEqual([0])
    expect(out[1]).toBe(18)
  })
})

describe('runPool', () => {
  it('returns results in input order, from every worker', async () => {
    const inputs = Array.from({ length: 50 }, (_, i) => i)
    const out = await runPool<number, { n: number; tag: string }>(inputs, { file: echo, workerData: { tag: 'x' }, size: 3 })
    expect(out.map((o) => o.n)).toEqual(inputs.map((i) => i * 2))
    expect(new Set(out.map((o) => o.tag))).toEqual(new Set(['x']))
  })

  it('handles no inputs without starting workers', async () => {
    await expect(runPool([], { file: join(dir, 'missing.mjs'), workerData: null, size: 2 })).resolves.toEqual([])
  })

  it('rejects with an Internal error when a task throws in the worker', async () => {
    const file = workerFile('task-error', `
parentPort.on('message', ({ id, input }) => {
  if (input === 3) parentPort.postMessage({ id, ok: false, error: { message: 'boom on 3' } })
  else parentPort.postMessage({ id, ok: true, value: input })
})`)
    await expect(runPool([1, 2, 3, 4], { file, workerData: null, size: 2, label: (i) => `input-${i}` }))
      .rejects.toThrow(/Internal error in a worker thread on input-3: boom on 3/)
  })

  it('rejects (does not hang) when a worker crashes with an uncaught error', async () => {
    const file = workerFile('crash', `
parentPort.on('message', ({ id, input }) => {
  if (input === 5) setTimeout(() => { throw new Error('segfault-ish') })
  else parentPort.postMessage({ id, ok: true, value: input })
})`)
    const inputs = Array.from({ length: 20 }, (_, i) => i)
    await expect(runPool(inputs, { file, workerData: null, size: 2, label: (i) => `post-${i}` }))
      .rejects.toThrow(/Internal error: a worker thread crashed while working on .*post-5.*segfault-ish/)
  })

  it('rejects (does not hang) when a worker exits', async () => {
    const file = workerFile('exit', `
parentPort.on('message', ({ id, input }) => {
  if (input === 2) process.exit(3)
  parentPort.postMessage({ id, ok: true, value: input })
})`)
    await expect(runPool([0, 1, 2, 3, 4, 5], { file, workerData: null, size: 1 }))
      .rejects.toThrow(/Internal error: a worker thread exited \(code 3\)/)
  })

  it('hands each result to consume (with its input index) instead of keeping it, and can forget posted inputs', async () => {
    const inputs = Array.from({ length: 30 }, (_, i) => i)
    const seen = new Map<number, number>()
    const out = await runPool<number, { n: number }>(inputs, {
      file: echo, workerData: { tag: 'y' }, size: 2, dropInputs: true, label: (i) => `input-${i}`,
      consume: (value, index) => { seen.set(index, value.n) }
    })
    expect(out.filter((o) => o !== undefined)).toEqual([])
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(inputs)
    for (const i of inputs) expect(seen.get(i)).toBe(i * 2)
    // The caller's array is left alone.
    expect(inputs).toHaveLength(30)
  })

  it('rejects when consume throws, naming nothing it should not', async () => {
    await expect(runPool([1, 2, 3], {
      file: echo, workerData: { tag: 'z' }, size: 1,
      consume: (_value, index) => { if (index === 1) throw new Error('cannot store result 1') }
    })).rejects.toThrow(/cannot store result 1/)
  })

  it('names the task of a failing worker even when inputs are dropped', async () => {
    const file = workerFile('task-error-dropped', `
parentPort.on('message', ({ id, input }) => {
  if (input === 3) parentPort.postMessage({ id, ok: false, error: { message: 'boom on 3' } })
  else parentPort.postMessage({ id, ok: true, value: input })
})`)
    await expect(runPool([1, 2, 3, 4], { file, workerData: null, size: 2, dropInputs: true, label: (i) => `input-${i}` }))
      .rejects.toThrow(/Internal error in a worker thread on input-3: boom on 3/)
  })

  it('a worker that outgrows its heap limit fails the run with an internal error, and this process goes on', async () => {
    const file = workerFile('hog', `
const hoard = []
parentPort.on('message', () => { for (;;) hoard.push(new Array(100000).fill(Math.random())) })`)
    await expect(runPool([0], { file, workerData: null, size: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } }))
      .rejects.toThrow(/^Internal error: a worker thread crashed.*memory limit/)
  })

  it('rejects when the worker module cannot be loaded', async () => {
    const file = workerFile('syntax', 'this is not javascript')
    await expect(runPool([1], { file, workerData: null, size: 1 })).rejects.toThrow(/Internal error/)
  })
})

describe('workersFor', () => {
  it('uses this thread for few files and all cores for many', () => {
    expect(workersFor(0, undefined, 2)).toBe(0)
    expect(workersFor(10, undefined, 2)).toBe(0)
    expect(workersFor(2 * FILES_PER_WORKER - 1, undefined, 2)).toBe(0)
    expect(workersFor(4000, undefined, 2)).toBe(2)
    expect(workersFor(4000, undefined, 1)).toBe(0)
    expect(workersFor(4000, undefined, 8)).toBe(8)
  })
  it('obeys an explicit count, capped by the files to parse', () => {
    expect(workersFor(4000, 0, 2)).toBe(0)
    expect(workersFor(4000, 1, 2)).toBe(1)
    expect(workersFor(1, 4, 2)).toBe(1)
    expect(workersFor(0, 4, 2)).toBe(0)
  })
})
