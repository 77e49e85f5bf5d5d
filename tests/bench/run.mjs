#!/usr/bin/env node
// Inkstone build benchmark: our CLI against Hugo, Eleventy, Hexo and the bare unified stack on the same blog.
//
//   npm run bench -- [--posts N[,N...]] [--runs R] [--peers] [--keep] [options]
//   node tests/bench/run.mjs ...        (same, without `npm run compile` first)
//
//   --posts N[,N...]  posts in the synthetic site (default 4000); several, e.g. 4000,10000, also print growth
//   --runs R          timed runs per series (default 3); the table shows the median and the wall min–max
//   --peers           also build the same posts with Hugo (Debian `hugo`), Eleventy 3.1.8 and Hexo 8.1.2 (npm,
//                     installed into tests/bench/work/peers, never dependencies of ours), and the bare stack's
//                     floor (floor-unified.mjs, one thread), cold, and print ratios
//   --keep            keep the build outputs and caches under tests/bench/work (default: removed at the end;
//                     the generated corpora are always kept and reused for the same N)
//   --warmup W        untimed runs before each cold series (default: 0 for ours, whose corpus has just been
//                     read for its hash check; 1 for the peers, as in shared/bench)
//   --timeout S       per-run time limit in seconds (default: ours max(600, N*0.15), peers max(120, N*0.03))
//   --no-ours         skip Inkstone's series (peers only)
//   --no-snapshot     run bin/inkstone.js in place (default: a copy of bin/, .build/ and package*.json is taken
//                     into tests/bench/work/tool/ at the start, so another `npm run compile` in the same
//                     working tree cannot change the code, nor its cache keys, in the middle of a series)
//   --series LIST     only these of ours: cold,cold-nohl,warm,edit,tags,dev,search (default all; dev = the
//                     `inkstone dev` save → reload series of dev-reload.mjs, on its own copy of the corpus;
//                     search = search-query.mjs on the cold build's output: first-query bytes, time to results)
//   INKSTONE_BIN=path another CLI entry point to time instead of bin/inkstone.js (same arguments)
//
// Everything is measured as separate whole processes. Wall time is taken around the process by this script
// (process.hrtime); CPU (user+sys) and peak RSS come from GNU time (`/usr/bin/time -f '%e %U %S %M'`), i.e.
// the OS's rusage of the finished build process (max RSS of the largest process it waited for, not a sum).
// If /usr/bin/time is missing, the script runs `apt-get install -y time` when it is root, else it stops.
//
// Results: a table on stdout and tests/bench/work/results-<N>.json. Logs of the last run of each series:
// tests/bench/work/logs/. The harness layout and peer sites come from shared/bench (see README.md here).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const WORK = path.join(HERE, 'work');
const LOGS = path.join(WORK, 'logs');
const PEERS_DIR = path.join(WORK, 'peers');
let BIN = process.env.INKSTONE_BIN ? path.resolve(process.env.INKSTONE_BIN) : path.join(ROOT, 'bin', 'inkstone.js');
const TOOL = path.join(WORK, 'tool');
const GEN = path.join(HERE, 'gen-corpus.mjs');
const TIME = '/usr/bin/time';
const ELEVENTY_VERSION = '3.1.8'; // as measured in shared/bench/RESULTS.md
// Hexo and the plugins its bench site uses, as measured in shared/bench/RESULTS.md.
const HEXO_PACKAGES = { hexo: '8.1.2', 'hexo-cli': '4.3.2', 'hexo-renderer-marked': '7.0.1', 'hexo-renderer-ejs': '2.0.0', 'hexo-generator-index': '4.0.0', 'hexo-generator-tag': '2.0.0' };
// Hugo's cold build in shared/bench/RESULTS.md (median wall s), for the ratios when Hugo cannot run here.
const HUGO_REFERENCE_S = { 1000: 0.89, 4000: 2.92, 10000: 6.60 };
const SEED = 42;
const OUR_SERIES = ['cold', 'cold-nohl', 'warm', 'edit', 'tags', 'dev', 'search'];

// ------------------------------------------------------------------ arguments
function usage(code) {
  const text = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 20)
    .map((l) => l.replace(/^\/\/ ?/, '')).join('\n');
  console.log(text);
  process.exit(code);
}
function parseArgs(argv) {
  const a = { posts: [4000], runs: 3, peers: false, keep: false, warmup: null, timeout: null, ours: true, series: OUR_SERIES, snapshot: !process.env.INKSTONE_BIN };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--posts') a.posts = next().split(',').map((x) => parseInt(x, 10));
    else if (k === '--runs') a.runs = parseInt(next(), 10);
    else if (k === '--warmup') a.warmup = parseInt(next(), 10);
    else if (k === '--timeout') a.timeout = parseFloat(next());
    else if (k === '--peers') a.peers = true;
    else if (k === '--keep') a.keep = true;
    else if (k === '--no-ours') a.ours = false;
    else if (k === '--no-snapshot') a.snapshot = false;
    else if (k === '--series') a.series = next().split(',');
    else if (k === '-h' || k === '--help') usage(0);
    else { console.error(`unknown argument ${k}`); usage(2); }
  }
  if (!a.posts.length || a.posts.some((n) => !(n > 0))) throw new Error('--posts needs positive integers');
  if (!(a.runs > 0)) throw new Error('--runs needs a positive integer');
  if (a.warmup !== null && !(a.warmup >= 0)) throw new Error('--warmup needs a non-negative integer');
  for (const s of a.series) if (!OUR_SERIES.includes(s)) throw new Error(`unknown series ${s} (know ${OUR_SERIES.join(',')})`);
  return a;
}
const args = parseArgs(process.argv.slice(2));

// ------------------------------------------------------------------ small helpers
const sh = (cmd, argv, opts = {}) => spawnSync(cmd, argv, { encoding: 'utf8', ...opts });
const rm = (p) => fs.rmSync(p, { recursive: true, force: true });
const pad5 = (i) => String(i).padStart(5, '0');
const sha = (data) => crypto.createHash('sha256').update(data).digest('hex');
function median(xs) {
  const v = xs.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
const fmt = (x, d = 2) => (x == null || !Number.isFinite(x) ? '—' : x.toFixed(d));
function log(msg) { process.stderr.write(`[bench] ${msg}\n`); }
function tail(file, lines = 15) {
  try { return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return ''; }
}
function walkHtml(dir) {
  let pages = 0, files = 0, bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let ents;
    try { ents = fs.readdirSync(d, { withFileTypes: true }); } catch { continue; }
    for (const e of ents) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
        if (e.name.endsWith('.html')) pages++;
      }
    }
  }
  return { pages, files, mib: bytes / 1048576 };
}
function which(cmd) {
  const r = sh('sh', ['-c', `command -v ${cmd}`]);
  return r.status === 0 ? r.stdout.trim() : null;
}
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
let aptUpdated = false;
function aptInstall(pkg) {
  if (!isRoot()) throw new Error(`${pkg} is missing; install it with: sudo apt-get update && sudo apt-get install -y ${pkg}`);
  if (!aptUpdated) { log('apt-get update'); sh('apt-get', ['update', '-q'], { stdio: 'inherit' }); aptUpdated = true; }
  log(`apt-get install -y ${pkg}`);
  const r = sh('apt-get', ['install', '-y', '-q', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`apt-get install ${pkg} failed`);
}

// ------------------------------------------------------------------ timing one process
// The build runs under GNU time, in our own process group (so whoever stops this script with a group
// signal stops the build too). On a timeout or when we are interrupted, the build's process tree (found by
// parent pid in /proc) is killed by pid.
let current = null; // the running child, for the signal handlers
function descendants(pid) {
  const kids = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = +stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(+d);
    } catch { /* gone */ }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) for (const k of kids.get(stack.pop()) || []) { out.push(k); stack.push(k); }
  return out;
}
function killTree(pid) {
  for (const p of [pid, ...descendants(pid)]) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
}
function timedRun(cmd, argv, { cwd, timeoutS, logFile, env = {} }) {
  const tf = path.join(LOGS, `.time-${process.pid}.txt`);
  rm(tf);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const fd = fs.openSync(logFile, 'w');
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(TIME, ['-f', '%e %U %S %M', '-o', tf, cmd, ...argv], {
      cwd, stdio: ['ignore', fd, fd], env: { ...process.env, TZ: 'Asia/Shanghai', ...env },
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; killTree(child.pid); }, timeoutS * 1000);
    const done = (code, signal) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      current = null;
      fs.closeSync(fd);
      const res = { wall: +wall.toFixed(3), user: null, sys: null, cpu: null, rssMiB: null, exit: code ?? signal, timedOut };
      const lines = fs.existsSync(tf) ? fs.readFileSync(tf, 'utf8').trim().split('\n') : [];
      rm(tf);
      const m = /^([\d.]+) ([\d.]+) ([\d.]+) (\d+)$/.exec(lines[lines.length - 1] || '');
      if (m) {
        res.user = +m[2]; res.sys = +m[3]; res.cpu = +(res.user + res.sys).toFixed(3); res.rssMiB = +(m[4] / 1024).toFixed(1);
      }
      res.ok = code === 0 && !timedOut && !!m;
      res.lastLine = tail(logFile, 1).slice(0, 300); // the tool's own summary, kept for the record
      if (code === 0 && !m) res.error = `no GNU time figures in ${tf}`;
      resolve(res);
    };
    child.on('error', (e) => { fs.writeSync(fd, String(e)); done(127, null); });
    child.on('exit', done);
  });
}

// A series: `warmup` untimed runs, then `runs` timed runs. prepare(i)/after(i, result) run outside the timing
// (i < 0 for warm-up runs). Stops early on a failed run.
async function series(label, { runs, warmup, cmd, argv, cwd, timeoutS, logName, prepare, after, env }) {
  const out = { label, runs: [], warmup, ok: true, loadavgStart: os.loadavg().map((x) => +x.toFixed(2)) };
  const logFile = path.join(LOGS, `${logName}.log`);
  for (let i = -warmup; i < runs; i++) {
    prepare?.(i);
    const r = await timedRun(cmd, argv, { cwd, timeoutS, logFile, env });
    // Our builds print their stages (INKSTONE_TIMINGS=1): keep the search index's, parse, and render + write.
    const stages = env?.INKSTONE_TIMINGS && fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    const stage = (name) => { const m = new RegExp(`(?:^|· )${name} (\\d+) ms`, 'm').exec(stages); return m ? +m[1] : null; };
    if (stages) r.stages = { searchIndex: stage('search index'), feedsSitemap: stage('feeds\\+sitemap'), parse: stage('parse'), render: stage('render'), emit: stage('emit') };
    try { await after?.(i, r); } catch (e) { r.ok = false; r.error = String(e.message || e); }
    log(`${label}${i < 0 ? ' (warm-up)' : ` run ${i + 1}/${runs}`}: ${r.ok ? `${fmt(r.wall)} s wall, ${fmt(r.cpu)} s cpu, ${fmt(r.rssMiB, 0)} MiB` : `FAILED (exit ${r.exit}${r.timedOut ? `, timed out after ${timeoutS} s` : ''}${r.error ? `, ${r.error}` : ''})`}`);
    if (i >= 0) out.runs.push(r);
    if (!r.ok) {
      out.ok = false;
      out.error = r.timedOut ? `timed out after ${timeoutS} s` : r.error || `exit ${r.exit}`;
      const t = tail(logFile);
      if (t) log(`last output (${path.relative(ROOT, logFile)}):\n${t}`);
      break;
    }
  }
  out.loadavgEnd = os.loadavg().map((x) => +x.toFixed(2));
  const good = out.runs.filter((r) => r.ok);
  const walls = good.map((r) => r.wall);
  out.n = good.length;
  out.wall = { median: median(walls), min: walls.length ? Math.min(...walls) : null, max: walls.length ? Math.max(...walls) : null };
  out.cpu = { median: median(good.map((r) => r.cpu)) };
  out.rssMiB = { median: median(good.map((r) => r.rssMiB)), max: good.length ? Math.max(...good.map((r) => r.rssMiB)) : null };
  // Render + write of every page: the render, feeds+sitemap and emit stages (ms).
  const renderWrite = good.map((r) => (r.stages?.render != null ? r.stages.render + (r.stages.feedsSitemap ?? 0) + (r.stages.emit ?? 0) : null)).filter((x) => x != null);
  if (renderWrite.length) out.renderWriteMs = { median: median(renderWrite), min: Math.min(...renderWrite), max: Math.max(...renderWrite) };
  const parse = good.map((r) => r.stages?.parse).filter((x) => x != null);
  if (parse.length) out.parseMs = { median: median(parse), min: Math.min(...parse), max: Math.max(...parse) };
  const search = good.map((r) => r.stages?.searchIndex).filter((x) => x != null);
  if (search.length) {
    const shares = good.filter((r) => r.stages?.searchIndex != null).map((r) => r.stages.searchIndex / 1000 / r.wall);
    out.searchIndexMs = { median: median(search), min: Math.min(...search), max: Math.max(...search) };
    out.searchIndexShare = { median: median(shares), min: Math.min(...shares), max: Math.max(...shares) };
  }
  return out;
}

// One benchmark at a time: a second invocation would share the corpora, outputs and logs, and both would
// measure each other's load.
const LOCK = path.join(WORK, '.bench.lock');
function takeLock() {
  fs.mkdirSync(WORK, { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(LOCK, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }), { flag: 'wx' });
      process.on('exit', () => { try { if (JSON.parse(fs.readFileSync(LOCK, 'utf8')).pid === process.pid) fs.rmSync(LOCK); } catch { /* ignore */ } });
      return;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let holder = null;
      try { holder = JSON.parse(fs.readFileSync(LOCK, 'utf8')); } catch { /* half-written or gone */ }
      let alive = false;
      if (holder?.pid) { try { process.kill(holder.pid, 0); alive = true; } catch { /* stale */ } }
      if (alive) throw new Error(`another benchmark is running (pid ${holder.pid}, since ${holder.started}); wait for it, or remove ${path.relative(ROOT, LOCK)} if that pid is not this benchmark`);
      fs.rmSync(LOCK, { force: true }); // stale
    }
  }
  throw new Error(`could not take ${LOCK}`);
}

// ------------------------------------------------------------------ corpora
// One corpus per layout and N under work/<layout>-<N>, reused while its stamp matches (generator, peer site
// and the hash of every generated post, so a post left edited by an interrupted run forces a regeneration).
function hashTree(dir) {
  const h = crypto.createHash('sha256');
  const files = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p); else files.push(p);
    }
  }
  files.sort();
  for (const f of files) h.update(path.relative(dir, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex');
}
function corpusInfo(postsDir) {
  // tags per post (for expected page counts and the tags edit)
  const tags = new Set();
  let posts = 0;
  for (const f of fs.readdirSync(postsDir)) {
    if (!f.endsWith('.md')) continue;
    posts++;
    const m = /^tags: \[(.*)\]$/m.exec(fs.readFileSync(path.join(postsDir, f), 'utf8'));
    if (m) for (const t of JSON.parse(`[${m[1]}]`)) tags.add(t);
  }
  return { posts, tags: [...tags].sort() };
}
const LAYOUT = {
  inkstone: { posts: 'content/posts', site: null, hashDirs: ['content/posts', 'content/columns'] },
  hugo: { posts: 'content/posts', site: path.join(HERE, 'peers', 'hugo'), hashDirs: ['content/posts', 'layouts'] },
  eleventy: { posts: 'posts', site: path.join(HERE, 'peers', 'eleventy'), hashDirs: ['posts', '_includes'] },
  hexo: { posts: 'source/_posts', site: path.join(HERE, 'peers', 'hexo'), hashDirs: ['source/_posts', 'themes'] },
};
function ensureCorpus(layout, n) {
  const L = LAYOUT[layout];
  const dir = path.join(WORK, `${layout}-${n}`);
  const stampFile = path.join(dir, '.bench-corpus.json');
  const key = { n, seed: SEED, layout, gen: sha(fs.readFileSync(GEN)), site: L.site ? hashTree(L.site) : null };
  const treeHash = () => sha(L.hashDirs.map((d) => hashTree(path.join(dir, d))).join());
  if (fs.existsSync(stampFile)) {
    try {
      const st = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
      if (JSON.stringify(st.key) === JSON.stringify(key) && st.tree === treeHash()) return { dir, ...st.info, reused: true };
    } catch { /* regenerate */ }
  }
  log(`generating ${layout} corpus, N=${n} -> ${path.relative(ROOT, dir)}`);
  rm(dir);
  if (L.site) fs.cpSync(L.site, dir, { recursive: true });
  else fs.mkdirSync(dir, { recursive: true });
  const r = sh(process.execPath, [GEN, '--n', String(n), '--out', dir, '--layout', layout, '--seed', String(SEED)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`gen-corpus failed for ${layout} N=${n}`);
  const info = corpusInfo(path.join(dir, L.posts));
  fs.writeFileSync(stampFile, JSON.stringify({ key, tree: treeHash(), info }, null, 1));
  return { dir, ...info, reused: false };
}

// ------------------------------------------------------------------ tools
function ensureGnuTime() {
  if (fs.existsSync(TIME)) return;
  aptInstall('time');
  if (!fs.existsSync(TIME)) throw new Error('GNU time (/usr/bin/time) is still missing');
}
// Hugo's version, or null when it is missing and cannot be installed (then its RESULTS.md figure is used).
function ensureHugo() {
  if (!which('hugo')) {
    try { aptInstall('hugo'); } catch (e) { log(`${e.message}: Hugo is left out, its ratios use shared/bench/RESULTS.md`); return null; }
  }
  const v = sh('hugo', ['version']);
  return (v.stdout || '').trim();
}
function eleventyCli() { return path.join(PEERS_DIR, 'node_modules', '@11ty', 'eleventy', 'cmd.cjs'); }
function ensureEleventy() {
  const pj = path.join(PEERS_DIR, 'node_modules', '@11ty', 'eleventy', 'package.json');
  const have = fs.existsSync(pj) ? JSON.parse(fs.readFileSync(pj, 'utf8')).version : null;
  if (have !== ELEVENTY_VERSION) {
    fs.mkdirSync(PEERS_DIR, { recursive: true });
    const own = path.join(PEERS_DIR, 'package.json');
    if (!fs.existsSync(own)) fs.writeFileSync(own, '{ "name": "inkstone-bench-peers", "private": true, "version": "0.0.0" }\n');
    log(`npm install @11ty/eleventy@${ELEVENTY_VERSION} into ${path.relative(ROOT, PEERS_DIR)} (not a dependency of ours)`);
    const r = sh('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--save-exact', `@11ty/eleventy@${ELEVENTY_VERSION}`], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install of Eleventy failed');
  }
  return `@11ty/eleventy ${JSON.parse(fs.readFileSync(pj, 'utf8')).version}`;
}
function hexoCli() { return path.join(PEERS_DIR, 'node_modules', 'hexo-cli', 'bin', 'hexo'); }
function ensureHexo() {
  const version = (p) => { try { return JSON.parse(fs.readFileSync(path.join(PEERS_DIR, 'node_modules', p, 'package.json'), 'utf8')).version; } catch { return null; } };
  const missing = Object.entries(HEXO_PACKAGES).filter(([p, v]) => version(p) !== v);
  if (missing.length) {
    fs.mkdirSync(PEERS_DIR, { recursive: true });
    const own = path.join(PEERS_DIR, 'package.json');
    if (!fs.existsSync(own)) fs.writeFileSync(own, '{ "name": "inkstone-bench-peers", "private": true, "version": "0.0.0" }\n');
    const specs = Object.entries(HEXO_PACKAGES).map(([p, v]) => `${p}@${v}`);
    log(`npm install ${specs.join(' ')} into ${path.relative(ROOT, PEERS_DIR)} (not dependencies of ours)`);
    const r = sh('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--save-exact', ...specs], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('npm install of Hexo failed');
  }
  return `hexo ${version('hexo')} (hexo-renderer-marked ${version('hexo-renderer-marked')})`;
}
// Hexo loads the plugins its site's package.json lists from the site's node_modules: the peers' folder.
function linkHexoModules(dir) {
  const link = path.join(dir, 'node_modules');
  try { fs.lstatSync(link); return; } catch { /* missing */ }
  fs.symlinkSync(path.join(PEERS_DIR, 'node_modules'), link, 'dir');
}
function oursVersion() {
  const pj = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const g = sh('git', ['-C', ROOT, 'describe', '--always', '--dirty']);
  return `inkstone ${pj.version} (${(g.stdout || '?').trim()})`;
}

// Our compiled CLI, frozen for this invocation: the cache key includes the compiled code (path, size, mtime
// of .build/src), and other people compile in the same working tree, which would turn a warm build into a
// cold one half-way through a series. node_modules is a symlink to the project's.
function snapshotTool() {
  rm(TOOL);
  fs.mkdirSync(TOOL, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) if (fs.existsSync(path.join(ROOT, f))) fs.copyFileSync(path.join(ROOT, f), path.join(TOOL, f));
  for (const d of ['bin', '.build']) fs.cpSync(path.join(ROOT, d), path.join(TOOL, d), { recursive: true, preserveTimestamps: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(TOOL, 'node_modules'), 'dir');
  return path.join(TOOL, 'bin', 'inkstone.js');
}

// ------------------------------------------------------------------ our series
function setHighlight(site, on) {
  const f = path.join(site, 'content', 'site.yaml');
  const text = fs.readFileSync(f, 'utf8');
  const next = /^highlight: .*$/m.test(text) ? text.replace(/^highlight: .*$/m, `highlight: ${on}`) : `${text}highlight: ${on}\n`;
  if (next !== text) fs.writeFileSync(f, next);
}
function clearOurs(site) { rm(path.join(site, '.inkstone-cache')); rm(path.join(site, 'dist')); }
function ourPages(site, n) {
  const dist = path.join(site, 'dist');
  const w = walkHtml(dist);
  let missing = 0;
  for (let i = 1; i <= n; i++) if (!fs.existsSync(path.join(dist, 'posts', `post-${pad5(i)}`, 'index.html'))) missing++;
  return { ...w, postPagesMissing: missing };
}

let pendingRestore = null; // { file, text }: an edited post to put back if we are interrupted
function restorePending() {
  if (pendingRestore) { fs.writeFileSync(pendingRestore.file, pendingRestore.text); pendingRestore = null; }
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (current) killTree(current.pid);
    restorePending();
    log(`stopped by ${sig}`);
    process.exit(130);
  });
}

async function runOurs(n, corpus, timeoutS) {
  const site = corpus.dir;
  const cmd = process.execPath;
  const argv = [BIN, 'build', site];
  const base = { runs: args.runs, cmd, argv, cwd: ROOT, timeoutS, env: { INKSTONE_TIMINGS: '1' } };
  const res = {};
  const want = (s) => args.series.includes(s);
  const untimedBuild = async (what) => {
    const r = await timedRun(cmd, argv, { cwd: ROOT, timeoutS, logFile: path.join(LOGS, `${n}-ours-resync.log`) });
    if (!r.ok) throw new Error(`untimed ${what} build failed (exit ${r.exit}); see ${path.relative(ROOT, path.join(LOGS, `${n}-ours-resync.log`))}`);
  };

  if (want('cold-nohl')) {
    setHighlight(site, false);
    res['cold-nohl'] = await series('ours cold, highlight off', { ...base, warmup: args.warmup ?? 0, logName: `${n}-ours-cold-nohl`, prepare: () => clearOurs(site) });
    if (res['cold-nohl'].ok) res['cold-nohl'].output = ourPages(site, n);
  }
  setHighlight(site, true); // our default build from here on
  if (want('cold')) {
    res.cold = await series('ours cold, highlight on (default)', { ...base, warmup: args.warmup ?? 0, logName: `${n}-ours-cold`, prepare: () => clearOurs(site) });
    if (res.cold.ok) res.cold.output = ourPages(site, n);
  }
  // The search index the cold build made, as a reader meets it (search-query.mjs): first-query bytes and the
  // time to first results in Chromium.
  if (want('search') && fs.existsSync(path.join(site, 'dist', 'search.json'))) {
    const json = path.join(WORK, `search-${n}.json`);
    const engine = path.join(path.dirname(BIN), '..', '.build', 'src', 'search', 'engine.js');
    const r = sh(process.execPath, [path.join(HERE, 'search-query.mjs'), '--dist', path.join(site, 'dist'), '--runs', String(Math.max(args.runs, 5)), '--engine', engine, '--json', json], { cwd: ROOT, timeout: timeoutS * 1000 });
    res.searchQuery = { ok: r.status === 0, output: (r.stdout ?? '').trim(), ...(fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : {}) };
    if (!res.searchQuery.ok) log(`search-query FAILED (exit ${r.status}):\n${(r.stderr ?? '').slice(-2000)}`);
  }
  const incremental = ['warm', 'edit', 'tags'].filter(want);
  if (!incremental.length) return res;
  // Warm state: the last cold run (default config) left a complete cache and output of the unedited corpus.
  // If that series did not run or failed, one untimed build makes that state.
  if (!res.cold?.ok) {
    try { await untimedBuild('warm-up'); } catch (e) {
      for (const s of incremental) res[s] = { label: s, ok: false, error: e.message, runs: [], wall: {}, cpu: {}, rssMiB: {} };
      log(e.message);
      return res;
    }
  }
  if (want('warm')) {
    const before = walkHtml(path.join(site, 'dist'));
    res.warm = await series('ours warm (nothing changed)', { ...base, warmup: 0, logName: `${n}-ours-warm` });
    if (res.warm.ok) {
      res.warm.output = ourPages(site, n);
      if (res.warm.output.pages !== before.pages) res.warm.warning = `page count changed: ${before.pages} -> ${res.warm.output.pages}`;
    }
  }
  // Edits: every timed run changes the post relative to what the previous build saw (run k's edit replaces
  // run k-1's), so each is a build with exactly one changed post. The post is put back after every run
  // (outside the timing), and after each series one untimed build re-syncs cache and output with the
  // unedited corpus.
  const slug = `post-${pad5(Math.ceil(n / 2))}`;
  const postFile = path.join(site, 'content', 'posts', `${slug}.md`);
  const pageFile = path.join(site, 'dist', 'posts', slug, 'index.html');
  const pageHash = () => (fs.existsSync(pageFile) ? sha(fs.readFileSync(pageFile)) : null);
  const original = fs.readFileSync(postFile, 'utf8');
  const resync = async (key) => {
    restorePending();
    try { await untimedBuild('re-sync'); } catch (e) { res[key].ok = false; res[key].error = e.message; log(e.message); }
  };

  if (want('edit')) {
    let marker = null;
    const checks = [];
    res.edit = await series(`ours one edit (${slug}: a sentence appended)`, {
      ...base, warmup: 0, logName: `${n}-ours-edit`,
      prepare: (i) => {
        marker = `bench-edit-${Date.now().toString(36)}-${i + 1}`;
        pendingRestore = { file: postFile, text: original };
        fs.writeFileSync(postFile, `${original}\n基准测试追加的一句话，标记 ${marker}。\n`);
      },
      after: (i, r) => {
        if (r.ok) checks.push(fs.existsSync(pageFile) && fs.readFileSync(pageFile, 'utf8').includes(marker));
        restorePending();
      },
    });
    res.edit.post = slug;
    res.edit.editInOutput = checks;
    if (checks.some((c) => !c)) res.edit.warning = `the appended sentence was missing from dist/posts/${slug}/index.html in ${checks.filter((c) => !c).length} of ${checks.length} runs`;
    if (want('tags') || args.keep) await resync('edit');
  }
  if (want('tags')) {
    const m = /^tags: \[(.*)\]$/m.exec(original);
    const own = m ? JSON.parse(`[${m[1]}]`) : [];
    const extra = corpus.tags.filter((t) => !own.includes(t));
    const checks = [];
    let h0 = null;
    res.tags = await series(`ours tags edit (${slug}: one existing tag added)`, {
      ...base, warmup: 0, logName: `${n}-ours-tags`,
      prepare: (i) => {
        h0 = pageHash();
        const add = extra[(Math.max(i, 0) * 7) % extra.length];
        pendingRestore = { file: postFile, text: original };
        fs.writeFileSync(postFile, original.replace(/^tags: \[(.*)\]$/m, `tags: [${[...own, add].map((t) => JSON.stringify(t)).join(', ')}]`));
      },
      after: (i, r) => {
        if (r.ok) checks.push(pageHash() !== h0);
        restorePending();
      },
    });
    res.tags.post = slug;
    res.tags.postPageChanged = checks;
    if (checks.some((c) => !c)) res.tags.warning = `dist/posts/${slug}/index.html did not change in ${checks.filter((c) => !c).length} of ${checks.length} runs`;
    if (args.keep) await resync('tags');
  }
  restorePending();
  return res;
}

// ------------------------------------------------------------------ peers
async function runPeers(n, timeoutS, haveHugo, floorTimeoutS) {
  const res = {};
  // The bare stack on the same posts (our corpus's post files, read only), one thread: posts pages only.
  const ink = ensureCorpus('inkstone', n);
  const floorOut = path.join(WORK, `floor-${n}`);
  res.floor = await series('floor (bare unified stack, one thread)', {
    runs: args.runs, warmup: args.warmup ?? 1, cmd: process.execPath, argv: [path.join(HERE, 'floor-unified.mjs'), path.join(ink.dir, 'content', 'posts'), floorOut], cwd: ROOT, timeoutS: floorTimeoutS,
    logName: `${n}-floor`, prepare: () => rm(floorOut),
  });
  res.floor.output = walkHtml(floorOut);
  res.floor.expectedPages = n;
  const hexo = ensureCorpus('hexo', n);
  linkHexoModules(hexo.dir);
  res.hexo = await series('hexo cold', {
    runs: args.runs, warmup: args.warmup ?? 1, cmd: process.execPath, argv: [hexoCli(), 'generate', '--silent'], cwd: hexo.dir, timeoutS,
    logName: `${n}-hexo`, prepare: () => { rm(path.join(hexo.dir, 'public')); rm(path.join(hexo.dir, 'db.json')); },
  });
  res.hexo.output = walkHtml(path.join(hexo.dir, 'public'));
  const expected = n + hexo.tags.length + Math.ceil(n / 10);
  res.hexo.expectedPages = expected;
  if (haveHugo) {
    const hugo = ensureCorpus('hugo', n);
    res.hugo = await series('hugo cold', {
      runs: args.runs, warmup: args.warmup ?? 1, cmd: 'hugo', argv: ['--quiet', '-d', 'public'], cwd: hugo.dir, timeoutS,
      logName: `${n}-hugo`, prepare: () => { rm(path.join(hugo.dir, 'public')); rm(path.join(hugo.dir, 'resources')); },
    });
    res.hugo.output = walkHtml(path.join(hugo.dir, 'public'));
    res.hugo.expectedPages = expected + 1; // + the /page/1/ alias
  }
  const ele = ensureCorpus('eleventy', n);
  res.eleventy = await series('eleventy cold', {
    runs: args.runs, warmup: args.warmup ?? 1, cmd: process.execPath, argv: [eleventyCli(), '--quiet'], cwd: ele.dir, timeoutS,
    logName: `${n}-eleventy`, prepare: () => { rm(path.join(ele.dir, '_site')); rm(path.join(ele.dir, '.cache')); },
  });
  res.eleventy.output = walkHtml(path.join(ele.dir, '_site'));
  res.eleventy.expectedPages = expected;
  return finishPeers(res, Object.keys(res));
}
// Each peer's HTML page count against the one expected.
function finishPeers(res, peers) {
  for (const p of peers) {
    if (res[p].ok && res[p].output.pages !== res[p].expectedPages) {
      res[p].warning = `wrote ${res[p].output.pages} HTML pages, expected ${res[p].expectedPages}`;
      res[p].pagesOk = false;
    } else res[p].pagesOk = res[p].ok;
  }
  return res;
}

// ------------------------------------------------------------------ report
function table(n, all) {
  const rows = [];
  const head = ['series', 'wall s', 'min–max', 'posts/s', 'cpu s', 'cpu/wall', 'peak MiB', 'HTML pages', 'runs'];
  for (const [key, s] of Object.entries(all)) {
    if (!s) continue;
    const w = s.wall.median;
    rows.push([
      s.label || key,
      s.ok || s.n ? fmt(w) : `FAILED: ${s.error}`,
      s.n ? `${fmt(s.wall.min)}–${fmt(s.wall.max)}` : '',
      s.n ? fmt(n / w, 0) : '',
      s.n ? fmt(s.cpu.median) : '',
      s.n ? fmt(s.cpu.median / w) : '',
      s.n ? fmt(s.rssMiB.median, 0) : '',
      s.output ? String(s.output.pages) + (s.expectedPages ? (s.output.pages === s.expectedPages ? ' ✓' : ` ✗ (want ${s.expectedPages})`) : '') : '',
      `${s.n ?? 0}${s.warmup ? `+${s.warmup}w` : ''}`,
    ]);
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 || i === 1 && c.startsWith('FAILED') ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
function ratio(a, b) { return a != null && b != null && b > 0 ? a / b : null; }

// ------------------------------------------------------------------ main
async function main() {
  takeLock();
  fs.mkdirSync(LOGS, { recursive: true });
  ensureGnuTime();
  const haveOurs = fs.existsSync(BIN);
  if (args.ours && !haveOurs) log(`Inkstone's CLI is missing (${path.relative(ROOT, BIN)}): our series are skipped`);
  const runOursToo = args.ours && haveOurs;
  if (runOursToo && args.snapshot) {
    if (!fs.existsSync(path.join(ROOT, '.build'))) throw new Error('.build/ is missing: run `npm run compile` (npm run bench does)');
    BIN = snapshotTool();
    log(`timing a snapshot of the compiled CLI: ${path.relative(ROOT, BIN)}`);
  }
  const machine = {
    cpu: os.cpus()[0]?.model, cores: os.cpus().length, memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, node: process.version,
  };
  const versions = { ours: runOursToo ? oursVersion() : null };
  if (args.peers) { versions.hugo = ensureHugo(); versions.eleventy = ensureEleventy(); versions.hexo = ensureHexo(); }
  const summary = {};
  let failed = !haveOurs && args.ours;

  for (const n of args.posts) {
    const oursTimeout = args.timeout ?? Math.max(600, n * 0.15);
    const peersTimeout = args.timeout ?? Math.max(120, n * 0.03);
    const t0 = Date.now();
    const all = {};
    let ink = null;
    if (runOursToo) {
      ink = ensureCorpus('inkstone', n);
      log(`N=${n}: ${ink.reused ? 'reusing' : 'generated'} ${path.relative(ROOT, ink.dir)} (${ink.posts} posts, ${ink.tags.length} tags)`);
      Object.assign(all, await runOurs(n, ink, oursTimeout));
    }
    // The floor parses every post on one thread, as heavy as our parse: our time limit.
    if (args.peers) Object.assign(all, await runPeers(n, peersTimeout, !!versions.hugo, oursTimeout));
    // The dev loop: save → live-reload event of `inkstone dev` (dev-reload.mjs prints its own table).
    let dev = null;
    if (runOursToo && args.series.includes('dev')) {
      log(`N=${n}: inkstone dev, save → reload (tests/bench/dev-reload.mjs)`);
      const r = sh(process.execPath, [path.join(HERE, 'dev-reload.mjs'), '--posts', String(n), '--runs', String(Math.max(args.runs, 5))], { cwd: ROOT, timeout: oursTimeout * 1000 * 3, env: { ...process.env, INKSTONE_BIN: BIN } });
      const out = (r.stdout ?? '').trim();
      const pick = (name) => {
        const m = new RegExp(`^\\s*${name}\\s+median\\s+(\\d+)\\s+min–max (\\d+)–(\\d+)`, 'm').exec(out);
        return m ? { median: +m[1], min: +m[2], max: +m[3] } : null;
      };
      dev = { ok: r.status === 0, output: out, body: pick('body'), tags: pick('tags') };
      if (!dev.ok) { failed = true; log(`dev series FAILED (exit ${r.status}):\n${(r.stderr ?? '').slice(-2000)}`); }
    }

    const get = (k, f) => (all[k] && all[k].n ? f(all[k]) : null);
    const wall = (k) => get(k, (s) => s.wall.median);
    const rss = (k) => get(k, (s) => s.rssMiB.median);
    const hugoWall = wall('hugo') ?? HUGO_REFERENCE_S[n] ?? null;
    const hugoNote = wall('hugo') != null ? 'hugo cold' : `hugo cold ${HUGO_REFERENCE_S[n] ?? '?'} s of RESULTS.md`;
    const renderWrite = get('cold', (s) => s.renderWriteMs?.median);
    const ratios = args.peers && runOursToo ? {
      'ours cold (highlight off) / floor (one thread), wall [target <= 0.70]': ratio(wall('cold-nohl'), wall('floor')),
      'ours cold (highlight off) / floor (one thread), cpu': ratio(get('cold-nohl', (s) => s.cpu.median), get('floor', (s) => s.cpu.median)),
      'ours cold (highlight off) / hexo cold, wall [target <= 1]': ratio(wall('cold-nohl'), wall('hexo')),
      'ours cold (highlight on) / (highlight off), wall [target <= 1.25]': ratio(wall('cold'), wall('cold-nohl')),
      'ours cold (highlight on) / (highlight off), cpu': ratio(get('cold', (s) => s.cpu.median), get('cold-nohl', (s) => s.cpu.median)),
      [`ours render+write (cold, highlight on) / ${hugoNote}, wall [target <= 0.5]`]: ratio(renderWrite != null ? renderWrite / 1000 : null, hugoWall),
      'ours cold (highlight off) / eleventy cold, wall': ratio(wall('cold-nohl'), wall('eleventy')),
      'ours cold (highlight off) / hugo cold, wall': ratio(wall('cold-nohl'), wall('hugo')),
      [`ours warm / ${hugoNote}, wall [target < 0.5]`]: ratio(wall('warm'), hugoWall),
      [`ours one edit / ${hugoNote}, wall [target < 0.25]`]: ratio(wall('edit'), hugoWall),
      [`ours tags edit / ${hugoNote}, wall`]: ratio(wall('tags'), hugoWall),
      'ours peak RSS (cold, highlight off) / hugo': ratio(rss('cold-nohl'), rss('hugo')),
      'ours peak RSS (cold, highlight off) / eleventy': ratio(rss('cold-nohl'), rss('eleventy')),
      'ours peak RSS (cold, highlight on) / hugo': ratio(rss('cold'), rss('hugo')),
      'ours peak RSS (cold, highlight on) / eleventy': ratio(rss('cold'), rss('eleventy')),
    } : null;

    const labels = { cold: 'ours cold, highlight on (default)', 'cold-nohl': 'ours cold, highlight off (= peers)', warm: 'ours warm', edit: 'ours one edit', tags: 'ours tags edit', hugo: 'hugo cold', eleventy: 'eleventy cold', hexo: 'hexo cold', floor: 'floor: bare unified stack, 1 thread, posts only' };
    const ordered = {};
    for (const k of ['cold', 'cold-nohl', 'warm', 'edit', 'tags', 'floor', 'hexo', 'hugo', 'eleventy']) if (all[k]) ordered[k] = { ...all[k], label: labels[k] };

    console.log(`\n## N=${n} posts — median of ${args.runs} run(s), wall min–max; cpu = user+sys and peak RSS from GNU time`);
    console.log(`   ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; load average at start ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const peerVersions = args.peers ? `${versions.hugo ? versions.hugo.split(' ').slice(0, 2).join(' ') : 'no Hugo'}; ${versions.eleventy}; ${versions.hexo}` : '';
    if (versions.ours) console.log(`   ${versions.ours}${peerVersions ? `; ${peerVersions}` : ''}`);
    else if (args.peers) console.log(`   ${peerVersions}`);
    console.log(table(n, ordered));
    for (const k of ['cold', 'cold-nohl', 'warm']) {
      const o = all[k]?.output;
      if (o) console.log(`   our output (${labels[k]}): ${o.pages} HTML pages, ${o.files} files, ${fmt(o.mib, 1)} MiB; post pages missing: ${o.postPagesMissing} of ${n}`);
    }
    for (const k of ['warm', 'edit', 'tags']) {
      const last = all[k]?.runs?.[all[k].runs.length - 1]?.lastLine;
      if (last) console.log(`   ${labels[k]}, last run, the CLI said: ${last}`);
    }
    for (const k of ['cold', 'cold-nohl']) {
      const s = all[k];
      if (s?.parseMs) console.log(`   stages, ${labels[k]}: parse ${fmt(s.parseMs.median / 1000)} s (${fmt(s.parseMs.min / 1000)}–${fmt(s.parseMs.max / 1000)}); render + feeds/sitemap + emit ${fmt(s.renderWriteMs?.median / 1000)} s (${fmt(s.renderWriteMs?.min / 1000)}–${fmt(s.renderWriteMs?.max / 1000)})`);
    }
    for (const k of ['cold', 'cold-nohl', 'edit', 'tags']) {
      const s = all[k];
      if (s?.searchIndexMs) console.log(`   search index stage, ${labels[k]}: ${fmt(s.searchIndexMs.median / 1000)} s (${fmt(s.searchIndexMs.min / 1000)}–${fmt(s.searchIndexMs.max / 1000)}), ${fmt(100 * s.searchIndexShare.median, 1)}% of the build (${fmt(100 * s.searchIndexShare.min, 1)}–${fmt(100 * s.searchIndexShare.max, 1)}%)`);
    }
    if (all.searchQuery?.output) console.log(all.searchQuery.output.split('\n').map((l) => `   ${l}`).join('\n'));
    if (all.searchQuery && !all.searchQuery.ok) failed = true;
    if (all.edit?.editInOutput) console.log(`   one edit: appended sentence found in dist/posts/${all.edit.post}/index.html in ${all.edit.editInOutput.filter(Boolean).length}/${all.edit.editInOutput.length} runs`);
    if (all.tags?.postPageChanged) console.log(`   tags edit: dist/posts/${all.tags.post}/index.html changed in ${all.tags.postPageChanged.filter(Boolean).length}/${all.tags.postPageChanged.length} runs`);
    for (const [k, s] of Object.entries(ordered)) {
      if (s.warning) console.log(`   WARNING ${s.label}: ${s.warning}`);
      if (!s.ok || s.pagesOk === false || s.warning || s.output?.postPagesMissing) failed = true;
    }
    if (dev?.output) console.log(dev.output.split('\n').map((l) => `   ${l}`).join('\n'));
    if (ratios) {
      console.log('   ratios (of medians; < 1 means ours is smaller/faster; [target] of issue #17 and the speed table before it):');
      for (const [k, v] of Object.entries(ratios)) console.log(`     ${k.padEnd(80)} ${fmt(v)}`);
    }
    const elapsed = (Date.now() - t0) / 1000;
    console.log(`   (this N took ${fmt(elapsed, 0)} s in all)`);

    const result = {
      date: new Date().toISOString(), n, seed: SEED, runs: args.runs, warmup: { ours: args.warmup ?? 0, peers: args.warmup ?? 1 }, machine, versions,
      timer: 'wall: process.hrtime around the process; cpu (user+sys) and peak RSS: GNU time -f "%e %U %S %M"',
      config: { warmEditTags: 'default site.yaml (highlight: true)', editedPost: all.edit?.post ?? all.tags?.post ?? null },
      corpus: ink ? { posts: ink.posts, tags: ink.tags.length } : null,
      series: ordered, ratios, search: all.searchQuery ?? null, dev: dev && { ok: dev.ok, bodyMs: dev.body, tagsMs: dev.tags }, elapsedSeconds: +elapsed.toFixed(1),
    };
    const jf = path.join(WORK, `results-${n}.json`);
    fs.writeFileSync(jf, JSON.stringify(result, null, 1));
    console.log(`   JSON: ${path.relative(ROOT, jf)}`);
    summary[n] = ordered;

    if (!args.keep) {
      if (ink) clearOurs(ink.dir);
      for (const [l, outs] of [['hugo', ['public', 'resources']], ['eleventy', ['_site', '.cache']], ['hexo', ['public', 'db.json']]]) {
        for (const o of outs) rm(path.join(WORK, `${l}-${n}`, o));
      }
      rm(path.join(WORK, `floor-${n}`));
    }
  }

  if (args.posts.length > 1) {
    const ns = args.posts;
    console.log(`\n## Growth of median wall time (linear would be N ratio)`);
    for (let i = 1; i < ns.length; i++) {
      const a = ns[i - 1], b = ns[i];
      console.log(`   ${b}/${a} (N ratio ${fmt(b / a)}):`);
      for (const k of Object.keys(summary[b])) {
        const A = summary[a][k], B = summary[b][k];
        if (A?.n && B?.n) console.log(`     ${B.label.padEnd(36)} ${fmt(B.wall.median)} s / ${fmt(A.wall.median)} s = ${fmt(B.wall.median / A.wall.median)}   peak RSS ${fmt(B.rssMiB.median / A.rssMiB.median)}x`);
      }
    }
  }
  process.exitCode = failed ? 1 : 0;
}

try { await main(); } catch (e) {
  restorePending();
  console.error(`[bench] ${process.env.BENCH_DEBUG ? e.stack : e.message || e}`);
  process.exit(2);
}
