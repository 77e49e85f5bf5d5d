/**
 * The author's Markdown plugins: an optional `inkstone.config.ts` (or `.mjs`,
 * `.js`) at the site root exporting `remarkPlugins` and `rehypePlugins`
 * (unified's `plugin` or `[plugin, options]` items). It is bundled with
 * esbuild (the plugins from the site's node_modules included) into one module
 * that the main thread and every parse worker import; its digest, with the
 * versions of the packages it bundles, is part of every cache key. Like
 * templates/, this is the author's code; content never runs.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Problem, SiteConfig } from '../types.js'
import { problem } from '../messages.js'

/** The names the file may have, in the order they are looked for. */
export const PLUGIN_CONFIG_FILES = ['inkstone.config.ts', 'inkstone.config.mjs', 'inkstone.config.js'] as const

/** Where the bundled plugins are and what they are made of (SiteConfig.plugins). */
export interface PluginsRef {
  /** URL of the bundled module (a file in the cache folder, or a data: URL with --no-cache). */
  url: string
  /** Digest of the bundle and of the versions of the packages in it. */
  digest: string
}

/** A unified plugin list item: a plugin, or a plugin with its options. */
type PluginItem = unknown

/** What the module exports, checked. */
export interface AuthorPlugins {
  remark: PluginItem[]
  rehype: PluginItem[]
}

/** The result of loading: the plugins (when the file exists), the files they were built from, problems. */
export interface LoadedPlugins {
  ref?: PluginsRef
  /** The config file and the site's own modules it imports (absolute), for the dev watcher. */
  inputs: string[]
  /** Packages bundled from node_modules, with their versions (sorted by name). */
  packages: Array<[string, string]>
  problems: Problem[]
}

async function hashFiles(files: string[]): Promise<string> {
  const hash = createHash('sha256')
  for (const file of files) {
    hash.update(file).update('\0')
    try {
      hash.update(await readFile(file))
    } catch {
      hash.update('missing')
    }
  }
  return hash.digest('hex')
}

/**
 * The packages a bundle took from node_modules, with the version in each one's package.json.
 *
 * @param inputs The bundle's input files (absolute).
 * @returns Sorted `[name, version]` pairs, and the package.json files read (to notice a new version).
 */
export function bundledPackages(inputs: string[]): { versions: Array<[string, string]>; manifests: string[] } {
  const found = new Map<string, string>()
  const manifests: string[] = []
  for (const input of inputs) {
    const parts = input.split(sep)
    const at = parts.lastIndexOf('node_modules')
    if (at < 0 || at + 1 >= parts.length) continue
    const scoped = parts[at + 1].startsWith('@')
    const dir = parts.slice(0, at + (scoped ? 3 : 2)).join(sep)
    if (found.has(dir)) continue
    const manifest = join(dir, 'package.json')
    let version = 'unknown'
    try {
      version = String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version ?? 'unknown')
      manifests.push(manifest)
    } catch {
      // No package.json: its files are hashed anyway.
    }
    found.set(dir, version)
  }
  // By name (a package may be bundled from two places, at two versions).
  const versions = [...found].map(([dir, version]): [string, string] => {
    const parts = dir.split(sep)
    const at = parts.lastIndexOf('node_modules')
    return [parts.slice(at + 1).join('/'), version]
  })
  return { versions: versions.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)), manifests: manifests.sort() }
}

/**
 * Check what the config module exports: `remarkPlugins` and `rehypePlugins`, each absent or a list of
 * plugins (functions) and `[plugin, options]` pairs.
 *
 * @param mod The imported module.
 * @returns The lists, or the reason they are not right.
 */
export function checkPluginExports(mod: Record<string, unknown>): AuthorPlugins | { reason: string } {
  const source = (mod.default && typeof mod.default === 'object' ? mod.default : mod) as Record<string, unknown>
  const lists: AuthorPlugins = { remark: [], rehype: [] }
  for (const [key, field] of [['remarkPlugins', 'remark'], ['rehypePlugins', 'rehype']] as const) {
    const value = source[key]
    if (value === undefined) continue
    if (!Array.isArray(value)) return { reason: `Expected \`${key}\` to be a list of plugins or [plugin, options] pairs` }
    for (const [i, item] of value.entries()) {
      const plugin = Array.isArray(item) ? item[0] : item
      if (typeof plugin !== 'function') return { reason: `Expected item ${i + 1} of \`${key}\` to be a plugin (a function) or [plugin, options], not ${Array.isArray(item) ? 'a list starting with ' + typeof plugin : typeof item}` }
    }
    lists[field] = value
  }
  return lists
}

/**
 * Find, bundle and check a site's `inkstone.config.*`.
 *
 * @param root Site root (absolute).
 * @param cacheDir Folder for the bundle; undefined (`--no-cache`): nothing is written, the bundle is a data: URL.
 * @returns The plugins' reference (none when the site has no such file), inputs, packages and problems.
 */
export async function loadPluginConfig(root: string, cacheDir: string | undefined): Promise<LoadedPlugins> {
  const name = PLUGIN_CONFIG_FILES.find((file) => existsSync(join(root, file)))
  if (!name) return { inputs: [], packages: [], problems: [] }
  const entry = join(root, name)
  const failed = (reason: string, place?: { line: number; column: number }, path: string = name): LoadedPlugins => ({
    inputs: [entry], packages: [], problems: [problem(path, 'plugin-config-error', reason, place ?? { line: 1, column: 1 })]
  })
  // Reuse the last bundle when none of its inputs (the site's files and the packages' files) changed.
  const stamp = cacheDir === undefined ? undefined : join(cacheDir, 'plugins.json')
  let bundle: { code?: Uint8Array; out?: string; inputs: string[]; digest: string; packages: Array<[string, string]> } | undefined
  if (stamp) {
    try {
      const last = JSON.parse(await readFile(stamp, 'utf8')) as { inputs: string[]; hash: string; digest: string; out: string; packages: Array<[string, string]> }
      if (last.inputs.includes(entry) && existsSync(last.out) && (await hashFiles(last.inputs)) === last.hash) bundle = { out: last.out, inputs: last.inputs, digest: last.digest, packages: last.packages }
    } catch {
      // No usable stamp: bundle below.
    }
  }
  let hash = ''
  if (!bundle) {
    const esbuild = await import('esbuild')
    let result
    try {
      result = await esbuild.build({
        entryPoints: [entry], absWorkingDir: root, bundle: true, format: 'esm', platform: 'node', target: 'node20',
        write: false, metafile: true, logLevel: 'silent',
        // A CommonJS dependency's `require` of a Node built-in needs a require in an ES module (made for the
        // config file's path: the bundle may be a data: URL).
        banner: { js: `import { createRequire as __inkstoneRequire } from 'node:module'; const require = __inkstoneRequire(${JSON.stringify(entry)});` }
      })
    } catch (error) {
      const e = (error as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors?.[0]
      const where = e?.location ? relative(root, join(root, e.location.file)).split(sep).join('/') : name
      return failed(e?.text ?? String(error), e?.location ? { line: e.location.line, column: e.location.column + 1 } : undefined, where)
    }
    const bundled = Object.keys(result.metafile.inputs).map((p) => join(root, p)).sort()
    const code = result.outputFiles[0].contents
    const { versions: packages, manifests } = bundledPackages(bundled)
    const digest = createHash('sha256').update(code).update('\0').update(JSON.stringify(packages)).digest('hex')
    // The stamp watches the packages' package.json files too: a new version alone is a new digest.
    const inputs = [...bundled, ...manifests].sort()
    hash = await hashFiles(inputs)
    bundle = { code, inputs, digest, packages }
  }
  let url: string
  if (bundle.out) url = pathToFileURL(bundle.out).href
  else if (cacheDir === undefined || stamp === undefined) url = 'data:text/javascript;base64,' + Buffer.from(bundle.code!).toString('base64')
  else {
    await mkdir(cacheDir, { recursive: true })
    const out = join(cacheDir, `plugins-${bundle.digest.slice(0, 16)}.mjs`)
    await writeFile(out, bundle.code!)
    await writeFile(stamp, JSON.stringify({ inputs: bundle.inputs, hash, digest: bundle.digest, out, packages: bundle.packages }))
    url = pathToFileURL(out).href
  }
  // Import and check it here, once, so that a wrong export or a plugin that fails to set up is one problem
  // at the config file, not one at every post.
  try {
    const checked = checkPluginExports((await import(url)) as Record<string, unknown>)
    if ('reason' in checked) return failed(checked.reason)
    const { unified } = await import('unified')
    unified().use(checked.remark as never).use(checked.rehype as never).freeze()
  } catch (error) {
    return failed(`Loading the plugins failed: ${String((error as Error)?.message ?? error).split('\n')[0].slice(0, 300)}`)
  }
  const own = bundle.inputs.filter((p) => !p.split(sep).includes('node_modules'))
  return { ref: { url, digest: bundle.digest }, inputs: own, packages: bundle.packages, problems: [] }
}

/**
 * The config with the plugins' reference (SiteConfig.plugins), when the site has any.
 *
 * @param config Validated site.yaml.
 * @param loaded What loadPluginConfig returned.
 * @returns The config to build with.
 */
export function withPlugins(config: SiteConfig, loaded: LoadedPlugins): SiteConfig {
  return loaded.ref ? Object.freeze({ ...config, plugins: loaded.ref }) : config
}

/**
 * Import the author's plugins from their bundle (in the main thread or a parse worker).
 *
 * @param ref SiteConfig.plugins.
 * @returns The lists (empty without a config file).
 */
export async function importPlugins(ref: PluginsRef | undefined): Promise<AuthorPlugins> {
  if (!ref) return { remark: [], rehype: [] }
  const checked = checkPluginExports((await import(ref.url)) as Record<string, unknown>)
  if ('reason' in checked) throw new Error(checked.reason)
  return checked
}
