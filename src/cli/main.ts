/**
 * The command line: argv → command. The only place that reads the clock for
 * builds, prints, and sets the exit code (0 ok, 1 content errors, 2 usage,
 * 3 a bug of Inkstone's own: an exception no file explains).
 */
import { relative, resolve } from 'node:path'
import { setFlagsFromString } from 'node:v8'
import pc from 'picocolors'
import { build } from '../build.js'
import { formatReport, type Paint } from '../report/format.js'
import { parseCommand } from './args.js'
import type { Io } from './io.js'

/** Text of `inkstone --help`. */
export const help = `Inkstone (砚): a static site generator for personal blogs.

Usage:
  inkstone build [root] [options]   Build the site in [root] (default: .) into <root>/dist
  inkstone dev [root] [options]     Build, serve and rebuild on every change
  inkstone serve [root] [options]   Serve the built output folder under the site's base path
  inkstone new <title> [options]    Create a post (also: new column <id>, new page <name>)
  inkstone import SOURCE [options]  Convert a Hexo, Jekyll or Hugo blog into a new site (see import --help)

Build options:
  --out DIR        Output folder (default: <root>/dist)
  --drafts         Include posts with draft: true
  --future         Include posts dated in the future
  --base-url URL   Override \`url\` from content/site.yaml (e.g. http://localhost:8080/)
  --no-cache       Do not read or write the cache (<root>/.inkstone-cache)
  --verify         Build twice (with the cache and clean, in memory) and compare the outputs
  --workers N      Worker threads for parsing (default: automatic; 0 = none)
  -h, --help       Show this help

Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage errors, 3 a bug in Inkstone.`

/** The commands besides `build`, each in its own module. */
const commands: Record<'dev' | 'serve' | 'new' | 'import', () => Promise<{ run: (argv: string[], io: Io) => Promise<number> }>> = {
  dev: () => import('./dev.js'),
  serve: () => import('./serve.js'),
  new: () => import('./new.js'),
  import: () => import('./import.js')
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: process.stderr.isTTY === true,
  now: () => Date.now()
}

/**
 * Run the CLI.
 *
 * @param argv Arguments after the program name.
 * @param io Output streams and clock.
 * @returns Exit code.
 */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    return await dispatch(argv, io)
  } catch (error) {
    io.err(internalError(error))
    return 3
  }
}

/**
 * The message for an exception that escaped a command: not a problem of any
 * file (those are reported at the file), so a bug to report.
 *
 * @param error What was thrown.
 * @returns Text for stderr.
 */
export function internalError(error: unknown): string {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error)
  return `inkstone: internal error (a bug in Inkstone, not in your site): ${detail}\n` +
    'Please report it with this message and, if you can, the file or site that triggers it. Exit code 3.\n'
}

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(help + '\n')
    return command === undefined ? 2 : 0
  }
  if (command === 'build') return runBuild(rest, io)
  if (command === 'dev' || command === 'serve' || command === 'new' || command === 'import') {
    // Loaded on demand: `build` never pays for the dev server, the watcher or pinyin.
    const mod = await commands[command]()
    return mod.run(rest, io)
  }
  io.err(`inkstone: unknown command \`${command}\`; see \`inkstone --help\`\n`)
  return 2
}

async function runBuild(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand<{
    out?: string; drafts: boolean; future: boolean; 'base-url'?: string; 'no-cache': boolean; verify: boolean; workers?: string
  }>('build', argv, {
    out: { type: 'string' },
    drafts: { type: 'boolean', default: false },
    future: { type: 'boolean', default: false },
    'base-url': { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    verify: { type: 'boolean', default: false },
    workers: { type: 'string' }
  }, help, io)
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) {
    io.err('inkstone build: --workers takes a whole number\n')
    return 2
  }
  const root = resolve(positionals[0] ?? '.')
  const outDir = values.out ? resolve(values.out) : undefined
  const paint: Paint = io.isTTY ? pc : { red: String, yellow: String, dim: String, bold: String }
  const started = performance.now()
  const now = io.now()
  let lastProgress = 0
  const onProgress = io.isTTY
    ? (done: number, total: number, stage: string) => {
        if (performance.now() - started < 500 || performance.now() - lastProgress < 100) return
        lastProgress = performance.now()
        io.err(`\r${stage} ${done}/${total}…`)
      }
    : undefined
  const flags = { drafts: values.drafts, future: values.future, baseUrl: values['base-url'] }
  const timings = process.env.INKSTONE_TIMINGS ? new Map<string, number>() : undefined
  const onTiming = timings ? (stage: string, ms: number) => timings.set(stage, (timings.get(stage) ?? 0) + ms) : undefined
  // bin/inkstone.js starts `build` with V8's optimizing compiler off: back on when the work is large.
  const onLargeWork = (): void => setFlagsFromString('--opt')
  const result = await build({ root, outDir, flags, now, cache: !values['no-cache'], workers, onProgress, onTiming, onLargeWork, aside: true })
  if (timings) {
    const { parse, rendered, skipped, unmade, searchTokenised } = result.stats
    io.err([...timings].map(([stage, ms]) => `${stage} ${ms.toFixed(0)} ms`).join(' · ') +
      ` · parsed ${parse.parsed} (${parse.aside} aside), cached ${parse.cached}, workers ${parse.workers} · rendered ${rendered}, kept ${skipped} (${unmade} without making the view) · search tokenised ${searchTokenised}\n`)
  }
  if (onProgress && lastProgress > 0) io.err('\r\x1b[K')
  io.err(formatReport(result.problems, root, paint))
  const errors = result.problems.filter((p) => p.fatal).length
  const warnings = result.problems.length - errors
  const seconds = ((performance.now() - started) / 1000).toFixed(2)
  const outName = relative(process.cwd(), outDir ?? resolve(root, 'dist')) || '.'
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (!result.ok) {
    io.err(paint.red(`✗ ${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ${outName}/ was left as it was`) + ` (${seconds} s)\n`)
    return 1
  }
  const s = result.stats
  if (values.verify) {
    const clean = await build({ root, outDir, flags, now, cache: false, write: false, workers, onLargeWork })
    const { compareOutputs, compareWithDisk } = await import('../verify.js')
    const target = outDir ?? resolve(root, 'dist')
    // A build that stopped early made nothing to compare: the output folder is what it left (and is compared).
    const made = result.early ? [] : await compareOutputs(result.files, clean.files, target)
    const diff = [...new Set([...made, ...(await compareWithDisk(target, clean.files))])]
    if (diff.length > 0) {
      io.err(paint.red(`✗ --verify: the incremental output differs from a clean build in ${diff.length} files:\n`) + diff.slice(0, 20).map((d) => `  ${d}\n`).join(''))
      return 1
    }
    io.err('✓ --verify: the output equals a clean build\n')
  }
  io.err(
    `✓ ${s.posts} posts, ${s.pages} pages → ${outName}/: ${s.written} written, ${s.unchanged} unchanged, ${s.removed} removed` +
      ` · ${plural(warnings, 'warning')} · ${seconds} s\n`
  )
  return 0
}
