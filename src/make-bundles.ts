/**
 * `node .build/src/make-bundles.js` (the last step of `npm run compile`):
 * bundle the compiled CLI and the compiled Markdown stack with esbuild into
 * `.build/bundle/` and stamp each with the tool digest it was made from (see
 * bundles.ts for why and when they are used).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { toolDigestOf } from './cache/digest.js'
import { packageRoot } from './package-root.js'
import { BUNDLE_STAMP, bundles } from './bundles.js'

const compiled = join(packageRoot, '.build', 'src')
// Some dependencies are CommonJS and call require(); an ES module has none of its own.
const banner = { js: "import { createRequire as __inkstoneRequire } from 'node:module'; const require = __inkstoneRequire(import.meta.url);" }

/**
 * The CLI loads the Markdown stack only when a file needs parsing, from its
 * own bundle (or its modules, when that is not current): leave that import
 * to run, from the CLI bundle's folder, as the modules would.
 */
const markdownApart: Plugin = {
  name: 'markdown-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, (args) =>
      args.importer === join(compiled, 'markdown', 'load.js') ? { path: '../../src/markdown/index.js', external: true } : undefined)
  }
}

/**
 * gray-matter loads js-yaml 3 for its default YAML engine, and js-yaml loads
 * esprima for its `!!js/function` type, which every build's start would
 * load. We never use that engine (front-matter.ts hands gray-matter the
 * yaml package, which gives key positions), so the CLI bundle gets a stand-in
 * that fails loudly if it is ever called.
 */
const noJsYaml: Plugin = {
  name: 'no-js-yaml',
  setup(build) {
    build.onResolve({ filter: /^js-yaml$/ }, (args) =>
      /[\\/]gray-matter[\\/]/.test(args.importer) ? { path: 'js-yaml', namespace: 'no-js-yaml' } : undefined)
    build.onLoad({ filter: /.*/, namespace: 'no-js-yaml' }, () => ({
      loader: 'js',
      contents: `const unused = () => { throw new Error('Internal error: gray-matter used its own YAML engine, which the bundle leaves out (see make-bundles.ts)') }
module.exports = { safeLoad: unused, safeDump: unused, load: unused, dump: unused }`
    }))
  }
}

/**
 * What both bundles share. Code-split: what loads only on demand stays in
 * chunks of its own (Shiki's grammars and engine, KaTeX; the dev server,
 * `inkstone new` with its pinyin dictionary), so a build does not even
 * parse code it does not run.
 */
const common = { bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', banner } as const

for (const { dir } of Object.values(bundles)) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}
await build({ ...common, entryPoints: [join(compiled, 'markdown', 'index.js')], outdir: bundles.markdown.dir })
await build({
  ...common,
  // The worker threads' modules too: a worker then loads in a few chunks what it would load in hundreds of modules.
  entryPoints: [join(compiled, 'cli', 'main.js'), join(compiled, 'workers', 'aside-worker.js'), join(compiled, 'workers', 'parse-worker.js')],
  outdir: bundles.cli.dir,
  // main.js, aside-worker.js, parse-worker.js side by side (not in folders named after their sources').
  entryNames: '[name]',
  // esbuild compiles site templates; chokidar watches in `inkstone dev` only: both load as packages when used.
  external: ['esbuild', 'chokidar'],
  plugins: [markdownApart, noJsYaml]
})
// Last: a bundle cut off half-way has no stamp and is never used.
for (const { dir } of Object.values(bundles)) writeFileSync(join(dir, BUNDLE_STAMP), toolDigestOf())
