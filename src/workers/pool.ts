/**
 * A small pool of worker threads that runs one kind of task over a list of
 * inputs and gives the results back in input order, whatever order the
 * workers finish in. Each worker is started once and handles many tasks, so
 * its expensive objects (the unified processor, Shiki) are made once per
 * worker. A worker that dies (uncaught error, exit, out of memory) rejects
 * the whole run with an Internal error; the other workers are stopped, so
 * the build fails instead of hanging.
 *
 * With a time budget, a worker that answers nothing for that long is
 * stopped (a synchronous parse cannot be interrupted any other way) and
 * replaced; its tasks in flight are run again one at a time, and a task that
 * runs out of time alone is handed to `onTimeout`, so one pathological file
 * costs the budget (twice at most) instead of hanging the build.
 */
import { Worker } from 'node:worker_threads'

/** What a worker posts back for one task. */
export type WorkerReply<O> = { id: number; ok: true; value: O } | { id: number; ok: false; error: { message: string; stack?: string } }

/** Options of runPool. */
export interface PoolOptions<I, O = unknown> {
  /** The compiled worker module (file URL or absolute path). */
  file: URL | string
  /** Passed to every worker as `workerData`. */
  workerData: unknown
  /** Number of worker threads (at least 1; capped at the number of tasks). */
  size: number
  /** Tasks in flight per worker, so a worker never waits for the main thread between tasks. */
  inFlight?: number
  /** A name for a task in error messages (e.g. its source path). */
  label?: (input: I, index: number) => string
  /** Called as results arrive (any order); `done` counts finished tasks. */
  onResult?: (done: number, total: number) => void
  /**
   * Takes each result as it arrives (any order) instead of the pool keeping
   * it: the returned array is then empty. Lets a caller that stores results
   * in another form drop each message as soon as it is handled. An exception
   * thrown here rejects the run like a failed task.
   */
  consume?: (value: O, index: number) => void
  /**
   * Forget each input once it is posted to a worker (only its label is kept
   * while it runs), so large inputs can be collected during the run instead
   * of after it. The caller must not hold them either for this to help.
   */
  dropInputs?: boolean
  /** V8 heap limits of each worker (see worker_threads' `resourceLimits`). */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number }
  /** Milliseconds a worker may go without answering while it has tasks (see above); none by default. */
  budgetMs?: number
  /** Called for a task that ran out of the budget alone, instead of a result (required with budgetMs). */
  onTimeout?: (index: number) => void
}

/**
 * Run `inputs` through a pool of workers.
 *
 * The worker module receives `{ id, input }` messages and must reply with a
 * WorkerReply for each.
 *
 * @param inputs Task inputs (structured-cloneable).
 * @param options Worker file, data, size.
 * @returns Outputs, in the order of `inputs`.
 */
export function runPool<I, O>(inputs: readonly I[], options: PoolOptions<I, O>): Promise<O[]> {
  const total = inputs.length
  const results = new Array<O>(total)
  if (total === 0) return Promise.resolve(results)
  const size = Math.max(1, Math.min(options.size, total))
  const inFlight = Math.max(1, options.inFlight ?? 2)
  const label = options.label ?? ((_: I, i: number) => `task ${i}`)
  const pending: Array<I | undefined> = options.dropInputs ? [...inputs] : (inputs as I[])
  /** Labels of tasks in flight (inputs may be dropped once posted). */
  const labels = new Map<number, string>()
  const workers: Worker[] = []
  return new Promise<O[]>((resolvePool, rejectPool) => {
    let next = 0
    let done = 0
    let settled = false
    /** Task ids in flight, per worker. */
    const running = new Map<Worker, Set<number>>()
    const stopAll = (): void => {
      for (const w of workers) {
        w.removeAllListeners('message')
        w.removeAllListeners('exit')
        // Keep an error listener: a dying worker must not crash the process.
        w.on('error', () => undefined)
        void w.terminate()
      }
    }
    const fail = (error: Error): void => {
      if (settled) return
      settled = true
      clearInterval(watchdog)
      stopAll()
      rejectPool(error)
    }
    const feed = (worker: Worker): void => {
      const mine = running.get(worker)!
      if (mine.size === 0) heard.set(worker, performance.now())
      if (!settled && mine.size === 0 && alone.length > 0) {
        // A task to run again alone: nothing else goes to this worker until it answers.
        const id = alone.shift()!
        mine.add(id)
        solo.set(worker, id)
        worker.postMessage({ id, input: pending[id] })
        return
      }
      while (!settled && next < total && mine.size < inFlight && !solo.has(worker)) {
        const id = next++
        mine.add(id)
        labels.set(id, label(pending[id] as I, id))
        worker.postMessage({ id, input: pending[id] })
        // Inputs are kept while a budget may need them again.
        if (options.dropInputs && options.budgetMs === undefined) pending[id] = undefined
      }
    }
    const where = (worker: Worker): string => {
      const ids = [...(running.get(worker) ?? [])]
      return ids.length > 0 ? ` while working on ${ids.map((id) => labels.get(id)).join(', ')}` : ''
    }
    /** Tasks to run again one at a time (they were in flight on a worker that ran out of time). */
    const alone: number[] = []
    /** The task a worker runs alone, if it does. */
    const solo = new Map<Worker, number>()
    /** When each worker last answered (or was given work while idle, or came online). */
    const heard = new Map<Worker, number>()
    const online = new Set<Worker>()
    const finishOne = (worker: Worker | undefined): boolean => {
      done++
      options.onResult?.(done, total)
      if (done === total) {
        settled = true
        stopAll()
        clearInterval(watchdog)
        resolvePool(results)
        return true
      }
      if (worker) feed(worker)
      return false
    }
    const start = (): void => {
      let worker: Worker
      try {
        worker = new Worker(options.file, { workerData: options.workerData, resourceLimits: options.resourceLimits })
      } catch (error) {
        fail(new Error(`Internal error: cannot start a worker thread: ${(error as Error).message}`, { cause: error }))
        return
      }
      workers.push(worker)
      running.set(worker, new Set())
      // The budget counts from when the worker runs: starting one (loading its modules) may be slow on a busy machine.
      worker.once('online', () => {
        online.add(worker)
        heard.set(worker, performance.now())
      })
      worker.on('message', (reply: WorkerReply<O>) => {
        if (settled) return
        heard.set(worker, performance.now())
        running.get(worker)!.delete(reply.id)
        if (solo.get(worker) === reply.id) solo.delete(worker)
        if (options.dropInputs) pending[reply.id] = undefined
        const task = labels.get(reply.id)
        labels.delete(reply.id)
        if (!reply.ok) {
          const err = new Error(`Internal error in a worker thread on ${task}: ${reply.error.message}`)
          if (reply.error.stack) err.stack = `${err.message}\n${reply.error.stack.split('\n').slice(1).join('\n')}`
          fail(err)
          return
        }
        if (options.consume) {
          try {
            options.consume(reply.value, reply.id)
          } catch (error) {
            fail(error as Error)
            return
          }
        } else {
          results[reply.id] = reply.value
        }
        finishOne(worker)
      })
      worker.on('error', (error: Error) => {
        fail(new Error(`Internal error: a worker thread crashed${where(worker)}: ${error.message}`, { cause: error }))
      })
      worker.on('exit', (code) => {
        if (!settled) fail(new Error(`Internal error: a worker thread exited (code ${code})${where(worker)}`))
      })
      feed(worker)
    }
    /** Stop a worker that ran out of time, settle or requeue its tasks, and start another. */
    const timedOut = (worker: Worker): void => {
      const ids = [...running.get(worker)!]
      const single = solo.get(worker)
      worker.removeAllListeners('message')
      worker.removeAllListeners('exit')
      worker.on('error', () => undefined)
      void worker.terminate()
      workers.splice(workers.indexOf(worker), 1)
      running.delete(worker)
      heard.delete(worker)
      online.delete(worker)
      solo.delete(worker)
      for (const id of ids) {
        if (ids.length === 1 && (single === id || inFlight === 1)) {
          labels.delete(id)
          try {
            options.onTimeout!(id)
          } catch (error) {
            fail(error as Error)
            return
          }
          if (finishOne(undefined)) return
        } else {
          alone.push(id)
        }
      }
      start()
    }
    const watchdog = setInterval(() => {
      if (settled || options.budgetMs === undefined) return
      const now = performance.now()
      for (const worker of [...workers]) {
        if (online.has(worker) && running.get(worker)!.size > 0 && now - (heard.get(worker) ?? now) > options.budgetMs) timedOut(worker)
      }
    }, Math.max(10, Math.min(1000, (options.budgetMs ?? 1000) / 4)))
    if (options.budgetMs === undefined) clearInterval(watchdog)
    else watchdog.unref()
    for (let n = 0; n < size; n++) start()
  })
}
