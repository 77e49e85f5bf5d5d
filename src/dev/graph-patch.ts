/**
 * The dev server's site graph between builds: patched in place when an edit
 * changed only what the graph does not read (a post's text), else built
 * whole; and the patch undone when the build fails, so that the graph the
 * server still shows stays the last good build's. A rebuild of the graph at
 * 4,000 posts costs a dev edit far more than the patch (tests/bench/README.md).
 */
import type { Entry, SiteConfig } from '../types.js'
import { buildSiteGraph, graphFacts, type GraphInput, type SiteGraph } from '../site/graph.js'

/** The last site graph and what it was built from (entries by path). */
export interface GraphMemory {
  graph: SiteGraph
  entries: Map<string, Entry>
  config: SiteConfig
  flags: string
  now: number
  /** The graph's post, page or column of each entry (made on the first patch). */
  owners?: Map<Entry, { entry: Entry }>
  undo?: () => void
}

/**
 * The site graph, patched instead of rebuilt when the only changed entries
 * changed in their bodies' HTML and in nothing the graph reads (see
 * graphFacts): the common edit of a post's text. The patch swaps the new
 * entries into the graph's posts, pages or columns, which is exactly what a
 * rebuild would give. Anything else (a new, removed or renamed file; a
 * changed title, date, tag, heading or link; an entry with an error; a
 * post's date passed since the last build; another config) builds it anew.
 *
 * @param memory State from the last build (updated in place).
 * @param input What buildSiteGraph takes.
 * @returns The graph.
 */
export function graphWithMemory(memory: { graph?: GraphMemory }, input: GraphInput): SiteGraph {
  const flags = JSON.stringify(input.flags)
  const last = memory.graph
  if (last) last.undo = undefined
  if (last && last.config === input.config && last.flags === flags && last.entries.size === input.entries.length) {
    const swaps: Array<[Entry, Entry]> = []
    let same = true
    for (const entry of input.entries) {
      const before = last.entries.get(entry.path)
      if (before === entry) continue
      if (!before || entry.problems.some((p) => p.fatal) || graphFacts(before) !== graphFacts(entry)) {
        same = false
        break
      }
      swaps.push([before, entry])
    }
    // A post whose date lies between the two builds' "now" changed its `future` flag.
    if (same) same = !input.entries.some((e) => e.kind === 'post' && !e.problems.some((p) => p.fatal) && e.matter.date.ms > last.now !== e.matter.date.ms > input.now)
    if (same) {
      const byEntry = (last.owners ??= new Map([...last.graph.posts, ...last.graph.pages, ...last.graph.columnsById.values()].map((o) => [o.entry, o])))
      const undo: Array<() => void> = []
      for (const [before, entry] of swaps) {
        const owner = byEntry.get(before)
        if (owner) {
          owner.entry = entry
          byEntry.delete(before)
          byEntry.set(entry, owner)
          undo.push(() => {
            owner.entry = before
            byEntry.delete(entry)
            byEntry.set(before, owner)
          })
        }
        last.entries.set(entry.path, entry)
        undo.push(() => void last.entries.set(entry.path, before))
      }
      last.undo = () => undo.reverse().forEach((f) => f())
      last.now = input.now
      return last.graph
    }
  }
  const graph = buildSiteGraph(input)
  memory.graph = { graph, entries: new Map(input.entries.map((e) => [e.path, e])), config: input.config, flags, now: input.now }
  return graph
}

/**
 * After a failed build: put back the entries the graph patch swapped in, so
 * that the graph the server still shows stays the last good build's.
 *
 * @param memory State from the last build.
 */
export function undoGraphPatch(memory: { graph?: GraphMemory }): void {
  memory.graph?.undo?.()
  if (memory.graph) memory.graph.undo = undefined
}
