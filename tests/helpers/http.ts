/** Test helpers: raw HTTP requests (paths sent as is) and a server-sent-events listener. */
import { request } from 'node:http'

/** A response. */
export interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** Send a request with the path exactly as given (no URL normalisation). */
export function fetchRaw(base: string, path: string, method = 'GET'): Promise<Reply> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end()
  })
}

/** One received server-sent event. */
export interface SseEvent {
  event: string
  data: unknown
}

/** A connected SSE client that remembers every event. */
export class SseClient {
  events: SseEvent[] = []
  private waiters: Array<{ test: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = []
  private req: ReturnType<typeof request> | undefined

  static async connect(base: string, path = '/__inkstone/events'): Promise<SseClient> {
    const client = new SseClient()
    const url = new URL(base)
    await new Promise<void>((resolve, reject) => {
      client.req = request({ host: url.hostname, port: url.port, path }, (res) => {
        let buffer = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => {
          buffer += chunk
          let end: number
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end)
            buffer = buffer.slice(end + 2)
            const event = /^event: (.*)$/m.exec(block)?.[1]
            const data = /^data: (.*)$/m.exec(block)?.[1]
            if (event && data !== undefined) client.push({ event, data: JSON.parse(data) })
          }
        })
        resolve()
      })
      client.req.on('error', reject)
      client.req.end()
    })
    return client
  }

  private push(e: SseEvent): void {
    this.events.push(e)
    for (const w of this.waiters.splice(0)) {
      if (w.test(e)) w.resolve(e)
      else this.waiters.push(w)
    }
  }

  /** The next event (after `since` events were seen) matching `test`, or a rejection after `ms`. */
  next(test: (e: SseEvent) => boolean, since = this.events.length, ms = 30_000): Promise<SseEvent> {
    const seen = this.events.slice(since).find(test)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching event within ${ms} ms; got ${JSON.stringify(this.events.slice(since))}`)), ms)
      this.waiters.push({ test, resolve: (e) => { clearTimeout(timer); resolve(e) } })
    })
  }

  close(): void {
    this.req?.destroy()
  }
}
