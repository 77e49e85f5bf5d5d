/**
 * Hugo's shortcodes in posts: `figure`, `highlight`, `ref` / `relref`,
 * `youtube`, `vimeo`, `gist`, `x` / `tweet`; others are left and reported.
 */
import type { Converter, Syntax } from './convert.js'
import type { ConvertContext } from './context.js'
import { callout, details, embed, fence, image, link, trimBlankEdges, type CalloutKind } from './markdown-out.js'
import { splitArgs } from './tag-args.js'
import { escapeRegExp } from './convert-hexo.js'

/** Shortcodes `{{< name args >}}` and `{{% name args %}}`, closed by `{{< /name >}}`. */
export const hugoSyntax: Syntax = {
  open: /\{\{([<%])(?!\s*\/)[ \t]*(?<name>[\w./-]+)(?<args>(?:(?!\{\{|\}\})[\s\S])*?)[ \t]*\/?[>%]\}\}/g,
  close: (name) => new RegExp(`\\{\\{[<%][ \\t]*\\/[ \\t]*${escapeRegExp(name)}[ \\t]*[>%]\\}\\}`, 'g'),
  label: (name) => `{{< ${name} >}}`,
  isEnd: () => false,
  verbatim: new Set(['highlight', 'mermaid'])
}

/** Hugo's own escape (a shortcode written inside a comment mark, shown as text), read as a tag with an empty name. */
export const hugoEscapeSyntax: Syntax = {
  open: /\{\{([<%])\/\*(?<name>)(?<args>[\s\S]*?)\*\/([>%])\}\}/g,
  close: () => /(?!)/g,
  label: () => '{{</* … */>}}',
  isEnd: () => false,
  verbatim: new Set()
}

const block = (text: string): { text: string; block: true } => ({ text, block: true })

/**
 * The converters of Hugo's built-in shortcodes.
 *
 * @param ctx Lookups of the file being converted.
 * @returns Converters by shortcode name.
 */
export function hugoConverters(ctx: ConvertContext): Record<string, Converter> {
  const ref: Converter = (tag) => {
    const { positional, named } = splitArgs(tag.args)
    const target = named.get('path') ?? positional[0]
    if (!target) return undefined
    const [path, fragment] = target.split('#')
    if (path === '') return '#' + fragment
    const found = ctx.resolve(path)
    if (found) return found.href + (fragment ? '#' + fragment : '')
    // A taxonomy or section page: the new tag, column or home page, when the new site has one.
    const list = ctx.listPage?.(path)
    return list === undefined ? undefined : list + (fragment ? '#' + fragment : '')
  }
  const video = (base: string, title: string): Converter => (tag) => {
    const { positional, named } = splitArgs(tag.args)
    const id = named.get('id') ?? positional[0]
    return id && /^[\w-]+$/.test(id) ? block(embed(base + id, named.get('title') ?? title)) : undefined
  }
  const post: Converter = (tag) => {
    const { positional, named } = splitArgs(tag.args)
    const user = named.get('user') ?? (positional.length > 1 ? positional[0] : 'i/web')
    const id = named.get('id') ?? positional.at(-1)
    return id && /^\d+$/.test(id) ? link(`Post by ${user === 'i/web' ? 'X' : '@' + user}`, `https://x.com/${user}/status/${id}`) : undefined
  }
  return {
    figure(tag) {
      const { named } = splitArgs(tag.args)
      const src = named.get('src')
      if (!src) return undefined
      const caption = named.get('caption') ?? named.get('title') ?? ''
      const img = image(src, named.get('alt') ?? caption, caption)
      const target = named.get('link')
      return target ? `[${img}](${target})` : img
    },
    highlight(tag) {
      if (tag.inner === undefined) return undefined
      const [lang = ''] = splitArgs(tag.args).positional
      return block(fence(tag.inner, lang))
    },
    ref,
    relref: ref,
    youtube: video('https://www.youtube-nocookie.com/embed/', 'YouTube video'),
    vimeo: video('https://player.vimeo.com/video/', 'Vimeo video'),
    gist(tag) {
      const [user, id, file] = splitArgs(tag.args).positional
      if (!user || !id) return undefined
      return link(`gist ${user}/${id}${file ? ` (${file})` : ''}`, `https://gist.github.com/${user}/${id}`)
    },
    x: post,
    tweet: post,
    twitter: post,
    details(tag) {
      if (tag.inner === undefined) return undefined
      const { named } = splitArgs(tag.args)
      return block(details(named.get('summary') ?? 'Details', tag.convertInner!()))
    },
    // Shortcodes of common themes (Blowfish, Congo, Hextra, DoIt) with a faithful Markdown form.
    alert(tag) {
      if (tag.inner === undefined) return undefined
      const { positional, named } = splitArgs(tag.args)
      const word = (named.get('type') ?? named.get('context') ?? positional[0] ?? '').toLowerCase()
      const kinds: Record<string, CalloutKind> = { warning: 'WARNING', danger: 'CAUTION', error: 'CAUTION', success: 'TIP', tip: 'TIP', important: 'IMPORTANT' }
      return block(callout(kinds[word] ?? 'NOTE', tag.convertInner!()))
    },
    callout(tag) {
      if (tag.inner === undefined) return undefined
      const { named } = splitArgs(tag.args)
      const kinds: Record<string, CalloutKind> = { warning: 'WARNING', error: 'CAUTION', info: 'NOTE', tip: 'TIP' }
      return block(callout(kinds[(named.get('type') ?? '').toLowerCase()] ?? 'NOTE', tag.convertInner!()))
    },
    lead: (tag) => (tag.inner === undefined ? undefined : block(trimBlankEdges(tag.convertInner!()))),
    mermaid: (tag) => (tag.inner === undefined ? undefined : block(fence(tag.inner, 'mermaid'))),
    button(tag) {
      if (tag.inner === undefined) return undefined
      const { named } = splitArgs(tag.args)
      const href = named.get('href') ?? named.get('link')
      return href ? link(trimBlankEdges(tag.convertInner!()).replace(/\s+/g, ' '), href) : undefined
    },
    // The site's own shortcodes: one whose template is plain HTML (no template code) is put in its place.
    '*'(tag) {
      const template = ctx.readSource(`layouts/shortcodes/${tag.name}.html`) ?? ctx.readSource(`layouts/_shortcodes/${tag.name}.html`)
      if (template === undefined || template.includes('{{') || tag.inner !== undefined) return undefined
      // One HTML block: no blank line or indentation that Markdown would read as the block's end or as code.
      return block(template.split('\n').map((l) => l.trim()).filter((l) => l !== '').join('\n'))
    }
  }
}

/** The converter of Hugo's escaped shortcodes: shown as the shortcode's text, as Hugo shows it. */
export function hugoEscapeConverters(body: string): Record<string, Converter> {
  return {
    '': (tag) => {
      const delim = body[tag.start + 2]
      return `{{${delim}${tag.args}${delim === '<' ? '>' : '%'}}}`
    }
  }
}
