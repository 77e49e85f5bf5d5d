/**
 * The author's remark and rehype plugins (inkstone.config.*), guarded: a
 * plugin that throws while transforming a post becomes a PluginError (the
 * plugin's name, and the place it gives, if any), which the content stage
 * reports at that post; never a crash, never a report blaming Inkstone.
 */
import type { Pluggable, PluggableList } from 'unified'

/** A plugin of the author's failed on a file. */
export class PluginError extends Error {
  override readonly name = 'InkstonePluginError'
  constructor(message: string, readonly place: { line: number; column: number } | undefined) {
    super(message)
  }
}

type Attacher = (this: unknown, ...args: unknown[]) => unknown
type Transformer = (this: unknown, tree: unknown, file: unknown, next?: (error?: unknown, tree?: unknown) => void) => unknown

/** Where an error says it happened: a vfile message's place, a unist position, or line/column. */
function placeOf(error: unknown): { line: number; column: number } | undefined {
  const e = error as { place?: unknown; position?: { start?: unknown }; line?: unknown; column?: unknown } | null
  const candidates = [e?.place && typeof e.place === 'object' && 'start' in e.place ? (e.place as { start: unknown }).start : e?.place, e?.position?.start, e]
  for (const c of candidates) {
    const p = c as { line?: unknown; column?: unknown } | undefined
    if (p && typeof p.line === 'number' && p.line >= 1) return { line: p.line, column: typeof p.column === 'number' && p.column >= 1 ? p.column : 1 }
  }
  return undefined
}

function failure(label: string, error: unknown): PluginError {
  const message = String((error as Error)?.message ?? error).split('\n')[0].slice(0, 300)
  return new PluginError(`The Markdown plugin \`${label}\` (inkstone.config) failed on this file: ${message}`, placeOf(error))
}

function guard(plugin: Attacher): Attacher {
  const label = plugin.name || 'anonymous'
  return function (this: unknown, ...args: unknown[]) {
    const transformer = plugin.apply(this, args) as Transformer | undefined
    if (typeof transformer !== 'function') return transformer
    return function (this: unknown, tree: unknown, file: unknown): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const fail = (error: unknown): void => reject(failure(label, error))
        try {
          // Transformers take a callback when they declare a third parameter (unified's convention).
          if (transformer.length >= 3) transformer.call(this, tree, file, (error, out) => (error ? fail(error) : resolve(out)))
          else Promise.resolve(transformer.call(this, tree, file)).then(resolve, fail)
        } catch (error) {
          fail(error)
        }
      })
    }
  }
}

/**
 * The author's plugin list with each plugin guarded.
 *
 * @param list `plugin` and `[plugin, options]` items (checked by config/markdown-plugins.ts).
 * @returns The list to `use`.
 */
export function guardedPlugins(list: readonly unknown[]): PluggableList {
  return list.map((item): Pluggable => {
    if (Array.isArray(item)) return [guard(item[0] as Attacher), ...item.slice(1)] as Pluggable
    return guard(item as Attacher) as Pluggable
  })
}
