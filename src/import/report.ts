/**
 * IMPORT.md: what an import did and what it left for a human, written from
 * the plan's facts and the result of building the new site. Deterministic:
 * no times, no absolute paths.
 */
import type { Problem } from '../types.js'
import { sortProblems } from '../report/format.js'
import { kindName, type ImportReport } from './types.js'

/** The build of the new site, as the report tells it. */
export interface BuildSummary {
  ok: boolean
  problems: Problem[]
  /** Old post URLs that answer in the built site (the page, or a redirect page to it), and those that do not. */
  urlsAnswering: number
  urlsMissing: string[]
  /** Old URLs that answer only on a host that ignores case. */
  urlsCaseOnly?: string[]
  /** The same for the old feed paths, and the old tag and category pages. */
  feeds?: Answering
  lists?: Answering
}

/** How many old URLs of a kind answer in the built site. */
export interface Answering {
  urlsAnswering: number
  urlsMissing: string[]
  urlsCaseOnly?: string[]
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/**
 * The text of IMPORT.md.
 *
 * @param report The plan's facts.
 * @param source The source folder's name.
 * @param build The build's result.
 * @returns Markdown.
 */
export function importReport(report: ImportReport, source: string, build: BuildSummary): string {
  const out: string[] = []
  const c = report.counts
  out.push(`# Import report`, '', `Imported from the ${kindName(report.kind)} site in \`${source}\` by \`inkstone import\`.`, '')
  out.push('## Counts', '', '| posts | drafts | pages | columns | static files |', '| --- | --- | --- | --- | --- |', `| ${c.posts} | ${c.drafts} | ${c.pages} | ${c.columns} | ${c.files} |`, '')
  out.push('## URLs', '')
  out.push(`The new site's permalink is \`${report.permalink}\`: ${report.kept} posts keep their old URL; ${report.aliased} posts moved and their old URLs are aliases (redirect pages and \`_redirects\`).`, '')
  if (report.listRedirects.length > 0) {
    out.push(`Old list pages redirect to the new tag and column pages and the home page (${report.listRedirects.length}, \`redirects:\` in site.yaml):`, '')
    for (const [from, to] of report.listRedirects) out.push(`- \`${from}\` → \`${to}\``)
    out.push('')
  }
  if (report.feedPaths.length > 0) {
    out.push(`Old feeds kept at their paths (\`feed.paths\` and \`feed.names\` in site.yaml): ${report.feedPaths.map(([path, format]) => `\`${path}\` (${format})`).join(', ')}.`, '')
  }
  out.push(`## Conversions`, '')
  if (report.conversions.size === 0) out.push('None.', '')
  else {
    out.push('| construct | converted |', '| --- | --- |')
    for (const [name, n] of report.conversions) out.push(`| \`${cell(name)}\` | ${n} |`)
    out.push('')
  }
  out.push(`## Left for a human (${report.leftovers.length})`, '')
  if (report.leftovers.length === 0) out.push('Nothing.', '')
  else {
    out.push('Each is still in the post as it was written (shown as text), at this place of the old file:', '')
    for (const l of report.leftovers) out.push(`- \`${l.file}:${l.line}\`: ${l.construct}`)
    out.push('')
  }
  out.push(`## Settings not carried over (${report.settingsDropped.length})`, '')
  if (report.settingsDropped.length === 0) out.push('None.', '')
  else out.push(...report.settingsDropped.map((s) => `- ${s}`), '')
  if (report.engineGaps.length > 0) {
    out.push('## What the engine cannot do yet', '', ...report.engineGaps.map((s) => `- ${s}`), '')
  }
  if (report.notes.length > 0) out.push('## Notes', '', ...report.notes.map((s) => `- ${s}`), '')
  out.push('## Build', '')
  const errors = build.problems.filter((p) => p.fatal).length
  const warnings = build.problems.length - errors
  out.push(build.ok ? `The new site builds: ${warnings} warnings.` : `The new site does not build yet: ${errors} errors, ${warnings} warnings.`, '')
  const tell = (what: string, a: Answering | undefined): void => {
    const caseOnly = a?.urlsCaseOnly ?? []
    const total = a ? a.urlsAnswering + a.urlsMissing.length + caseOnly.length : 0
    if (!a || total === 0) return
    out.push(`${what} answering in the built site (the page or a redirect to it): ${a.urlsAnswering} of ${total}` +
      (caseOnly.length > 0 ? `; ${caseOnly.length} more only where the host ignores case` : '') + '.', '')
    if (a.urlsMissing.length > 0 || caseOnly.length > 0) {
      out.push(...a.urlsMissing.map((u) => `- not answering: \`${u}\``), ...caseOnly.map((u) => `- only on a host that ignores case: \`${u}\``), '')
    }
  }
  tell('Old post URLs', build)
  tell('Old feed paths', build.feeds)
  tell('Old list pages (tags, categories, Hugo sections and their pages)', build.lists)
  if (build.problems.length > 0) {
    out.push('```text')
    for (const p of sortProblems(build.problems)) {
      out.push(`${p.path}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: ${p.fatal ? 'error' : 'warning'}: ${p.reason.replace(/\n/g, ' ')} [${p.ruleId}]`)
    }
    out.push('```', '')
  }
  return out.join('\n')
}
