/**
 * Content never runs and never crashes the build: hostile posts, built by
 * the real CLI (its bundle, worker threads or not) and in-process (the
 * modules), give a problem at the file, exit 1, and leave the previous output
 * as it was; the other files still report theirs.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { main } from '../../src/cli/main.js'
import { copySite } from '../helpers/site-copy.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'
import { cli } from '../helpers/cli.js'

/** A site whose posts are `posts` (name → text), with a previous output folder. */
function site(posts: Record<string, string>): { root: string; out: string; before: Map<string, Buffer> } {
  const root = tempDir('safety')
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: Safety\nurl: https://safety.example/\nupdated_from_git: false\n')
  for (const [name, text] of Object.entries(posts)) writeFileSync(join(root, 'content', 'posts', name), text)
  const out = join(root, 'previous-output')
  mkdirSync(out)
  writeFileSync(join(out, 'index.html'), '<p>the previous site</p>\n')
  return { root, out, before: readTree(out) }
}

const good = '---\ntitle: Good\ndate: 2024-01-01\n---\nA good post.\n'

/** A post whose JavaScript front matter would write `target` if it ran. */
const scripted = (target: string, open = '---js'): string =>
  `${open}\nprocess.getBuiltinModule('fs').writeFileSync(${JSON.stringify(target)}, 'ran'); ({ title: 'Ran', date: '2024-01-01' })\n---\nbody\n`

describe('front matter is data, never code', () => {
  for (const workers of ['0', '2']) {
    it(`the CLI (bundle, --workers ${workers}) runs nothing and reports file:1:1, exit 1`, () => {
      const marker = join(tempDir('marker'), 'ran.txt')
      const posts: Record<string, string> = { 'good.md': good, 'js.md': scripted(marker), 'javascript.md': scripted(marker, '---javascript'), 'coffee.md': '---coffee\ntitle: "x"\n---\nbody\n' }
      // Enough posts for the pool to start with --workers 2.
      for (let i = 0; i < 4; i++) posts[`more-${i}.md`] = good.replace('Good', `Good ${i}`)
      const { root, out, before } = site(posts)
      const { code, stderr } = cli(['build', root, '--out', out, '--workers', workers])
      expect(existsSync(marker)).toBe(false)
      expect(code).toBe(1)
      const lines = stderr.split('\n').filter((l) => l.startsWith('content/'))
      expect(lines).toEqual([
        'content/posts/coffee.md:1:1: error: Front matter must be YAML, not `coffee` [front-matter-language]',
        'content/posts/javascript.md:1:1: error: Front matter must be YAML, not `javascript` [front-matter-language]',
        'content/posts/js.md:1:1: error: Front matter must be YAML, not `js` [front-matter-language]'
      ])
      expect(readTree(out)).toEqual(before)
    })
  }

  it('build() from the modules (gray-matter with its own engines loaded) runs nothing either', async () => {
    const marker = join(tempDir('marker'), 'ran.txt')
    const { root, out, before } = site({ 'good.md': good, 'js.md': scripted(marker) })
    const result = await build({ root, outDir: out, flags: {}, now: NOW, cache: false, workers: 0 })
    expect(existsSync(marker)).toBe(false)
    expect(result.ok).toBe(false)
    expect(result.problems.map((p) => [p.path, p.line, p.column, p.ruleId])).toEqual([['content/posts/js.md', 1, 1, 'front-matter-language']])
    expect(readTree(out)).toEqual(before)
  })
})

describe('failures that are not content errors', () => {
  it('an exception outside any file exits with 3 and asks for a bug report, never 1', async () => {
    const { root } = site({ 'good.md': good })
    let err = ''
    const code = await main(['build', root], { out: () => undefined, err: (t) => { err += t }, isTTY: false, now: () => { throw new Error('clock broke') } })
    expect(code).toBe(3)
    expect(err).toContain('internal error (a bug in Inkstone, not in your site)')
    expect(err).toContain('clock broke')
    expect(err).toContain('Please report it')
  })
})

describe('--no-cache', () => {
  it('writes nothing into the cache folder, not even the compiled theme', async () => {
    const root = copySite('basic')
    expect(existsSync(join(root, 'templates', 'index.tsx'))).toBe(true)
    const result = await build({ root, outDir: join(root, 'dist'), flags: {}, now: NOW, cache: false })
    expect(result.problems.filter((p) => p.fatal)).toEqual([])
    expect(existsSync(join(root, '.inkstone-cache'))).toBe(false)
    expect(existsSync(join(root, 'dist', 'index.html'))).toBe(true)
  })
})
