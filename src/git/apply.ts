/**
 * Give posts without `updated` the date git knows. Pure: entries in,
 * entries out; entries may come from the cache, so changed ones are copies.
 *
 * The rule: a post with no `updated` in its front matter takes the newest
 * author time of a commit that *modified* its file (the commit that added it
 * is not an edit, so importing old posts in one commit marks none of them
 * edited), and only when that time is later than the post's `date` (edits
 * before publication are not edits readers saw). Front matter always wins.
 */
import type { Checks, Entry, PostEntry, Problem } from '../types.js'
import { dateFromMillis } from '../content/dates.js'
import { problem, withChecks } from '../messages.js'
import type { GitDates } from './dates.js'

/**
 * Apply git dates to posts.
 *
 * A post with no date anywhere (front matter, file name) takes the date of
 * its first commit, with a `missing-date` warning that says so (severity
 * per `checks:`).
 *
 * @param entries Parsed entries (not mutated).
 * @param dates Dates from `readGitDates`.
 * @param zone Site time zone.
 * @param checks `checks:` of site.yaml.
 * @returns Entries, with copies for posts that got an `updated` or a date.
 */
export function withGitDates(entries: Entry[], dates: Pick<GitDates, 'edited'> & Partial<Pick<GitDates, 'first'>>, zone: string, checks: Checks = {}): Entry[] {
  const first = dates.first
  if (first && first.size > 0) entries = entries.map((entry) => (entry.kind === 'post' && entry.matter?.undated ? firstDated(entry, first, zone, checks) : entry))
  if (dates.edited.size === 0) return entries
  return entries.map((entry) => {
    if (entry.kind !== 'post' || !entry.matter || entry.matter.updated) return entry
    const ms = dates.edited.get(entry.path)
    if (ms === undefined || !(ms > entry.matter.date?.ms)) return entry
    // The same dated entry for the same inputs: the dev server's graph memory compares entries by identity.
    const last = dated.get(entry)
    if (last && last.ms === ms && last.zone === zone) return last.entry
    const result = { ...entry, matter: { ...entry.matter, updated: dateFromMillis(ms, zone) } }
    dated.set(entry, { ms, zone, entry: result })
    return result
  })
}

const dated = new WeakMap<Entry, { ms: number; zone: string; entry: Entry }>()

/** An undated post with the date of its first commit, when git has one (the same copy for the same inputs). */
function firstDated(entry: PostEntry, first: Map<string, number>, zone: string, checks: Checks): Entry {
  const ms = first.get(entry.path)
  if (ms === undefined) return entry
  const key = `${ms}|${zone}|${JSON.stringify(checks)}`
  const last = undated.get(entry)
  if (last && last.key === key) return last.entry
  const date = dateFromMillis(ms, zone)
  const place = entry.keys.date ?? { line: 1, column: 1 }
  const warning = problem(entry.path, 'missing-date',
    `No date in the front matter or the file name; using the date of the file's first commit in git, ${date.iso}`, place, { fatal: false })
  const problems = [...entry.problems.filter((p) => p.ruleId !== 'missing-date'), ...withChecks([warning], checks)]
  const { undated: _, ...matter } = entry.matter
  const result: PostEntry = { ...entry, problems, matter: { ...matter, date } }
  undated.set(entry, { key, entry: result })
  return result
}

const undated = new WeakMap<Entry, { key: string; entry: Entry }>()

/**
 * The warning for a shallow clone, or nothing.
 *
 * @param dates Dates from `readGitDates`.
 * @returns Problems.
 */
export function gitProblems(dates: Pick<GitDates, 'shallow'>): Problem[] {
  if (!dates.shallow) return []
  return [
    problem('content', 'git-shallow',
      'The repository is a shallow clone, so edits older than its history are missing and posts may show no or wrong edited dates; fetch the full history (in GitHub Actions, `actions/checkout` with `fetch-depth: 0`) or set `updated_from_git: false`')
  ]
}
