/**
 * The package as a user's script reaches it: `import … from 'inkstone'` in a folder whose
 * node_modules/inkstone is this repository (as `npm install` would make it), resolved by Node through
 * package.json `exports` to the compiled files, and type-checked through its `types`.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { repo } from '../helpers/cli.js'
import { tempDir } from '../helpers/tree.js'

let dir: string

/** Write a file, making its folders. */
function put(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, text)
}

beforeAll(() => {
  dir = tempDir('api')
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(repo, join(dir, 'node_modules', 'inkstone'), 'dir')
  put(join(dir, 'package.json'), JSON.stringify({ name: 'a-user-script', private: true, type: 'module' }))
  const site = join(dir, 'site')
  put(join(site, 'content', 'site.yaml'), 'title: API 小站\nurl: https://api.example/\nupdated_from_git: false\nhighlight: false\n')
  put(join(site, 'content', 'posts', 'first.md'), '---\ntitle: 第一篇\ndate: 2024-03-01 10:00\ntags: [笔记]\n---\n\n正文，**加粗**。\n')
  put(join(site, 'content', 'posts', 'draft.md'), '---\ntitle: 草稿\ndate: 2024-03-02\ndraft: true\n---\n\n还没写完。\n')
  put(join(site, 'content', 'posts', 'broken.md'), '---\ntitle: 第二篇\ndate: 2024-03-03\n---\n\n![missing](./nowhere.png)\n')
})

function node(script: string): { code: number | null; stdout: string; stderr: string } {
  put(join(dir, 'script.mjs'), script)
  const run = spawnSync(process.execPath, [join(dir, 'script.mjs')], { cwd: dir, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe("import 'inkstone'", () => {
  it('loads a site without rendering it: config, graph and problems', () => {
    const run = node(`
import { loadSite, formatReport } from 'inkstone'
const site = await loadSite({ root: 'site', now: Date.parse('2025-01-01T00:00:00Z'), cache: false })
console.log(JSON.stringify({
  ok: site.ok,
  title: site.config.title,
  posts: site.graph.posts.map((p) => p.entry.matter.title),
  tags: site.graph.tags.map((t) => t.name),
  report: formatReport(site.problems, 'site')
}))
`)
    expect(run.stderr).toBe('')
    const got = JSON.parse(run.stdout)
    expect(got.ok).toBe(false)
    expect(got.title).toBe('API 小站')
    // Newest first; the draft is left out.
    expect(got.posts).toEqual(['第二篇', '第一篇'])
    expect(got.tags).toEqual(['笔记'])
    expect(got.report).toMatch(/^content\/posts\/broken\.md:6:1: error: Image `\.\/nowhere\.png` does not exist .*\[missing-image\]$/m)
  })

  it('builds a site into its output folder; a build with an error writes nothing', () => {
    const run = node(`
import { build } from 'inkstone'
import { existsSync, rmSync } from 'node:fs'
const now = Date.parse('2025-01-01T00:00:00Z')
const failed = await build({ root: 'site', outDir: 'out', now, cache: false })
const wroteOnFailure = existsSync('out')
rmSync('site/content/posts/broken.md')
const built = await build({ root: 'site', outDir: 'out', now, cache: false, drafts: true })
console.log(JSON.stringify({ failed: failed.ok, wroteOnFailure, built: built.ok, posts: built.stats.posts }))
`)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ failed: false, wroteOnFailure: false, built: true, posts: 2 })
    expect(readFileSync(join(dir, 'out', 'posts', 'first', 'index.html'), 'utf8')).toContain('<strong>加粗</strong>')
    expect(existsSync(join(dir, 'out', 'posts', 'draft', 'index.html'))).toBe(true)
  })

  it('gives a theme its JSX factory (inkstone/jsx) and its types, checked by tsc', () => {
    put(join(dir, 'theme.tsx'), `
import { h, Fragment, RawHtml } from 'inkstone/jsx'
import type { Theme, PageView, PostPageView } from 'inkstone'
void Fragment
function Post(props: { view: PostPageView }) {
  return <article><h1>{props.view.post.title}</h1><RawHtml html={props.view.post.bodyHtml} /></article>
}
export const theme: Theme = {
  render: (view: PageView) => ({ type: 'root', children: [view.kind === 'post' ? (Post({ view }) as never) : (<p>{view.head.title}</p> as never)] }),
  assets: {}
}
`)
    put(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, jsx: 'react', jsxFactory: 'h', jsxFragmentFactory: 'Fragment', types: [] },
      files: ['theme.tsx']
    }))
    const tsc = spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
    expect(tsc.stdout + tsc.stderr).toBe('')
    expect(tsc.status).toBe(0)
    // And the same factory runs: a JSX element is a hast element.
    const run = node(`
import { h } from 'inkstone/jsx'
console.log(JSON.stringify(h('p', { class: 'x' }, 'text')))
`)
    expect(JSON.parse(run.stdout)).toEqual({ type: 'element', tagName: 'p', properties: { className: ['x'] }, children: [{ type: 'text', value: 'text' }] })
  })

  it("bundles a site's own theme that imports inkstone/jsx and inkstone/theme", () => {
    const site = join(dir, 'themed')
    put(join(site, 'content', 'site.yaml'), 'title: Themed\nurl: https://themed.example/\nupdated_from_git: false\nlanguage: en\n')
    put(join(site, 'content', 'posts', 'one.md'), '---\ntitle: One\ndate: 2024-03-01\n---\n\nBody.\n')
    put(join(site, 'templates', 'index.tsx'), `
import { h, Fragment } from 'inkstone/jsx'
import { fill, markdownCss, type PageView, type Theme } from 'inkstone/theme'
void Fragment
export const theme: Theme = {
  render: (view: PageView) => ({ type: 'root', children: [<p id="note">{fill(view.site.strings.posts, { n: 7 })}</p> as never] }),
  assets: { 'assets/theme.css': markdownCss }
}
`)
    const run = node(`
import { build } from 'inkstone'
const result = await build({ root: 'themed', outDir: 'themed-out', now: Date.parse('2025-01-01T00:00:00Z'), cache: false })
console.log(JSON.stringify({ ok: result.ok, problems: result.problems }))
`)
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, problems: [] })
    expect(readFileSync(join(dir, 'themed-out', 'index.html'), 'utf8')).toContain('<p id="note">7 posts</p>')
    const css = readdirSync(join(dir, 'themed-out', 'assets')).find((name) => /^theme\.[0-9a-f]{8}\.css$/.test(name))
    expect(readFileSync(join(dir, 'themed-out', 'assets', css!), 'utf8')).toContain('.markdown-alert')
  })
})

describe('installed as a dependency', () => {
  it('runs from the files package.json ships, with its dependencies beside it (npm\'s hoisted layout)', () => {
    // What `npm install inkstone` makes: the package's `files` (and package.json) in node_modules/inkstone,
    // its dependencies not inside it but beside it, in the project's node_modules.
    const project = tempDir('installed')
    const modules = join(project, 'node_modules')
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { files: string[] }
    for (const path of ['package.json', ...pkg.files]) cpSync(join(repo, path), join(modules, 'inkstone', path), { recursive: true })
    for (const name of readdirSync(join(repo, 'node_modules'))) {
      if (!name.startsWith('.')) symlinkSync(join(repo, 'node_modules', name), join(modules, name))
    }
    const site = join(project, 'site')
    put(join(site, 'content', 'site.yaml'), 'title: Installed\nurl: https://installed.example/\nupdated_from_git: false\n')
    put(join(site, 'content', 'posts', 'math.md'), '---\ntitle: Math\ndate: 2024-03-01\n---\n\nEuler: $e^{i\\pi} + 1 = 0$.\n\n```js\nlet a = 1\n```\n')
    const run = spawnSync(process.execPath, [join(modules, 'inkstone', 'bin', 'inkstone.js'), 'build', 'site'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
    expect(run.stderr).toMatch(/^✓ 1 posts/)
    expect(run.status).toBe(0)
    expect(readFileSync(join(site, 'dist', 'posts', 'math', 'index.html'), 'utf8')).toContain('class="katex"')
    expect(readdirSync(join(site, 'dist', 'assets', 'katex')).some((name) => /^katex\.[0-9a-f]{8}\.css$/.test(name))).toBe(true)
  })
})
