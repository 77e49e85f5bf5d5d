/**
 * Faults around a build: another build of the same site running (a lock
 * with the builder's pid; a stale lock of a killed build is taken over), two
 * builds started at once, and a full disk (a small tmpfs: needs root and
 * mount; skipped with the reason otherwise).
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, writeFileSync, existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hashBytes } from '../../src/util/hash.js'
import { cli, repo } from '../helpers/cli.js'
import { readTree, tempDir } from '../helpers/tree.js'

function site(posts = 3, bodyBytes = 200): string {
  const root = tempDir('faults')
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: Faults\nurl: https://faults.example/\nupdated_from_git: false\n')
  for (let i = 0; i < posts; i++) {
    writeFileSync(join(root, 'content', 'posts', `p${i}.md`), `---\ntitle: Post ${i}\ndate: 2024-01-${String((i % 28) + 1).padStart(2, '0')}\n---\n${'word '.repeat(bodyBytes / 5)}\n`)
  }
  return root
}

const lockOf = (root: string, out: string) => join(root, '.inkstone-cache', `build-${hashBytes(out).slice(0, 12)}.lock`)

describe('one build at a time', () => {
  it('a live lock holder gives build-locked (exit 1, output kept); a dead one is taken over', () => {
    const root = site()
    const out = join(root, 'dist')
    mkdirSync(out)
    writeFileSync(join(out, 'index.html'), 'previous\n')
    mkdirSync(join(root, '.inkstone-cache'))
    // This test process is alive: its pid holds the lock.
    writeFileSync(lockOf(root, out), String(process.pid))
    const locked = cli(['build', root])
    expect(locked.code).toBe(1)
    expect(locked.stderr).toContain(`another inkstone build (pid ${process.pid}) is building this site`)
    expect(locked.stderr).toContain('[build-locked]')
    expect(readTree(out).get('index.html')?.toString()).toBe('previous\n')
    // A process that has exited: its lock is stale.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    writeFileSync(lockOf(root, out), dead.stdout)
    const built = cli(['build', root])
    expect(built.code, built.stderr).toBe(0)
    expect(existsSync(lockOf(root, out))).toBe(false)
  })

  it('two builds started at once: each succeeds or says build-locked, and the output equals a clean build', async () => {
    const root = site(40)
    const run = () => new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn(process.execPath, [join(repo, 'bin', 'inkstone.js'), 'build', root], { env: { ...process.env, NO_COLOR: '1' } })
      let stderr = ''
      child.stderr.on('data', (d) => { stderr += d })
      child.on('close', (code) => done({ code, stderr }))
    })
    const results = await Promise.all([run(), run()])
    for (const r of results) {
      if (r.code !== 0) expect(r.stderr).toContain('[build-locked]')
    }
    expect(results.some((r) => r.code === 0)).toBe(true)
    const clean = join(tempDir('faults-clean'), 'out')
    expect(cli(['build', root, '--out', clean, '--no-cache']).code).toBe(0)
    expect(readTree(join(root, 'dist'))).toEqual(readTree(clean))
    expect(readdirSync(join(root, '.inkstone-cache')).filter((n) => n.endsWith('.lock') || n.endsWith('.tmp'))).toEqual([])
  })
})

describe('a full disk', () => {
  const mountPoint = tempDir('faults-tmpfs')
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', mountPoint]).status === 0
  it.skipIf(!mounted)('gives write-failed (exit 1) and leaves the previous output as it was (skipped when tmpfs cannot be mounted: needs root)', () => {
    try {
      const root = site(40, 20_000)
      const out = join(mountPoint, 'out')
      mkdirSync(out)
      writeFileSync(join(out, 'index.html'), 'previous\n')
      const before = readTree(out)
      const { code, stderr } = cli(['build', root, '--out', out])
      expect(code, stderr).toBe(1)
      expect(stderr).toContain('[write-failed]')
      expect(stderr).toContain('ENOSPC')
      expect(readTree(out)).toEqual(before)
    } finally {
      spawnSync('umount', [mountPoint])
      rmSync(mountPoint, { recursive: true, force: true })
    }
  })
})
