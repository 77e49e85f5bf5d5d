/**
 * Watch a site's sources with chokidar: `content/` (the config is
 * `content/site.yaml`), `templates/` and `public/`. The output and cache
 * folders, `.git` and `node_modules` are never watched. Paths are reported
 * root-relative with posix separators.
 */
import { statSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'

/** A running watcher. */
export interface SiteWatcher {
  close(): Promise<void>
}

/** When a changed file is looked at again: just after chokidar's 50 ms `change` throttle. */
const RECHECK_MS = 60

/** Folders under the root that are watched. */
export const WATCHED = ['content', 'templates', 'public']

/**
 * Whether a path (absolute) must not be watched.
 *
 * @param root Site root (absolute).
 * @param path Path (absolute).
 * @param extra More folders to ignore (absolute), e.g. the output folder.
 * @returns True when ignored.
 */
export function isIgnoredPath(root: string, path: string, extra: string[] = []): boolean {
  const rel = relative(root, path)
  if (rel === '') return false
  if (rel.startsWith('..')) return true
  const parts = rel.split(sep)
  if (!WATCHED.includes(parts[0])) return true
  if (parts.some((p) => p === '.git' || p === 'node_modules' || p === '.inkstone-cache' || p === 'dist')) return true
  // Editor droppings: swap files, backups, temp files of atomic saves.
  const base = parts[parts.length - 1] ?? ''
  if (/(^\.#|~$|\.sw[a-p]$|\.tmp$|^4913$|\.crswap$)/.test(base)) return true
  return extra.some((dir) => path === dir || path.startsWith(dir + sep))
}

/**
 * Start watching a site.
 *
 * @param root Site root.
 * @param onChange Called with each changed path (root-relative, posix).
 * @param options Extra ignored folders; error handler.
 * @returns The watcher once its initial scan is done.
 */
export async function watchSite(
  root: string,
  onChange: (path: string, event: string) => void,
  options: { ignore?: string[]; onError?: (error: unknown) => void } = {}
): Promise<SiteWatcher> {
  const abs = resolve(root)
  const extra = (options.ignore ?? []).map((p) => resolve(p))
  // Watch the root (so a `templates/` or `public/` folder created later is seen), ignoring all but WATCHED.
  const watcher: FSWatcher = watch(abs, {
    ignoreInitial: true,
    // Debouncing is the build queue's job (it coalesces bursts), not a polling delay here.
    awaitWriteFinish: false,
    atomic: true,
    ignored: (path: string) => isIgnoredPath(abs, resolve(path), extra)
  })
  // chokidar drops a second `change` of a path within 50 ms of the first
  // (its throttle), so a quick second save would leave a stale page. Look at
  // every changed file again once that window has passed, and report it
  // again if it changed since.
  const pending = new Set<NodeJS.Timeout>()
  const signature = (path: string): string => {
    const s = statSync(path, { throwIfNoEntry: false })
    return s ? `${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : '-'
  }
  const recheck = (path: string, seen: string): void => {
    const timer = setTimeout(() => {
      pending.delete(timer)
      const now = signature(path)
      if (now === seen) return
      onChange(relative(abs, path).split(sep).join('/'), 'change')
      recheck(path, now)
    }, RECHECK_MS)
    pending.add(timer)
  }
  watcher.on('all', (event, path) => {
    const full = resolve(path)
    onChange(relative(abs, full).split(sep).join('/'), event)
    if (event === 'change' || event === 'add') recheck(full, signature(full))
  })
  watcher.on('error', (error) => options.onError?.(error))
  await new Promise<void>((done) => watcher.once('ready', () => done()))
  return {
    close: () => {
      for (const timer of pending) clearTimeout(timer)
      pending.clear()
      return watcher.close()
    }
  }
}
