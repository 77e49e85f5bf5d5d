/**
 * Print problems the way editors and grep like them:
 * `path:line:column: error: message [rule-id]`, then a hint and a code frame.
 * Sorted by path, then position; printed once per build.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Problem } from '../types.js'
import { hintFor } from '../messages.js'

/** Colours, or none when not on a terminal. */
export interface Paint {
  red(s: string): string
  yellow(s: string): string
  dim(s: string): string
  bold(s: string): string
}

/** No colours. */
export const plain: Paint = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s }

/**
 * Sort problems by path, line, column, then rule and reason (total order).
 *
 * @param problems Problems.
 * @returns A sorted copy.
 */
export function sortProblems(problems: Problem[]): Problem[] {
  const key = (p: Problem): [string, number, number, string, string] => [p.path, p.line ?? 0, p.column ?? 0, p.ruleId, p.reason]
  return [...problems].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
    return 0
  })
}

/**
 * A code frame around a line of a file.
 *
 * @param text File text.
 * @param line 1-based line.
 * @param column 1-based column.
 * @returns Frame lines.
 */
export function codeFrame(text: string, line: number, column: number): string[] {
  const lines = text.split(/\r?\n/)
  if (line < 1 || line > lines.length) return []
  const first = Math.max(1, line - 1)
  const last = Math.min(lines.length, line + 1)
  const width = String(last).length
  // Long lines (a minified blob, a hostile file) are shown as a window of FRAME_WIDTH characters around the column.
  const start = Math.max(0, Math.min(column - 1 - FRAME_WIDTH / 2, (lines[line - 1]?.length ?? 0) - FRAME_WIDTH))
  const clip = (text: string): string => {
    if (text.length <= FRAME_WIDTH) return text
    const piece = text.slice(start, start + FRAME_WIDTH)
    return (start > 0 ? '…' : '') + piece + (start + FRAME_WIDTH < text.length ? '…' : '')
  }
  const caret = Math.max(0, column - 1 - (lines[line - 1].length > FRAME_WIDTH ? start - (start > 0 ? 1 : 0) : 0))
  const out: string[] = []
  for (let n = first; n <= last; n++) {
    const gutter = `${n === line ? '>' : ' '} ${String(n).padStart(width)} | `
    out.push(gutter + clip(lines[n - 1]))
    if (n === line) out.push(' '.repeat(width + 3) + '| ' + ' '.repeat(caret) + '^')
  }
  return out
}

/** The most characters of a line a code frame shows. */
const FRAME_WIDTH = 120

/**
 * Format one problem.
 *
 * @param p Problem.
 * @param root Site root, to read files for code frames (optional).
 * @param paint Colours.
 * @returns Lines.
 */
export function formatProblem(p: Problem, root: string | undefined, paint: Paint = plain): string[] {
  const where = p.line !== undefined ? `${p.path}:${p.line}:${p.column ?? 1}` : p.path
  const severity = p.fatal ? paint.red('error') : paint.yellow('warning')
  const lines = [`${paint.bold(where)}: ${severity}: ${p.reason} ${paint.dim(`[${p.ruleId}]`)}`]
  const hint = hintFor(p.ruleId)
  if (hint) lines.push(`  ${paint.dim('hint:')} ${hint}`)
  if (p.cause) {
    const at = p.cause.line !== undefined ? `${p.cause.path}:${p.cause.line}:${p.cause.column ?? 1}` : p.cause.path
    lines.push(`  ${paint.dim('see:')} ${at}: ${p.cause.reason}`)
  }
  if (root && p.line !== undefined) {
    try {
      const text = readFileSync(join(root, p.path), 'utf8')
      lines.push(...codeFrame(text, p.line, p.column ?? 1).map((l) => '  ' + paint.dim(l)))
    } catch {
      // No frame for files that cannot be read (the problem says why).
    }
  }
  return lines
}

/**
 * Format every problem, sorted, with a count line.
 *
 * @param problems Problems.
 * @param root Site root for code frames.
 * @param paint Colours.
 * @returns Text (ends with a newline when non-empty).
 */
export function formatReport(problems: Problem[], root: string | undefined, paint: Paint = plain): string {
  if (problems.length === 0) return ''
  return sortProblems(problems).map((p) => formatProblem(p, root, paint).join('\n')).join('\n') + '\n'
}
