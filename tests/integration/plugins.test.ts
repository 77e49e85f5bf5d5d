/**
 * The author's remark/rehype plugins (inkstone.config.*): their output in pages and feeds, in parse
 * workers too; a changed plugin or plugin version re-parses (no stale page); a plugin that throws is a
 * problem at the post; a broken config file is a problem at its line. Built from tests/fixtures/customise/.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { NOW, tempDir } from '../helpers/tree.js'

const fixture = join(import.meta.dirname, '..', 'fixtures', 'customise')
const shout = readFileSync(join(fixture, 'remark-shout.js'), 'utf8')

/** The fixture site with inkstone.config.ts, the test plugin package (version `version`) and more files. */
function pluginSite(label: string, files: Record<string, string> = {}, version = '1.0.0'): string {
  const root = tempDir(label)
  cpSync(join(fixture, 'site'), root, { recursive: true })
  cpSync(join(fixture, 'plugins', 'inkstone.config.ts'), join(root, 'inkstone.config.ts'))
  const all = {
    'node_modules/remark-shout/package.json': JSON.stringify({ name: 'remark-shout', version, type: 'module', main: 'index.js' }),
    'node_modules/remark-shout/index.js': shout,
    'content/posts/loud.md': '---\ntitle: 大声\ndate: 2025-05-01 10:00\n---\n\n请 shout(hello) 一下。\n',
    ...files
  }
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

async function built(root: string, options: { cache?: boolean; workers?: number } = {}) {
  const out = join(root, 'dist')
  const result = await build({ root, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache: options.cache ?? false, workers: options.workers })
  return { result, out, page: (path: string) => readFileSync(join(out, path), 'utf8') }
}

describe('author plugins', () => {
  it('run on every post: their output is in the page, the summary and every feed', async () => {
    const { result, page } = await built(pluginSite('plugins'))
    expect(result.problems).toEqual([])
    expect(page('posts/loud/index.html')).toContain('<p data-stamp="ink">请 HELLO!! 一下。</p>')
    expect(page('index.html')).toContain('HELLO!!')
    for (const feed of ['atom.xml', 'rss.xml', 'feed.json']) expect(page(feed), feed).toContain('HELLO!!')
  })

  it('run in parse workers as in the main thread', async () => {
    const main = await built(pluginSite('plugins-main'))
    const workers = await built(pluginSite('plugins-workers'), { workers: 2 })
    expect(workers.result.problems).toEqual([])
    expect(workers.result.stats.parse.workers).toBeGreaterThan(0)
    expect(workers.page('posts/loud/index.html')).toBe(main.page('posts/loud/index.html'))
  })

  it('are part of the cache key: a changed plugin, or only its version, re-parses every file', async () => {
    const root = pluginSite('plugins-cache')
    const first = await built(root, { cache: true })
    expect(first.result.ok).toBe(true)
    const again = await built(root, { cache: true })
    expect(again.result.early).toBe(true)
    // The plugin's code changes: the page follows.
    writeFileSync(join(root, 'node_modules', 'remark-shout', 'index.js'), shout.replace("word.toUpperCase() + mark", "word.toUpperCase() + mark + '?'"))
    const changed = await built(root, { cache: true })
    expect(changed.result.ok).toBe(true)
    expect(changed.page('posts/loud/index.html')).toContain('HELLO!!?')
    expect(changed.result.stats.parse.parsed).toBe(4)
    // Only the version in its package.json changes: still a new key.
    writeFileSync(join(root, 'node_modules', 'remark-shout', 'package.json'), JSON.stringify({ name: 'remark-shout', version: '1.0.1', type: 'module', main: 'index.js' }))
    const bumped = await built(root, { cache: true })
    expect(bumped.result.early).toBeUndefined()
    expect(bumped.result.stats.parse.parsed).toBe(4)
    // The config's options change.
    writeFileSync(join(root, 'inkstone.config.ts'), readFileSync(join(root, 'inkstone.config.ts'), 'utf8').replace("mark: '!!'", "mark: '~'"))
    const options = await built(root, { cache: true })
    expect(options.page('posts/loud/index.html')).toContain('HELLO~?')
    // And taking the config away takes the plugins away.
    rmSync(join(root, 'inkstone.config.ts'))
    const none = await built(root, { cache: true })
    expect(none.page('posts/loud/index.html')).toContain('<p>请 shout(hello) 一下。</p>')
  })

  it('that throw are a problem at the post, at the place the plugin gives or else its first line', async () => {
    const root = pluginSite('plugins-throw', {
      'content/posts/boom.md': '---\ntitle: 炸\ndate: 2025-05-02\n---\n\n第一段。\n\n这里 BOOM 了。\n',
      'content/posts/hush.md': '---\ntitle: 嘘\ndate: 2025-05-03\n---\n\nHUSH\n'
    })
    const { result } = await built(root)
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => [p.path, p.ruleId, p.line, p.column])).toEqual([
      ['content/posts/boom.md', 'plugin-failed', 8, 1],
      ['content/posts/hush.md', 'plugin-failed', 1, 1]
    ])
    expect(result.problems[0].reason).toBe('The Markdown plugin `remarkShout` (inkstone.config) failed on this file: cannot shout BOOM')
  })

  it('from a config file that does not compile, or exports no plugins, are a problem at the config file', async () => {
    const broken = pluginSite('plugins-syntax', { 'inkstone.config.ts': "import x from 'remark-shout'\nexport const remarkPlugins = [x,\n" })
    const syntax = await built(broken)
    expect(syntax.result.problems.map((p) => [p.path, p.ruleId, p.line])).toEqual([['inkstone.config.ts', 'plugin-config-error', 3]])
    const wrong = pluginSite('plugins-shape', { 'inkstone.config.ts': "export const rehypePlugins = ['rehype-slug']\n" })
    const shape = await built(wrong)
    expect(shape.result.problems.map((p) => [p.path, p.ruleId, p.line, p.column])).toEqual([['inkstone.config.ts', 'plugin-config-error', 1, 1]])
    expect(shape.result.problems[0].reason).toContain('Expected item 1 of `rehypePlugins` to be a plugin')
    const missing = pluginSite('plugins-missing', { 'inkstone.config.mjs': "import x from 'remark-nowhere'\nexport const remarkPlugins = [x]\n" })
    rmSync(join(missing, 'inkstone.config.ts'))
    const gone = await built(missing)
    expect(gone.result.problems.map((p) => [p.path, p.ruleId, p.line])).toEqual([['inkstone.config.mjs', 'plugin-config-error', 1]])
    expect(readdirSync(missing)).not.toContain('dist')
  })
})
