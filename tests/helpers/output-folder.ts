/**
 * A small output folder to list (emit/scan.ts, workers/aside.ts): files at
 * several depths, CJK names, an empty folder and a symlink.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Make the folder.
 *
 * @param dirs Where to note the folder for removal after the tests.
 * @returns The folder and its files' texts by output path (the symlink listed as its target's text).
 */
export function outputFolder(dirs: string[]): { dir: string; files: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'inkstone-scan-'))
  dirs.push(dir)
  const files: Record<string, string> = {
    'index.html': '<p>home</p>',
    'posts/a/index.html': '<p>a</p>',
    'posts/读书/index.html': '<p>读书笔记</p>',
    'tags/x/page/2/index.html': '2',
    'feed.xml': '<rss/>'
  }
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  mkdirSync(join(dir, 'empty', 'deeper'), { recursive: true })
  symlinkSync(join(dir, 'feed.xml'), join(dir, 'atom.xml'))
  files['atom.xml'] = files['feed.xml']
  return { dir, files }
}
