/**
 * Split a content file into front matter and body with gray-matter, parsing
 * the YAML with the `yaml` package so that problems have true file lines and
 * every key has a place. The body keeps the file's line numbers: the front
 * matter is replaced by as many empty lines.
 *
 * Front matter is data, never code: gray-matter would run `---js` front
 * matter with its JavaScript engine (and throw for an unknown language), so
 * the language after the opening `---` is checked here first, and gray-matter
 * is handed explicit options in which every engine but our YAML one refuses.
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

/** The languages accepted after the opening `---` (none means YAML). */
const YAML_NAMES = new Set(['', 'yaml', 'yml'])

/**
 * The language named after the opening `---` of a file, as gray-matter reads
 * it (the rest of the first line, trimmed), or undefined when the file has no
 * front matter.
 *
 * @param text File text.
 * @returns The language name, '' for none.
 */
export function frontMatterLanguage(text: string): string | undefined {
  if (!text.startsWith('---') || text.charAt(3) === '-') return undefined
  const end = text.search(/\r?\n/)
  return text.slice(3, end === -1 ? undefined : end).trim()
}

/** An engine that must never be reached (frontMatterLanguage lets only YAML through). */
function refuse(): never {
  throw new Error('Internal error: gray-matter asked for a front-matter engine other than YAML')
}

/** gray-matter's built-in engines and their aliases, each replaced by `refuse`. */
const refused = Object.fromEntries(['javascript', 'js', 'json', 'coffee', 'coffeescript', 'cson', 'toml'].map((name) => [name, refuse]))

/**
 * Split `text` (the file's contents) into front matter and body.
 *
 * @param file File to report problems on.
 * @param text File text (UTF-8 decoded, BOM removed).
 * @returns Data, key places and body.
 */
export function splitFrontMatter(file: VFile, text: string): SplitFile {
  let parsed: ParsedYaml | undefined
  const language = frontMatterLanguage(text)
  if (language !== undefined && !YAML_NAMES.has(language.toLowerCase())) {
    const shown = language.length > 40 ? language.slice(0, 40) + '…' : language
    report(file, 'front-matter-language', `Front matter must be YAML, not \`${shown}\``, { line: 1, column: 1 })
    return { data: {}, keys: {}, values: {}, body: '', ok: false }
  }
  // Always pass options: without them gray-matter caches every file in a
  // module-global map and hands out shared objects (bad in a watch process).
  // The language is YAML, no excerpt is cut, and every other engine refuses.
  const result = matter(text, {
    language: 'yaml',
    excerpt: false,
    engines: {
      ...refused,
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
    for (const error of parsed.errors) report(file, error.rule ?? 'yaml-syntax', error.reason, error.place)
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
