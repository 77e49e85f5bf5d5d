/**
 * The cache files kept open while their entries are in use: a body's HTML
 * stays on disk until a page reads it. Whoever runs the parse owns them and
 * closes them all when it is done with the entries: a build when it ends;
 * the dev server when its session ends (its memory keeps entries from build
 * to build); a caller of loadSite() with `close()`.
 */
import { closeSync, readSync } from 'node:fs'
import { CacheDamaged } from './damaged.js'

/** One open cache file, whose tails are read on demand. Still readable after a later build renames a new file over it. */
export class CacheFile {
  private fd: number | undefined

  /**
   * @param fd The open file.
   * @param name Its name inside the cache folder.
   * @param tailsEnd Where its tails end (the index begins).
   */
  constructor(fd: number, readonly name: string, readonly tailsEnd: number) {
    this.fd = fd
  }

  /** `length` bytes at `at`; throws CacheDamaged when the file is shorter than it was when opened. */
  read(at: number, length: number): Buffer {
    if (this.fd === undefined) throw new Error(`Internal error: the cache file .inkstone-cache/${this.name} was read after it was closed`)
    const bytes = Buffer.allocUnsafe(length)
    let done = 0
    while (done < length) {
      const n = readSync(this.fd, bytes, done, length - done, at + done)
      if (n === 0) throw new CacheDamaged(this.name, 'cut short while in use')
      done += n
    }
    return bytes
  }

  /** Close it (again: nothing). */
  close(): void {
    if (this.fd === undefined) return
    const fd = this.fd
    this.fd = undefined
    closeSync(fd)
  }
}

/** The cache files one owner has open. */
export class OpenFiles {
  private readonly files: CacheFile[] = []

  /** Keep a file, to close with the others. */
  add(file: CacheFile): CacheFile {
    this.files.push(file)
    return file
  }

  /** Close every file (entries read from them can no longer read their bodies). */
  closeAll(): void {
    for (const file of this.files.splice(0)) file.close()
  }
}
