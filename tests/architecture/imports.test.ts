/**
 * The shape of the code: no import cycle, and imports run down the layers (entry points → dev → build →
 * the stages in their order → base). See docs/architecture.md.
 */
import { describe, expect, it } from 'vitest'
import { cycles, importGraph, layerOf, upwardImports, type Edge } from './imports.js'

const repo = new URL('../..', import.meta.url).pathname
const { modules, edges } = importGraph(repo)

/**
 * Known imports against the layers, each to be removed by a later change (issue #19); an entry here that
 * no longer occurs fails the test too, so the list only shrinks.
 */
const known = [
  // Types only: content/parse.ts hands the Markdown stage's code memo through.
  'src/content/parse.ts -> src/markdown/code-memo.ts',
  // Types only: rendering skips a page by the last build's manifest entry and the output folder's listing.
  'src/render/publish.ts -> src/emit/manifest.ts',
  'src/render/publish.ts -> src/emit/scan.ts',
  'src/render/render.ts -> src/emit/manifest.ts',
  'src/render/render.ts -> src/emit/scan.ts'
]

describe('imports', () => {
  it('are read from the sources, the type-only and package-name ones too', () => {
    const has = (from: string, to: string, typeOnly: boolean): boolean =>
      edges.some((e: Edge) => e.from === from && e.to === to && e.typeOnly === typeOnly)
    expect(modules.length).toBeGreaterThan(50)
    expect(has('src/build-stages.ts', 'src/config/load.ts', false)).toBe(true)
    expect(has('src/render/feed-atom.ts', 'src/render/feed-doc.ts', true)).toBe(true)
    expect(has('templates/index.tsx', 'src/render/jsx.ts', false)).toBe(true)
    expect(has('src/cli/main.ts', 'src/cli/dev.ts', false)).toBe(true)
  })

  it('form no cycle', () => {
    expect(cycles(edges)).toEqual([])
  })

  it('run down the layers, but for the known exceptions', () => {
    expect(modules.filter((m) => layerOf(m) < 0)).toEqual([])
    expect(upwardImports(edges)).toEqual(known)
  })

  it('checks catch a cycle and an upward import', () => {
    const edge = (from: string, to: string): Edge => ({ from, to, typeOnly: false })
    expect(cycles([edge('src/a.ts', 'src/b.ts'), edge('src/b.ts', 'src/c.ts'), edge('src/c.ts', 'src/a.ts'), edge('src/c.ts', 'src/d.ts')]))
      .toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']])
    expect(upwardImports([edge('src/content/read-sources.ts', 'src/emit/write.ts'), edge('src/emit/write.ts', 'src/util/hash.ts')]))
      .toEqual(['src/content/read-sources.ts -> src/emit/write.ts'])
    expect(upwardImports([edge('templates/index.tsx', 'src/render/strings.ts')])).toEqual(['templates/index.tsx -> src/render/strings.ts'])
  })
})
