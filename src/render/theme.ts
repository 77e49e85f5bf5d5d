/**
 * Load the theme: a site's own `templates/index.tsx` (bundled with esbuild,
 * cached by the hash of its inputs), or the built-in theme. Compile errors
 * become problems at the template's file and line.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Problem } from '../types.js'
import { problem } from '../messages.js'
import type { Theme } from './view-types.js'
import { packageRoot } from '../package-root.js'
import { toolDigestOf } from '../cache/digest.js'
import { theme as builtInTheme } from '../../templates/index.js'


/** A loaded theme with the digest of everything it was built from. */
export interface LoadedTheme {
  theme: Theme
  digest: string
  /** Files the theme was built from (absolute), for the dev watcher. */
  inputs: string[]
}

async function hashFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(file)
    try {
      hash.update(await readFile(file))
    } catch {
      hash.update('missing')
    }
  }
  return hash.digest('hex')
}

/**
 * Load the theme for a site root.
 *
 * @param root Site root (absolute).
 * @param cacheDir Folder for compiled themes; undefined (`--no-cache`): nothing is read or written, the
 *   compiled theme is imported from memory.
 * @returns The theme, or problems.
 */
export async function loadTheme(root: string, cacheDir: string | undefined): Promise<LoadedTheme | { problems: Problem[] }> {
  const entry = join(root, 'templates', 'index.tsx')
  // The built-in theme is part of the tool (and of its digest, and of the CLI bundle).
  if (!existsSync(entry)) return { theme: builtInTheme, digest: 'builtin:' + toolDigestOf(), inputs: [] }
  // Reuse the last bundle when none of its inputs changed.
  const stamp = cacheDir === undefined ? undefined : join(cacheDir, 'theme.json')
  try {
    if (stamp === undefined) throw new Error('no cache')
    const last = JSON.parse(await readFile(stamp, 'utf8')) as { inputs: string[]; digest: string; out: string }
    if ((await hashFiles(last.inputs)) === last.digest && existsSync(last.out)) {
      const mod = (await import(pathToFileURL(last.out).href)) as { theme: Theme }
      return { theme: mod.theme, digest: last.digest, inputs: last.inputs }
    }
  } catch {
    // No usable stamp: bundle below.
  }
  const esbuild = await import('esbuild')
  let result
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      metafile: true,
      jsx: 'transform',
      jsxFactory: 'h',
      jsxFragment: 'Fragment',
      logLevel: 'silent',
      nodePaths: [join(packageRoot, 'node_modules')],
      // Site templates import our JSX factory as `inkstone/jsx`, and the view types, `fill` and the Markdown
      // stylesheet as `inkstone/theme` (as the built-in theme does), and the built-in theme as `inkstone/default-theme`.
      alias: {
        'inkstone/jsx': join(packageRoot, '.build', 'src', 'render', 'jsx.js'),
        'inkstone/theme': join(packageRoot, '.build', 'src', 'theme.js'),
        // The built-in theme itself, to replace some of its parts (defaultTheme, defaultParts).
        'inkstone/default-theme': join(packageRoot, '.build', 'templates', 'index.js')
      }
    })
  } catch (error) {
    const failure = error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }
    const problems = (failure.errors ?? [{ text: String(error) }]).map((e) =>
      problem(
        e.location ? relative(root, join(process.cwd(), e.location.file)).split(sep).join('/') : 'templates/index.tsx',
        'template-error', e.text, e.location ? { line: e.location.line, column: e.location.column + 1 } : undefined
      )
    )
    return { problems }
  }
  const inputs = Object.keys(result.metafile.inputs)
    .filter((p) => !p.includes('node_modules'))
    .map((p) => join(process.cwd(), p))
    .sort()
  const digest = await hashFiles(inputs)
  if (cacheDir === undefined || stamp === undefined) {
    // A bundle has only `node:` imports left, which a data: URL module may make.
    const url = 'data:text/javascript;base64,' + Buffer.from(result.outputFiles[0].contents).toString('base64')
    const mod = (await import(url)) as { theme: Theme }
    return { theme: mod.theme, digest, inputs }
  }
  await mkdir(cacheDir, { recursive: true })
  const out = join(cacheDir, `theme-${digest.slice(0, 16)}.mjs`)
  await writeFile(out, result.outputFiles[0].contents)
  await writeFile(stamp, JSON.stringify({ inputs, digest, out }))
  const mod = (await import(pathToFileURL(out).href)) as { theme: Theme }
  return { theme: mod.theme, digest, inputs }
}
