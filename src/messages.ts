/**
 * The one catalog of rule ids, with a hint for each, and the helpers that
 * put messages on files. Messages say what happened; hints say what to do.
 */
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import type { Point, Position } from 'unist'
import type { Problem } from './types.js'

/** Namespace of every message Inkstone emits. */
export const SOURCE = 'inkstone'

/** Every rule: its default severity and a hint shown under the message. */
export const rules = {
  // config
  'config-missing': { fatal: true, hint: 'Create content/site.yaml with at least `title` and `url`.' },
  'config-invalid': { fatal: true, hint: 'Fix the value in content/site.yaml; the README lists every key.' },
  'theme-invalid': { fatal: true, hint: 'Fix the option under `theme:` in content/site.yaml; the README\'s Customising section lists every option and the values it takes.' },
  'config-unknown-key': { fatal: false, hint: 'Unknown keys are kept for templates; check the spelling if you meant a known key.' },
  // reading files
  'unreadable-file': { fatal: true, hint: 'Check the file permissions.' },
  'not-utf8': { fatal: true, hint: 'Save the file as UTF-8.' },
  // front matter
  'yaml-syntax': { fatal: true, hint: 'Front matter is YAML between two `---` lines; check quotes, colons and indentation.' },
  'front-matter-type': { fatal: true, hint: 'Front matter must be a mapping of keys to values.' },
  'front-matter-language': { fatal: true, hint: 'Front matter is YAML only (`---` or `---yaml`); it is data and never runs as code.' },
  'yaml-aliases': { fatal: true, hint: 'Use fewer aliases (`*name`); aliases of aliases multiply the data.' },
  // limits (see the README's Safety section)
  'nesting-too-deep': { fatal: true, hint: 'Flatten the nesting (quotes, lists, YAML collections); the limit protects the build from stack overflows and slow parses.' },
  'too-many-cells': { fatal: true, hint: 'Split the table, or give its rows as many cells as its header.' },
  'parse-timeout': { fatal: true, hint: 'The file takes too long to parse (see the README\'s Safety section); simplify it, or raise `limits: {parse_seconds: ...}`.' },
  'file-too-large': { fatal: true, hint: 'Split the file, or raise `limits: {file_size: ...}` in content/site.yaml.' },
  'parse-failed': { fatal: true, hint: 'Inkstone could not process this file; if the file looks fine, please report it as a bug (with the file).' },
  'invalid-slug': { fatal: true, hint: 'A slug is one URL segment: not empty, no `/`, `\\`, `..`, and none of `#`, `?`, `%` or control characters (reserved in URLs); spaces and punctuation become `-`.' },
  'missing-title': { fatal: true, hint: 'Add a `title:` line to the front matter, or start the post with a `# Title` heading.' },
  'missing-date': {
    fatal: true,
    hint: 'Give the date in one of three ways: a `date:` line (`date: 2024-05-01 20:18`), a file name that starts with it (`2024-05-01-slug.md`), or commit the file to git (the date of its first commit is used).'
  },
  'invalid-date': { fatal: true, hint: 'Use a date like 2024-05-01, 2024-05-01 20:18, 2016/6/28 21:40:15 or an ISO 8601 time with an offset.' },
  'invalid-field': { fatal: true, hint: 'See the README for the type each front-matter key takes.' },
  'key-case': { fatal: false, hint: 'Write front-matter keys in lower case (`title:`, `date:`); the capitalised key was read as the lower-case one.' },
  'empty-tag': { fatal: false, hint: 'Remove the empty item from `tags`.' },
  // site graph
  'unknown-column': { fatal: true, hint: 'Create content/columns/<id>.md or fix the id.' },
  'column-cycle': { fatal: true, hint: 'A column cannot be its own ancestor; fix one of the `parent` keys.' },
  'url-collision': { fatal: true, hint: 'Give one of them another `slug` (or rename the file in `public/`).' },
  'missing-redirect-target': { fatal: true, hint: 'Point the redirect at a page the site has (`/tags/<tag>/`, `/columns/<id>/`, a post\'s URL) or at a full URL.' },
  // markdown
  'missing-link-target': { fatal: true, hint: 'Fix the path; links to other posts are relative to this file.' },
  'missing-fragment': { fatal: true, hint: 'Link to a heading that exists in the target; ids are shown in the table of contents.' },
  'missing-image': { fatal: true, hint: 'Put the file beside the post (or in its bundle folder), or fix the path.' },
  'invalid-tex': { fatal: true, hint: 'Fix the TeX; KaTeX supports most of LaTeX math.' },
  'unsafe-file-name': { fatal: false, hint: 'A `\\` (or a NUL) in a file name cannot be part of a URL on every server; rename the file.' },
  'unknown-language': { fatal: false, hint: 'The block is shown as plain text; use a language Shiki knows or `text`.' },
  // templates and build
  'template-error': { fatal: true, hint: 'Fix the template; the stack shows where it failed.' },
  'plugin-config-error': { fatal: true, hint: 'Fix inkstone.config.*: it exports `remarkPlugins` and `rehypePlugins`, lists of plugins or [plugin, options] pairs (see the README\'s Customising section).' },
  'plugin-failed': { fatal: true, hint: 'One of the Markdown plugins in inkstone.config.* threw on this file; fix the file, or the plugin\'s options, or take the plugin out.' },
  'cache-corrupt': { fatal: false, hint: 'The cache was ignored and will be rebuilt.' },
  'build-locked': { fatal: true, hint: 'Wait for the other build to finish; a lock left by a process that is gone is taken over.' },
  'write-failed': { fatal: true, hint: 'Free disk space or fix the permissions; the previous output was left as it was.' },
  'git-shallow': { fatal: false, hint: 'Fetch full history (actions/checkout with `fetch-depth: 0`) for correct edited dates.' }
} as const satisfies Record<string, { fatal: boolean; hint: string }>

/** A known rule id. */
export type RuleId = keyof typeof rules

/** The rules whose severity `checks:` in site.yaml may set to error, warning or off. */
export const checkable: readonly string[] = [
  'missing-link-target', 'missing-fragment', 'missing-image', 'unknown-language', 'invalid-tex', 'missing-date',
  'key-case', 'empty-tag', 'missing-redirect-target'
]

/**
 * Apply `checks:` to problems: a rule set to `off` drops its problems,
 * `error` and `warning` set their severity. Problems of other rules pass as they are.
 *
 * @param problems Problems as reported.
 * @param checks Severity per rule id.
 * @returns The problems the author asked for (the same array when nothing changes).
 */
export function withChecks<T extends { ruleId: string; fatal: boolean }>(problems: T[], checks: Readonly<Record<string, string>>): T[] {
  if (problems.length === 0 || !problems.some((p) => checks[p.ruleId] !== undefined)) return problems
  const result: T[] = []
  for (const p of problems) {
    const severity = checks[p.ruleId]
    if (severity === 'off') continue
    result.push(severity === undefined ? p : { ...p, fatal: severity === 'error' })
  }
  return result
}

/** Extra fields for a message. */
export interface MessageOptions {
  /** Override the rule's default severity. */
  fatal?: boolean
  cause?: { path: string; line?: number; column?: number; reason: string }
  actual?: string
  expected?: string[]
}

/**
 * Put a message for `rule` on `file`, at `place`.
 *
 * @param file File the problem is in.
 * @param rule Rule id from the catalog.
 * @param reason What happened, without position or "Error:".
 * @param place Where (optional).
 * @param options Severity override, cause, actual/expected.
 * @returns The message.
 */
export function report(
  file: VFile,
  rule: RuleId,
  reason: string,
  place?: Point | Position | null,
  options: MessageOptions = {}
): VFileMessage {
  const message = file.message(reason, { place: place ?? undefined, ruleId: rule, source: SOURCE })
  message.fatal = options.fatal ?? rules[rule].fatal
  message.note = rules[rule].hint
  if (options.actual !== undefined) message.actual = options.actual
  if (options.expected) message.expected = options.expected
  if (options.cause) (message as VFileMessage & { inkCause?: MessageOptions['cause'] }).inkCause = options.cause
  return message
}

/**
 * Turn the messages of a vfile into plain problems (for caches and workers).
 *
 * @param file File with messages; `file.path` is relative to the site root.
 * @returns Problems, in message order.
 */
export function problemsOf(file: VFile): Problem[] {
  return file.messages.map((m) => toProblem(file.path, m))
}

/**
 * Turn one vfile message into a problem.
 *
 * @param path Path relative to the site root.
 * @param m Message.
 * @returns Problem.
 */
export function toProblem(path: string, m: VFileMessage): Problem {
  const problem: Problem = {
    path,
    reason: m.reason,
    ruleId: m.ruleId ?? 'unknown',
    fatal: m.fatal === true
  }
  if (m.place) {
    const start = 'start' in m.place ? m.place.start : m.place
    problem.line = start.line
    problem.column = start.column
    if ('end' in m.place) {
      problem.endLine = m.place.end.line
      problem.endColumn = m.place.end.column
    }
  }
  const cause = (m as VFileMessage & { inkCause?: Problem['cause'] }).inkCause
  if (cause) problem.cause = cause
  if (m.actual !== undefined) problem.actual = m.actual
  if (m.expected) problem.expected = m.expected
  return problem
}

/**
 * Make a problem that is not tied to a vfile (site-level checks).
 *
 * @param path File the problem is in.
 * @param rule Rule id.
 * @param reason What happened.
 * @param place Where (optional).
 * @param options Severity override and cause.
 * @returns Problem.
 */
export function problem(
  path: string,
  rule: RuleId,
  reason: string,
  place?: { line: number; column: number } | undefined,
  options: MessageOptions = {}
): Problem {
  const p: Problem = { path, reason, ruleId: rule, fatal: options.fatal ?? rules[rule].fatal }
  if (place) {
    p.line = place.line
    p.column = place.column
  }
  if (options.cause) p.cause = options.cause
  if (options.actual !== undefined) p.actual = options.actual
  if (options.expected) p.expected = options.expected
  return p
}

/**
 * The hint for a rule, or nothing for unknown rule ids.
 *
 * @param ruleId Rule id.
 * @returns Hint text.
 */
export function hintFor(ruleId: string): string | undefined {
  return (rules as Record<string, { hint: string }>)[ruleId]?.hint
}
