/**
 * The digest of everything a build reads, so that a build whose inputs are
 * exactly those of the last successful build into an untouched output folder
 * can stop early: the output is a pure function of these inputs, so it would
 * be byte-identical. What goes in (keep this list complete):
 *
 * - the tool (version, lockfile, compiled code) and the theme's digest;
 * - `site.yaml` and the build flags (drafts, future, base URL, dev);
 * - every content file and every `public/` file by content hash (not mtime:
 *   a CI checkout gives every file a new mtime; the build reads these files
 *   to copy them anyway);
 * - the dates git gives (when `updated_from_git` is on);
 * - "now", through a horizon: the date of the earliest post that is still in
 *   the future; once now passes it, the published set changes.
 *
 * The digest of all but the Markdown sources (the context) is kept apart,
 * with each source's hash: a build whose context is the last one's knows
 * exactly which sources changed (see unchanged-views.ts).
 */
import { createHash } from 'node:crypto'
import { readdirSync, statSync, type Dirent } from 'node:fs'
import { fileHash } from './util/file-hash.js'
import { join } from 'node:path'
import type { BuildFlags } from './types.js'
import type { GitDates } from './git/dates.js'
import type { Manifest } from './emit/manifest.js'
import { ignored } from './content/discover.js'

/** Everything besides the Markdown sources that the digest covers. */
export interface ContextParts {
  tool: string
  theme: string
  configText: string
  flags: BuildFlags
  git: GitDates
}

/** Path and content hash of every non-Markdown file under a folder, in a stable order. */
function statTree(root: string, rel: string, hash: ReturnType<typeof createHash>): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  } catch {
    return
  }
  for (const entry of entries) {
    const name = entry.name
    if (ignored(name) && name !== '.well-known') continue
    // Markdown sources are hashed on their own (and are most of the files): not even a stat here.
    if (entry.isFile() && name.endsWith('.md')) continue
    const path = `${rel}/${name}`
    const s = statSync(join(root, path), { throwIfNoEntry: false })
    if (!s) continue
    if (s.isDirectory()) statTree(root, path, hash)
    else if (!name.endsWith('.md')) hash.update(`${path}\0${s.size}\0${contentHash(join(root, path))}\n`)
  }
}

function contentHash(path: string): string {
  return fileHash(path)?.hash ?? 'unreadable'
}

/**
 * Digest the inputs of a build besides its Markdown sources: the tool, the
 * theme, the config, the flags, every other file under `content/` and
 * `public/`, and the git dates. Two builds with the same context differ only
 * in what their Markdown sources say.
 *
 * @param root Site root (absolute).
 * @param parts Tool, theme, config, flags, git dates.
 * @returns Hex digest.
 */
export function contextDigest(root: string, parts: ContextParts): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify([parts.tool, parts.theme, parts.configText, parts.flags]))
  statTree(root, 'content', hash)
  statTree(root, 'public', hash)
  const git = parts.git
  hash.update(JSON.stringify([git.available, git.shallow, [...git.edited].sort(), [...git.committed].sort(), [...git.first].sort()]))
  return hash.digest('hex')
}

/**
 * Digest the inputs of a build.
 *
 * @param context The context digest (contextDigest).
 * @param sources Markdown sources: path → content hash, in source order.
 * @returns Hex digest.
 */
export function inputsDigest(context: string, sources: Array<[string, string]>): string {
  const hash = createHash('sha256')
  hash.update(context)
  for (const [path, sourceHash] of sources) hash.update(`${path}\0${sourceHash}\n`)
  return hash.digest('hex')
}

/**
 * The earliest date after `now` among `dates`, or Infinity: until then, the
 * set of published posts cannot change by the clock alone.
 *
 * @param dates Post dates (ms).
 * @param now Now (ms).
 * @returns Horizon (ms).
 */
export function horizonOf(dates: number[], now: number): number {
  let horizon = Infinity
  for (const d of dates) if (d > now && d < horizon) horizon = d
  return horizon
}

/** A build's inputs as digested here: the context, each Markdown source's content hash, and the digest of all. */
export interface BuildInputs {
  context: string
  /** Path and content hash of each Markdown source, in source order. */
  sources: Array<[string, string]>
  /** inputsDigest of the two. */
  key: string
}

/**
 * Digest a build's inputs.
 *
 * @param root Site root (absolute).
 * @param parts Tool, theme, config, flags, git dates.
 * @param sources Path and content hash of each Markdown source, in source order.
 * @returns The inputs with their digests.
 */
export function buildInputs(root: string, parts: ContextParts, sources: Array<[string, string]>): BuildInputs {
  const context = contextDigest(root, parts)
  return { context, sources, key: inputsDigest(context, sources) }
}

/**
 * Whether the build that wrote a manifest had exactly these inputs, and the clock is still short of its horizon:
 * then this build's output would be byte-identical to it.
 *
 * @param manifest The last build's manifest.
 * @param inputs This build's inputs.
 * @param now Now (ms).
 * @returns Whether nothing changed.
 */
export function sameInputs(manifest: Manifest, inputs: BuildInputs, now: number): boolean {
  return manifest.inputs === inputs.key && now < (manifest.horizon ?? Infinity)
}

/**
 * What a build records in its manifest for the next build to compare with: its inputs, its view basis
 * (unchanged-views.ts), the sources' stats, its horizon, and its warnings and counts (printed again when the
 * next build stops early).
 *
 * @param inputs This build's inputs.
 * @param basis Its view basis.
 * @param facts The sources' stats, now, the posts' dates, the problems, the counts.
 * @returns The manifest fields.
 */
export function inputsRecord(
  inputs: BuildInputs,
  basis: Required<Pick<Manifest, 'context' | 'sources' | 'routeOptions'>>,
  facts: { sourceStats?: Record<string, string>; now: number; postDates: number[]; problems: Manifest['problems']; counts: Manifest['counts'] }
): Partial<Manifest> {
  const horizon = horizonOf(facts.postDates, facts.now)
  return {
    inputs: inputs.key,
    ...basis,
    sourceStats: facts.sourceStats,
    statsAt: facts.now,
    horizon: horizon === Infinity ? null : horizon,
    problems: facts.problems,
    counts: facts.counts
  }
}
