/**
 * Read the front matter of another generator's content file (YAML between
 * `---`, TOML between `+++`, JSON in braces, or Hexo's YAML with only a
 * closing `---`) and write ours (YAML between `---`).
 */
import { parse as parseToml } from 'smol-toml'
import { parseDocument, stringify } from 'yaml'

/** A content file split into its front matter and body. */
export interface SplitSource {
  format: 'yaml' | 'toml' | 'json' | 'none'
  data: Record<string, unknown>
  body: string
  /** 1-based line of the source file on which the body starts. */
  bodyLine: number
  /** Why the front matter could not be read (then `data` is empty and `body` is the whole file). */
  error?: string
}

const lineCount = (text: string): number => text.split('\n').length - 1

/**
 * Split a content file.
 *
 * @param text File text (BOM removed).
 * @returns Data, body and where the body starts.
 */
export function splitSource(text: string): SplitSource {
  const whole = (error?: string): SplitSource => ({ format: 'none', data: {}, body: text, bodyLine: 1, ...(error ? { error } : {}) })
  const fenced = /^(---|\+\+\+)[ \t]*\r?\n([\s\S]*?)\r?\n?^\1[ \t]*(?:\r?\n|$)/m.exec(text)
  if (fenced && fenced.index === 0) {
    const [all, fence, inner] = fenced
    const body = text.slice(all.length)
    const bodyLine = 1 + lineCount(all)
    const parsed = fence === '+++' ? readToml(inner) : readYaml(inner)
    if ('error' in parsed) return whole(parsed.error)
    return { format: fence === '+++' ? 'toml' : 'yaml', data: parsed.data, body, bodyLine }
  }
  if (text.startsWith('{')) {
    const end = jsonEnd(text)
    if (end > 0) {
      try {
        const data = JSON.parse(text.slice(0, end)) as unknown
        if (isMapping(data)) {
          const rest = text.slice(end).replace(/^[ \t]*\r?\n/, '')
          return { format: 'json', data: plain(data) as Record<string, unknown>, body: rest, bodyLine: 1 + lineCount(text.slice(0, text.length - rest.length)) }
        }
      } catch {
        // not JSON front matter: the file is all body
      }
    }
  }
  // Hexo also reads front matter that has only its closing `---`.
  const closing = /^---[ \t]*\r?\n/m.exec(text)
  if (closing && /^[A-Za-z_][\w-]*:/.test(text)) {
    const parsed = readYaml(text.slice(0, closing.index))
    if (!('error' in parsed) && ('title' in parsed.data || 'date' in parsed.data)) {
      const head = text.slice(0, closing.index + closing[0].length)
      return { format: 'yaml', data: parsed.data, body: text.slice(head.length), bodyLine: 1 + lineCount(head) }
    }
  }
  return whole()
}

function readYaml(text: string): { data: Record<string, unknown> } | { error: string } {
  // The core schema keeps dates as text; duplicate keys (common in old posts) keep the last value.
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false })
  if (doc.errors.length > 0) return { error: `YAML front matter does not parse: ${doc.errors[0].message.split('\n')[0]}` }
  const data = doc.toJS({ maxAliasCount: 100 }) as unknown
  if (data === null || data === undefined) return { data: {} }
  if (!isMapping(data)) return { error: 'the front matter is not a mapping of keys to values' }
  return { data: plain(data) as Record<string, unknown> }
}

function readToml(text: string): { data: Record<string, unknown> } | { error: string } {
  try {
    return { data: plain(parseToml(text)) as Record<string, unknown> }
  } catch (error) {
    return { error: `TOML front matter does not parse: ${(error as Error).message.split('\n')[0]}` }
  }
}

/** Where a JSON object that starts the text ends (after its closing brace), or -1. */
function jsonEnd(text: string): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (inString) {
      if (c === '\\') i++
      else if (c === '"') inString = false
    } else if (c === '"') inString = true
    else if (c === '{') depth++
    else if (c === '}' && --depth === 0) return i + 1
  }
  return -1
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date)

/** Plain data: dates (TOML, YAML) as ISO text keeping their offset, null-prototype objects made ordinary. */
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    // smol-toml's dates keep their own form (local or with offset) in toISOString.
    return value.toISOString()
  }
  if (Array.isArray(value)) return value.map(plain)
  if (isMapping(value)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = plain(v)
    return out
  }
  return value
}

/** The order of our own keys at the top of a written front matter; other keys follow in their old order. */
const ourOrder = ['title', 'date', 'updated', 'slug', 'permalink', 'tags', 'column', 'categories', 'summary', 'cover', 'draft', 'sticky', 'aliases']

/**
 * Write front matter as YAML between `---` lines.
 *
 * @param data Fields (undefined values are left out).
 * @returns Text ending in a newline.
 */
export function writeFrontMatter(data: Record<string, unknown>): string {
  const keys = Object.keys(data).filter((k) => data[k] !== undefined)
  const ordered = [...ourOrder.filter((k) => keys.includes(k)), ...keys.filter((k) => !ourOrder.includes(k))]
  const sorted: Record<string, unknown> = {}
  for (const k of ordered) sorted[k] = data[k]
  return '---\n' + stringify(sorted, { lineWidth: 0, aliasDuplicateObjects: false }) + '---\n'
}
