/**
 * `node .build/src/markdown/bundle.js` (part of `npm run compile`): bundle
 * the compiled Markdown stack with esbuild into `.build/bundle/markdown/`
 * and stamp it with the tool digest it was made from (see load.ts for why).
 * Code split: Shiki's grammars stay separate chunks, loaded when a language
 * is first highlighted, as they are unbundled.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'
import { toolDigestOf } from '../cache/digest.js'
import { packageRoot } from '../render/theme.js'
import { BUNDLE_DIR, BUNDLE_STAMP } from './load.js'

rmSync(BUNDLE_DIR, { recursive: true, force: true })
mkdirSync(BUNDLE_DIR, { recursive: true })
await build({
  entryPoints: [join(packageRoot, '.build', 'src', 'markdown', 'index.js')],
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // Some dependencies are CommonJS and call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __inkstoneRequire } from 'node:module'; const require = __inkstoneRequire(import.meta.url);" }
})
// Last: a bundle cut off half-way has no stamp and is never used.
writeFileSync(join(BUNDLE_DIR, BUNDLE_STAMP), toolDigestOf())
