#!/usr/bin/env node
// Dev-loop benchmark (not a test): how long from saving a post to the live-reload event of `inkstone dev`.
//
//   npm run compile && node tests/bench/dev-reload.mjs [--posts 4000] [--runs 5]
//
// 1. Makes (once) a synthetic site with gen-corpus.mjs (seed 42, the same posts as `npm run bench`) under
//    tests/bench/work/dev-<N>/ (kept, with its cache, so later invocations start warm).
// 2. Starts `node bin/inkstone.js dev <site> --port 0` as a child process and waits for its first build.
// 3. Connects to its server-sent events (/__inkstone/events) like a browser tab would.
// 4. Series "body": appends a sentence to post-<N/2>, times file write → `reload` event (and → the page
//    fetched after it, as a reloading tab does), checks the page has the sentence; puts the post back
//    (untimed, waits for its reload). Series "tags": adds one existing tag to the same post, times the
//    same, checks the post's page links to the tag; puts it back. Saves are at least 150 ms apart.
// Prints the median and min–max of each series (ms) and the dev server's own build times from its log.
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const args = { posts: 4000, runs: 5, timeout: 120_000 };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  if (k === '--posts') args.posts = Number(process.argv[++i]);
  else if (k === '--runs') args.runs = Number(process.argv[++i]);
  else if (k === '-h' || k === '--help') { console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 15).map((l) => l.replace(/^\/\/ ?/, '')).join('\n')); process.exit(0); }
  else { console.error(`unknown argument ${k}`); process.exit(2); }
}
const log = (m) => process.stderr.write(`[dev-bench] ${m}\n`);
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };

const site = path.join(HERE, 'work', `dev-${args.posts}`);
if (!fs.existsSync(path.join(site, 'content', 'site.yaml'))) {
  log(`generating ${args.posts} posts → ${path.relative(ROOT, site)}`);
  const r = spawnSync(process.execPath, [path.join(HERE, 'gen-corpus.mjs'), '--n', String(args.posts), '--out', site, '--layout', 'inkstone', '--seed', '42'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}
const pad5 = (i) => String(i).padStart(5, '0');
const postFile = path.join(site, 'content', 'posts', `post-${pad5(Math.floor(args.posts / 2))}.md`);
const original = fs.readFileSync(postFile, 'utf8');

log('starting inkstone dev (the first build of a cold site takes a while)…');
// INKSTONE_BIN: the CLI to time (run.mjs passes its snapshot of the compiled tool).
const child = spawn(process.execPath, [process.env.INKSTONE_BIN ?? path.join(ROOT, 'bin', 'inkstone.js'), 'dev', site, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TZ: 'Asia/Shanghai' } });
let stderr = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (d) => { stderr += d; });
const cleanup = () => { try { fs.writeFileSync(postFile, original); } catch {} child.kill('SIGINT'); };
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));

const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; const m = /Serving (http:\/\/\S+)/.exec(out); if (m) resolve(m[1]); });
  child.on('exit', (code) => reject(new Error(`inkstone dev exited (${code}):\n${stderr}`)));
  setTimeout(() => reject(new Error('inkstone dev did not start in 15 minutes')), 900_000).unref();
});
log(`serving ${url}`);
const { origin } = new URL(url);

// Server-sent events, like a browser tab. Every event is kept, so none is missed between two waits.
const events = [];
const waiters = [];
let lastEvent = 0;
await new Promise((resolve, reject) => {
  http.get(`${origin}/__inkstone/events`, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (c) => {
      buf += c;
      let end;
      while ((end = buf.indexOf('\n\n')) !== -1) {
        const block = buf.slice(0, end); buf = buf.slice(end + 2);
        const ev = /^event: (.*)$/m.exec(block)?.[1];
        if (!ev) continue;
        lastEvent = performance.now();
        events.push({ ev, at: lastEvent, data: /^data: (.*)$/m.exec(block)?.[1] });
        for (const w of waiters.splice(0)) w();
      }
    });
    resolve();
  }).on('error', reject);
});
let cursor = 0;
/** The next event after the last one taken (waits for it). */
const nextEvent = () => new Promise((resolve, reject) => {
  const take = () => {
    if (cursor < events.length) return resolve(events[cursor++]);
    const t = setTimeout(() => reject(new Error(`no event within ${args.timeout} ms\n${stderr.slice(-2000)}`)), args.timeout);
    waiters.push(() => { clearTimeout(t); take(); });
  };
  take();
});
const get = (p) => new Promise((resolve, reject) => http.get(origin + p, (res) => { let b = ''; res.setEncoding('utf8'); res.on('data', (c) => { b += c; }); res.on('end', () => resolve({ status: res.statusCode, body: b })); }).on('error', reject));

// Saves are paced like a person's (untimed): at least 150 ms after the last save and 300 ms after the last
// event. chokidar drops a second `change` of a path within 50 ms of the first, and the dev server makes up
// for it by looking at the file again after 60 ms, which may start one more (redundant) build; a bench
// writing back-to-back would time those instead of the save.
let lastWrite = 0;
async function timedWrite(text, page, shows) {
  for (;;) {
    const wait = Math.max(lastWrite + 150, lastEvent + 300) - performance.now();
    if (wait <= 0) break;
    await new Promise((r) => setTimeout(r, wait));
  }
  cursor = events.length;
  const t0 = performance.now();
  fs.writeFileSync(postFile, text);
  lastWrite = t0;
  // The first reload whose page shows the edit (a reload of an earlier build, if any, is counted, not timed).
  for (let stray = 0; ; stray++) {
    const e = await nextEvent();
    if (e.ev !== 'reload') throw new Error(`expected a reload, got ${e.ev}: ${e.data}`);
    // What a reloading tab does next: ask for the page (made on request from the new build).
    const served = page ? await get(page) : undefined;
    if (!shows || shows(served.body)) return { reload: e.at - t0, page: performance.now() - t0, served, stray };
    if (stray >= 5) throw new Error(`no reload showed the edit; the dev server said:\n${stderr.slice(-3000)}`);
  }
}
const slug = path.basename(postFile, '.md');
const base = new URL(url).pathname;
const series = { body: [], tags: [] };
const pageSeries = { body: [], tags: [] };
let strays = 0;
const tagsLine = /^tags: \[(.*)\]$/m.exec(original);
const allTags = ['Rust', 'TypeScript', 'Go', 'Python', 'Linux', 'Vim', 'Git', 'Docker', 'Kubernetes', 'SQLite', 'PostgreSQL', 'Redis'];
for (let i = 0; i < args.runs; i++) {
  const sentence = `Benchmark sentence ${i} ${Date.now()}.`;
  const body = await timedWrite(original.trimEnd() + `\n\n${sentence}\n`, `${base}posts/${slug}/`, (html) => html.includes(sentence));
  strays += body.stray;
  series.body.push(body.reload);
  pageSeries.body.push(body.page);
  await timedWrite(original);

  if (!tagsLine) throw new Error(`no tags line in ${postFile}`);
  const have = tagsLine[1].split(',').map((t) => t.trim());
  const extra = allTags.find((t) => !have.includes(t)) ?? `bench-${i}`;
  const tagHref = `${base}tags/${encodeURIComponent(extra.toLowerCase())}/`;
  const tags = await timedWrite(original.replace(tagsLine[0], `tags: [${[...have, extra].join(', ')}]`), `${base}posts/${slug}/`, (html) => html.includes(`href="${tagHref}"`));
  strays += tags.stray;
  series.tags.push(tags.reload);
  pageSeries.tags.push(tags.page);
  await timedWrite(original);
}
const builds = [...stderr.matchAll(/rebuilt in (\d+) ms/g)].map((m) => Number(m[1]));
console.log(`inkstone dev, ${args.posts} posts, ${args.runs} runs each (file write → SSE reload event, ms)`);
for (const [name, xs] of Object.entries(series)) {
  const ps = pageSeries[name];
  console.log(`  ${name.padEnd(5)} median ${median(xs).toFixed(0).padStart(6)}   min–max ${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}` +
    `   (to the page fetched after the reload: median ${median(ps).toFixed(0)}, ${Math.min(...ps).toFixed(0)}–${Math.max(...ps).toFixed(0)})`);
}
if (builds.length) console.log(`  dev server build times (its log): median ${median(builds)} ms over ${builds.length} rebuilds`);
console.log(`  reloads that did not show the edit yet (an earlier build finishing late; not timed): ${strays}`);
console.log(`  load average: ${(await import('node:os')).loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exit(0);
