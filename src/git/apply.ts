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
import type { Entry, Problem } from '../types.js'
import { dateFromMillis } from '../content/dates.js'
import { problem } from '../messages.js'
import type { GitDates } from './dates.js'

/**
 * Apply git dates to posts.
 *
 * @param entries Parsed entries (not mutated).
 * @param dates Dates from `readGitDates`.
 * @param zone Site time zone.
 * @returns Entries, with copies for posts that got an `updated`.
 */
export function withGitDates(entries: Entry[], dates: Pick<GitDates, 'edited'>, zone: string): Entry[] {
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
