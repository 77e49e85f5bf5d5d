/**
 * Customising the built-in theme without forking it: `theme:` options, the author's stylesheet and
 * snippets (templates/custom.css, head.html, body-end.html), and a site's own templates/index.tsx that
 * replaces one named part. Built from tests/fixtures/customise/.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { build } from '../../src/build.js'
import { repo } from '../helpers/cli.js'
import { NOW, readTree, tempDir } from '../helpers/tree.js'

const fixture = join(import.meta.dirname, '..', 'fixtures', 'customise')

/** A copy of the fixture site with some files added or replaced. */
function siteWith(label: string, files: Record<string, string> = {}): string {
  const root = tempDir(label)
  cpSync(join(fixture, 'site'), root, { recursive: true })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

async function built(root: string, out = join(root, 'dist'), cache = false) {
  const result = await build({ root, outDir: out, flags: { drafts: false, future: false }, now: NOW, cache })
  return { result, out, page: (path: string) => readFileSync(join(out, path), 'utf8') }
}

const options = `theme:
  accent: { light: "#0a7c6f", dark: "#5cc8b4" }
  fonts: { heading: [LXGW WenKai, serif] }
  width: 44rem
  footer:
    text: 文字采用 CC BY 4.0 许可
    links: [{ name: 订阅周报, url: /letter/ }]
  author_card: false
  reading_time: false
  word_count: false
  toc: false
  support: false
  edited: false
`

describe('theme options', () => {
  it('are all shown by default, and each one turned off hides its block', async () => {
    const plain = await built(siteWith('options-default'))
    expect(plain.result.ok).toBe(true)
    const before = plain.page('posts/long/index.html')
    for (const mark of ['class="author-card"', 'class="toc"', 'class="reading-time"', 'class="word-count"', 'class="support"', 'class="edited"']) {
      expect(before).toContain(mark)
    }
    expect(before).not.toContain('<style>')

    const root = siteWith('options')
    writeFileSync(join(root, 'content', 'site.yaml'), readFileSync(join(root, 'content', 'site.yaml'), 'utf8') + options)
    const themed = await built(root)
    expect(themed.result.problems).toEqual([])
    const after = themed.page('posts/long/index.html')
    for (const mark of ['class="author-card"', 'class="toc"', 'class="reading-time"', 'class="word-count"', 'class="support"', 'class="edited"']) {
      expect(after).not.toContain(mark)
    }
    // The colour, font and width options: custom properties after the theme's stylesheet.
    expect(after).toMatch(/<link rel="stylesheet" href="\/notes\/assets\/theme\.[0-9a-f]{8}\.css"><style>:root\{--accent:#0a7c6f;/)
    expect(after).toContain('--heading:"LXGW WenKai",serif;--measure:44rem}')
    expect(after).toContain('html[data-theme=dark]{--accent:#5cc8b4;')
    // The footer line and link, on every page.
    for (const path of ['index.html', 'posts/short/index.html', '404.html']) {
      expect(themed.page(path)).toContain('<p class="foot-text">文字采用 CC BY 4.0 许可</p>')
      expect(themed.page(path)).toContain('<li><a href="/notes/letter/">订阅周报</a></li>')
    }
  })
})

describe('custom stylesheet and snippets', () => {
  const files = {
    'templates/custom.css': '.entry-title{letter-spacing:.1em}\n',
    'templates/head.html': '<meta name="site-verification" content="abc123">\n',
    'templates/body-end.html': '<script>window.analytics = "on"</script>\n'
  }

  it('are linked after the theme and put verbatim at the end of <head> and <body> of every page', async () => {
    const { result, out, page } = await built(siteWith('custom', files))
    expect(result.problems).toEqual([])
    const css = [...readTree(join(out, 'assets')).keys()].find((name) => /^custom\.[0-9a-f]{8}\.css$/.test(name))
    expect(css).toBeDefined()
    expect(readFileSync(join(out, 'assets', css!), 'utf8')).toBe(files['templates/custom.css'])
    for (const path of ['index.html', 'posts/long/index.html', 'tags/index.html', '404.html']) {
      const html = page(path)
      expect(html.indexOf(`href="/notes/assets/${css}"`)).toBeGreaterThan(html.indexOf('assets/theme.'))
      expect(html).toContain('<meta name="site-verification" content="abc123"></head>')
      expect(html).toContain('<script>window.analytics = "on"</script></body>')
    }
  })

  it('rebuild the pages when one changes, with the cache on', async () => {
    const root = siteWith('custom-change', files)
    const first = await built(root, join(root, 'dist'), true)
    expect(first.result.ok).toBe(true)
    writeFileSync(join(root, 'templates', 'head.html'), '<meta name="site-verification" content="xyz789">\n')
    const second = await built(root, join(root, 'dist'), true)
    expect(second.result.ok).toBe(true)
    expect(second.result.early).toBeUndefined()
    expect(second.page('posts/short/index.html')).toContain('content="xyz789"')
    expect(second.page('posts/short/index.html')).not.toContain('abc123')
  })

  it('take another stylesheet path from theme.custom_css; a missing one is an error', async () => {
    const root = siteWith('custom-path', { 'templates/site.css': 'body{color:red}\n' })
    writeFileSync(join(root, 'content', 'site.yaml'), readFileSync(join(root, 'content', 'site.yaml'), 'utf8') + 'theme:\n  custom_css: templates/site.css\n')
    const ok = await built(root)
    expect(ok.result.problems).toEqual([])
    expect(ok.page('index.html')).toMatch(/href="\/notes\/assets\/custom\.[0-9a-f]{8}\.css"/)
    const missing = siteWith('custom-missing')
    writeFileSync(join(missing, 'content', 'site.yaml'), readFileSync(join(missing, 'content', 'site.yaml'), 'utf8') + 'theme:\n  custom_css: templates/gone.css\n')
    const failed = await built(missing)
    expect(failed.result.ok).toBe(false)
    expect(failed.result.problems.map((p) => [p.path, p.ruleId])).toEqual([['content/site.yaml', 'theme-invalid']])
  })
})

describe('replacing one part of the built-in theme', () => {
  const override = readFileSync(join(fixture, 'override', 'index.tsx'), 'utf8')
  const footer = /<footer class="site-footer[^"]*">[\s\S]*?<\/footer>/

  it('changes that part and leaves every other byte of every page as the built-in theme makes it', async () => {
    const plain = await built(siteWith('parts-default'))
    const own = await built(siteWith('parts-override', { 'templates/index.tsx': override }))
    expect(own.result.problems).toEqual([])
    const a = readTree(plain.out)
    const b = readTree(own.out)
    expect([...b.keys()]).toEqual([...a.keys()])
    const pages = [...a.keys()].filter((path) => path.endsWith('.html'))
    expect(pages.length).toBeGreaterThan(5)
    for (const path of pages) {
      const mine = b.get(path)!.toString('utf8')
      const theirs = a.get(path)!.toString('utf8')
      if (theirs.includes('http-equiv="refresh"')) continue // alias redirects have no footer
      expect(mine, path).toMatch(/<footer class="site-footer my-footer"><p>林墨 · no footer line<\/p><\/footer>/)
      expect(theirs, path).not.toContain('my-footer')
      expect(mine.replace(footer, ''), path).toBe(theirs.replace(footer, ''))
    }
  })

  it('is type-checked against the parts by tsc', () => {
    const dir = tempDir('parts-tsc')
    mkdirSync(join(dir, 'node_modules'))
    symlinkSync(repo, join(dir, 'node_modules', 'inkstone'), 'dir')
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'a-site', private: true, type: 'module' }))
    const tsconfig = (file: string) => JSON.stringify({
      compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', strict: true, noEmit: true, skipLibCheck: true, jsx: 'react', jsxFactory: 'h', jsxFragmentFactory: 'Fragment', types: [] },
      files: [file]
    })
    const tsc = () => spawnSync(process.execPath, [join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: dir, encoding: 'utf8' })
    writeFileSync(join(dir, 'index.tsx'), override)
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig('index.tsx'))
    const good = tsc()
    expect(good.stdout + good.stderr).toBe('')
    expect(good.status).toBe(0)
    // A part with the wrong props does not type-check.
    writeFileSync(join(dir, 'wrong.tsx'), override.replace("({ site }) =>", "({ site, nope }: { site: { title: string }; nope: number }) =>"))
    writeFileSync(join(dir, 'tsconfig.json'), tsconfig('wrong.tsx'))
    const bad = tsc()
    expect(bad.status).not.toBe(0)
    expect(bad.stdout).toContain('wrong.tsx')
  })
})
