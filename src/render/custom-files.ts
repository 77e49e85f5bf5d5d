/**
 * The author's additions to any theme, read from the site root:
 * `templates/custom.css` (or `theme.custom_css`), emitted as a hashed asset
 * linked after the theme's stylesheet, and `templates/head.html` and
 * `templates/body-end.html`, put verbatim at the end of every page's
 * `<head>` and `<body>`. They are the author's code, like templates/index.tsx,
 * never content.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { OutputFile, Problem, SiteConfig } from '../types.js'
import { problem } from '../messages.js'
import { hashBytes } from '../util/hash.js'

/** Where the snippets and the default stylesheet are, relative to the site root. */
export const CUSTOM_FILES = { css: 'templates/custom.css', head: 'templates/head.html', bodyEnd: 'templates/body-end.html' } as const

/** The additions of a site, ready for the routes and the output. */
export interface CustomFiles {
  /** The stylesheet as an output file (hashed name), when there is one. */
  files: OutputFile[]
  /** For RouteOptions.custom: the stylesheet's output path and the snippets. */
  route: { css?: string; headHtml?: string; bodyEndHtml?: string }
  /** Digest of all three (part of the theme's digest: a changed snippet is a changed theme). */
  digest: string
  problems: Problem[]
}

async function readText(root: string, path: string): Promise<string | undefined> {
  try {
    return await readFile(join(root, path), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
    throw error
  }
}

/**
 * Read a site's custom stylesheet and snippets.
 *
 * @param root Site root (absolute).
 * @param config Site config (`theme.custom_css` names another stylesheet).
 * @returns The files, the routes' part, a digest, and problems (a named stylesheet that is missing).
 */
export async function readCustomFiles(root: string, config: Pick<SiteConfig, 'theme'>): Promise<CustomFiles> {
  const problems: Problem[] = []
  const cssPath = config.theme?.customCss ?? CUSTOM_FILES.css
  const read = async (path: string): Promise<string | undefined> => {
    try {
      return await readText(root, path)
    } catch (error) {
      problems.push(problem(path, 'unreadable-file', `Could not read ${path}: ${(error as Error).message}`))
      return undefined
    }
  }
  const [css, head, bodyEnd] = await Promise.all([read(cssPath), read(CUSTOM_FILES.head), read(CUSTOM_FILES.bodyEnd)])
  if (css === undefined && config.theme?.customCss !== undefined) {
    problems.push(problem('content/site.yaml', 'theme-invalid', `\`theme.custom_css\` names ${cssPath}, which does not exist`))
  }
  const files: OutputFile[] = []
  const route: CustomFiles['route'] = {}
  if (css !== undefined) {
    const data = new TextEncoder().encode(css)
    const hash = hashBytes(data)
    route.css = `assets/custom.${hash.slice(0, 8)}.css`
    files.push({ outPath: route.css, kind: 'bytes', data, hash })
  }
  if (head !== undefined && head.trim() !== '') route.headHtml = head.trim()
  if (bodyEnd !== undefined && bodyEnd.trim() !== '') route.bodyEndHtml = bodyEnd.trim()
  const digest = createHash('sha256').update(JSON.stringify([cssPath, css ?? null, head ?? null, bodyEnd ?? null])).digest('hex')
  return { files, route, digest, problems }
}
