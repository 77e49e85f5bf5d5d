/** Run the real CLI (compiled in .build/) as a user would. */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'

/** The repository root. */
export const repo = join(import.meta.dirname, '..', '..')

/**
 * Run `inkstone <args>`.
 *
 * @param args Arguments.
 * @param env Extra environment.
 * @returns Exit code and output.
 */
export function cli(args: string[], env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, [join(repo, 'bin', 'inkstone.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env }
  })
  return { code: run.status, stderr: run.stderr, stdout: run.stdout }
}
