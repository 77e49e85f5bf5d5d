/**
 * Links between posts written as old-site URLs (`/2016/06/28/hello/`,
 * `../other-post/#part`, `https://old.example/about/`): found with a real
 * Markdown parse and turned into links to the target's `.md` file, which
 * the engine checks and writes as the new URL.
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import { visit } from 'unist-util-visit'

const parser = unified().use(remarkParse)

/** What the rewrite needs to know. */
export interface OldLinkContext {
  /** The URL path of the file on the old site (relative links resolve against it). */
  from: string
  /** The old site's host (`notes.example.org`); absolute links to it count as site links. */
  host: string
  /** The old site's base path (`/`, `/blog/`). */
  basePath: string
  /** A site path (no base path, decoded) → the relative `.md` href of the post or page that had it. */
  lookup: (path: string) => string | undefined
}

/**
 * Rewrite the links of a Markdown body that point at old URLs of posts or pages.
 *
 * @param body Markdown.
 * @param ctx Where the file was and what the old URLs were.
 * @returns The new text and how many links changed.
 */
export function rewriteOldLinks(body: string, ctx: OldLinkContext): { text: string; count: number } {
  const edits: Array<{ start: number; end: number; text: string }> = []
  // Without a link destination or a definition there is nothing to rewrite: no parse.
  if (!/\]\(|\]:/.test(body)) return { text: body, count: 0 }
  visit(parser.parse(body), (node) => {
    if ((node.type !== 'link' && node.type !== 'definition') || !node.position) return
    const target = resolve(node.url, ctx)
    if (target === undefined) return
    const start = node.position.start.offset!
    const slice = body.slice(start, node.position.end.offset!)
    // The destination as written: the last `](…` of a link, or what follows `]:` in a definition.
    const pattern = node.type === 'link' ? /\]\(\s*(<[^>]*>|[^\s)]+)/g : /\]:\s*(<[^>]*>|\S+)/g
    let match: RegExpExecArray | null = null
    for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) match = m
    if (!match) return
    const at = start + match.index + match[0].length - match[1].length
    edits.push({ start: at, end: at + match[1].length, text: /[\s()<>]/.test(target) ? `<${target}>` : target })
  })
  let text = body
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end)
  return { text, count: edits.length }
}

/** The `.md` href an old-site URL stands for, with its fragment; undefined for anything else. */
function resolve(url: string, ctx: OldLinkContext): string | undefined {
  if (url === '' || url.startsWith('#') || /\.(md|markdown)(#|$)/.test(url)) return undefined
  let parsed: URL
  try {
    parsed = new URL(url, `http://${ctx.host}${ctx.from}`)
  } catch {
    return undefined
  }
  if (parsed.host !== ctx.host || !/^https?:$/.test(parsed.protocol)) return undefined
  let path = parsed.pathname
  const base = ctx.basePath.replace(/\/$/, '')
  if (base !== '' && (path === base || path.startsWith(base + '/'))) path = path.slice(base.length) || '/'
  try {
    path = decodeURI(path)
  } catch {
    return undefined
  }
  const forms = [path, path.replace(/index\.html$/, ''), path.endsWith('/') ? path : path + '/', path.replace(/\/$/, '')]
  for (const form of forms) {
    const href = ctx.lookup(form)
    if (href !== undefined) return href + (parsed.hash ? decodeHash(parsed.hash) : '')
  }
  return undefined
}

function decodeHash(hash: string): string {
  try {
    return decodeURIComponent(hash)
  } catch {
    return hash
  }
}
