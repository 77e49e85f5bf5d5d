/**
 * The import graph of src/ and templates/, read from the sources (static, type-only, dynamic and
 * re-exporting imports; the package's own names, `inkstone/…`, resolved through package.json `exports`),
 * and the rules it must keep: no cycle, and every import runs down the layers.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'

/** One import: from a module to a module (root-relative paths of sources). */
export interface Edge {
  from: string
  to: string
  /** `import type` / `export type`: erased at run time, but still a dependency of the design. */
  typeOnly: boolean
}

const importRe = /(?:^|\n)[ \t]*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g

/** Every .ts/.tsx source (not .d.ts) under a folder of the repository, root-relative, sorted. */
function sources(repo: string, rel: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(join(repo, rel), { withFileTypes: true })) {
    const path = `${rel}/${entry.name}`
    if (entry.isDirectory()) out.push(...sources(repo, path))
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path)
  }
  return out.sort()
}

/**
 * Read the import graph.
 *
 * @param repo The repository root.
 * @returns Every module and every import between modules of the repository.
 */
export function importGraph(repo: string): { modules: string[]; edges: Edge[] } {
  const modules = [...sources(repo, 'src'), ...sources(repo, 'templates')]
  const bySpec = new Map(modules.map((m) => [m.replace(/\.tsx?$/, ''), m]))
  // `inkstone`, `inkstone/jsx`…: package.json exports name compiled files; their sources are under src/.
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { name: string; exports: Record<string, { default: string }> }
  const selfNames = new Map(Object.entries(pkg.exports).map(([sub, target]) => [
    posix.join(pkg.name, sub),
    bySpec.get(target.default.replace(/^\.\/\.build\//, '').replace(/\.js$/, ''))
  ]))
  const edges: Edge[] = []
  for (const from of modules) {
    for (const match of readFileSync(join(repo, from), 'utf8').matchAll(importRe)) {
      const spec = match[2] ?? match[3]
      const to = spec.startsWith('.') ? bySpec.get(posix.join(dirname(from), spec).replace(/\.js$/, '')) : selfNames.get(spec)
      if (to) edges.push({ from, to, typeOnly: match[1] !== undefined })
    }
  }
  return { modules, edges }
}

/**
 * The import cycles: each strongly connected group of more than one module (or a module importing itself).
 *
 * @param edges Imports.
 * @returns Each cycle's modules, sorted.
 */
export function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>()
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to])
  // Tarjan's algorithm.
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string): void => {
    index.set(v, counter)
    low.set(v, counter++)
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const group: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      group.push(w)
    } while (w !== v)
    if (group.length > 1 || (next.get(v) ?? []).includes(v)) found.push(group.sort())
  }
  for (const v of [...next.keys()].sort()) if (!index.has(v)) visit(v)
  return found.sort()
}

/**
 * The layers, lowest first: a module may import its own layer's modules and lower layers' only. The stages
 * are layers of their own in the order the data flows (config → content → … → emit), so a stage may use
 * an earlier stage's types and helpers, never a later one's.
 */
export const layers: Array<{ name: string; modules: RegExp }> = [
  { name: 'base (types, catalog, util, cache, report)', modules: /^src\/(types\.ts|messages\.ts|package-root\.ts|bundles\.ts|util\/|cache\/|report\/)/ },
  { name: 'config', modules: /^src\/config\// },
  { name: 'content', modules: /^src\/content\// },
  { name: 'markdown', modules: /^src\/markdown\// },
  { name: 'git', modules: /^src\/git\// },
  { name: 'site', modules: /^src\/site\// },
  // The full-text index: made from the graph's posts by render/search.ts, and run in the reader's browser.
  { name: 'search', modules: /^src\/search\// },
  // The built-in theme is a theme like a site's own: it renders views, through the package's theme surface.
  { name: 'render (and themes)', modules: /^(src\/render\/|src\/theme\.ts$|templates\/)/ },
  { name: 'emit', modules: /^src\/emit\// },
  { name: 'build (sequencing the stages, parsing in threads, verify)', modules: /^src\/(build\.ts|build-inputs\.ts|unchanged-views\.ts|build-stages\.ts|parse-entries\.ts|verify\.ts|workers\/)/ },
  { name: 'dev server', modules: /^src\/dev\// },
  // inkstone import: reads another generator's blog, writes a site root, and builds it.
  { name: 'import', modules: /^src\/import\// },
  { name: 'entry points (cli, the public API, the bundler)', modules: /^src\/(cli\/|index\.ts$|make-bundles\.ts$)/ }
]

/** The layer of a module (its index in `layers`), or -1 when no layer names it. */
export function layerOf(module: string): number {
  return layers.findIndex((layer) => layer.modules.test(module))
}

/**
 * The imports that run up the layers, as `from -> to`, sorted; and the templates' imports of src/ by path
 * (a theme reaches Inkstone through `inkstone/jsx` and `inkstone/theme` only).
 *
 * @param edges Imports.
 * @returns Offending imports.
 */
export function upwardImports(edges: Edge[]): string[] {
  const out = new Set<string>()
  for (const { from, to } of edges) {
    if (layerOf(to) > layerOf(from)) out.add(`${from} -> ${to}`)
    if (from.startsWith('templates/') && !to.startsWith('templates/') && !/^src\/(theme|render\/jsx|index)\.ts$/.test(to)) out.add(`${from} -> ${to}`)
  }
  return [...out].sort()
}
