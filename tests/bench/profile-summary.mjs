#!/usr/bin/env node
// Summarise V8 CPU profiles (`node --cpu-prof --cpu-prof-dir DIR ...`; one file per thread): self time by
// function and by package (node_modules/<name>, our src/<folder>, node internals, GC), over all threads.
//
//   node tests/bench/profile-summary.mjs DIR [--top 25]
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const top = +(process.argv[process.argv.indexOf('--top') + 1] || 0) || 25;
if (!dir) { console.error('usage: node tests/bench/profile-summary.mjs DIR [--top N]'); process.exit(2); }
const byFn = new Map();
const byPkg = new Map();
const byThread = [];
let total = 0;
function pkgOf(url, name) {
  if (!url) return name === '(garbage collector)' ? '(gc)' : name === '(program)' || name === '(idle)' ? name : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1];
  const b = /\.build\/(?:src\/)?(bundle\/[^/]+|[^/]+)/.exec(url);
  if (b) return `inkstone ${b[1]}`;
  return path.basename(url);
}
for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).sort()) {
  const p = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map();
  for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
  let threadMs = 0;
  for (const [id, us] of self) {
    const n = nodes.get(id);
    const { functionName, url, lineNumber } = n.callFrame;
    const name = functionName || '(anonymous)';
    if (name === '(idle)') continue;
    const ms = us / 1000;
    threadMs += ms;
    const key = `${name} ${url ? `${pkgOf(url, name)}:${lineNumber + 1}` : ''}`.trim();
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    const pkg = pkgOf(url, name);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + ms);
  }
  byThread.push([f, threadMs]);
  total += threadMs;
}
const show = (title, map) => {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top)) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${(100 * ms / total).toFixed(1).padStart(5)}%  ${k}`);
};
console.log(`${dir}: ${(total / 1000).toFixed(2)} s sampled (idle excluded) over ${byThread.length} threads`);
for (const [f, ms] of byThread) console.log(`  ${(ms / 1000).toFixed(2).padStart(7)} s  ${f}`);
show('self time by package', byPkg);
show('self time by function', byFn);
