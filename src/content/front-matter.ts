/**
 * Split a content file into front matter and body with gray-matter, parsing
 * the YAML with the `yaml` package so that problems have true file lines and
 * every key has a place. The body keeps the file's line numbers: the front
 * matter is replaced by as many empty lines.
 */
import matter from 'gray-matter'
import type { VFile } from 'vfile'
import type { Place } from '../types.js'
import { report } from '../messages.js'
import { parseYaml, type ParsedYaml } from '../util/yaml.js'

/** The result of splitting a file. */
export interface SplitFile {
  /** Front-matter data, a mapping (empty when absent or broken). */
  data: Record<string, unknown>
  keys: Record<string, Place>
  values: Record<string, Place>
  /** Body text with the front matter blanked, same line numbers as the file. */
  body: string
  /** False when the front matter was broken (messages are on the file). */
  ok: boolean
}

/**
 * Split `text` (the file's contents) into front matter and body.
 *
 * @param file File to report problems on.
 * @param text File text (UTF-8 decoded, BOM removed).
 * @returns Data, key places and body.
 */
export function splitFrontMatter(file: VFile, text: string): SplitFile {
  let parsed: ParsedYaml | undefined
  // Always pass options: without them gray-matter caches every file in a
  // module-global map and hands out shared objects (bad in a watch process).
  const result = matter(text, {
    engines: {
      yaml: (source: string) => {
        // `source` starts right after the opening `---`, on the same line, so
        // YAML line n is file line n.
        // gray-matter leaves the `\r` of a CRLF file's last front-matter line: YAML would read it into the value.
        parsed = parseYaml(source.replace(/\r$/, ''))
        return (parsed.data ?? {}) as object
      }
    }
  })
  const offset = text.length - result.content.length
  const head = text.slice(0, Math.max(0, offset))
  const body = head.replace(/[^\n]/g, '') + result.content
  if (!parsed) return { data: {}, keys: {}, values: {}, body, ok: true }
  if (parsed.errors.length > 0) {
    for (const error of parsed.errors) report(file, 'yaml-syntax', error.reason, error.place)
    return { data: {}, keys: {}, values: {}, body, ok: false }
  }
  const data = parsed.data
  if (data === null || data === undefined) return { data: {}, keys: {}, values: {}, body, ok: true }
  if (typeof data !== 'object' || Array.isArray(data)) {
    report(file, 'front-matter-type', 'Expected the front matter to be a mapping of keys to values', { line: 2, column: 1 })
    return { data: {}, keys: {}, values: {}, body, ok: false }
  }
  return { data: data as Record<string, unknown>, keys: parsed.keys, values: parsed.values, body, ok: true }
}
