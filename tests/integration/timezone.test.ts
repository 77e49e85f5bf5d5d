/**
 * The machine's time zone never changes the output: the example blog built
 * under TZ=America/Los_Angeles and TZ=Asia/Shanghai is byte-identical, and
 * two builds in a row are byte-identical.
 */
import { describe, expect, it } from 'vitest'
import { readTree, tempDir } from '../helpers/tree.js'
import { cli, repo } from '../helpers/cli.js'

describe('deterministic output', () => {
  it('is the same under two TZ values and on a second build', () => {
    const la = tempDir('tz-la')
    const sh = tempDir('tz-sh')
    const again = tempDir('tz-again')
    expect(cli(['build', repo, '--out', la, '--no-cache'], { TZ: 'America/Los_Angeles' }).code).toBe(0)
    expect(cli(['build', repo, '--out', sh, '--no-cache'], { TZ: 'Asia/Shanghai' }).code).toBe(0)
    expect(cli(['build', repo, '--out', again, '--no-cache'], { TZ: 'Asia/Shanghai' }).code).toBe(0)
    const a = readTree(la)
    const b = readTree(sh)
    expect(a.size).toBeGreaterThan(50)
    expect([...a.keys()]).toEqual([...b.keys()])
    for (const [path, data] of a) expect(b.get(path)?.equals(data), path).toBe(true)
    expect(readTree(again)).toEqual(b)
    // A post written at 2022-10-21 20:18 in Asia/Shanghai keeps that wall-clock time.
    const post = b.get('posts/static-site-from-scratch/index.html')!.toString('utf8')
    expect(post).toContain('datetime="2022-10-21T20:18:00+08:00"')
  }, 600_000)
})
