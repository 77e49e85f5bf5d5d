/**
 * `inkstone new <title> [--column ID] [--tags a,b] [--slug s] [--bundle]`,
 * `inkstone new column <id> [--title T] [--parent ID]`, `inkstone new page <name> [--title T]`.
 * Never overwrites; prints the path of the new file.
 */
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { DateTime } from 'luxon'
import type { Io } from './io.js'
import { parseCommand } from './args.js'
import { loadConfig } from '../config/load.js'
import { columnText, nameProblem, newPostSlug, pageText, postText } from '../content/new-post.js'

/** Help text of `inkstone new`. */
export const newHelp = `Usage:
  inkstone new <title> [options]        Create content/posts/<slug>.md
  inkstone new column <id> [options]    Create content/columns/<id>.md
  inkstone new page <name> [options]    Create content/pages/<name>.md

Options:
  --root DIR       Site root (default: .)
  --slug SLUG      URL slug and file name of a post (default: from the title; pinyin for Chinese)
  --tags a,b       Tags of a post
  --column ID      Column of a post (content/columns/<ID>.md must exist)
  --bundle         Create a bundle folder (content/posts/<slug>/index.md) for a post with images
  --title TITLE    Title of a column or page (default: its id or name)
  --parent ID      Parent of a column
  -h, --help       Show this help`

/**
 * Run `inkstone new`.
 *
 * @param argv Arguments after `new`.
 * @param io Output and clock.
 * @returns Exit code.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const parsed = parseCommand<{ root: string; slug?: string; tags?: string; column?: string; bundle: boolean; title?: string; parent?: string }>('new', argv, {
    root: { type: 'string', default: '.' },
    slug: { type: 'string' },
    tags: { type: 'string' },
    column: { type: 'string' },
    bundle: { type: 'boolean', default: false },
    title: { type: 'string' },
    parent: { type: 'string' }
  }, newHelp, io, Infinity)
  if (typeof parsed === 'number') return parsed
  const { values, positionals } = parsed
  const root = resolve(values.root)
  const fail = (message: string, code = 1): number => {
    io.err(`inkstone new: ${message}\n`)
    return code
  }
  if (positionals.length === 0) return fail('expected a title, e.g. `inkstone new "Hello, world"`', 2)
  const shown = (abs: string): string => relative(process.cwd(), abs) || abs
  const create = async (path: string, text: string): Promise<number> => {
    await mkdir(dirname(path), { recursive: true })
    try {
      await writeFile(path, text, { flag: 'wx' })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return fail(`${shown(path)} already exists; not overwritten`)
      throw error
    }
    io.out(shown(path) + '\n')
    return 0
  }

  const kind = positionals.length === 2 && (positionals[0] === 'column' || positionals[0] === 'page') ? positionals[0] : 'post'
  if (kind !== 'post') {
    const name = positionals[1]
    const problem = nameProblem(name)
    if (problem) return fail(problem, 2)
    if (kind === 'column') {
      if (values.parent !== undefined && !existsSync(join(root, 'content', 'columns', `${values.parent}.md`))) {
        return fail(`no column \`${values.parent}\` (content/columns/${values.parent}.md) to be the parent`)
      }
      return create(join(root, 'content', 'columns', `${name}.md`), columnText(values.title ?? name, values.parent))
    }
    return create(join(root, 'content', 'pages', `${name}.md`), pageText(values.title ?? name))
  }

  if (positionals.length > 1) return fail('expected one title; quote titles with spaces, e.g. `inkstone new "Hello, world"`', 2)
  const title = positionals[0].trim()
  if (title === '') return fail('the title is empty', 2)
  const { config, problems } = await loadConfig(root)
  if (problems.some((p) => p.ruleId === 'config-missing')) return fail(`no site here (${shown(join(root, 'content', 'site.yaml'))} is missing); pass --root`)
  const date = DateTime.fromMillis(io.now(), { zone: config.timezone })
  const slug = newPostSlug(title, values.slug, date)
  if ('error' in slug) return fail(slug.error, 2)
  const column = values.column?.trim()
  if (column && !existsSync(join(root, 'content', 'columns', `${column}.md`))) {
    return fail(`no column \`${column}\` (content/columns/${column}.md); create it with \`inkstone new column ${column}\``)
  }
  const tags = (values.tags ?? '').split(/[,，]/).map((t) => t.trim()).filter((t) => t !== '')
  const posts = join(root, 'content', 'posts')
  const single = join(posts, `${slug.slug}.md`)
  const bundle = join(posts, slug.slug, 'index.md')
  // Either form takes the slug: refuse when the other one exists too.
  for (const other of [single, join(posts, slug.slug)]) {
    if (existsSync(other)) return fail(`${shown(other)} already exists; not overwritten (pick another title or --slug)`)
  }
  return create(values.bundle ? bundle : single, postText({ title, date, tags: [...new Set(tags)], column }))
}
