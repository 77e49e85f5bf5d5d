/**
 * The fuzzing harness: fast-check arbitraries for hostile sites (Markdown,
 * front matter, file names, site.yaml, raw bytes) and the property every
 * build of one must keep: it ends (no exception, no hang), with ok and no
 * errors, or with errors that each name a file of the site; nothing is
 * written outside the output folder and the cache folder; and a failed build
 * leaves the previous output exactly as it was.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import fc from 'fast-check'
import { build } from '../../src/build.js'
import { rules } from '../../src/messages.js'
import { NOW, tempDir } from '../helpers/tree.js'

/** Strings known to have broken parsers, escapers or path handling somewhere. */
export const dictionary = [
  '---js', '---coffee', '---json', '---', '---yaml', '+++', '<script>alert(1)</script>', '</script>', '<!--', '-->', ']]>',
  '<![CDATA[', '"\'><img src=x onerror=alert(1)>', '&amp;', '&#0;', '\u2028', '\u2029', '\u0000', '\uFEFF', '\u202E', '\r\n',
  '\r', '\t', '{{title}}', '${process.exit(1)}', '__proto__', 'constructor', '../../etc/passwd', '..', '%2e%2e/', '#', '?',
  '%', '%00', 'é', 'e\u0301', '中文', '𝕏', '😀', '*', '**', '_', '[', ']', '(', ')', '`', '```', '~~~', '>', '|', '$', '$$',
  '[^1]', '<!-- more -->', '![](../../../../etc/passwd)', '[x](../../../x.md)', '[x](./other.md#nope)', '- [ ] ',
  '> [!NOTE]', '\\', '&anchor', '*anchor', '!!binary', '!!js/function', '!!python/object', '!<tag:x>', '? ', ': ', '- ',
  'null', '~', 'NaN', '.inf', '0x1F', '1e400', '2022-13-45', '2016/6/28 21:40:15', 'yes', 'on'
] as const

/** A string drawn from the dictionary and random text. */
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...dictionary) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\n\n', ' ', '  ', '\n- ', '\n> ', '\n# ', '\n```\n', '\n| a | b |\n|---|---|\n') }
)

/** Markdown: a mix of dictionary pieces and random text, with runs of one character. */
export const markdown = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.oneof(fc.lorem({ maxCount: 8 }), fc.constantFrom('\n\n', '*em*', '`code`', '\n- item', '\n> quote', '中文，标点。', '\n## Heading\n')), { maxLength: 12 }).map((parts) => parts.join(' ')) },
  { weight: 4, arbitrary: fc.array(piece, { maxLength: 40 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('*', '_', '[', '`', '>', '- ', '|', '$', '<', '~', '!['), fc.integer({ min: 1, max: 1000 })).map(([c, n]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('>'.repeat(101) + ' deep\n', '>'.repeat(5000) + ' deep\n', '*a **b '.repeat(120) + 'c\n') }
)

/** A YAML scalar or small structure, often odd. */
const yamlValue = fc.oneof(
  fc.constantFrom('x', '""', "''", '"a\\u0000b"', 'null', '~', '[]', '{}', '[a, b]', '{a: 1}', '2024-01-01', '2022-13-45', '1e400', '!!binary aGk=',
    '!!js/function "function () { return 1 }"', '!custom x', '&a [1, 2]', '*a', '|\n  block\n  text', '>-\n  folded', '"\u2028"', 'é', 'e\u0301', '中文'),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.integer().map(String),
  fc.constantFrom(3, 10, 64, 65, 200).map((n) => '['.repeat(n) + ']'.repeat(n))
)

/** The billion laughs: nine levels of aliases of aliases. */
export const billionLaughs = ['lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
  ...Array.from({ length: 9 }, (_, i) => `lol${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`)].join('\n')

/** Front matter: a valid post's keys, some replaced or added, sometimes another language or a hostile document. */
export const frontMatter = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(
    fc.option(yamlValue, { nil: undefined, freq: 6 }), fc.option(yamlValue, { nil: undefined, freq: 6 }),
    fc.array(fc.tuple(fc.constantFrom('tags', 'slug', 'column', 'summary', 'cover', 'license', 'draft', 'updated', 'mood', '__proto__', 'a.b', '? x'), yamlValue), { maxLength: 2 })
  ).map(([title, date, extra]) => {
    const lines = [`title: ${title ?? 'Fuzz'}`, `date: ${date ?? '2024-01-02'}`, ...extra.map(([k, v]) => `${k}: ${v}`)]
    return `---\n${lines.join('\n')}\n---\n`
  }) },
  { weight: 1, arbitrary: fc.constantFrom(`---\ntitle: Laughs\ndate: 2024-01-01\n${billionLaughs}\n---\n`, '---js\n({ title: "x" })\n---\n', '---coffee\ntitle: "x"\n---\n',
    '---\n- a\n---\n', '---\n---\n', '---\ntitle: [unclosed\n---\n', '---\ntitle: x\ntitle: y\n---\n', '---\n' + 'k:\n '.repeat(100) + 'v\n---\n') },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }).map((s) => `---\n${s}\n---\n`) }
)

/** A byte-level change of a file: none, a BOM, CRLF line ends, an invalid UTF-8 byte, a NUL. */
export const mutation = fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'bom', 'crlf', 'invalid-utf8', 'nul', 'cr')
function mutate(text: string, how: string): Uint8Array {
  if (how === 'crlf') text = text.replace(/\n/g, '\r\n')
  if (how === 'cr') text = text.replace(/\n/g, '\r')
  if (how === 'nul') text = text.replace(/\n/, '\n\u0000')
  const bytes = Buffer.from(text, 'utf8')
  if (how === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])
  if (how === 'invalid-utf8') return Buffer.concat([bytes.subarray(0, bytes.length >> 1), Buffer.from([0xc3, 0x28, 0xff]), bytes.subarray(bytes.length >> 1)])
  return bytes
}

/** A post's file name (without `.md`): spaces, `#`, `?`, `%`, NFC and NFD, Chinese, very long. */
export const fileName = fc.oneof(
  fc.constantFrom('hello', 'with space', 'hash#tag', 'what?', '100%', '%41', 'caf\u00e9', 'cafe\u0301', '中文标点', 'a'.repeat(240), '.hidden', '-dash', 'UPPER', 'x.y'),
  fc.stringMatching(/^[a-z0-9 #?%é中-]{1,30}$/)
)

/** site.yaml: the valid keys, with some values replaced by odd ones, or garbage. */
export const siteYaml = fc.oneof(
  { weight: 10, arbitrary: fc.array(fc.tuple(
    fc.constantFrom('paginate', 'permalink', 'language', 'timezone', 'summary_length', 'highlight', 'feed', 'nav', 'author', 'limits', 'url', 'title', 'unknown_key'),
    fc.oneof(yamlValue, fc.constantFrom('0', '-1', '1000000', '/:slug/', '/posts/:year/:slug/', '/../:slug/', 'Mars/Olympus', '{file_size: 1}', '{file_size: 10 MB, parse_seconds: 5}', 'not a url', 'https://h.example/sub/'))
  ), { maxLength: 2 }).map((pairs) => ['title: Fuzz', 'url: https://fuzz.example/', 'updated_from_git: false', 'highlight: false', ...pairs.map(([k, v]) => `${k}: ${v}`)].join('\n') + '\n') },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) }
)

/** One fuzzed site. */
export interface FuzzSite {
  site: string
  posts: Array<{ name: string; front: string; body: string; mutation: string }>
  cache: boolean
}

/** A whole site: site.yaml and one to four posts. */
export const fuzzSite: fc.Arbitrary<FuzzSite> = fc.record({
  site: siteYaml,
  posts: fc.array(fc.record({ name: fileName, front: frontMatter, body: markdown, mutation }), { minLength: 1, maxLength: 3 }),
  cache: fc.boolean()
})

/** Every file under `dir` (relative path → bytes), folders too (as empty buffers, with a trailing `/`). */
function listAll(dir: string, base = dir, out = new Map<string, Buffer>()): Map<string, Buffer> {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name)
    const rel = relative(base, abs)
    if (statSync(abs).isDirectory()) {
      out.set(rel + '/', Buffer.alloc(0))
      listAll(abs, base, out)
    } else {
      out.set(rel, readFileSync(abs))
    }
  }
  return out
}

/** What one fuzzed build did (for counting). */
export interface Outcome {
  ok: boolean
  errors: number
}

/**
 * Build a fuzzed site in a fresh folder and check the property; throws (an
 * assertion for fast-check) when it does not hold.
 *
 * @param input The site.
 * @returns Whether it built, and its number of errors.
 */
export async function checkSite(input: FuzzSite): Promise<Outcome> {
  const sandbox = tempDir('fuzz')
  try {
    const root = join(sandbox, 'site')
    const posts = join(root, 'content', 'posts')
    mkdirSync(posts, { recursive: true })
    writeFileSync(join(root, 'content', 'site.yaml'), input.site)
    const written = new Set<string>()
    for (const post of input.posts) {
      const file = join(posts, `${post.name}.md`)
      if (written.has(file)) continue
      try {
        writeFileSync(file, mutate(post.front + post.body, post.mutation))
        written.add(file)
      } catch (error) {
        // A name the file system refuses (too long in bytes): not a case.
        if ((error as NodeJS.ErrnoException).code !== 'ENAMETOOLONG') throw error
      }
    }
    const out = join(root, 'dist')
    mkdirSync(out)
    writeFileSync(join(out, 'index.html'), '<p>previous</p>\n')
    const before = listAll(sandbox)
    const result = await build({ root, outDir: out, flags: {}, now: NOW, cache: input.cache, workers: 0 })
    const after = listAll(sandbox)
    // Nothing outside the output and cache folders changed.
    const inside = (p: string) => p.startsWith('site/dist/') || p.startsWith('site/.inkstone-cache/') || p === 'site/.inkstone-cache/'
    for (const path of new Set([...before.keys(), ...after.keys()])) {
      if (inside(path)) continue
      const a = before.get(path)
      const b = after.get(path)
      if (!a || !b || !a.equals(b)) throw new Error(`The build changed ${path} outside its output folder`)
    }
    const errors = result.problems.filter((p) => p.fatal)
    if (result.ok !== (errors.length === 0)) throw new Error(`ok is ${result.ok} with ${errors.length} errors`)
    for (const p of result.problems) {
      if (!(p.ruleId in rules)) throw new Error(`Unknown rule id ${p.ruleId}: ${p.reason}`)
      if (!p.path || p.path.startsWith('/') || p.path.includes('..')) throw new Error(`A problem without a place in the site: ${JSON.stringify(p)}`)
    }
    if (!result.ok) {
      // A failed build leaves the previous output exactly as it was.
      for (const [path, bytes] of before) {
        if (path.startsWith('site/dist/') && !after.get(path)?.equals(bytes)) throw new Error(`A failed build changed ${path}`)
      }
      for (const path of after.keys()) if (path.startsWith('site/dist/') && !before.has(path)) throw new Error(`A failed build wrote ${path}`)
    } else {
      // Output paths are inside the output folder (the tree check above would see any other) and not empty.
      if (!after.has('site/dist/index.html')) throw new Error('A successful build has no index.html')
    }
    return { ok: result.ok, errors: errors.length }
  } finally {
    rmSync(sandbox, { recursive: true, force: true })
  }
}
