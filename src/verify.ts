/**
 * Compare two outputs of the same site (incremental vs clean) file by file.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { OutputFile } from './types.js'

async function bytesOf(file: OutputFile, outDir: string): Promise<Uint8Array> {
  if (file.kind === 'bytes') return file.data
  if (file.kind === 'copy') return readFile(file.from)
  return readFile(join(outDir, file.outPath))
}

/**
 * List the output paths whose bytes differ, or that only one side has.
 *
 * @param a One output (may hold kept files, read from outDir).
 * @param b The other output.
 * @param outDir Output folder holding kept files.
 * @returns Differences, sorted.
 */
export async function compareOutputs(a: OutputFile[], b: OutputFile[], outDir: string): Promise<string[]> {
  const left = new Map(a.map((f) => [f.outPath, f]))
  const right = new Map(b.map((f) => [f.outPath, f]))
  const diff: string[] = []
  for (const path of new Set([...left.keys(), ...right.keys()])) {
    const x = left.get(path)
    const y = right.get(path)
    if (!x || !y) {
      diff.push(`${path}: only in the ${x ? 'incremental' : 'clean'} build`)
      continue
    }
    if (x.hash === y.hash) continue
    const [bx, by] = await Promise.all([bytesOf(x, outDir), bytesOf(y, outDir)])
    if (Buffer.compare(Buffer.from(bx), Buffer.from(by)) !== 0) diff.push(`${path}: bytes differ`)
  }
  return diff.sort()
}

/**
 * Compare what is on disk in `outDir` with a clean build's output: files
 * missing or different on disk, and stale files no clean build would write.
 *
 * @param outDir Output folder the incremental build wrote.
 * @param clean Output of a clean build (not written).
 * @returns Differences, sorted.
 */
export async function compareWithDisk(outDir: string, clean: OutputFile[]): Promise<string[]> {
  const { scanOutput } = await import('./emit/scan.js')
  const onDisk = await scanOutput(outDir)
  const diff: string[] = []
  for (const file of clean) {
    if (!onDisk.has(file.outPath)) {
      diff.push(`${file.outPath}: missing from ${outDir}`)
      continue
    }
    if (file.kind === 'keep') continue
    const [want, got] = await Promise.all([bytesOf(file, outDir), readFile(join(outDir, file.outPath))])
    if (Buffer.compare(Buffer.from(want), got) !== 0) diff.push(`${file.outPath}: bytes on disk differ from a clean build`)
  }
  const wanted = new Set(clean.map((f) => f.outPath))
  for (const path of onDisk.keys()) if (!wanted.has(path)) diff.push(`${path}: stale file that a clean build does not write`)
  return diff.sort()
}
