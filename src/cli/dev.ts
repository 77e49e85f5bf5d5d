/**
 * `inkstone dev [root] [--port 4000] [--host 127.0.0.1] [--drafts] [--future] [--open]`
 */
import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import pc from 'picocolors'
import type { Io } from './io.js'
import { parseCommand } from './args.js'
import { plain } from '../report/format.js'

/** Help text of `inkstone dev`. */
export const devHelp = `Usage: inkstone dev [root] [options]

Build the site in memory and serve it under its base path (each page is made
when it is requested), rebuild on every change to content/, templates/ and
public/, and reload open pages. Nothing is written besides the cache.
Drafts and future posts are shown (with a banner) unless told otherwise.

Options:
  --port N         Port (default 4000; the next free one is taken if it is in use)
  --host HOST      Interface to bind (default 127.0.0.1; 0.0.0.0 shares it on your network)
  --drafts         Show drafts (default in dev); --no-drafts hides them
  --future         Show posts dated in the future (default in dev); --no-future hides them
  --base-url URL   Override \`url\` from content/site.yaml
  --open           Open the site in a browser
  -h, --help       Show this help`

/**
 * Parse a port number.
 *
 * @param value Text.
 * @returns Port or undefined when invalid.
 */
export function parsePort(value: string | undefined, fallback: number): number | undefined {
  if (value === undefined) return fallback
  const n = Number(value)
  return Number.isInteger(n) && n >= 0 && n <= 65535 ? n : undefined
}

/**
 * Open a URL in the default browser (best effort).
 *
 * @param url URL.
 */
export function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true })
    child.on('error', () => {})
    child.unref()
  } catch {
    // No browser: the URL is printed anyway.
  }
}

/**
 * Run `inkstone dev`.
 *
 * @param argv Arguments after `dev`.
 * @param io Output.
 * @returns Exit code (when stopped).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand<{ port?: string; host: string; drafts?: boolean; 'no-drafts': boolean; future?: boolean; 'no-future': boolean; 'base-url'?: string; open: boolean }>('dev', argv, {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    drafts: { type: 'boolean' },
    'no-drafts': { type: 'boolean', default: false },
    future: { type: 'boolean' },
    'no-future': { type: 'boolean', default: false },
    'base-url': { type: 'string' },
    open: { type: 'boolean', default: false }
  }, devHelp, io)
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const port = parsePort(values.port, 4000)
  if (port === undefined) {
    io.err('inkstone dev: --port takes a number from 0 to 65535\n')
    return 2
  }
  const root = resolve(positionals[0] ?? '.')
  const paint = io.isTTY ? pc : plain
  const { startDev } = await import('../dev/session.js')
  let session
  try {
    session = await startDev({
      root, host: values.host, port, drafts: !values['no-drafts'], future: !values['no-future'], baseUrl: values['base-url'],
      log: (t) => io.err(t), paint, now: io.now
    })
  } catch (error) {
    io.err(paint.red(`inkstone dev: ${(error as Error).message}\n`))
    return 1
  }
  if (session.server.portInUse !== undefined) {
    io.err(paint.yellow(`Port ${session.server.portInUse} is in use; using ${session.server.port} instead.\n`))
  }
  io.out(`Serving ${session.url} (live reload on; Ctrl-C to stop)\n`)
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    io.err(paint.yellow(`Note: listening on ${values.host}: other machines on the network can see your drafts.\n`))
  }
  if (values.open) openBrowser(session.url)
  return new Promise<number>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      io.err('\nStopping…\n')
      session.close().then(() => done(0), () => done(1))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
