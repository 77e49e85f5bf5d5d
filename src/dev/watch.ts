/**
 * Watch a site's sources with chokidar: `content/` (the config is
 * `content/site.yaml`), `templates/`, `public/` and the author's Markdown
 * plugins' `inkstone.config.*` at the root. The output and cache
 * folders, `.git` and `node_modules` are never watched. Paths are reported
 * root-relative with posix separators.
 */
import { readdirSync, statSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'
import { PLUGIN_CONFIG_FILES } from '../config/markdown-plugins.js'

/** A running watcher. */
export interface SiteWatcher {
  close(): Promise<void>
}

/** When a changed file or a new folder is looked at again: just after chokidar's 50 ms `change` throttle. */
const RECHECK_MS = 60
/** How many more times a new folder is looked at while something in it was found missed. */
const FOLDER_SWEEPS = 3

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
  if (!WATCHED.includes(parts[0]) && !(parts.length === 1 && (PLUGIN_CONFIG_FILES as readonly string[]).includes(parts[0]))) return true
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
  // chokidar lists a new folder, then starts watching it: a file made in between (a checkout, a script
  // making a bundle) is neither reported nor watched. Once it watches the folder, compare the folder with
  // what it watches, watch what it missed, and report that.
  const sweep = (dir: string, left: number): void => {
    const timer = setTimeout(() => {
      pending.delete(timer)
      const watched = watcher.getWatched()
      let missed = false
      const walk = (folder: string): void => {
        let entries
        try {
          entries = readdirSync(folder, { withFileTypes: true })
        } catch {
          return // gone again: its unlinkDir says so
        }
        const known = new Set(watched[folder] ?? [])
        for (const entry of entries) {
          const full = join(folder, entry.name)
          if (isIgnoredPath(abs, full, extra)) continue
          const folderEntry = entry.isDirectory()
          if (known.has(entry.name)) {
            if (folderEntry) walk(full)
            continue
          }
          // A folder chokidar missed is scanned by add(); the next sweep looks into it.
          missed = true
          const seen = folderEntry ? '' : signature(full)
          watcher.add(full)
          onChange(relative(abs, full).split(sep).join('/'), folderEntry ? 'addDir' : 'add')
          if (!folderEntry) recheck(full, seen)
        }
      }
      walk(dir)
      if (missed && left > 0) sweep(dir, left - 1)
    }, RECHECK_MS)
    pending.add(timer)
  }
  watcher.on('all', (event, path) => {
    const full = resolve(path)
    onChange(relative(abs, full).split(sep).join('/'), event)
    if (event === 'change' || event === 'add') recheck(full, signature(full))
    if (event === 'addDir') sweep(full, FOLDER_SWEEPS)
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
