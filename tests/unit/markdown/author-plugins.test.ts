/**
 * The author's plugins in the Markdown stage: where they run (remark ones before word counts, rehype ones
 * before the summary), the guard that turns a throw into a PluginError with the plugin's place (plain,
 * async and callback transformers), and the checks of what inkstone.config.* exports.
 */
import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { createBodyRenderer } from '../../../src/markdown/index.js'
import { guardedPlugins, PluginError } from '../../../src/markdown/author-plugins.js'
import { bundledPackages, checkPluginExports } from '../../../src/config/markdown-plugins.js'
import { unified } from 'unified'

type Node = { type: string; value?: string; tagName?: string; properties?: Record<string, unknown>; children?: Node[]; position?: unknown }
const walk = (node: Node, visit: (n: Node) => void): void => {
  visit(node)
  for (const child of node.children ?? []) walk(child, visit)
}

/** remark: doubles every word of text (so word counts show whether they ran before or after it). */
function remarkDouble() {
  return (tree: Node) => walk(tree, (n) => void (n.type === 'text' && (n.value = `${n.value} ${n.value}`)))
}
/** rehype: marks every paragraph. */
function rehypeMark() {
  return (tree: Node) => walk(tree, (n) => void (n.type === 'element' && n.tagName === 'p' && (n.properties = { ...n.properties, dataMark: 'x' })))
}

const render = (plugins: { remark: unknown[]; rehype: unknown[] }, body: string) =>
  createBodyRenderer({ root: '/nowhere', highlight: false, summaryLength: 140, language: 'en', plugins })(new VFile({ path: 'a.md' }), body)

describe('author plugins in the Markdown stage', () => {
  it('run remark plugins before word counts, rehype plugins before the summary', async () => {
    const plain = await render({ remark: [], rehype: [] }, 'one two three\n')
    const out = await render({ remark: [remarkDouble], rehype: [rehypeMark] }, 'one two three\n')
    expect(plain.metrics.words).toBe(3)
    expect(out.metrics.words).toBe(6)
    expect(out.html).toBe('<p data-mark="x">one two three one two three</p>')
    expect(out.excerptHtml).toContain('data-mark="x"')
  })

  it('turn a throw into a PluginError at the place the plugin gives, from plain, async and callback transformers', async () => {
    const at = { start: { line: 3, column: 2 }, end: { line: 3, column: 9 } }
    function remarkPlain() {
      return () => {
        throw Object.assign(new Error('plain'), { position: at })
      }
    }
    function remarkAsync() {
      return async () => {
        throw new Error('async\nsecond line')
      }
    }
    function remarkCallback() {
      return (_tree: unknown, _file: unknown, next: (error?: unknown) => void) => setTimeout(() => next(Object.assign(new Error('callback'), { line: 7, column: 4 })), 1)
    }
    const run = async (plugin: unknown) => {
      const processor = unified().use(guardedPlugins([plugin]) as never)
      return processor.run({ type: 'root', children: [] } as never).catch((e: unknown) => e)
    }
    const plain = (await run(remarkPlain)) as PluginError
    expect(plain).toBeInstanceOf(PluginError)
    expect(plain.message).toBe('The Markdown plugin `remarkPlain` (inkstone.config) failed on this file: plain')
    expect(plain.place).toEqual({ line: 3, column: 2 })
    const later = (await run(remarkAsync)) as PluginError
    expect(later.message).toBe('The Markdown plugin `remarkAsync` (inkstone.config) failed on this file: async')
    expect(later.place).toBeUndefined()
    expect(((await run(remarkCallback)) as PluginError).place).toEqual({ line: 7, column: 4 })
    // A plugin given with options gets them.
    let seen: unknown
    function remarkOptions(options: unknown) {
      seen = options
    }
    await unified().use(guardedPlugins([[remarkOptions, { a: 1 }]]) as never).run({ type: 'root', children: [] } as never)
    expect(seen).toEqual({ a: 1 })
  })

  it('take remarkPlugins and rehypePlugins of plugins and [plugin, options] pairs, and nothing else', () => {
    const f = () => undefined
    expect(checkPluginExports({ remarkPlugins: [f, [f, { x: 1 }]] })).toEqual({ remark: [f, [f, { x: 1 }]], rehype: [] })
    expect(checkPluginExports({ default: { rehypePlugins: [f] } })).toEqual({ remark: [], rehype: [f] })
    expect(checkPluginExports({})).toEqual({ remark: [], rehype: [] })
    expect(checkPluginExports({ remarkPlugins: f })).toEqual({ reason: 'Expected `remarkPlugins` to be a list of plugins or [plugin, options] pairs' })
    expect(checkPluginExports({ rehypePlugins: [f, 'rehype-slug'] })).toEqual({ reason: 'Expected item 2 of `rehypePlugins` to be a plugin (a function) or [plugin, options], not string' })
  })

  it('name the packages a bundle took from node_modules, scoped ones too', () => {
    const { versions, manifests } = bundledPackages(['/site/inkstone.config.ts', '/nowhere/node_modules/@scope/pkg/index.js', '/nowhere/node_modules/plain/lib/a.js', '/nowhere/node_modules/plain/lib/b.js'])
    // No package.json to read here: the version is unknown, and no manifest is watched.
    expect(versions).toEqual([['@scope/pkg', 'unknown'], ['plain', 'unknown']])
    expect(manifests).toEqual([])
  })
})
