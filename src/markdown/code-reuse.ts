/**
 * Highlighted code blocks shared by every post a process (or worker) parses:
 * a block whose language and text another post already had is decoded from
 * the compact form code-memo.ts makes instead of being highlighted again.
 * Highlighting is a pure function of language and text, so the HTML is the
 * same either way. Bounded, so a site of many distinct blocks holds at most
 * MAX_CHARS of them (the first ones seen; later ones are highlighted as usual).
 */

/** Most characters of compact JSON kept (~16 MB of strings at two bytes a character). */
const MAX_CHARS = 8_000_000

const blocks = new Map<string, string>()
let chars = 0

/** The compact block remembered for `key` (code-memo.ts codeKey), if any. */
export function reusedBlock(key: string): string | undefined {
  return blocks.get(key)
}

/** Remember the compact form of a block just highlighted, while there is room. */
export function shareBlock(key: string, compact: string): void {
  if (blocks.has(key) || chars + compact.length > MAX_CHARS) return
  blocks.set(key, compact)
  chars += compact.length
}

/** Forget every shared block (for tests). */
export function clearSharedBlocks(): void {
  blocks.clear()
  chars = 0
}
