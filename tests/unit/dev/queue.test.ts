import { describe, expect, it } from 'vitest'
import { BuildQueue } from '../../../src/dev/queue.js'

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

describe('BuildQueue', () => {
  it('coalesces a burst into one batch', async () => {
    const batches: string[][] = []
    const queue = new BuildQueue({ quietMs: 20, run: async (c) => void batches.push([...c].sort()) })
    for (let i = 0; i < 500; i++) queue.add(`content/posts/p${i}.md`)
    queue.add('content/posts/p1.md') // an editor's second event for the same file
    await queue.idle()
    expect(batches).toHaveLength(1)
    expect(batches[0]).toHaveLength(500)
  })

  it('runs one build at a time; changes during a build form the next batch', async () => {
    const batches: string[][] = []
    const gate = deferred()
    let running = 0
    let maxRunning = 0
    const queue = new BuildQueue({
      quietMs: 5,
      run: async (c) => {
        running++
        maxRunning = Math.max(maxRunning, running)
        batches.push([...c].sort())
        if (batches.length === 1) await gate.promise
        running--
      }
    })
    queue.add('a.md')
    while (batches.length === 0) await new Promise((r) => setImmediate(r))
    queue.add('b.md')
    queue.add('c.md')
    queue.add('a.md')
    gate.resolve()
    await queue.idle()
    expect(batches).toEqual([['a.md'], ['a.md', 'b.md', 'c.md']])
    expect(maxRunning).toBe(1)
  })

  it('keeps going after a failed build', async () => {
    const errors: unknown[] = []
    let n = 0
    const queue = new BuildQueue({ quietMs: 1, run: async () => { if (n++ === 0) throw new Error('boom') }, onError: (e) => errors.push(e) })
    queue.add('x')
    await queue.idle()
    queue.add('y')
    await queue.idle()
    expect(n).toBe(2)
    expect(errors).toHaveLength(1)
  })

  it('runs a batch without paths when asked by add() alone, also while a build runs', async () => {
    const batches: string[][] = []
    const gate = deferred()
    const queue = new BuildQueue({
      quietMs: 1,
      run: async (c) => {
        batches.push([...c])
        if (batches.length === 1) await gate.promise
      }
    })
    queue.add()
    expect(queue.busy).toBe(true)
    while (batches.length === 0) await new Promise((r) => setImmediate(r))
    // Asked again while the first batch runs: one more (empty) batch after it.
    queue.add()
    gate.resolve()
    await queue.idle()
    expect(batches).toEqual([[], []])
    expect(queue.busy).toBe(false)
  })
})
