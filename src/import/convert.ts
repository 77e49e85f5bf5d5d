/**
 * The conversion engine shared by the three syntaxes (Hexo tags, Liquid,
 * Hugo shortcodes): find tags outside code, pair block tags with their end
 * tags, hand each to its converter, and apply the results as text edits at
 * the tags' positions. A tag without a converter, or one its converter
 * declines, stays exactly as written and is reported with its line.
 */
import { codeRanges, inRanges, type Range } from './code-ranges.js'
import type { Leftover } from './types.js'

/** One tag found in a body. */
export interface Tag {
  name: string
  /** The text after the name, up to the tag's close. */
  args: string
  /** Offsets of the whole construct (through the end tag for a block). */
  start: number
  end: number
  /** For a block: its raw inner text, and a function converting the tags inside it. */
  inner?: string
  convertInner?: () => string
  /** 1-based line of the tag in the source file. */
  line: number
}

/** What a converter returns: the replacement, and whether it is a block (kept on lines of its own). */
export type Converted = string | { text: string; block: true } | undefined

/** A converter: the tag's replacement, or undefined to leave it (it is then reported). */
export type Converter = (tag: Tag) => Converted

/** How one syntax marks its tags. */
export interface Syntax {
  /** Global, sticky-free pattern of an opening (or lone) tag: groups `name` and `args`. */
  open: RegExp
  /** Pattern of the end tag of `name` (global). */
  close: (name: string) => RegExp
  /** How a tag is written in the report, e.g. `{% note %}`. */
  label: (name: string, args: string) => string
  /** Names that are end tags of blocks (never reported on their own), e.g. `endraw`. */
  isEnd: (name: string) => boolean
  /** Names whose inner text is left as it is (no tag inside it is converted). */
  verbatim: Set<string>
}

/** The result of converting one body. */
export interface BodyResult {
  text: string
  /** Converter name → count. */
  counts: Map<string, number>
  leftovers: Leftover[]
}

/**
 * Convert the tags of a Markdown body.
 *
 * @param body Markdown without front matter.
 * @param syntax The syntax of the tags.
 * @param converters Converters by tag name.
 * @param file Source path for the report.
 * @param firstLine 1-based line of the source file on which the body starts.
 * @returns The new text, counts and leftovers.
 */
export function convertBody(
  body: string,
  syntax: Syntax,
  converters: Record<string, Converter>,
  file: string,
  firstLine: number
): BodyResult {
  // The parse is the costly part: made only when the body has a tag at all.
  let parsed: Range[] | undefined
  const ranges = (): Range[] => (parsed ??= codeRanges(body))
  const lineStarts = [0]
  for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) lineStarts.push(i + 1)
  const lineOf = (offset: number): number => {
    let lo = 0
    let hi = lineStarts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lineStarts[mid] <= offset) lo = mid
      else hi = mid - 1
    }
    return firstLine + lo
  }
  const counts = new Map<string, number>()
  const leftovers: Leftover[] = []

  const convertRange = (from: number, to: number): string => {
    let out = ''
    let pos = from
    const open = new RegExp(syntax.open.source, syntax.open.flags)
    open.lastIndex = from
    for (let m = open.exec(body); m !== null && m.index < to; m = open.exec(body)) {
      const start = m.index
      const openEnd = start + m[0].length
      if (openEnd > to) break
      if (inRanges(ranges(), start)) continue
      const name = m.groups!.name
      const args = m.groups!.args ?? ''
      const tag: Tag = { name, args, start, end: openEnd, line: lineOf(start) }
      const closing = findClose(body, syntax, name, openEnd, to)
      if (closing) {
        tag.end = closing.end
        tag.inner = body.slice(openEnd, closing.start)
        tag.convertInner = syntax.verbatim.has(name) ? () => tag.inner! : () => convertRange(openEnd, closing.start)
      }
      // `*` converts any tag the table does not name (a Hugo site's own static shortcodes).
      const converter = Object.hasOwn(converters, name) ? converters[name] : Object.hasOwn(converters, '*') ? converters['*'] : undefined
      const result = converter ? converter(tag) : undefined
      if (result === undefined) {
        if (!syntax.isEnd(name)) leftovers.push({ file, line: tag.line, construct: syntax.label(name, args) })
        continue
      }
      counts.set(name, (counts.get(name) ?? 0) + 1)
      const text = typeof result === 'string' ? result : asBlock(result.text, body, start, tag.end)
      out += body.slice(pos, start) + text
      pos = tag.end
      open.lastIndex = tag.end
    }
    return out + body.slice(pos, to)
  }

  const text = convertRange(0, body.length)
  return { text, counts, leftovers }
}

/** The end tag pairing the tag `name` opened at `from`, counting nested tags of the same name. */
function findClose(body: string, syntax: Syntax, name: string, from: number, to: number): { start: number; end: number } | undefined {
  const close = syntax.close(name)
  close.lastIndex = from
  const open = new RegExp(syntax.open.source, syntax.open.flags)
  let depth = 1
  let at = from
  for (;;) {
    close.lastIndex = at
    const c = close.exec(body)
    if (!c || c.index >= to) return undefined
    // Same-named tags opened before this close nest.
    open.lastIndex = at
    for (let o = open.exec(body); o !== null && o.index < c.index; o = open.exec(body)) {
      if (o.groups!.name === name) depth++
    }
    depth--
    if (depth === 0) return { start: c.index, end: c.index + c[0].length }
    at = c.index + c[0].length
  }
}

/** A block replacement on lines of its own: blank lines added where the tag shared a line with text. */
function asBlock(text: string, body: string, start: number, end: number): string {
  const before = body.slice(Math.max(0, start - 2), start)
  const after = body.slice(end, end + 2)
  const lead = start === 0 || before.endsWith('\n') ? '' : '\n\n'
  const trail = end >= body.length || after.startsWith('\n') || after.startsWith('\r') ? '' : '\n\n'
  return lead + text + trail
}
