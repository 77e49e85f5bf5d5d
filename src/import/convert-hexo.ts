/**
 * Hexo's tag plugins, and the tags of its common themes (NexT, Butterfly,
 * Volantis, Fluid), converted into Markdown that Inkstone renders.
 */
import type { Converter, Syntax, Tag } from './convert.js'
import type { ConvertContext } from './context.js'
import { callout, details, embed, escapeText, fence, image, link, quote, trimBlankEdges, type CalloutKind } from './markdown-out.js'
import { splitArgs, splitCommas } from './tag-args.js'

/** Nunjucks-style tags `{% name args %}` … `{% endname %}`, as Hexo and Jekyll (Liquid) write them. */
export const liquidSyntax: Syntax = {
  open: /\{%-?[ \t]*(?<name>[A-Za-z_][\w-]*)(?<args>(?:(?!%\}|\{%)[\s\S])*?)[ \t]*-?%\}/g,
  close: (name) => new RegExp(`\\{%-?[ \\t]*end${escapeRegExp(name)}[ \\t]*-?%\\}`, 'g'),
  label: (name) => `{% ${name} %}`,
  isEnd: (name) => name.startsWith('end'),
  verbatim: new Set(['raw', 'codeblock', 'code', 'highlight', 'mermaid', 'comment'])
}

/** `name` with the characters a regular expression treats specially escaped. */
export function escapeRegExp(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
}

const block = (text: string): { text: string; block: true } => ({ text, block: true })
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The callout a note's class (NexT `info`, Butterfly `blue`, Fluid `success`, …) reads as. */
function noteKind(words: string[]): CalloutKind {
  const kinds: Record<string, CalloutKind> = {
    default: 'NOTE', primary: 'NOTE', info: 'NOTE', blue: 'NOTE', pink: 'NOTE', purple: 'NOTE', light: 'NOTE', secondary: 'NOTE',
    success: 'TIP', green: 'TIP', tip: 'TIP',
    warning: 'WARNING', orange: 'WARNING', yellow: 'WARNING', warn: 'WARNING',
    danger: 'CAUTION', red: 'CAUTION', error: 'CAUTION', important: 'IMPORTANT'
  }
  for (const w of words) if (Object.hasOwn(kinds, w.toLowerCase())) return kinds[w.toLowerCase()]
  return 'NOTE'
}

/** Words of a note's arguments that are styles, not a title. */
const noteStyle = /^(default|primary|info|blue|pink|purple|light|secondary|success|green|tip|warning|orange|yellow|warn|danger|red|error|important|no-icon|simple|modern|flat|disabled|icon-padding|fa[srb]?|fa-[\w-]+|[\w-]+\.(?:svg|png))$/i

/** Code options `lang:xx`, `line_number:false`, … of Hexo's codeblock; the rest is title, url, link text. */
function codeOptions(args: string): { lang: string; title: string } {
  const words = splitArgs(args).positional
  let lang = ''
  const rest: string[] = []
  for (const w of words) {
    const option = /^(\w+):(.*)$/.exec(w)
    if (option && !/^https?$/.test(option[1])) {
      if (option[1] === 'lang') lang = option[2]
    } else rest.push(w)
  }
  const urlAt = rest.findIndex((w) => /^(https?:)?\/\//.test(w))
  const title = (urlAt === -1 ? rest : rest.slice(0, urlAt)).join(' ')
  return { lang, title }
}

/** The title of a toggle: the first comma part of Butterfly's arguments, or all the words (NexT, Volantis). */
function toggleTitle(args: string, fallback: string): string {
  const text = args.trim()
  if (text === '') return fallback
  const first = splitCommas(text)[0]
  // Volantis: `{% folding cyan open, title %}`: style words before the comma, the title after it.
  if (/,/.test(text) && /^[a-z]+( open)?$/.test(first)) return splitCommas(text)[1] || fallback
  return first.replace(/^["']|["']$/g, '') || fallback
}

/** The tabs of NexT / Butterfly: `<!-- tab caption -->` … `<!-- endtab -->`, each becomes a headed section. */
function tabs(tag: Tag): { text: string; block: true } | undefined {
  const inner = tag.convertInner!()
  const parts = [...inner.matchAll(/<!--\s*tab\b(.*?)-->([\s\S]*?)<!--\s*endtab\s*-->/g)]
  if (parts.length === 0) return undefined
  const group = splitCommas(tag.args)[0].trim()
  const sections = parts.map((p, i) => {
    const caption = p[1].replace(/@[\w-]+/g, '').trim() || `${group || 'Tab'} ${i + 1}`
    return `#### ${escapeText(caption)}\n\n${trimBlankEdges(p[2])}`
  })
  return block(sections.join('\n\n'))
}

/**
 * Parse the arguments of `asset_img` / `img`: optional class names, the path, optional width and height,
 * then a title and an alt text (quoted).
 */
function imageArgs(args: string, isPath: (w: string) => boolean): { src: string; title: string; alt: string } | undefined {
  const words = splitArgs(args).positional
  const src = words.find(isPath)
  if (src === undefined) return undefined
  const written = [`"${src}"`, `'${src}'`, src].find((w) => args.includes(w))!
  let rest = args.slice(args.indexOf(written) + written.length).trim()
  while (/^\d+(px|%)?(\s|$)/.test(rest)) rest = rest.replace(/^\S+\s*/, '')
  // `'"title" "alt"'` (Hexo's documented form) or `"title" "alt"`: two quoted parts.
  const pair = /^'?\s*(["'])(.*?)\1\s+(["'])(.*?)\3\s*'?$/.exec(rest)
  if (pair) return { src, title: pair[2], alt: pair[4] }
  const title = rest.replace(/^(["'])(.*)\1$/, '$2')
  return { src, title, alt: title }
}

/**
 * The converters of Hexo's tags.
 *
 * @param ctx Lookups of the file being converted.
 * @returns Converters by tag name.
 */
export function hexoConverters(ctx: ConvertContext): Record<string, Converter> {
  const note: Converter = (tag) => {
    const words = splitArgs(tag.args).positional
    if (tag.inner === undefined) {
      // Stellar writes a note in one tag: `{% note [color:x] [title] content %}`; the last word is the content.
      if (words.length === 0) return undefined
      const plain = words.filter((w) => !/^color:/.test(w))
      return block(callout(noteKind(words.map((w) => w.replace(/^color:/, ''))), plain.at(-1)!, plain.slice(0, -1).join(' ')))
    }
    const title = words.filter((w) => !noteStyle.test(w)).join(' ')
    return block(callout(noteKind(words), tag.convertInner!(), title))
  }
  /** An inline theme tag (NexT `label`, Butterfly's `u`, `kbd`, `mark`, …) as the HTML element it shows. */
  const inline = (element: string): Converter => (tag) => {
    const text = tag.args.trim().replace(/^(default|primary|success|info|warning|danger)\s*@/, '').replace(/^[\w-]+\s*@/, '')
    return text === '' ? undefined : `<${element}>${escapeHtml(text)}</${element}>`
  }
  const codeblock: Converter = (tag) => {
    if (tag.inner === undefined) return undefined
    const { lang, title } = codeOptions(tag.args)
    return block((title ? `*${escapeText(title)}*\n\n` : '') + fence(tag.inner, lang))
  }
  const toggle: Converter = (tag) => (tag.inner === undefined ? undefined : block(details(toggleTitle(tag.args, 'Show'), tag.convertInner!())))
  const button: Converter = (tag) => {
    const [written, text] = splitCommas(tag.args)
    const url = written?.replace(/^<(.*)>$/, '$1')
    if (!url) return undefined
    return link(text || url, url)
  }
  const gallery: Converter = (tag) => (tag.inner === undefined ? undefined : block(trimBlankEdges(tag.convertInner!())))
  const isFile = (w: string): boolean => /\.[A-Za-z0-9]+$/.test(w) && !/^\d+(px|%)?$/.test(w)
  return {
    note,
    noteblock: note,
    codeblock,
    code: codeblock,
    include_code(tag) {
      const words = splitArgs(tag.args).positional.filter((w) => !/^\w+:/.test(w) || /^lang:/.test(w))
      const path = words.at(-1)
      const lang = /^lang:(.*)$/.exec(words.find((w) => w.startsWith('lang:')) ?? '')?.[1] ?? ''
      if (!path) return undefined
      const text = ctx.readSource(`${ctx.codeDir}/${path}`)
      if (text === undefined) return undefined
      return block(fence(text, lang || (/\.(\w+)$/.exec(path)?.[1] ?? '')))
    },
    blockquote(tag) {
      if (tag.inner === undefined) return undefined
      const words = splitArgs(tag.args).positional
      const urlAt = words.findIndex((w) => /^(https?:)?\/\//.test(w))
      const who = (urlAt === -1 ? words : words.slice(0, urlAt)).join(' ')
      const url = urlAt === -1 ? '' : words[urlAt]
      const sourceTitle = urlAt === -1 ? '' : words.slice(urlAt + 1).join(' ')
      const cite = who || url ? `\n\n— ${url ? link(sourceTitle || who || url, url) : escapeText(who)}${url && who && sourceTitle ? `, ${escapeText(who)}` : ''}` : ''
      return block(quote(trimBlankEdges(tag.convertInner!()) + cite))
    },
    pullquote: (tag) => (tag.inner === undefined ? undefined : block(quote(tag.convertInner!()))),
    raw: (tag) => tag.inner,
    asset_img(tag) {
      const parsed = imageArgs(tag.args, (w) => ctx.hasAsset(w) || isFile(w))
      return parsed ? image(parsed.src, parsed.alt, parsed.title) : undefined
    },
    img(tag) {
      const parsed = imageArgs(tag.args, (w) => /^(https?:)?\/\/|^\//.test(w) || isFile(w))
      return parsed ? image(parsed.src, parsed.alt, parsed.title) : undefined
    },
    asset_link(tag) {
      const [slug, ...title] = splitArgs(tag.args).positional
      const text = title.filter((w) => w !== 'true' && w !== 'false').join(' ')
      return slug ? link(text || slug, slug) : undefined
    },
    asset_path: (tag) => splitArgs(tag.args).positional[0],
    link(tag) {
      const words = splitArgs(tag.args).positional
      const urlAt = words.findIndex((w) => /^(https?:)?\/\/|^\/|^mailto:/.test(w))
      // Stellar and Volantis write the URL first: `{% link url [title] %}`.
      if (urlAt === 0) return link(words.slice(1).join(' ') || words[0], words[0])
      if (urlAt < 0) return undefined
      const title = words.slice(urlAt + 1).filter((w) => w !== 'true' && w !== 'false').join(' ')
      return link(words.slice(0, urlAt).join(' '), words[urlAt], title)
    },
    post_link(tag) {
      const [key, ...title] = splitArgs(tag.args).positional
      const target = key ? ctx.resolve(key) : undefined
      if (!target) return undefined
      const text = title.filter((w) => w !== 'true' && w !== 'false').join(' ')
      return link(text || target.title, target.href)
    },
    post_path(tag) {
      const key = splitArgs(tag.args).positional[0]
      return key ? ctx.resolve(key)?.href : undefined
    },
    youtube(tag) {
      const [id] = splitArgs(tag.args).positional
      if (!id || !/^[\w-]+$/.test(id)) return undefined
      return block(embed(`https://www.youtube-nocookie.com/embed/${id}`, 'YouTube video'))
    },
    vimeo(tag) {
      const [id] = splitArgs(tag.args).positional
      if (!id || !/^\d+$/.test(id)) return undefined
      return block(embed(`https://player.vimeo.com/video/${id}`, 'Vimeo video'))
    },
    iframe(tag) {
      const [url, width, height] = splitArgs(tag.args).positional
      if (!url) return undefined
      return block(embed(url, url, width, height))
    },
    gist(tag) {
      const [id, file] = splitArgs(tag.args).positional
      return id ? link(`gist ${id}${file ? ` (${file})` : ''}`, `https://gist.github.com/${id}`) : undefined
    },
    // Theme tags.
    hideToggle: toggle,
    hideBlock: toggle,
    fold: toggle,
    folding: toggle,
    details: toggle,
    spoiler: toggle,
    hideInline(tag) {
      const [content, button] = splitCommas(tag.args)
      return content ? `<details><summary>${escapeText(button || 'Show')}</summary>${content}</details>` : undefined
    },
    tabs: (tag) => (tag.inner === undefined ? undefined : tabs(tag)),
    subtabs: (tag) => (tag.inner === undefined ? undefined : tabs(tag)),
    button,
    btn: button,
    gallery,
    grouppicture: gallery,
    'group-picture': gallery,
    mermaid: (tag) => (tag.inner === undefined ? undefined : block(fence([tag.args.trim(), trimBlankEdges(tag.inner)].filter(Boolean).join('\n'), 'mermaid'))),
    label: inline('mark'),
    mark: inline('mark'),
    kbd: inline('kbd'),
    u: inline('u'),
    del: inline('del'),
    emp: inline('em'),
    center: (tag) => (tag.inner === undefined ? undefined : block(trimBlankEdges(tag.convertInner!()))),
    cq: (tag) => (tag.inner === undefined ? undefined : block(quote(tag.convertInner!()))),
    centerquote: (tag) => (tag.inner === undefined ? undefined : block(quote(tag.convertInner!())))
  }
}
