/**
 * One build at a time per site: a lock file holding the builder's pid. A
 * lock whose process is gone (a build that was killed) is taken over, so a
 * stale lock never blocks for ever.
 */
import { mkdirSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs'
import { dirname } from 'node:path'

/** Whether a process with this pid runs (on this machine). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Take the lock at `path`.
 *
 * @param path Lock file.
 * @returns A release function, or the pid of the live process that holds the lock.
 */
export function takeLock(path: string): { release: () => void } | { heldBy: number } {
  mkdirSync(dirname(path), { recursive: true })
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx')
      writeSync(fd, String(process.pid))
      closeSync(fd)
      return {
        release: () => {
          try {
            if (readFileSync(path, 'utf8') === String(process.pid)) rmSync(path, { force: true })
          } catch {
            // Gone already.
          }
        }
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    let pid = NaN
    try {
      pid = Number(readFileSync(path, 'utf8'))
    } catch {
      continue
    }
    // Our own pid: a lock left by an earlier build of this process that did not finish (it cannot run now).
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) return { heldBy: pid }
    // Stale (its process is gone) or unreadable: remove it and try again.
    rmSync(path, { force: true })
  }
  return { heldBy: NaN }
}
