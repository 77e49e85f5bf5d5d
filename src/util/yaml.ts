/**
 * YAML parsing that keeps where every key is, so messages can point at the
 * key's line and column. Uses the `yaml` package with the core schema: dates
 * stay strings (a date's time zone is the site's, not the machine's).
 */
import { Composer, LineCounter, Parser, YAMLParseError, isMap, isPair, isScalar, type Document } from 'yaml'
import type { Place } from '../types.js'

/** Parsed YAML with key places and syntax errors. */
export interface ParsedYaml {
  data: unknown
  /** Places by dotted key path (`author.name`), of the key itself. */
  keys: Record<string, Place>
  /** Places by dotted key path, of the value. */
  values: Record<string, Place>
  errors: Array<{ reason: string; place: Place; rule?: 'nesting-too-deep' | 'yaml-aliases' }>
}

/**
 * Deepest nesting of collections a YAML text may have. The yaml package
 * composes documents recursively: near the stack's end it fails (or, when a
 * regular expression is compiled there, V8 aborts the process), so depth is
 * measured first, without recursion, and refused far below that.
 */
export const MAX_YAML_DEPTH = 64

/** Deepest collection in a YAML CST token, and the offset where it opens (measured with an explicit stack). */
function deepest(token: unknown): { depth: number; offset: number } {
  let best = { depth: 0, offset: 0 }
  const stack: Array<[unknown, number]> = [[token, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (!node || typeof node !== 'object') continue
    const t = node as { type?: string; offset?: number; items?: Array<{ key?: unknown; value?: unknown; sep?: unknown }>; value?: unknown }
    const collection = t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection'
    const here = collection ? depth + 1 : depth
    if (here > best.depth) best = { depth: here, offset: t.offset ?? 0 }
    if (Array.isArray(t.items)) for (const item of t.items) stack.push([item.key, here], [item.value, here])
    if (t.value && typeof t.value === 'object') stack.push([t.value, here])
  }
  return best
}

/** The dotted path of the first own `__proto__` key in parsed data, searched without recursion. */
function protoKey(data: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[data, '']]
  while (stack.length > 0) {
    const [node, path] = stack.pop()!
    if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) continue
    for (const key of Object.keys(node)) {
      const here = path + key
      if (key === '__proto__') return here
      stack.push([(node as Record<string, unknown>)[key], here + '.'])
    }
  }
  return undefined
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
  const at = (offset: number): Place => {
    const pos = counter.linePos(offset)
    return { line: pos.line + lineOffset, column: pos.col }
  }
  // As yaml's parseDocument does, with the depth measured between parsing (which has no recursion) and
  // composing (which has).
  const tokens = [...new Parser(counter.addNewLine).parse(text)]
  for (const token of tokens) {
    const { depth, offset } = deepest(token)
    if (depth > MAX_YAML_DEPTH) {
      const reason = `The YAML nests more than ${MAX_YAML_DEPTH} levels deep`
      return { data: undefined, keys: {}, values: {}, errors: [{ reason, place: at(offset), rule: 'nesting-too-deep' }] }
    }
  }
  let doc: Document.Parsed | undefined
  for (const next of new Composer({ schema: 'core', prettyErrors: false, uniqueKeys: true }).compose(tokens, true, text.length)) {
    if (!doc) doc = next
    else {
      doc.errors.push(new YAMLParseError(next.range.slice(0, 2) as [number, number], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'))
      break
    }
  }
  if (!doc) return { data: undefined, keys: {}, values: {}, errors: [] }
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
  if (errors.length > 0) return { data: undefined, keys, values, errors }
  try {
    // maxAliasCount bounds what aliases may expand to (a "billion laughs" document throws here).
    const data: unknown = doc.toJS({ maxAliasCount: 100 })
    const proto = protoKey(data)
    if (proto !== undefined) {
      // yaml keeps it an own key, but code that copies keys (`copy[key] = value`) would set a prototype.
      return { data: undefined, keys, values, errors: [{ reason: 'The key `__proto__` is not allowed', place: keys[proto] ?? at(0) }] }
    }
    return { data, keys, values, errors }
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    // Too many aliases, or an alias of an anchor not set before it.
    if (!/alias count/i.test(error.message)) return { data: undefined, keys, values, errors: [{ reason: error.message, place: at(0) }] }
    const reason = 'The YAML\'s aliases (`*name`) would expand to too much data'
    return { data: undefined, keys, values, errors: [{ reason, place: at(0), rule: 'yaml-aliases' }] }
  }
}
