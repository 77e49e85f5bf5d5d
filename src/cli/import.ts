/**
 * `inkstone import SOURCE [--into DIR] [--from hexo|jekyll|hugo|markdown]`:
 * converts a Hexo, Jekyll, Hugo or plain-Markdown blog into a new site root,
 * builds it, and prints one summary line (the details are in DIR/IMPORT.md).
 */
import { relative } from 'node:path'
import type { Io } from './io.js'
import { parseCommand } from './args.js'
import { runImport } from '../import/run.js'
import type { SourceKind } from '../import/types.js'

/** Help text of `inkstone import`. */
export const importHelp = `Usage:
  inkstone import SOURCE [options]   Convert the blog in SOURCE into a new Inkstone site

Options:
  --into DIR       Folder of the new site (default: ./<name of SOURCE>-inkstone); must be empty or absent
  --from KIND      hexo, jekyll, hugo or markdown (default: detected from SOURCE's files)
  -h, --help       Show this help

SOURCE is never written to. DIR/IMPORT.md lists every conversion, what is left for you, and the build's result.
Exit codes: 0 the new site builds without errors, 1 it does not (see IMPORT.md), 2 usage errors.`

const kinds = ['hexo', 'jekyll', 'hugo', 'markdown']

/**
 * Run `inkstone import`.
 *
 * @param argv Arguments after `import`.
 * @param io Output and clock.
 * @returns Exit code.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand<{ into?: string; from?: string }>('import', argv, { into: { type: 'string' }, from: { type: 'string' } }, importHelp, io)
  if (typeof parsed === 'number') return parsed
  const [source] = parsed.positionals
  if (source === undefined) {
    io.err('inkstone import: expected SOURCE, the folder of the blog to import; see `inkstone import --help`\n')
    return 2
  }
  const from = parsed.values.from
  if (from !== undefined && !kinds.includes(from)) {
    io.err(`inkstone import: --from takes ${kinds.join(', ')}, not \`${from}\`\n`)
    return 2
  }
  const onProgress = io.isTTY ? (stage: string) => io.err(`\r\x1b[Kimport: ${stage}…`) : undefined
  const result = await runImport({ source, into: parsed.values.into, from: from as SourceKind | undefined, now: io.now(), onProgress })
  if (onProgress) io.err('\r\x1b[K')
  if (result.usage !== undefined) {
    io.err(`inkstone import: ${result.usage}\n`)
    return 2
  }
  const { counts } = result.report
  const errors = result.build.problems.filter((p) => p.fatal).length
  const warnings = result.build.problems.length - errors
  const left = result.report.leftovers.length
  const converted = [...result.report.conversions.values()].reduce((a, b) => a + b, 0)
  const where = relative(process.cwd(), result.into) || '.'
  io.err(
    `${result.ok ? '✓' : '✗'} ${result.kind}: ${counts.posts} posts, ${counts.drafts} drafts, ${counts.pages} pages, ${counts.files} files → ${where}/ · ` +
      `${converted} conversions, ${left} left for you · build: ${result.ok ? 'ok' : `${errors} errors`}, ${warnings} warnings · see ${where}/IMPORT.md\n`
  )
  return result.ok ? 0 : 1
}
