// Kills `inkstone build` with SIGKILL at random moments, many times, and checks what it leaves.
// `npm run compile && node tests/fuzz/kill.mjs [--runs 40] [--posts 150] [--seed 1]`
// A site alternates between two versions (A, B: different posts, titles and a removed post). Before each
// run the output folder holds one version's build; a build of the other is started and killed after a random
// delay (0 to about its full duration). Then, as the next build would first do, recoverCommit() finishes a
// commit the kill interrupted; the output folder must equal the clean build of the old or of the new version
// (temp files of the killed build aside, counted: the next build sweeps them). Then a normal build must
// succeed and give the new version's clean output exactly (the cache survived, or was rebuilt).
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { recoverCommit } from '../../.build/src/emit/write.js'

const args = process.argv.slice(2)
const opt = (name, fallback) => {
  const at = args.indexOf(`--${name}`)
  return at >= 0 ? Number(args[at + 1]) : fallback
}
const runs = opt('runs', 40)
const postCount = opt('posts', 150)
let seed = opt('seed', 1)
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const bin = join(import.meta.dirname, '..', '..', 'bin', 'inkstone.js')

const work = mkdtempSync(join(tmpdir(), 'inkstone-kill-'))
const root = join(work, 'site')

/** Write version `v` of the site's content. */
function writeVersion(v) {
  rmSync(join(root, 'content'), { recursive: true, force: true })
  mkdirSync(join(root, 'content', 'posts'), { recursive: true })
  writeFileSync(join(root, 'content', 'site.yaml'), 'title: Kill\nurl: https://kill.example/\nupdated_from_git: false\n')
  for (let i = 0; i < postCount; i++) {
    if (v === 'B' && i % 10 === 3) continue
    const title = v === 'A' ? `Post ${i}` : `Post ${i} (B)`
    writeFileSync(join(root, 'content', 'posts', `p${i}.md`),
      `---\ntitle: ${title}\ndate: 2024-0${(i % 9) + 1}-1${i % 10}\ntags: [t${i % 7}]\n---\n${v} body of ${i}. ${'text '.repeat(200)}\n\n## Part\n\nmore\n`)
  }
}

/** Every file under `dir`: path → sha1 (temp files of a killed build listed apart). */
function tree(dir, prefix = '', out = { files: new Map(), temps: 0 }) {
  for (const name of readdirSync(dir).sort()) {
    const abs = join(dir, name)
    if (statSync(abs).isDirectory()) tree(abs, prefix + name + '/', out)
    else if (/\.\d+\.tmp$/.test(name)) out.temps++
    else out.files.set(prefix + name, createHash('sha1').update(readFileSync(abs)).digest('hex'))
  }
  return out
}
const same = (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v)
const build = (extra = []) => spawnSync(process.execPath, [bin, 'build', root, ...extra], { encoding: 'utf8' })

// The clean output of each version.
const clean = {}
for (const v of ['A', 'B']) {
  writeVersion(v)
  const out = join(work, `clean-${v}`)
  const r = build(['--out', out, '--no-cache'])
  if (r.status !== 0) throw new Error(r.stderr)
  clean[v] = tree(out).files
}
writeVersion('A')
if (build().status !== 0) throw new Error('first build failed')
// The kills are spread over the duration of the last build of a change (measured after each run).
let full = 0
writeVersion('B')
let started = performance.now()
build()
full = performance.now() - started
writeVersion('A')
build()

const results = { runs: 0, killed: 0, asBefore: 0, asNew: 0, recovered: 0, temps: 0, halfWritten: 0, rebuildFailed: 0, rebuildDiffers: 0 }
let current = 'A'
for (let run = 0; run < runs; run++) {
  const next = current === 'A' ? 'B' : 'A'
  writeVersion(next)
  const delay = random() * full * 1.2
  const child = spawn(process.execPath, [bin, 'build', root], { stdio: 'ignore' })
  // Listened to from the start: a build may end before its kill.
  const closed = new Promise((done) => child.on('close', (code, signal) => done(signal)))
  await new Promise((done) => setTimeout(done, delay))
  child.kill('SIGKILL')
  if ((await closed) === 'SIGKILL') results.killed++
  if (recoverCommit(join(root, 'dist'))) results.recovered++
  const after = tree(join(root, 'dist'))
  results.runs++
  results.temps += after.temps
  if (same(after.files, clean[current])) results.asBefore++
  else if (same(after.files, clean[next])) results.asNew++
  else {
    results.halfWritten++
    console.log(`run ${run}: killed after ${delay.toFixed(0)} ms: the output is neither version`)
  }
  started = performance.now()
  const again = build()
  full = performance.now() - started
  if (again.status !== 0) {
    results.rebuildFailed++
    console.log(`run ${run}: the build after the kill failed: ${again.stderr}`)
  } else if (!same(tree(join(root, 'dist')).files, clean[next])) {
    results.rebuildDiffers++
    console.log(`run ${run}: the build after the kill differs from a clean build`)
  }
  current = next
}
console.log(JSON.stringify({ ...results, posts: postCount, fullBuildMs: Math.round(full) }))
rmSync(work, { recursive: true, force: true })
process.exitCode = results.halfWritten + results.rebuildFailed + results.rebuildDiffers > 0 ? 1 : 0
