/**
 * Jekyll's Liquid in posts: `highlight`, `raw`, `post_url`, `link`, `gist`,
 * and the outputs `{{ site.url }}`, `{{ site.baseurl }}`, `| relative_url`.
 * Includes, captures, loops and conditions are left visible and reported.
 */
import type { Converter, Syntax } from './convert.js'
import type { ConvertContext } from './context.js'
import { fence, link } from './markdown-out.js'
import { splitArgs } from './tag-args.js'
import { liquidSyntax } from './convert-hexo.js'

/** Liquid tags: the same marks as Hexo's. */
export { liquidSyntax }

/** Liquid outputs `{{ … }}`, each read as a tag named `output`. */
export const liquidOutputSyntax: Syntax = {
  open: /\{\{-?(?<name>)(?<args>(?:(?!\}\}|\{\{)[\s\S])*?)-?\}\}/g,
  close: () => /(?!)/g,
  label: (_, args) => `{{ ${args.trim().length > 40 ? args.trim().slice(0, 40) + '…' : args.trim()} }}`,
  isEnd: () => false,
  verbatim: new Set()
}

const block = (text: string): { text: string; block: true } => ({ text, block: true })

/**
 * The converters of Jekyll's Liquid tags.
 *
 * @param ctx Lookups of the file being converted.
 * @returns Converters by tag name.
 */
export function liquidConverters(ctx: ConvertContext): Record<string, Converter> {
  return {
    highlight(tag) {
      if (tag.inner === undefined) return undefined
      const [lang = ''] = splitArgs(tag.args).positional
      return block(fence(tag.inner, lang === 'text' || lang === 'plaintext' ? '' : lang))
    },
    raw: (tag) => tag.inner,
    post_url(tag) {
      const [key] = splitArgs(tag.args).positional
      return key ? ctx.resolve(key)?.href : undefined
    },
    link(tag) {
      const [key] = splitArgs(tag.args).positional
      return key ? ctx.resolve(key)?.href : undefined
    },
    gist(tag) {
      const [id] = splitArgs(tag.args).positional
      return id ? link(`gist ${id}`, `https://gist.github.com/${id}`) : undefined
    }
  }
}

/**
 * The converter of Liquid outputs: site URLs become root-relative (the new site links under its own base path).
 *
 * @param ctx Lookups of the file being converted.
 * @param body The whole body, to see what follows `{{ site.url }}`.
 * @returns Converters, under the name `''` (outputs have no name).
 */
export function liquidOutputConverters(ctx: ConvertContext, body: string): Record<string, Converter> {
  return {
    '': (tag) => {
      const expr = tag.args.trim()
      if (/^site\.baseurl$/.test(expr)) return ''
      if (/^site\.url$/.test(expr)) {
        // Followed by a path or by the base URL: the link becomes root-relative; alone it is the old address.
        return /^(\/|\{\{)/.test(body.slice(tag.end, tag.end + 2)) ? '' : ctx.siteUrl
      }
      const filtered = /^(["'])(.*?)\1\s*\|\s*(relative_url|absolute_url)$/.exec(expr)
      if (filtered) return filtered[2].startsWith('/') ? filtered[2] : '/' + filtered[2]
      const prefixed = /^(["'])(.*?)\1\s*\|\s*prepend:\s*site\.baseurl$/.exec(expr)
      if (prefixed) return prefixed[2]
      return undefined
    }
  }
}
