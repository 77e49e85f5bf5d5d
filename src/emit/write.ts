/**
 * Emit the output: compare with what is on disk, write only changed files
 * (temp file + rename, so no reader sees half a file), remove files that no
 * longer belong to the site, and never write outside the output folder.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs'
import { rm, rmdir } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import type { OutputFile } from '../types.js'
import { isContained } from '../site/urls.js'
import type { Manifest, ManifestEntry } from './manifest.js'
import type { DiskState } from './scan.js'
import { hashBytes } from '../util/hash.js'

/** What emit did. */
export interface EmitResult {
  written: number
  unchanged: number
  removed: number
  manifest: Manifest
}

/**
 * The commit journal, in the output folder while commit() puts files in
 * place: the renames and removals to make. A build killed half-way through
 * them leaves it, and the next build (or recoverCommit) finishes them, so the
 * output ends as the killed build's whole output, never a mix.
 */
export const JOURNAL = '.inkstone-commit.json'

/** What the journal lists: [temp file, output path] pairs, and output paths to remove. */
interface Journal {
  renames: Array<[string, string]>
  remove: string[]
}

/**
 * Finish a commit a killed build left (see JOURNAL); remove a journal cut
 * short (the commit had not begun: the output is as before).
 *
 * @param outDir Output folder (absolute).
 * @returns Whether a commit was finished.
 */
export function recoverCommit(outDir: string): boolean {
  const root = resolve(outDir)
  const path = join(root, JOURNAL)
  rmSync(path + '.tmp', { force: true })
  if (!existsSync(path)) return false
  let journal: Journal
  try {
    journal = JSON.parse(readFileSync(path, 'utf8')) as Journal
  } catch {
    rmSync(path, { force: true })
    return false
  }
  const inside = (rel: string): string | undefined => {
    const abs = resolve(root, rel)
    return abs.startsWith(root + sep) ? abs : undefined
  }
  for (const [tmp, outPath] of journal.renames) {
    const from = inside(tmp)
    const to = inside(outPath)
    if (from && to && existsSync(from)) renameSync(from, to)
  }
  for (const outPath of journal.remove) {
    const abs = inside(outPath)
    if (abs) rmSync(abs, { force: true })
  }
  rmSync(path, { force: true })
  return true
}

/** A file staged by StagedEmit: its temp file waits beside the target for commit. */
interface Staged {
  outPath: string
  tmp: string
  target: string
  hash: string
  size: number
  view: string | undefined
}

/** A manifest entry (with no `view` key when there is no view hash: a file, not a rendered page). */
function entryOf(hash: string, size: number, mtimeMs: number, view: string | undefined): ManifestEntry {
  return view === undefined ? { hash, size, mtimeMs } : { hash, size, mtimeMs, view }
}

/**
 * Emit one file at a time as the build makes it, so the whole site's bytes
 * are never in memory at once, while keeping emit's promise that a failed
 * build leaves the output folder as it was: stage() writes each changed
 * file's bytes to a temp file beside its target (`<target>.<pid>.tmp`) and
 * lets the bytes go; commit() renames every temp file into place and removes
 * stale files; abort() removes the temp files and the folders staging made.
 *
 * Unchanged files (the same bytes as on disk) are not written again, so
 * their mtimes stay. Synchronous I/O on purpose: it runs between pages of a
 * synchronous render loop, and a small write is cheaper than a thread-pool
 * round trip.
 */
export class StagedEmit {
  private readonly root: string
  private readonly manifest: Manifest = { version: 1, files: {} }
  private readonly wanted = new Set<string>()
  private readonly staged: Staged[] = []
  /** Output-relative folders known to exist (made by us or found). */
  private readonly dirs = new Set<string>()
  /** Folders staging created, to remove on abort (absolute). */
  private readonly made: string[] = []
  private unchanged = 0
  private closed = false

  /**
   * @param outDir Output folder (absolute).
   * @param previous The manifest of the last build into this folder.
   * @param onDisk The folder's files now (from scanOutput).
   */
  constructor(outDir: string, private readonly previous: Manifest, private readonly onDisk: DiskState) {
    this.root = resolve(outDir)
  }

  /** Output paths staged so far. */
  get size(): number {
    return this.wanted.size
  }

  /**
   * Stage one output file. Unchanged files (kept routes, or the same bytes
   * on disk) cost no write.
   *
   * @param file The file (its bytes may be dropped by the caller afterwards).
   * @param view Its view hash, kept in the manifest (a rendered route or feed).
   */
  stage(file: OutputFile, view?: string): void {
    if (this.closed) throw new Error('Internal error: staging into a finished emit')
    if (this.wanted.has(file.outPath)) {
      // A later file for the same path wins (as in emit); its temp file replaces the earlier one.
      const at = this.staged.findIndex((s) => s.outPath === file.outPath)
      if (at >= 0) this.staged.splice(at, 1)
      delete this.manifest.files[file.outPath]
    }
    this.wanted.add(file.outPath)
    const disk = this.onDisk.get(file.outPath)
    const last = this.previous.files[file.outPath]
    const size = file.kind === 'bytes' ? file.data.byteLength : file.size
    if (file.kind === 'keep') {
      if (!disk) throw new Error(`Internal error: kept file vanished: ${file.outPath}`)
      this.manifest.files[file.outPath] = entryOf(file.hash, size, disk.mtimeMs, view)
      return
    }
    // Checked here, where a file may be read or written, not for the thousands a build keeps as they are
    // (a kept file is one found in the output folder).
    const target = resolve(this.root, file.outPath)
    if (!isContained(file.outPath) || !target.startsWith(this.root + sep)) {
      throw new Error(`Internal error: output path escapes the output folder: ${file.outPath}`)
    }
    if (disk && disk.size === size) {
      // Trust the manifest when the file is as we left it; else compare bytes.
      const same = last && last.size === disk.size && last.mtimeMs === disk.mtimeMs
        ? last.hash === file.hash
        : hashBytes(readFileSync(target)) === file.hash
      if (same) {
        this.manifest.files[file.outPath] = entryOf(file.hash, size, disk.mtimeMs, view)
        return
      }
    }
    this.ensureDir(dirname(file.outPath))
    const tmp = `${target}.${process.pid}.tmp`
    try {
      if (file.kind === 'bytes') writeFileSync(tmp, file.data)
      else copyFileSync(file.from, tmp)
    } catch (error) {
      // A temp file cut short (a full disk) is not staged: remove it here, abort() does not know it.
      rmSync(tmp, { force: true })
      throw error
    }
    this.staged.push({ outPath: file.outPath, tmp, target, hash: file.hash, size, view })
  }

  /**
   * Put every staged file in place and remove files that no longer belong
   * to the site.
   *
   * @returns Counts and the new manifest (view hashes from stage()).
   */
  async commit(): Promise<EmitResult> {
    if (this.closed) throw new Error('Internal error: committing a finished emit')
    this.closed = true
    const written = this.staged.length
    const stale = [...this.onDisk.keys()].filter((p) => !this.wanted.has(p)).sort()
    // The journal first (written whole, then renamed): a kill from here on is finished by recoverCommit.
    const journal = join(this.root, JOURNAL)
    const steps: Journal = { renames: this.staged.map((f) => [f.tmp.slice(this.root.length + 1), f.outPath]), remove: stale }
    if (written > 0 || stale.length > 0) {
      mkdirSync(this.root, { recursive: true })
      writeFileSync(journal + '.tmp', JSON.stringify(steps))
      renameSync(journal + '.tmp', journal)
    }
    for (const file of this.staged) {
      renameSync(file.tmp, file.target)
      const s = statSync(file.target)
      this.manifest.files[file.outPath] = entryOf(file.hash, file.size, s.mtimeMs, file.view)
    }
    this.staged.length = 0
    this.unchanged = this.wanted.size - written
    let removed = 0
    const emptied = new Set<string>()
    for (const path of stale) {
      await rm(join(this.root, path), { force: true })
      removed++
      for (let d = dirname(path); d !== '.' && d !== ''; d = dirname(d)) emptied.add(d)
    }
    rmSync(journal, { force: true })
    // Remove folders left empty, deepest first.
    for (const d of [...emptied].sort((a, b) => b.length - a.length)) await rmdir(join(this.root, d)).catch(() => undefined)
    // Sort keys so the manifest is stable. (The default sort orders strings as `<` does, without a call per
    // comparison: 3 instead of 12 ms for 6,000 files in a fresh process.)
    const files: Manifest['files'] = {}
    for (const path of Object.keys(this.manifest.files).sort()) files[path] = this.manifest.files[path]
    return { written, unchanged: this.unchanged, removed, manifest: { version: 1, files } }
  }

  /** Remove every temp file and the folders staging made: the output folder is as it was. */
  abort(): void {
    if (this.closed) return
    this.closed = true
    for (const file of this.staged) rmSync(file.tmp, { force: true })
    this.staged.length = 0
    // Deepest first.
    for (const dir of [...this.made].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
      try {
        rmdirSync(dir)
      } catch {
        // Not empty (someone else's file) or gone: leave it.
      }
    }
  }

  private ensureDir(rel: string): void {
    if (rel === '') rel = '.'
    if (this.dirs.has(rel)) return
    const abs = rel === '.' ? this.root : join(this.root, rel)
    // mkdir -p reports the first folder it had to make; every folder below it is new too.
    const first = mkdirSync(abs, { recursive: true })
    if (first !== undefined) for (let d = abs; d.length >= first.length; d = dirname(d)) this.made.push(d)
    for (let d = rel; d !== '.'; d = dirname(d)) this.dirs.add(d)
    this.dirs.add('.')
  }
}
