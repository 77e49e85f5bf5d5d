/**
 * Test helpers for the theme: build the example blog once per process into a
 * temp folder under a `/blog/` base path, and serve it with a tiny static
 * server (no dependency on the CLI's own server).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, stat } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { promisify } from 'node:util'

export const repoRoot = resolve(import.meta.dirname, '..', '..')
export const BASE = '/blog/'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8'
}

/** Serve `dir` under `/blog/`; unknown paths get `404.html` with status 404. */
export function serve(dir: string, port = 0): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const send = async (file: string, status = 200): Promise<void> => {
      const body = await readFile(file)
      res.writeHead(status, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' })
      res.end(body)
    }
    try {
      if (!path.startsWith(BASE)) throw new Error('outside base')
      let file = normalize(join(dir, path.slice(BASE.length)))
      if (file !== dir && !file.startsWith(dir + sep)) throw new Error('escape')
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html')
      await send(file)
    } catch {
      await send(join(dir, '404.html'), 404).catch(() => { res.writeHead(404); res.end() })
    }
  })
  return new Promise((ok, fail) => {
    server.once('error', fail)
    server.listen(port, '127.0.0.1', () => ok({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }))
  })
}

/** Build the example blog (compiled CLI) into a fresh temp folder for `baseUrl`. */
export async function buildExample(baseUrl: string, extra: string[] = []): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'inkstone-theme-'))
  await promisify(execFile)(process.execPath, [join(repoRoot, 'bin', 'inkstone.js'), 'build', repoRoot, '--out', out, '--base-url', baseUrl, '--no-cache', ...extra], { cwd: repoRoot })
  return out
}

/** Build and serve: the server picks a port first so the base URL is right. */
export async function servedExample(): Promise<{ server: Server; origin: string; dir: string; base: string }> {
  const server = createServer()
  const started = await new Promise<number>((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)))
  server.close()
  const dir = await buildExample(`http://127.0.0.1:${started}${BASE}`)
  const served = await serve(dir, started)
  return { ...served, dir, base: served.origin + BASE }
}
