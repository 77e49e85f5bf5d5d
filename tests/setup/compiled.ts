/**
 * Vitest global setup: refuse to run against stale compiled code. Several tests, every worker thread and the
 * CLI load `.build/` (what `npm run compile` makes), not the TypeScript sources; after an edit, a
 * `npx vitest run` without compiling would test the code as it was. `npm test` compiles first.
 */
import { staleOutputs } from './stale.js'

/** Throws (and vitest runs no test) when a source under src/ or templates/ is newer than its compiled file. */
export default function setup(): void {
  const stale = staleOutputs(new URL('../..', import.meta.url).pathname)
  if (stale.length === 0) return
  const shown = stale.slice(0, 5).join(', ') + (stale.length > 5 ? `, and ${stale.length - 5} more` : '')
  throw new Error(`.build/ is older than its sources (${shown}): run \`npm run compile\` (or \`npm test\`, which compiles first)`)
}
