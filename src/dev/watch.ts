/**
 * Watch a site's sources with chokidar: `content/` (the config is
 * `content/site.yaml`), `templates/` and `public/`. The output and cache
 * folders, `.git` and `node_modules` are never watched. Paths are reported
 * root-relative with posix separators.
 */
import { relative, resolve, sep } from 'node:path'
import { watch, type FSWatcher } from 'chokidar'

/** A running watcher. */
export interface SiteWatcher {
  close(): Promise<void>
}

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
  watcher.on('all', (event, path) => {
    onChange(relative(abs, resolve(path)).split(sep).join('/'), event)
  })
  watcher.on('error', (error) => options.onError?.(error))
  await new Promise<void>((done) => watcher.once('ready', () => done()))
  return { close: () => watcher.close() }
}
