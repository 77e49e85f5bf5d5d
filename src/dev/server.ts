/**
 * Over 300 lines for one job: serving, path resolution (folder and image) and live reload are the server's,
 * each a function of its own.
 *
 * The local HTTP server of `inkstone dev` and `inkstone serve`: the site's
 * files under its base path, nothing else. `serve` reads an output folder,
 * where the real path of every file (symbolic links resolved) must stay
 * inside the real folder; `dev` reads the last good build's image, where a
 * request can only name a file the build made. Paths are decoded segment by
 * segment; `..`, backslashes and NUL are refused. Missing files get the
 * site's own 404 page. In dev, HTML responses carry the live-reload client
 * and the error overlay.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile, realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import mime from 'mime'
import { clientScript, type OverlayProblem } from './client.js'
import type { SiteImage } from '../render/site-image.js'
import { decodePath, encodePath } from '../site/urls.js'

/** Where live-reload clients connect. */
export const EVENTS_PATH = '/__inkstone/events'

/** Options of the server. */
export interface ServerOptions {
  /** Where the files come from: an output folder (absolute path) or the dev build's current image. */
  files: string | (() => SiteImage | undefined)
  /** The site's base path (`/blog/`), read on every request (the config may change in dev). */
  basePath: () => string
  /** Inject the live-reload client and overlay into HTML (dev only). */
  live: boolean
  /** Problems shown in the overlay (dev only). */
  problems?: () => OverlayProblem[]
  /** A file that failed to be made (a page whose template threw): the problems to show on the error page (dev only). */
  failed?: (error: unknown) => OverlayProblem[]
  host: string
  port: number
  /** When the port is in use, try the next ones (up to 20) instead of failing. */
  nextFreePort?: boolean
}

/** A running server. */
export interface SiteServer {
  /** Base URL of the site, e.g. `http://127.0.0.1:4000/blog/`. */
  url: string
  port: number
  /** The port asked for, when another one had to be taken. */
  portInUse?: number
  /** Send an event to every connected live-reload client. */
  broadcast(event: 'reload' | 'problems', data: unknown): void
  /** Number of connected live-reload clients. */
  clients(): number
  close(): Promise<void>
}

/** What a request path resolves to: a file path (on disk, or an output path of an image). */
export type Resolved =
  | { kind: 'file'; path: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'missing' }
  | { kind: 'bad' }

/** A request path decoded and checked: the site-relative path under the base path, or what to answer instead. */
type Target = { kind: 'path'; path: string; rel: string } | Exclude<Resolved, { kind: 'file' }>

function targetOf(basePath: string, rawPath: string): Target {
  if (!rawPath.startsWith('/') || rawPath.includes('\\') || /%5c|%00/i.test(rawPath)) return { kind: 'bad' }
  let segments: string[]
  try {
    segments = rawPath.split('/').slice(1).map((s) => decodeURIComponent(s))
  } catch {
    return { kind: 'bad' }
  }
  if (segments.some((s) => s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'))) return { kind: 'bad' }
  const path = '/' + segments.join('/')
  // The base path is kept percent-encoded (as URL parsing gives it); compare decoded paths.
  const base = decodePath(basePath)
  if (path !== base && path + '/' === base) return { kind: 'redirect', location: basePath }
  if (!path.startsWith(base)) return path === '/' ? { kind: 'redirect', location: basePath } : { kind: 'missing' }
  return { kind: 'path', path, rel: path.slice(base.length) }
}

/**
 * Resolve a request path (as sent, percent-encoded, without the query) to an
 * output path of a site image.
 *
 * @param image The build's image.
 * @param basePath Base path of the site, `/` or `/blog/`.
 * @param rawPath Request path.
 * @returns A file (its output path), a redirect, missing, or bad (refused).
 */
export function resolveInImage(image: SiteImage, basePath: string, rawPath: string): Resolved {
  const target = targetOf(basePath, rawPath)
  if (target.kind !== 'path') return target
  const { rel, path } = target
  if (rel === '' || rel.endsWith('/')) return image.has(rel + 'index.html') ? { kind: 'file', path: rel + 'index.html' } : { kind: 'missing' }
  if (image.has(rel)) return { kind: 'file', path: rel }
  return image.has(rel + '/index.html') ? { kind: 'redirect', location: encodePath(path + '/') } : { kind: 'missing' }
}

/**
 * Resolve a request path (as sent, percent-encoded, without the query) to a
 * file of the output folder.
 *
 * @param outDir Output folder (absolute).
 * @param basePath Base path of the site, `/` or `/blog/`.
 * @param rawPath Request path.
 * @returns A file, a redirect, missing, or bad (refused).
 */
export async function resolveRequest(outDir: string, basePath: string, rawPath: string): Promise<Resolved> {
  const asked = targetOf(basePath, rawPath)
  if (asked.kind !== 'path') return asked
  const { rel, path } = asked
  const parts = rel.split('/').filter((s) => s !== '')
  let root: string
  try {
    root = await realpath(outDir)
  } catch {
    return { kind: 'missing' }
  }
  let target = join(root, ...parts)
  let info = await stat(target).catch(() => undefined)
  if (info?.isDirectory()) {
    if (!rel.endsWith('/') && rel !== '') return { kind: 'redirect', location: encodePath(path + '/') }
    target = join(target, 'index.html')
    info = await stat(target).catch(() => undefined)
  }
  if (!info?.isFile()) return { kind: 'missing' }
  // Symbolic links must not lead out of the output folder.
  const real = await realpath(target).catch(() => undefined)
  if (!real || !real.startsWith(root + sep)) return { kind: 'missing' }
  return { kind: 'file', path: real }
}

/**
 * The Content-Type of a file, with a charset for text.
 *
 * @param path File path.
 * @returns Header value.
 */
export function contentType(path: string): string {
  const type = mime.getType(path) ?? 'application/octet-stream'
  const text = type.startsWith('text/') || /^application\/(javascript|json|xml|rss\+xml|atom\+xml|feed\+json|manifest\+json)$/.test(type) || type === 'image/svg+xml'
  return text ? `${type}; charset=utf-8` : type
}

/**
 * Put the live-reload client into an HTML page (before `</body>`, else at the end).
 *
 * @param html Page.
 * @param script Script element.
 * @returns Page with the script.
 */
export function inject(html: string, script: string): string {
  const at = html.lastIndexOf('</body>')
  return at === -1 ? html + script : html.slice(0, at) + script + html.slice(at)
}

const FALLBACK_404 = '<!doctype html>\n<html><head><meta charset="utf-8"><title>404 Not Found</title></head><body><h1>404 Not Found</h1></body></html>\n'

/**
 * Start the server.
 *
 * @param options Folder, base path, host, port, live reload.
 * @returns The running server.
 */
export async function startServer(options: ServerOptions): Promise<SiteServer> {
  const clients = new Set<ServerResponse>()

  // The files: an output folder on disk, or the image of the dev server's last good build.
  const source = typeof options.files === 'string'
    ? { resolve: (base: string, raw: string) => resolveRequest(options.files as string, base, raw), read: (path: string) => readFile(path) }
    : (() => {
        const image = options.files as () => SiteImage | undefined
        return {
          resolve: async (base: string, raw: string): Promise<Resolved> => {
            const current = image()
            return current ? resolveInImage(current, base, raw) : { kind: 'missing' }
          },
          read: async (path: string): Promise<Uint8Array> => (await image()?.read(path)) ?? new Uint8Array()
        }
      })()

  const sendPage = async (req: IncomingMessage, res: ServerResponse, status: number, file: string | undefined): Promise<void> => {
    let body: Buffer
    let type: string
    if (file === undefined) {
      body = Buffer.from(FALLBACK_404)
      type = 'text/html; charset=utf-8'
    } else {
      const bytes = await source.read(file)
      body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      type = contentType(file)
    }
    if (options.live && type.startsWith('text/html')) {
      body = Buffer.from(inject(body.toString('utf8'), clientScript(options.problems?.() ?? [])))
    }
    res.writeHead(status, {
      'Content-Type': type,
      'Content-Length': body.byteLength,
      'Cache-Control': options.live ? 'no-store' : 'no-cache',
      'X-Content-Type-Options': 'nosniff'
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = (req.url ?? '/').split(/[?#]/)[0]
    if (options.live && raw === EVENTS_PATH) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
      res.write('retry: 500\n\n')
      clients.add(res)
      req.on('close', () => clients.delete(res))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('Method Not Allowed\n')
      return
    }
    const resolved = await source.resolve(options.basePath(), raw)
    if (resolved.kind === 'bad') {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(req.method === 'HEAD' ? undefined : 'Bad Request\n')
      return
    }
    if (resolved.kind === 'redirect') {
      res.writeHead(301, { Location: resolved.location, 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(req.method === 'HEAD' ? undefined : `Moved to ${resolved.location}\n`)
      return
    }
    if (resolved.kind === 'file') {
      try {
        await sendPage(req, res, 200, resolved.path)
      } catch (error) {
        if (!options.live || !options.failed) throw error
        const page = `<!doctype html>\n<html><head><meta charset="utf-8"><title>500 Page failed</title></head><body></body></html>\n`
        const body = Buffer.from(inject(page, clientScript([...(options.problems?.() ?? []), ...options.failed(error)])))
        res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.byteLength, 'Cache-Control': 'no-store' })
        res.end(req.method === 'HEAD' ? undefined : body)
      }
      return
    }
    const notFound = await source.resolve('/', '/404.html')
    await sendPage(req, res, 404, notFound.kind === 'file' ? notFound.path : undefined)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end(`Internal error: ${error.message}\n`)
    })
  })
  const heartbeat = setInterval(() => {
    for (const c of clients) c.write(': ping\n\n')
  }, 15_000)
  heartbeat.unref()

  const listen = (port: number): Promise<number> =>
    new Promise((resolveListen, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening)
        reject(error)
      }
      const onListening = () => {
        server.off('error', onError)
        const address = server.address()
        resolveListen(typeof address === 'object' && address ? address.port : port)
      }
      server.once('error', onError)
      server.once('listening', onListening)
      server.listen(port, options.host)
    })

  let port: number | undefined
  let portInUse: number | undefined
  const tries = options.nextFreePort && options.port !== 0 ? 20 : 1
  for (let i = 0; i < tries && port === undefined; i++) {
    try {
      port = await listen(options.port + i)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'EADDRINUSE' || i === tries - 1) {
        clearInterval(heartbeat)
        if (code === 'EADDRINUSE') {
          throw new Error(
            tries > 1
              ? `Ports ${options.port}–${options.port + tries - 1} on ${options.host} are all in use; pick another with --port`
              : `Port ${options.port} on ${options.host} is already in use (another \`inkstone dev\`?); pick another with --port`
          )
        }
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new Error(`Cannot listen on host ${options.host}: ${(error as Error).message}`)
        if (code === 'EACCES') throw new Error(`Not allowed to listen on port ${options.port} (ports below 1024 need privileges); pick another with --port`)
        throw error
      }
      portInUse = options.port
    }
  }
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host
  return {
    url: `http://${shownHost}:${port}${options.basePath()}`,
    port: port as number,
    portInUse,
    broadcast(event, data) {
      const payload = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
      for (const c of clients) c.write(payload)
    },
    clients: () => clients.size,
    close: () =>
      new Promise<void>((done) => {
        clearInterval(heartbeat)
        for (const c of clients) c.end()
        clients.clear()
        server.close(() => done())
        server.closeAllConnections()
      })
  }
}
