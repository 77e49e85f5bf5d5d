/**
 * Helpers for the publishing tests: strict-enough XML checks, feed parsing
 * and the required-element checks of each format.
 */
import { cpSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['entry', 'item', 'category', 'link', 'url'].includes(name)
})

// fast-xml-parser checks structure but not characters; these are the rest of XML 1.0's rules we can break.
const forbidden = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The character data of an XML document (text between tags; attribute values skipped). */
export function characterData(raw: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < raw.length) {
    const open = raw.indexOf('<', i)
    out.push(raw.slice(i, open === -1 ? raw.length : open))
    if (open === -1) break
    let j = open + 1
    let quote = ''
    for (; j < raw.length; j++) {
      const c = raw[j]
      if (quote) {
        if (c === quote) quote = ''
      } else if (c === '"' || c === "'") quote = c
      else if (c === '>') break
    }
    i = j + 1
  }
  return out
}

/** Parse XML after checking it is well-formed; fails the test otherwise. */
export function parseXml(raw: string, label = 'xml'): any {
  expect(raw.startsWith('<?xml version="1.0" encoding="utf-8"?>'), label).toBe(true)
  expect(XMLValidator.validate(raw), label).toBe(true)
  expect(forbidden.test(raw), `${label}: forbidden character`).toBe(false)
  expect(characterData(raw).some((t) => t.includes(']]>')), `${label}: ]]> in character data`).toBe(false)
  expect(raw.includes('<![CDATA['), `${label}: CDATA`).toBe(false)
  return parser.parse(raw)
}

/** Text of a parsed element (string, or `#text` of an element with attributes). */
export function textOf(node: unknown): string {
  if (typeof node === 'string') return node
  if (node && typeof node === 'object' && '#text' in node) return String((node as Record<string, unknown>)['#text'])
  return ''
}

export const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
export const rfc822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/

/** Check Atom's required elements; returns the feed element. */
export function checkAtom(raw: string, label: string): any {
  const feed = parseXml(raw, label).feed
  expect(feed['@xmlns'], label).toBe('http://www.w3.org/2005/Atom')
  expect(textOf(feed.id), label).not.toBe('')
  expect(textOf(feed.title), label).not.toBe('')
  expect(textOf(feed.updated), label).toMatch(rfc3339)
  expect(textOf(feed.author?.name), label).not.toBe('')
  const rels = (feed.link as any[]).map((l) => l['@rel'])
  expect(rels, label).toContain('self')
  expect(rels, label).toContain('alternate')
  for (const entry of feed.entry ?? []) {
    expect(textOf(entry.id), label).toMatch(/^tag:[^,]+,\d{4}-\d{2}-\d{2}:\S+$/)
    expect(textOf(entry.title), label).not.toBe('')
    expect(textOf(entry.updated), label).toMatch(rfc3339)
    expect(textOf(entry.published), label).toMatch(rfc3339)
    expect(Date.parse(textOf(entry.updated)), label).toBeGreaterThanOrEqual(Date.parse(textOf(entry.published)))
    expect((entry.link as any[]).find((l) => l['@rel'] === 'alternate')?.['@href'], label).toMatch(/^https?:\/\//)
    expect(textOf(entry.author?.name), label).not.toBe('')
  }
  // The feed's updated is its newest entry's, never the clock.
  if ((feed.entry ?? []).length > 0) {
    const newest = Math.max(...feed.entry.map((e: any) => Date.parse(textOf(e.updated))))
    expect(Date.parse(textOf(feed.updated)), label).toBe(newest)
  }
  return feed
}

/** Check RSS's required elements; returns the channel element. */
export function checkRss(raw: string, label: string): any {
  const rss = parseXml(raw, label).rss
  expect(rss['@version'], label).toBe('2.0')
  const channel = rss.channel
  expect(textOf(channel.title), label).not.toBe('')
  expect(textOf(channel.link[0]), label).toMatch(/^https?:\/\//)
  expect(textOf(channel.description), label).not.toBe('')
  expect(textOf(channel.lastBuildDate), label).toMatch(rfc822)
  for (const item of channel.item ?? []) {
    expect(textOf(item.guid), label).toMatch(/^tag:/)
    expect(item.guid['@isPermaLink'], label).toBe('false')
    expect(textOf(item.pubDate), label).toMatch(rfc822)
    expect(Number.isNaN(Date.parse(textOf(item.pubDate))), label).toBe(false)
    expect(textOf(item.title), label).not.toBe('')
    expect(textOf(item.link[0]), label).toMatch(/^https?:\/\//)
  }
  return channel
}

/** Check JSON Feed's required members; returns the feed. */
export function checkJson(raw: string, label: string): any {
  const feed = JSON.parse(raw)
  expect(feed.version, label).toBe('https://jsonfeed.org/version/1.1')
  expect(typeof feed.title, label).toBe('string')
  expect(Array.isArray(feed.items), label).toBe(true)
  for (const item of feed.items) {
    expect(typeof item.id, label).toBe('string')
    expect(item.id, label).not.toBe('')
    expect(typeof (item.content_html ?? item.content_text), label).toBe('string')
    expect(item.date_published, label).toMatch(rfc3339)
  }
  return feed
}

/** URL-ish attribute values in HTML (href, src, srcset's URLs). */
export function urlsIn(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/\s(?:href|src|poster)="([^"]*)"/g)) out.push(m[1])
  for (const m of html.matchAll(/\ssrcset="([^"]*)"/g)) for (const c of m[1].split(',')) out.push(c.trim().split(/\s+/)[0])
  return out
}

/** Decode the character references of HTML text (enough for the tests). */
export function decodeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex, dec, name) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : named[name.toLowerCase()] ?? all)
}

/** Files under `dir` whose name is `name`, as relative posix folders ('' for the top). */
export function foldersWith(dir: string, name: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir).sort()) {
    const abs = join(dir, entry)
    if (statSync(abs).isDirectory()) out.push(...foldersWith(abs, name, `${prefix}${entry}/`))
    else if (entry === name) out.push(prefix)
  }
  return out
}

/** Copy a fixture site's content (and public) into a fresh folder outside any git repository. */
export function copySite(from: string, to: string): void {
  cpSync(join(from, 'content'), join(to, 'content'), { recursive: true })
}

/** `<meta>` tags of an HTML page: property or name → contents. */
export function metaOf(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const m of html.matchAll(/<meta\s+(?:name|property)="([^"]+)"\s+content="([^"]*)"/g)) {
    const list = out.get(m[1]) ?? []
    list.push(decodeHtml(m[2]))
    out.set(m[1], list)
  }
  return out
}

/** JSON-LD objects of an HTML page. */
export function jsonLdOf(html: string): any[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => JSON.parse(m[1]))
}
