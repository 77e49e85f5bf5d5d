/**
 * The Markdown stage: one post body in, HTML plus everything the site stage
 * needs about it (headings, references, summary, metrics) out, as plain data.
 */
import rehypeStringify from 'rehype-stringify'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkCjkFriendlyGfmStrikethrough from 'remark-cjk-friendly-gfm-strikethrough'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import type { VFile } from 'vfile'
import type { MathMode, RenderedBody } from '../types.js'
import remarkMathMode from './micromark-pandoc-math.js'
import rehypeExternalRel from './rehype-external-rel.js'
import rehypeHeadingAnchors from './rehype-heading-anchors.js'
import rehypeHeadingIds from './rehype-heading-ids.js'
import rehypeImageFigures from './rehype-image-figures.js'
import rehypeLocalAssets from './rehype-local-assets.js'
import rehypeMath from './rehype-math.js'
import rehypePostLinks from './rehype-post-links.js'
import rehypeShikiHighlight from './rehype-shiki-highlight.js'
import rehypeSummary from './rehype-summary.js'
import remarkAlerts from './remark-alerts.js'
import remarkCjkLineBreaks from './remark-cjk-line-breaks.js'
import remarkLimits from './remark-limits.js'
import remarkTextMetrics from './remark-text-metrics.js'
import remarkTitleHeading from './remark-title-heading.js'
import { plainTextOf, searchDigestOf } from './search-text.js'
import { emptyState } from './state.js'
import { guardedPlugins } from './author-plugins.js'

export interface MarkdownOptions {
  /** Site root, absolute; used to resolve and stat referenced files. */
  root: string
  /** Highlight code with Shiki (config `highlight`, default true). */
  highlight: boolean
  /** Target length (characters) of an automatic summary (config `summary_length`, default 140). */
  summaryLength: number
  /** Site language (BCP 47): footnote and alert labels are Chinese for `zh*` (default English). */
  language?: string
  /** The search index holds code blocks (config `search.code`, default false). */
  searchCode?: boolean
  /** The author's plugins (inkstone.config.*, imported by config/markdown-plugins.ts importPlugins). */
  plugins?: { remark: unknown[]; rehype: unknown[] }
}

/**
 * The frozen unified processor for post bodies (exported for tests and benchmarks).
 *
 * @param options Site options.
 * @param math How `$` is read: `true` remark-math as it is; `auto` single dollars by Pandoc's rule
 *   (micromark-pandoc-math.ts); `false` no math syntax at all.
 */
export function createProcessor(options: MarkdownOptions, math: MathMode = 'true') {
  const language = options.language ?? 'en'
  const zh = language.toLowerCase().startsWith('zh')
  return (
    unified()
      .use(remarkParse)
      // First transform: the tree is checked before any plugin recurses into it.
      .use(remarkLimits)
      .use(remarkGfm)
      .use(remarkCjkFriendly)
      .use(remarkCjkFriendlyGfmStrikethrough)
      .use(remarkMathMode, math)
      .use(remarkTitleHeading)
      .use(remarkAlerts, { language })
      .use(remarkCjkLineBreaks)
      // The author's remark plugins: on the finished Markdown tree, before words are counted.
      .use(guardedPlugins(options.plugins?.remark ?? []))
      .use(remarkTextMetrics)
      // Raw HTML is passed through untouched; rehype-raw would re-parse every post (slow).
      .use(remarkRehype, {
        allowDangerousHtml: true,
        footnoteLabel: zh ? '脚注' : 'Footnotes',
        footnoteBackLabel: (index: number, rereference: number) =>
          (zh ? '回到引用 ' : 'Back to reference ') + (index + 1) + (rereference > 1 ? '-' + rereference : '')
      })
      .use(rehypeShikiHighlight, { highlight: options.highlight })
      // Ids before anchors and KaTeX: slugs and labels come from the heading's source text.
      .use(rehypeHeadingIds)
      .use(rehypeHeadingAnchors, { language })
      .use(rehypeMath)
      .use(rehypePostLinks)
      .use(rehypeLocalAssets, { root: options.root })
      .use(rehypeImageFigures)
      // Opener isolation and no referrer leak to other sites; new tabs are the reader's choice.
      .use(rehypeExternalRel)
      // The author's rehype plugins: on the finished HTML tree, before the summary is cut from it.
      .use(guardedPlugins(options.plugins?.rehype ?? []))
      // Last: the summary is cut from the finished tree, placeholders included.
      .use(rehypeSummary, { summaryLength: options.summaryLength })
      .use(rehypeStringify, { allowDangerousHtml: true })
      .freeze()
  )
}

/** Create the body renderer once per process/worker; it reuses one frozen unified processor and one Shiki highlighter. */
export function createBodyRenderer(options: MarkdownOptions): (file: VFile, body: string) => Promise<RenderedBody> {
  // One processor per math mode, made when a post first needs it (file.data.inkstoneMath, set by parse.ts).
  const processors = new Map<MathMode, ReturnType<typeof createProcessor>>()
  return async function renderBody(file: VFile, body: string): Promise<RenderedBody> {
    const mode = file.data.inkstoneMath ?? 'true'
    let processor = processors.get(mode)
    if (!processor) processors.set(mode, (processor = createProcessor(options, mode)))
    const state = emptyState()
    file.data.inkstoneMarkdown = state
    try {
      const tree = await processor.run(processor.parse(body), file)
      const html = processor.stringify(tree, file)
      const searchText = plainTextOf(html, { code: options.searchCode === true })
      return {
        html,
        excerptHtml: state.excerptHtml,
        excerptText: state.excerptText,
        searchText,
        searchDigest: searchDigestOf(state.headings.map((h) => h.text), searchText),
        hasMore: state.hasMore,
        headings: state.headings,
        toc: state.toc,
        references: state.references,
        metrics: state.metrics,
        math: state.math,
        code: state.code,
        ...(state.title === undefined ? {} : { title: state.title })
      }
    } finally {
      // The state is returned as data; keep it off the caller's file.
      delete file.data.inkstoneMarkdown
    }
  }
}
