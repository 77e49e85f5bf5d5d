/**
 * A link checker for built sites, as a reader and a feed reader meet them:
 * it reads every internal URL a site writes (in HTML: `href`, `src`,
 * `srcset`, `poster`, Open Graph and JSON-LD; in feeds: links, enclosures
 * and the HTML of entries; `<loc>` of the sitemap; the search index; the
 * `Sitemap:` line of robots.txt) and asks for it, from an output folder on
 * disk (as a static host maps a URL to a file) or over HTTP (a real server).
 *
 * A URL is broken when it does not answer 200 with a file (a redirect counts
 * as broken: the site's own links must name the page itself), when a
 * root-relative or relative URL leaves the site's base path (an absolute URL
 * outside it is another site on the same host), when its `#fragment` names no element of an
 * HTML page, or when its path is written with characters a URL may not hold
 * unencoded (space, non-ASCII, a `%` that starts no escape).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fetchRaw } from './http.js'

/** What asking for a path gave. */
export interface Answer {
  status: number
  body?: Buffer
  /** Where a redirect points. */
  location?: string
}

/** Ask for a URL path as sent (percent-encoded, starting with `/`). */
export type Fetcher = (pathname: string) => Promise<Answer>

/** One URL found in a document. */
export interface FoundLink {
  /** URL as written (entities decoded). */
  url: string
  /** Where: the document's path, and what held it (`a[href]`, `<loc>`, …). */
  from: string
  where: string
}

/** The result of a crawl. */
export interface CrawlReport {
  /** Internal URLs checked (each occurrence). */
  checked: number
  /** Distinct documents read (pages, feeds, sitemap, …). */
  documents: string[]
  /** Distinct URL paths that answered 200. */
  reached: Set<string>
  /** One line per broken occurrence: `from (where): url → why`. */
  broken: string[]
}

/** Options of a crawl. */
export interface CrawlOptions {
  /** The site's `url` (origin and base path), e.g. `https://example.org/blog/`. */
  siteUrl: string
  /** Paths (percent-encoded) to start from, e.g. every file of the output, or just the home page. */
  start: string[]
  /** Follow the internal URLs found (a crawl) or only check them (for a start list that is already complete). */
  follow: boolean
  fetch: Fetcher
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/** Decode HTML/XML character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (all, hex: string, dec: string, name: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16))
    if (dec) return String.fromCodePoint(Number(dec))
    return entities[name.toLowerCase()] ?? all
  })
}

/** The URLs of an HTML document or fragment. */
export function linksOfHtml(html: string, from: string): FoundLink[] {
  const found: FoundLink[] = []
  // Scripts and styles hold no attributes to check; JSON-LD is read apart.
  const markup = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, (all) => (/application\/ld\+json/i.test(all) ? all : ''))
  for (const tag of markup.matchAll(/<([a-z][a-z0-9-]*)\b([^>]*)>/gi)) {
    const name = tag[1].toLowerCase()
    const attrs = new Map<string, string>()
    for (const a of tag[2].matchAll(/([^\s=/"'>]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g)) {
      attrs.set(a[1].toLowerCase(), decodeEntities(a[2] ?? a[3] ?? a[4] ?? ''))
    }
    for (const key of ['href', 'src', 'poster', 'cite', 'action']) {
      const value = attrs.get(key)
      if (value !== undefined) found.push({ url: value, from, where: `${name}[${key}]` })
    }
    const srcset = attrs.get('srcset')
    if (srcset) for (const candidate of srcset.split(',')) found.push({ url: candidate.trim().split(/\s+/)[0], from, where: `${name}[srcset]` })
    if (name === 'meta') {
      const property = attrs.get('property') ?? attrs.get('name') ?? ''
      const content = attrs.get('content')
      if (content !== undefined && /(?:^|:)(?:url|image)$/.test(property)) found.push({ url: content, from, where: `meta[${property}]` })
    }
  }
  for (const script of html.matchAll(/<script\b[^>]*application\/ld\+json[^>]*>([\s\S]*?)<\/script>/gi)) {
    for (const url of urlsInJson(JSON.parse(script[1]), ['url', 'mainEntityOfPage', 'image', 'logo'])) {
      found.push({ url, from, where: 'JSON-LD' })
    }
  }
  return found
}

/** String values of `keys` anywhere in a JSON value. */
function urlsInJson(value: unknown, keys: string[]): string[] {
  const out: string[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (keys.includes(k) && typeof item === 'string') out.push(item)
        else walk(item)
      }
    }
  }
  walk(value)
  return out
}

/** The URLs of an XML document: sitemap `<loc>`, Atom and RSS links, enclosures, and links in entries' HTML. */
export function linksOfXml(xml: string, from: string): FoundLink[] {
  const found: FoundLink[] = []
  for (const m of xml.matchAll(/<loc>([^<]*)<\/loc>/g)) found.push({ url: decodeEntities(m[1]), from, where: '<loc>' })
  for (const m of xml.matchAll(/<(?:atom:)?link\b([^>]*?)\/?>/g)) {
    const hrefAttr = /\shref="([^"]*)"/.exec(m[1])
    if (hrefAttr) found.push({ url: decodeEntities(hrefAttr[1]), from, where: '<link href>' })
  }
  for (const m of xml.matchAll(/<link>([^<]*)<\/link>/g)) found.push({ url: decodeEntities(m[1]), from, where: '<link>' })
  for (const m of xml.matchAll(/<uri>([^<]*)<\/uri>/g)) found.push({ url: decodeEntities(m[1]), from, where: '<uri>' })
  for (const m of xml.matchAll(/<enclosure\b[^>]*\surl="([^"]*)"/g)) found.push({ url: decodeEntities(m[1]), from, where: '<enclosure>' })
  for (const m of xml.matchAll(/<(summary|content|description|content:encoded)\b[^>]*>([^<]*)<\//g)) {
    for (const link of linksOfHtml(decodeEntities(m[2]), from)) found.push({ ...link, where: `<${m[1]}> ${link.where}` })
  }
  return found
}

/** The URLs of a JSON document: a JSON Feed (its URLs and the HTML of its items) or the search index. */
export function linksOfJson(text: string, from: string): FoundLink[] {
  // The search index's token shards and document map hold tokens and numbers, never URLs; its documents
  // hold their post's URL in `u` (see src/search/engine.ts).
  if (/\/search\/[im]\/[^/]*$/.test(from)) return []
  const data = JSON.parse(text) as unknown
  if (/\/search\/d\/[^/]*$/.test(from)) return urlsInJson(data, ['u']).map((url) => ({ url, from, where: 'JSON' }))
  const found: FoundLink[] = urlsInJson(data, ['url', 'home_page_url', 'feed_url', 'image', 'avatar', 'banner_image'])
    .map((url) => ({ url, from, where: 'JSON' }))
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if ((k === 'content_html' || k === 'summary_html') && typeof item === 'string') {
          for (const link of linksOfHtml(item, from)) found.push({ ...link, where: `${k} ${link.where}` })
        } else walk(item)
      }
    }
  }
  walk(data)
  return found
}

/** The URLs of a text file: `Sitemap:` lines of robots.txt. */
export function linksOfText(text: string, from: string): FoundLink[] {
  return [...text.matchAll(/^Sitemap:\s*(\S+)/gim)].map((m) => ({ url: m[1], from, where: 'Sitemap:' }))
}

/** The kind of document at a URL path, by its name. */
function kindOf(pathname: string): 'html' | 'xml' | 'json' | 'text' | undefined {
  if (pathname.endsWith('/') || pathname.endsWith('.html')) return 'html'
  if (pathname.endsWith('.xml')) return 'xml'
  if (pathname.endsWith('.json')) return 'json'
  if (pathname.endsWith('robots.txt')) return 'text'
  return undefined
}

/** Characters a URL path may hold as written: ASCII unreserved and sub-delimiters, `:@/`, and `%` escapes. */
const writtenPath = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/

/** Percent-decoded text (as it is when an escape is malformed). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** Element ids of an HTML page. */
function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => decodeEntities(m[1])))
}

/**
 * Crawl a site.
 *
 * @param options Site URL, start paths, whether to follow links, and how to fetch.
 * @returns What was checked, reached and broken.
 */
export async function crawl(options: CrawlOptions): Promise<CrawlReport> {
  const site = new URL(options.siteUrl)
  const basePath = site.pathname
  const answers = new Map<string, Promise<Answer>>()
  const ask = (pathname: string): Promise<Answer> => {
    let answer = answers.get(pathname)
    if (!answer) answers.set(pathname, (answer = options.fetch(pathname)))
    return answer
  }
  const report: CrawlReport = { checked: 0, documents: [], reached: new Set(), broken: [] }
  const fragments: Array<{ link: FoundLink; pathname: string; id: string }> = []
  const queue = [...options.start]
  const queued = new Set(queue)
  while (queue.length > 0) {
    const batch = queue.splice(0)
    const read = await Promise.all(batch.map(async (pathname) => ({ pathname, answer: await ask(pathname) })))
    for (const { pathname, answer } of read) {
      if (answer.status !== 200 || !answer.body) {
        if (options.start.includes(pathname)) report.broken.push(`(start) ${pathname} → ${answer.status}`)
        continue
      }
      const kind = kindOf(pathname)
      if (!kind) continue
      report.documents.push(pathname)
      const text = answer.body.toString('utf8')
      const links = kind === 'html' ? linksOfHtml(text, pathname)
        : kind === 'xml' ? linksOfXml(text, pathname)
          : kind === 'json' ? linksOfJson(text, pathname)
            : linksOfText(text, pathname)
      const documentUrl = new URL(pathname, site)
      for (const link of links) {
        const raw = link.url.trim()
        if (raw === '' || /^(?:mailto|tel|data|javascript):/i.test(raw)) continue
        let url: URL
        try {
          url = new URL(raw, documentUrl)
        } catch {
          report.broken.push(`${link.from} (${link.where}): ${raw} → not a URL`)
          continue
        }
        if (url.origin !== site.origin) continue
        // An absolute URL outside the base path names another site on the same host (`https://example.org/support`).
        const absoluteUrl = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(raw)
        if (absoluteUrl && !decoded(url.pathname).startsWith(decoded(basePath))) continue
        // A link to the page itself (`#main`, a TOC entry): only its fragment needs checking.
        const samePage = raw.startsWith('#')
        report.checked++
        const say = (why: string): void => void report.broken.push(`${link.from} (${link.where}): ${raw} → ${why}`)
        if (!samePage) {
          const writtenPathPart = raw.replace(/[?#].*$/s, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
          if (!writtenPath.test(writtenPathPart)) say('its path is not percent-encoded')
        }
        if (url.search !== '') say('carries a query (a `?` that was meant as part of a path?)')
        if (!decoded(url.pathname).startsWith(decoded(basePath))) {
          say(`outside the base path ${basePath}`)
          continue
        }
        const answer = await ask(url.pathname)
        if (answer.status !== 200) {
          say(answer.status === 301 || answer.status === 302 ? `redirects to ${answer.location}` : `${answer.status}`)
          continue
        }
        report.reached.add(url.pathname)
        if (url.hash !== '' && kindOf(url.pathname) === 'html') {
          fragments.push({ link, pathname: url.pathname, id: decoded(url.hash.slice(1)) })
        }
        if (options.follow && !queued.has(url.pathname)) {
          queued.add(url.pathname)
          queue.push(url.pathname)
        }
      }
    }
  }
  for (const { link, pathname, id } of fragments) {
    const page = (await ask(pathname)).body!.toString('utf8')
    if (!idsOf(page).has(id)) report.broken.push(`${link.from} (${link.where}): ${link.url} → no element with id ${JSON.stringify(id)}`)
  }
  report.documents.sort()
  return report
}

/**
 * Answer requests from an output folder as a static host does: the path
 * under the base path, decoded segment by segment, names a file, or a folder
 * with `index.html` (a folder asked for without its `/` is a redirect).
 *
 * @param outDir Output folder.
 * @param basePath The site's base path (as in the URL: percent-encoded).
 * @returns Fetcher.
 */
export function diskFetcher(outDir: string, basePath: string): Fetcher {
  return async (pathname) => {
    let path: string
    try {
      path = pathname.split('/').map((s) => decodeURIComponent(s)).join('/')
    } catch {
      return { status: 400 }
    }
    const base = decoded(basePath)
    if (!path.startsWith(base)) return { status: 404 }
    const rel = path.slice(base.length)
    if (rel.split('/').some((s) => s === '..' || s === '.')) return { status: 400 }
    const file = join(outDir, rel)
    if (!existsSync(file)) return { status: 404 }
    if (statSync(file).isDirectory()) {
      if (rel !== '' && !rel.endsWith('/')) return { status: 301, location: pathname + '/' }
      const index = join(file, 'index.html')
      return existsSync(index) ? { status: 200, body: readFileSync(index) } : { status: 404 }
    }
    return { status: 200, body: readFileSync(file) }
  }
}

/**
 * Answer requests from a running server (paths sent exactly as given).
 *
 * @param serverUrl The server's address, e.g. `http://127.0.0.1:4000/`.
 * @returns Fetcher.
 */
export function httpFetcher(serverUrl: string): Fetcher {
  return async (pathname) => {
    const reply = await fetchRaw(serverUrl, pathname)
    const location = reply.headers.location
    return {
      status: reply.status,
      body: reply.status === 200 ? Buffer.from(reply.body, 'utf8') : undefined,
      location: typeof location === 'string' ? location : undefined
    }
  }
}

/**
 * The URL path of every file of an output folder (percent-encoded; `index.html`
 * as its folder), to start a crawl from all of them.
 *
 * @param outDir Output folder.
 * @param basePath The site's base path (percent-encoded).
 * @returns Paths, sorted.
 */
export function pathsOfFolder(outDir: string, basePath: string): string[] {
  const out: string[] = []
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const abs = join(dir, name)
      if (statSync(abs).isDirectory()) walk(abs, `${rel}${name}/`)
      else out.push(basePath + (rel + (name === 'index.html' ? '' : name)).split('/').map((s) => encodeURIComponent(s)).join('/'))
    }
  }
  walk(outDir, '')
  return out.sort()
}
