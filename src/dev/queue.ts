/**
 * One build at a time. Changes are collected into a batch; the batch starts
 * once no change has arrived for `quietMs` (an editor's atomic save or a
 * `git checkout` is several events in quick succession), or after `maxWaitMs`
 * at the latest. Changes that arrive while a build runs form the next batch.
 * `add()` without paths asks for a batch all the same (an empty one: the
 * caller knows what to read again).
 */

/** Options of a build queue. */
export interface QueueOptions {
  /** Runs one batch; the set holds root-relative posix paths. */
  run: (changed: Set<string>) => Promise<void>
  /**
   * Quiet time before a batch starts (ms). The events of one save (or of a
   * checkout writing file after file) come within a millisecond or two of
   * each other; every millisecond here is one the author waits for.
   */
  quietMs?: number
  /** Longest a batch waits for quiet (ms). */
  maxWaitMs?: number
  /** Called when `run` throws (the queue keeps going). */
  onError?: (error: unknown) => void
}

/** A coalescing, single-flight build queue. */
export class BuildQueue {
  private pending = new Set<string>()
  /** A batch is asked for (by paths, or by `add()` without any). */
  private wanted = false
  private timer: NodeJS.Timeout | undefined
  private firstAt = 0
  private running: Promise<void> | undefined
  private closed = false
  private idleWaiters: Array<() => void> = []
  private readonly quietMs: number
  private readonly maxWaitMs: number

  constructor(private readonly options: QueueOptions) {
    this.quietMs = options.quietMs ?? 10
    this.maxWaitMs = options.maxWaitMs ?? 1000
  }

  /** Number of batches run so far. */
  batches = 0

  /**
   * Add changed paths; without any, ask for a batch anyway.
   *
   * @param paths Root-relative posix paths.
   */
  add(...paths: string[]): void {
    if (this.closed) return
    if (!this.wanted) this.firstAt = Date.now()
    this.wanted = true
    for (const p of paths) this.pending.add(p)
    if (this.running) return // started again when the running build ends
    this.arm()
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer)
    const waited = Date.now() - this.firstAt
    const delay = Math.max(0, Math.min(this.quietMs, this.maxWaitMs - waited))
    this.timer = setTimeout(() => this.start(), delay)
  }

  private start(): void {
    this.timer = undefined
    if (this.running || !this.wanted || this.closed) return
    const batch = this.pending
    this.pending = new Set()
    this.wanted = false
    this.batches++
    this.running = this.options
      .run(batch)
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined
        if (this.wanted && !this.closed) this.arm()
        else this.settle()
      })
  }

  private settle(): void {
    if (this.running || this.timer || this.wanted) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  /** True while a batch is waiting or building. */
  get busy(): boolean {
    return this.running !== undefined || this.timer !== undefined || this.wanted
  }

  /** Resolves when nothing is pending or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stop taking changes; waits for a running build. */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
    this.wanted = false
    await this.running
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}
