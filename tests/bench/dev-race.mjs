#!/usr/bin/env node
// Start-up race check for `inkstone dev` (issue #21; not a timing benchmark): is an edit saved the moment the
// server first answers ever lost?
//
//   npm run compile && node tests/bench/dev-race.mjs [--runs 50] [--wait 5000] [--delay 0] [--keep]
//
// 1. Copies the example site of this repository (content/ and public/; templates/ is a symbolic link to the
//    repository's, whose modules import the tool's sources by relative paths) to a temporary folder.
// 2. Each run: starts `node bin/inkstone.js dev <copy> --port P` as a child process (P a free port), asks for
//    the home page every few milliseconds until it answers 200, and at that moment appends a line (different
//    in every run) to content/posts/hello-world.md. Then asks for that post's page until it shows the line,
//    for at most --wait ms; a page that never shows it is a stale page. Stops the server (SIGINT), puts the
//    post back. The cache in the copy is kept from run to run, as it is for a person restarting the server.
//    --delay MS edits MS after the first 200 instead (a check of the check: with a pause, the edit is served).
//    INKSTONE_BIN=path/to/inkstone.js runs another copy of the CLI (e.g. a snapshot from before a change).
// Prints how many of the runs served a stale page, the time from the edit to the page showing it, and the
// time from starting the process to the first 200.
// Exit code 1 when any page was stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const args = { runs: 50, wait: 5000, delay: 0, keep: false };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  if (k === '--runs') args.runs = Number(process.argv[++i]);
  else if (k === '--wait') args.wait = Number(process.argv[++i]);
  else if (k === '--delay') args.delay = Number(process.argv[++i]);
  else if (k === '--keep') args.keep = true;
  else if (k === '-h' || k === '--help') { const lines = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1); console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n')); process.exit(0); }
  else { console.error(`unknown argument ${k}`); process.exit(2); }
}
const log = (m) => process.stderr.write(`[dev-race] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length === 0 ? NaN : v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'inkstone-dev-race-'));
for (const dir of ['content', 'public']) fs.cpSync(path.join(ROOT, dir), path.join(site, dir), { recursive: true });
// The example theme imports modules of the tool by relative paths (../src/…): link it rather than copy it.
fs.symlinkSync(path.join(ROOT, 'templates'), path.join(site, 'templates'), 'dir');
const post = path.join(site, 'content', 'posts', 'hello-world.md');
const original = fs.readFileSync(post, 'utf8');
const base = new URL(/^url:\s*(\S+)/m.exec(fs.readFileSync(path.join(site, 'content', 'site.yaml'), 'utf8'))[1]).pathname;
const postPage = `${base}posts/hello-world/`;

/** A port that is free now (the server is started on it next). */
const freePort = () => new Promise((resolve, reject) => {
  const s = net.createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});
/** GET a path; undefined when nothing listens yet. */
const get = (port, p) => new Promise((resolve) => {
  const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
    let b = '';
    res.setEncoding('utf8');
    res.on('data', (c) => { b += c; });
    res.on('end', () => resolve({ status: res.statusCode, body: b }));
    res.on('error', () => resolve(undefined));
  });
  req.on('error', () => resolve(undefined));
});

let child;
const cleanup = () => {
  try { fs.writeFileSync(post, original); } catch {}
  child?.kill('SIGINT');
  if (!args.keep) fs.rmSync(site, { recursive: true, force: true });
};
process.on('exit', cleanup);
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

log(`site copy: ${site}; ${args.runs} runs, waiting up to ${args.wait} ms for each edit`);
let stale = 0;
const servedAfter = [];
const upAfter = [];
for (let run = 1; run <= args.runs; run++) {
  const port = await freePort();
  let stderr = '';
  child = spawn(process.execPath, [process.env.INKSTONE_BIN ?? path.join(ROOT, 'bin', 'inkstone.js'), 'dev', site, '--port', String(port)], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: 'Asia/Shanghai', NO_COLOR: '1' } });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const spawned = performance.now();
  let up = false;
  for (const deadline = Date.now() + 120_000; Date.now() < deadline && child.exitCode === null;) {
    const home = await get(port, base);
    if (home?.status === 200) { up = true; upAfter.push(performance.now() - spawned); break; }
    await sleep(2);
  }
  if (!up) { console.error(`run ${run}: the home page never answered 200\n${stderr}`); process.exit(2); }
  // The edit, the moment the home page first answers (or --delay ms later).
  if (args.delay > 0) await sleep(args.delay);
  const line = `Race check ${run} ${Date.now()}.`;
  const t0 = performance.now();
  fs.writeFileSync(post, original.trimEnd() + `\n\n${line}\n`);
  let shown;
  for (const deadline = t0 + args.wait; performance.now() < deadline;) {
    const page = await get(port, postPage);
    if (page?.status === 200 && page.body.includes(line)) { shown = performance.now() - t0; break; }
    await sleep(20);
  }
  if (shown === undefined) stale++;
  else servedAfter.push(shown);
  log(`run ${String(run).padStart(2)}: ${shown === undefined ? `STALE (not served within ${args.wait} ms)` : `served after ${shown.toFixed(0)} ms`}`);
  child.kill('SIGINT');
  await exited;
  child = undefined;
  fs.writeFileSync(post, original);
}
console.log(`inkstone dev, edit at the first 200 of the home page: ${stale} of ${args.runs} runs left a stale page (waited ${args.wait} ms each)`);
if (servedAfter.length) console.log(`  edit → page showing it: median ${median(servedAfter).toFixed(0)} ms, min–max ${Math.min(...servedAfter).toFixed(0)}–${Math.max(...servedAfter).toFixed(0)} ms`);
console.log(`  start (spawn → first 200 of the home page): median ${median(upAfter).toFixed(0)} ms, min–max ${Math.min(...upAfter).toFixed(0)}–${Math.max(...upAfter).toFixed(0)} ms`);
console.log(`  load average: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
process.exit(stale === 0 ? 0 : 1);
