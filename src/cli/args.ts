/**
 * Argument parsing shared by the commands: node's parseArgs, `--help`, and
 * the usage errors (exit code 2) every command words the same way.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { Io } from './io.js'

type Options = NonNullable<ParseArgsConfig['options']>

/**
 * Parse a command's arguments.
 *
 * @param command Command name for messages (`build`, `dev`, …).
 * @param argv Arguments after the command.
 * @param options parseArgs options (a `help` flag is added); `V` is the shape of their values.
 * @param helpText Printed for `--help`.
 * @param io Output.
 * @param maxPositionals At most this many positionals (site roots).
 * @returns Parsed values and positionals, or the exit code to stop with.
 */
export function parseCommand<V extends Record<string, unknown>>(
  command: string,
  argv: string[],
  options: Options,
  helpText: string,
  io: Io,
  maxPositionals = 1
): { values: V; positionals: string[] } | number {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h', default: false } } })
  } catch (error) {
    io.err(`inkstone ${command}: ${(error as Error).message}\n`)
    return 2
  }
  if (parsed.values.help) {
    io.out(helpText + '\n')
    return 0
  }
  if (parsed.positionals.length > maxPositionals) {
    io.err(`inkstone ${command}: expected at most one site root\n`)
    return 2
  }
  return { values: parsed.values as unknown as V, positionals: parsed.positionals }
}
