/** Shared helpers for the Markdown stage tests. */
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
import { createBodyRenderer, type MarkdownOptions } from '../../../src/markdown/index.js'
import { problemsOf } from '../../../src/messages.js'
import type { Problem, RenderedBody } from '../../../src/types.js'

/** Folder of the golden fixtures; also the site root of the unit tests. */
export const fixturesRoot = fileURLToPath(new URL('../../fixtures/markdown/', import.meta.url))

const renderers = new Map<string, ReturnType<typeof createBodyRenderer>>()

/** Render `body` as if it were the file `path` (relative to `root`). */
export async function render(
  body: string,
  path = 'content/posts/post.md',
  options: Partial<MarkdownOptions> = {}
): Promise<RenderedBody & { problems: Problem[] }> {
  const full: MarkdownOptions = { root: fixturesRoot, highlight: true, summaryLength: 140, ...options }
  const key = JSON.stringify(full)
  let renderer = renderers.get(key)
  if (!renderer) {
    renderer = createBodyRenderer(full)
    renderers.set(key, renderer)
  }
  const file = new VFile({ path })
  const result = await renderer(file, body)
  return { ...result, problems: problemsOf(file) }
}
