/**
 * `inkstone import` at its edges: check the folders, read SOURCE (never
 * written), plan, write the new site, build it in memory with the engine's
 * own build, check that the old post URLs answer, and write IMPORT.md.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { build } from '../build.js'
import { outPathOf } from '../site/urls.js'
import { detectKind } from './detect.js'
import { planImport } from './plan.js'
import { readTree, byString } from './read-tree.js'
import { importReport, type BuildSummary } from './report.js'
import type { ImportReport, SourceKind } from './types.js'

/** Options of one import. */
export interface ImportOptions {
  source: string
  /** Target folder; default `./<name>-inkstone` beside the current folder. */
  into?: string
  from?: SourceKind
  /** The current time in ms (the build's "now"). */
  now: number
  onProgress?: (stage: string) => void
}

/** What an import did. */
export type ImportResult =
  | { ok: false; usage: string }
  | { ok: boolean; usage?: undefined; into: string; report: ImportReport; build: BuildSummary; kind: SourceKind }

/**
 * Import a blog.
 *
 * @param options Source, target, kind, clock.
 * @returns The result; `usage` names a usage error (nothing was written).
 */
export async function runImport(options: ImportOptions): Promise<ImportResult> {
  const source = resolve(options.source)
  if (!existsSync(source) || !statSync(source).isDirectory()) return { ok: false, usage: `${options.source} is not a folder` }
  const name = basename(source)
  const into = resolve(options.into ?? `${name}-inkstone`)
  if (into === source || into.startsWith(source + sep) || source.startsWith(into + sep)) {
    return { ok: false, usage: `--into must be outside SOURCE (SOURCE is never written to)` }
  }
  if (existsSync(into) && (!statSync(into).isDirectory() || readdirSync(into).length > 0)) {
    return { ok: false, usage: `${relative(process.cwd(), into) || into} exists and is not empty; choose another --into` }
  }
  options.onProgress?.('reading')
  const { tree, times } = await readTree(source)
  const kind = options.from ?? detectKind(tree)
  options.onProgress?.('converting')
  const plan = planImport(tree, kind, name, times)
  options.onProgress?.('writing')
  for (const path of [...plan.files.keys()].sort(byString)) {
    const target = join(into, ...path.split('/'))
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, plan.files.get(path)!)
  }
  options.onProgress?.('building')
  const result = await build({ root: into, flags: { drafts: false, future: false }, now: options.now, cache: false, write: false, workers: 0 })
  const outputs = new Set(result.files.map((f) => f.outPath))
  const summary: BuildSummary = {
    ok: result.ok,
    problems: result.problems,
    ...answering(plan.urls.map(([old]) => old), outputs),
    feeds: answering(plan.oldFeeds, outputs),
    lists: answering(plan.oldLists, outputs)
  }
  await writeFile(join(into, 'IMPORT.md'), importReport(plan.report, name, summary))
  return { ok: result.ok, into, report: plan.report, build: summary, kind }
}

/**
 * Which old URL paths answer in the built site: a file at the path, or its
 * folder's `index.html` (the page, or a redirect page to it). One that
 * answers only when the host ignores case is counted apart.
 */
function answering(paths: string[], outputs: Set<string>): { urlsAnswering: number; urlsMissing: string[]; urlsCaseOnly: string[] } {
  const lower = new Set([...outputs].map((o) => o.toLowerCase()))
  const missing: string[] = []
  const caseOnly: string[] = []
  let count = 0
  for (const old of paths) {
    const path = safeDecode(old)
    const candidates = [outPathOf(path), outPathOf(path.replace(/\/?$/, '/'))]
    if (candidates.some((c) => outputs.has(c))) count++
    else if (candidates.some((c) => lower.has(c.toLowerCase()))) caseOnly.push(old)
    else missing.push(old)
  }
  return { urlsAnswering: count, urlsMissing: missing, urlsCaseOnly: caseOnly }
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}
