/**
 * Parsing one source in a worker thread: what the parse workers (pool) and
 * the aside worker (aside.ts) share. The body renderer (unified processor,
 * Shiki) is made once per thread, on the first file that needs it; the entry
 * goes back serialised (entryBytes) in a buffer of its own, to be
 * transferred, not copied: the main thread deserialises it once and keeps the
 * bytes for the cache file.
 */
import type { SiteConfig } from '../types.js'
import type { SourceRef } from '../content/discover.js'
import { parseEntry, type BodyRenderer } from '../content/parse.js'
import { loadMarkdown } from '../markdown/load.js'
import { entryBytes } from '../cache/entry-bytes.js'
import { importPlugins } from '../config/markdown-plugins.js'
import type { CodeMemo } from '../markdown/code-memo.js'

/** What a thread needs to parse a site's files. */
export interface ParseSetup {
  root: string
  config: SiteConfig
  /** Where to load the Markdown stack from (see markdown/load.ts). */
  bundle: string | undefined
}

/** One file to parse. */
export interface ParseTask {
  source: SourceRef
  bytes: Uint8Array
  /** The highlighted code blocks of the file's previous parse (codeMemoOf), as pairs. */
  previous?: Array<[string, string]>
}

/**
 * A parser for one site.
 *
 * @param setup Root, config, Markdown bundle.
 * @returns Parses a task into entry bytes (a buffer of their own).
 */
export function parserFor(setup: ParseSetup): (task: ParseTask) => Promise<Uint8Array> {
  const { root, config, bundle } = setup
  let renderer: Promise<BodyRenderer> | undefined
  const render: BodyRenderer = async (file, body) => {
    renderer ??= loadMarkdown(bundle).then(async ({ createBodyRenderer }) =>
      createBodyRenderer({ root, highlight: config.highlight, summaryLength: config.summaryLength, language: config.language, searchCode: config.search?.code === true, plugins: await importPlugins(config.plugins) })
    )
    return (await renderer)(file, body)
  }
  return async (task) => {
    const memo: CodeMemo = { previous: task.previous && new Map(task.previous), made: [] }
    const entry = await parseEntry(task.source, task.bytes, config, render, memo)
    const bytes = entryBytes(entry, memo.made)
    // Transfer only a buffer this message owns alone (never a pooled one).
    return bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength ? bytes : new Uint8Array(bytes)
  }
}
