/**
 * `inkstone serve [root] [--dir DIR] [--port 4000] [--host 127.0.0.1]`:
 * preview a built output folder under the site's base path (no watching,
 * no live reload).
 */
import { existsSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import pc from 'picocolors'
import type { Io } from './io.js'
import { parseCommand } from './args.js'
import { plain } from '../report/format.js'
import { loadConfig } from '../config/load.js'
import { openBrowser, parsePort } from './dev.js'

/** Help text of `inkstone serve`. */
export const serveHelp = `Usage: inkstone serve [root] [options]

Serve the built site (<root>/dist, from \`inkstone build\`) under its base path, as it
will be deployed. Nothing is rebuilt or reloaded; use \`inkstone dev\` while writing.

Options:
  --dir DIR        Folder to serve (default: <root>/dist)
  --port N         Port (default 4000; the next free one is taken if it is in use)
  --host HOST      Interface to bind (default 127.0.0.1)
  --base-url URL   Override \`url\` from content/site.yaml (its path is the base path)
  --open           Open the site in a browser
  -h, --help       Show this help`

/**
 * Run `inkstone serve`.
 *
 * @param argv Arguments after `serve`.
 * @param io Output.
 * @returns Exit code (when stopped).
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand<{ dir?: string; port?: string; host: string; 'base-url'?: string; open: boolean }>('serve', argv, {
    dir: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'base-url': { type: 'string' },
    open: { type: 'boolean', default: false }
  }, serveHelp, io)
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const port = parsePort(values.port, 4000)
  if (port === undefined) {
    io.err('inkstone serve: --port takes a number from 0 to 65535\n')
    return 2
  }
  const paint = io.isTTY ? pc : plain
  const root = resolve(positionals[0] ?? '.')
  const dir = values.dir ? resolve(values.dir) : resolve(root, 'dist')
  if (!existsSync(dir)) {
    io.err(paint.red(`inkstone serve: ${relative(process.cwd(), dir) || '.'}/ does not exist; run \`inkstone build\` first\n`))
    return 1
  }
  const { config } = await loadConfig(root, values['base-url'])
  const { startServer } = await import('../dev/server.js')
  let server
  try {
    server = await startServer({ files: dir, basePath: () => config.basePath, live: false, host: values.host, port, nextFreePort: true })
  } catch (error) {
    io.err(paint.red(`inkstone serve: ${(error as Error).message}\n`))
    return 1
  }
  if (server.portInUse !== undefined) io.err(paint.yellow(`Port ${server.portInUse} is in use; using ${server.port} instead.\n`))
  io.out(`Serving ${relative(process.cwd(), dir) || '.'}/ at ${server.url} (Ctrl-C to stop)\n`)
  if (values.open) openBrowser(server.url)
  const running = server
  return new Promise<number>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      running.close().then(() => done(0), () => done(1))
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
}
