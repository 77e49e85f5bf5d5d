/**
 * Dates from git: when each content file was last committed, read in one
 * `git log` pass over `content/` (never one process per file). I/O at the
 * edge of the pipeline; everything after it is pure. No git, or not a
 * repository, gives empty maps and no problem.
 */
import { execFile } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, join } from 'node:path'

/** What git knows about the content files. */
export interface GitDates {
  /** Root-relative path → newest author time (ms) of a commit that modified the file (not the one that added it). */
  edited: Map<string, number>
  /** Root-relative path → newest author time (ms) of a commit that added or modified the file. */
  committed: Map<string, number>
  /** Root-relative path → oldest author time (ms) of a commit that added or modified the file: its first commit. */
  first: Map<string, number>
  /** The repository is a shallow clone: older edits are missing. */
  shallow: boolean
  /** The site is inside a git work tree and `git` ran. */
  available: boolean
}

/** Empty dates: no git. */
export function noGitDates(): GitDates {
  return { edited: new Map(), committed: new Map(), first: new Map(), shallow: false, available: false }
}

function run(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    execFile(
      'git', args,
      { cwd, maxBuffer: 1 << 30, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' }, windowsHide: true },
      (error, stdout) => resolvePromise(error ? undefined : stdout)
    )
  })
}

/**
 * Read the dates of every file under `content/` with one `git log`.
 *
 * @param root Site root (may be a sub-folder of the repository).
 * @returns Dates by root-relative path, and whether the clone is shallow.
 */
export async function readGitDates(root: string): Promise<GitDates> {
  const shallow = await run(root, ['rev-parse', '--is-shallow-repository'])
  if (shallow === undefined) return noGitDates()
  const log = await run(root, [
    '-c', 'log.showSignature=false', '-c', 'core.quotePath=false',
    'log', '-z', '--no-color', '--no-renames', '--relative', '--name-status', '--diff-filter=AM', '--format=%x01%at',
    '--', 'content'
  ])
  if (log === undefined) return noGitDates()
  return { ...parseGitLog(log), shallow: shallow.trim() === 'true', available: true }
}

/**
 * Parse the output of `git log -z --name-status --format=%x01%at`.
 * Pure; exported for tests.
 *
 * @param output Raw output.
 * @returns Newest modification, newest and oldest add-or-modification per path.
 */
export function parseGitLog(output: string): Pick<GitDates, 'edited' | 'committed' | 'first'> {
  const edited = new Map<string, number>()
  const committed = new Map<string, number>()
  const first = new Map<string, number>()
  let time: number | undefined
  const tokens = output.split('\0')
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n+/, '')
    if (token.startsWith('\x01')) {
      const seconds = Number(token.slice(1))
      time = Number.isFinite(seconds) ? seconds * 1000 : undefined
      continue
    }
    if (token === '' || time === undefined) continue
    const path = tokens[++i]
    if (path === undefined) break
    const status = token[0]
    // Max, not first seen: author times need not follow log order (rebases, cherry-picks).
    if (status === 'M' || status === 'A') {
      committed.set(path, Math.max(committed.get(path) ?? -Infinity, time))
      first.set(path, Math.min(first.get(path) ?? Infinity, time))
    }
    if (status === 'M') edited.set(path, Math.max(edited.get(path) ?? -Infinity, time))
  }
  return { edited, committed, first }
}

/**
 * The repository folder of a site (`.git`, or a worktree's folder), or
 * undefined when the site is not in a git work tree.
 *
 * @param root Site root.
 * @returns Absolute path.
 */
export async function gitDirOf(root: string): Promise<string | undefined> {
  return (await run(root, ['rev-parse', '--absolute-git-dir']))?.trim() || undefined
}

/**
 * A stamp of the commit HEAD points at and of the clone's depth, read from
 * the repository's files without running git. While it stays the same, so
 * does everything `git log` lists, and the dates can be reused (dev).
 *
 * @param gitDir The repository folder (see gitDirOf).
 * @returns Stamp text.
 */
export function headStamp(gitDir: string): string {
  const read = (path: string): string => {
    try {
      return readFileSync(path, 'utf8')
    } catch {
      return '-'
    }
  }
  const stamp = (path: string): string => {
    const s = statSync(path, { throwIfNoEntry: false })
    return s ? `${s.size}:${s.mtimeMs}` : '-'
  }
  const common = read(join(gitDir, 'commondir')).trim()
  const commonDir = common === '-' ? gitDir : isAbsolute(common) ? common : join(gitDir, common)
  const head = read(join(gitDir, 'HEAD'))
  const ref = /^ref: (.+)$/m.exec(head)?.[1]?.trim()
  // A branch lives in a loose ref file or in packed-refs; both go into the stamp.
  const target = ref ? `${read(join(gitDir, ref))}|${read(join(commonDir, ref))}|${stamp(join(commonDir, 'packed-refs'))}` : ''
  return `${head}|${target}|${stamp(join(commonDir, 'shallow'))}`
}
