/**
 * One content file's bytes → an Entry: decode, split front matter, validate
 * fields, render the body. A pure function of the bytes, the path and the
 * config (plus the sizes of images it references), so it can be cached and
 * run in worker threads.
 */
import { VFile } from 'vfile'
import type { ColumnEntry, Entry, PageEntry, PostEntry, RenderedBody, SiteConfig } from '../types.js'
import { problemsOf, report, withChecks } from '../messages.js'
import type { SourceRef } from './discover.js'
import { splitFrontMatter } from './front-matter.js'
import { columnMatter, pageMatter, postMatter } from './fields.js'
import { lowerCaseKeys, mathModeOf, titleFromBody } from './matter-prep.js'
import type { CodeMemo } from '../markdown/code-memo.js'
import { DEFAULT_FILE_SIZE, MAX_BLOCK_DEPTH, blockDepth } from './limits.js'

/** Renders a Markdown body (see src/markdown). */
export type BodyRenderer = (file: VFile, body: string) => Promise<RenderedBody>

/** An empty body, for files that could not be read. */
export const emptyBody: RenderedBody = {
  html: '', excerptHtml: '', excerptText: '', searchText: '', searchDigest: '', hasMore: false, headings: [], toc: [], references: [],
  metrics: { cjkChars: 0, latinWords: 0, words: 0, readingMinutes: 1 }, math: false, code: false
}

const decoder = new TextDecoder('utf-8', { fatal: true })

/**
 * Decode UTF-8 bytes strictly.
 *
 * @param bytes File bytes.
 * @returns Text without BOM, or the place of the first invalid sequence.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { bad: { line: number; column: number } } {
  try {
    const text = decoder.decode(bytes)
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text }
  } catch {
    // Decode leniently to find the first replacement character: its line is
    // where the bad bytes are.
    const lenient = new TextDecoder('utf-8').decode(bytes)
    const at = lenient.indexOf('\uFFFD')
    const before = lenient.slice(0, Math.max(0, at))
    const line = before.split('\n').length
    const column = before.length - before.lastIndexOf('\n')
    return { bad: { line, column } }
  }
}

/**
 * A failure while parsing or rendering one file, as a problem at that file:
 * a limit of the Markdown stage (remark-limits.ts) at its place, a stack
 * overflow as too deep a nesting, anything else as parse-failed with its
 * message (a bug to report, but of this file only: the build goes on).
 */
function reportFailure(file: VFile, error: unknown): void {
  const e = error as { name?: string; rule?: 'nesting-too-deep' | 'too-many-cells'; message?: string; place?: { line: number; column: number } }
  if (e?.name === 'InkstoneLimitError' && e.rule) report(file, e.rule, e.message ?? '', e.place)
  // An author's plugin (inkstone.config.*): at the place it gives, else the file's start.
  else if (e?.name === 'InkstonePluginError') report(file, 'plugin-failed', e.message ?? '', e.place ?? { line: 1, column: 1 })
  else if (error instanceof RangeError && /call stack/i.test(error.message)) report(file, 'nesting-too-deep', 'The file nests too deeply to be parsed (the stack overflowed)')
  else report(file, 'parse-failed', `Inkstone failed on this file: ${String(e?.message ?? error).split('\n')[0].slice(0, 200)}`)
}

/**
 * Parse one content file. Never throws for anything in the file: every
 * failure is a problem on the returned entry.
 *
 * @param source What and where the file is.
 * @param bytes File contents, or an Error when it could not be read.
 * @param config Site config.
 * @param render Body renderer.
 * @param codeMemo Highlighted blocks to reuse and to collect (see markdown/code-memo.ts).
 * @returns The entry, with its problems.
 */
export async function parseEntry(
  source: SourceRef,
  bytes: Uint8Array | Error,
  config: SiteConfig,
  render: BodyRenderer,
  codeMemo?: CodeMemo
): Promise<Entry> {
  const file = new VFile({ path: source.path })
  if (codeMemo) file.data.inkstoneCodeMemo = codeMemo
  const base = { path: source.path, name: source.name, keys: {}, body: emptyBody }
  const finish = (entry: Unchecked): Entry => finished(file, source, entry, config)
  const failed = (): Entry => finish({ ...base, kind: 'page', matter: { title: '', extra: {} } })
  if (bytes instanceof Error) {
    const code = (bytes as NodeJS.ErrnoException).code
    report(file, 'unreadable-file', `Cannot read the file (${code ?? bytes.message})`)
    return failed()
  }
  const limit = config.limits?.fileSize ?? DEFAULT_FILE_SIZE
  if (bytes.byteLength > limit) {
    report(file, 'file-too-large', `The file has ${bytes.byteLength} bytes, more than the limit of ${limit}`)
    return failed()
  }
  const decoded = decodeUtf8(bytes)
  if ('bad' in decoded) {
    report(file, 'not-utf8', 'The file is not valid UTF-8', decoded.bad)
    return failed()
  }
  file.value = decoded.text
  try {
    return await parseText(file, source, decoded.text, config, render, base, finish)
  } catch (error) {
    file.messages.length = 0
    reportFailure(file, error)
    return failed()
  }
}

/** parseEntry, from the decoded text on (may throw: parseEntry turns that into a problem). */
async function parseText(
  file: VFile,
  source: SourceRef,
  text: string,
  config: SiteConfig,
  render: BodyRenderer,
  base: { path: string; name: string; keys: Record<string, never>; body: RenderedBody },
  finish: (entry: Unchecked) => Entry
): Promise<Entry> {
  const failed = (): Entry => finish({ ...base, kind: 'page', matter: { title: '', extra: {} } })
  const split = lowerCaseKeys(file, splitFrontMatter(file, text))
  // Point later messages (unknown column, collisions) at the value of the key.
  const keys = { ...split.keys, ...split.values }
  // Broken front matter: report only that, not the missing fields it hides.
  if (!split.ok) return failed()
  const nesting = blockDepth(split.body)
  if (nesting.depth > MAX_BLOCK_DEPTH) {
    report(file, 'nesting-too-deep', `Block quotes and lists nest ${nesting.depth} levels deep here, more than the limit of ${MAX_BLOCK_DEPTH}`, nesting.place)
    return failed()
  }
  // A post or page without `title` takes its first `# heading`, out of the body; math per post (see matter-prep.ts).
  file.data.inkstoneTitleFromBody = source.kind !== 'column' && titleFromBody(split.data)
  file.data.inkstoneMath = source.kind === 'post' ? mathModeOf(split.data, config.math) : config.math
  const body = await render(file, split.body)
  if (source.kind === 'post') {
    const matter = postMatter(file, split, config.timezone, { name: source.name, heading: body.title })
    // A fresh array (map, not spread or slice: those keep the elements kind of an
    // array a worker received, which v8.serialize writes differently), so the
    // cache file's bytes are the same whether the entry was parsed in a worker or not.
    return finish({ ...base, keys, body, kind: 'post', matter, bundle: source.bundle, assets: source.assets.map((a) => a) })
  }
  if (source.kind === 'column') return finish({ ...base, keys, body, kind: 'column', matter: columnMatter(file, split) })
  return finish({ ...base, keys, body, kind: 'page', matter: pageMatter(file, split, body.title) })
}

/**
 * The entry of a file whose parse ran out of its time budget (stopped in a
 * worker thread, see workers/pool.ts).
 *
 * @param source The file.
 * @param seconds The budget.
 * @returns An entry with only that problem.
 */
export function timedOutEntry(source: SourceRef, seconds: number): Entry {
  const file = new VFile({ path: source.path })
  report(file, 'parse-timeout', `Parsing the file took more than ${seconds} s and was stopped`)
  return finished(file, source, { path: source.path, name: source.name, keys: {}, body: emptyBody, kind: 'page', matter: { title: '', extra: {} } })
}

type Unchecked = Omit<PostEntry, 'problems'> | Omit<ColumnEntry, 'problems'> | Omit<PageEntry, 'problems'>

function finished(file: VFile, source: SourceRef, entry: Unchecked, config?: SiteConfig): Entry {
  // `checks:` in site.yaml sets the severity of some rules (or turns them off).
  const result = { ...entry, problems: config ? withChecks(problemsOf(file), config.checks) : problemsOf(file) } as Entry
  if (source.kind !== result.kind) (result as { kind: string }).kind = source.kind
  return result
}
