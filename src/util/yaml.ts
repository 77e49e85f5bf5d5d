/**
 * YAML parsing that keeps where every key is, so messages can point at the
 * key's line and column. Uses the `yaml` package with the core schema: dates
 * stay strings (a date's time zone is the site's, not the machine's).
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar } from 'yaml'
import type { Place } from '../types.js'

/** Parsed YAML with key places and syntax errors. */
export interface ParsedYaml {
  data: unknown
  /** Places by dotted key path (`author.name`), of the key itself. */
  keys: Record<string, Place>
  /** Places by dotted key path, of the value. */
  values: Record<string, Place>
  errors: Array<{ reason: string; place: Place }>
}

/**
 * Parse YAML text.
 *
 * @param text YAML source.
 * @param lineOffset Lines before the text in its file (front matter starts after `---`).
 * @returns Data, key places and errors (places are 1-based file positions).
 */
export function parseYaml(text: string, lineOffset = 0): ParsedYaml {
  const counter = new LineCounter()
  const doc = parseDocument(text, { lineCounter: counter, schema: 'core', prettyErrors: false, uniqueKeys: true })
  const at = (offset: number): Place => {
    const pos = counter.linePos(offset)
    return { line: pos.line + lineOffset, column: pos.col }
  }
  const errors = doc.errors.map((e) => ({
    reason: e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''),
    place: at(e.pos[0])
  }))
  const keys: Record<string, Place> = {}
  const values: Record<string, Place> = {}
  const walk = (node: unknown, prefix: string): void => {
    if (!isMap(node)) return
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue
      const name = prefix + String(item.key.value)
      if (item.key.range) keys[name] = at(item.key.range[0])
      const value = item.value as { range?: [number, number, number] } | null
      values[name] = value?.range ? at(value.range[0]) : keys[name]
      walk(item.value, name + '.')
    }
  }
  walk(doc.contents, '')
  const data = errors.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 })
  return { data, keys, values, errors }
}
