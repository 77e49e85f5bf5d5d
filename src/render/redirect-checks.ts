/**
 * What a build checks of its redirects once every output is known: that each
 * redirect of site.yaml's `redirects:` leads to something the site writes, and
 * that an author's own `public/_redirects` names no path the site redirects
 * too (their lines go first in the merged `_redirects`, see redirects.ts). Pure.
 */
import type { Problem } from '../types.js'
import type { SiteGraph } from '../site/graph.js'
import { href, outPathOf } from '../site/urls.js'
import { problem, withChecks } from '../messages.js'

/** Decode a URL path, or keep it as written when it is not valid percent-encoding. */
function decoded(path: string): string {
  try {
    return decodeURI(path)
  } catch {
    return path
  }
}

/**
 * Site redirects whose target is a path of the site that no output answers.
 *
 * @param graph Site graph (its redirects).
 * @param outputs Every output path of the build (pages, generated files, copies, other redirect pages).
 * @returns One `missing-redirect-target` problem per such redirect, at its key in site.yaml.
 */
export function unresolvedRedirects(graph: Pick<SiteGraph, 'redirects'>, outputs: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = []
  for (const r of graph.redirects) {
    if (!r.site || /^[a-z][a-z0-9+.-]*:/i.test(r.to)) continue
    const path = r.to.replace(/[?#].*$/s, '')
    if (outputs.has(outPathOf(path)) || outputs.has(outPathOf(path.replace(/\/?$/, '/')))) continue
    problems.push(problem(r.path, 'missing-redirect-target', `The redirect of \`${r.from}\` leads to \`${r.to}\`, which the site does not have`, r.site))
  }
  return problems
}

/**
 * Site redirects whose page would land on another output's path but for the
 * case of its letters (`/tags/Go/` beside `/tags/go/`): on a case-insensitive
 * file system (macOS, Windows) one file would overwrite the other.
 *
 * @param graph Site graph (its redirects).
 * @param outputs Every output path of the build.
 * @returns One `url-collision` problem per such redirect, at its key in site.yaml.
 */
export function caseClashes(graph: Pick<SiteGraph, 'redirects'>, outputs: ReadonlySet<string>): Problem[] {
  const site = graph.redirects.filter((r) => r.site)
  if (site.length === 0) return []
  const byLower = new Map<string, string[]>()
  for (const out of [...outputs].sort()) byLower.set(out.toLowerCase(), [...(byLower.get(out.toLowerCase()) ?? []), out])
  const problems: Problem[] = []
  for (const r of site) {
    const mine = outPathOf(r.from)
    const other = byLower.get(mine.toLowerCase())?.find((out) => out !== mine)
    if (other !== undefined) {
      problems.push(problem(r.path, 'url-collision', `The redirect of \`${r.from}\` differs only in case from \`/${other.replace(/index\.html$/, '')}\`, which the site writes: one would overwrite the other on a case-insensitive file system`, r.site))
    }
  }
  return problems
}

/** One rule of a `_redirects` file: its source path (decoded, under the base path) and its line. */
export interface RedirectRule {
  from: string
  line: number
}

/**
 * The rules of a `_redirects` file (Netlify / Cloudflare Pages): one
 * `from to [status]` per line; blank lines and `#` comments skipped.
 *
 * @param text File text.
 * @returns Rules, in file order.
 */
export function redirectRules(text: string): RedirectRule[] {
  const rules: RedirectRule[] = []
  text.split(/\r?\n/).forEach((line, i) => {
    const from = line.trim().split(/\s+/)[0]
    if (from === '' || from.startsWith('#')) return
    rules.push({ from: decoded(from), line: i + 1 })
  })
  return rules
}

/**
 * Paths that the author's `public/_redirects` and the site's redirects both
 * name: one `url-collision` problem each, at the author's line.
 *
 * @param graph Site graph (config and redirects).
 * @param authorText Text of `public/_redirects`.
 * @returns Problems.
 */
export function authorRedirectCollisions(graph: Pick<SiteGraph, 'config' | 'redirects'>, authorText: string): Problem[] {
  const ours = new Map(graph.redirects.map((r) => [decoded(href(graph.config, r.from)), r]))
  const problems: Problem[] = []
  for (const rule of redirectRules(authorText)) {
    const r = ours.get(rule.from) ?? ours.get(rule.from.endsWith('/') ? rule.from : rule.from + '/')
    if (!r) continue
    const what = r.site ? '`redirects` in site.yaml' : r.alias ? `an alias of \`${r.title}\`` : `the redirect post \`${r.title}\``
    problems.push(problem('public/_redirects', 'url-collision', `\`${rule.from}\` is redirected here and by ${what} (${r.path})`, { line: rule.line, column: 1 },
      { cause: { path: r.path, ...(r.site ?? {}), reason: `Also redirects ${r.from}` } }))
  }
  return problems
}

/**
 * Every problem of a build's redirects (the checks above), with site.yaml's
 * `checks:` applied where they are cross-reference rules.
 *
 * @param graph Site graph (config and redirects).
 * @param outputs Every output of the build.
 * @param authorText Text of the author's `public/_redirects`, when it is merged into the site's.
 * @returns Problems.
 */
export function redirectProblems(graph: Pick<SiteGraph, 'config' | 'redirects'>, outputs: ReadonlyArray<{ outPath: string }>, authorText: string | undefined): Problem[] {
  const outPaths = new Set(outputs.map((f) => f.outPath))
  const author = authorText === undefined ? [] : authorRedirectCollisions(graph, authorText)
  return [...withChecks([...author, ...unresolvedRedirects(graph, outPaths)], graph.config.checks), ...caseClashes(graph, outPaths)]
}
