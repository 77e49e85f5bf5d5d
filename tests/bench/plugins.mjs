#!/usr/bin/env node
// Per-plugin cost of the Markdown pipeline (src/markdown/index.ts createProcessor): CPU ms per post of
// parsing (remark-parse and each syntax extension, measured cumulatively: the parse with the plugins up to
// that one minus the parse without it), of each remark/rehype transformer (timed around its call), of
// rehype-stringify, and of the search text (plainTextOf) that renderBody makes beside the HTML.
//
//   npm run compile && node tests/bench/plugins.mjs [--posts N] [--passes P] [--highlight on|off] [--dir POSTS_DIR]
//
// Posts: POSTS_DIR (Markdown with front matter), by default the first N posts of the bench corpus made by
// gen-corpus.mjs (seed 42, the one of run.mjs and shared/bench/RESULTS.md; generated into
// tests/bench/work/plugins-<N>/ when missing). Options as the bench site's: language zh-CN, math `auto`.
// One warm-up pass, then P passes (default 3); the table shows the median pass. CPU time of this process
// (process.cpuUsage), which on a shared machine is steadier than wall time.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import matter from 'gray-matter';
import { VFile } from 'vfile';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const N = +arg('--posts', 1000);
const PASSES = +arg('--passes', 3);
const highlight = arg('--highlight', 'off') === 'on';
let dir = arg('--dir', null);
if (!dir) {
  const out = path.join(HERE, 'work', `plugins-${N}`);
  dir = path.join(out, 'content', 'posts');
  if (!fs.existsSync(dir)) {
    const r = spawnSync(process.execPath, [path.join(HERE, 'gen-corpus.mjs'), '--n', String(N), '--out', out, '--layout', 'inkstone', '--seed', '42'], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(1);
  }
}
const modulePath = process.env.INKSTONE_MARKDOWN ?? pathToFileURL(path.join(ROOT, '.build/src/markdown/index.js')).href;
const { createProcessor } = await import(modulePath);
const { plainTextOf } = await import(new URL('./search-text.js', modulePath).href);
const { emptyState } = await import(new URL('./state.js', modulePath).href);

const names = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).sort().slice(0, N);
const bodies = names.map((f) => matter(fs.readFileSync(path.join(dir, f), 'utf8')).content);
const options = { root: path.dirname(dir), highlight, summaryLength: 140, language: 'zh-CN' };
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

const base = createProcessor(options, 'auto');
const attachers = base.attachers;
const nameOf = (a) => a[0].name || '(anonymous)';

// The processor again, each plugin's transformer timed into costs[name].
const costs = new Map();
function timedProcessor() {
  const p = globalThis.__unified.unified();
  for (const [attacher, ...params] of attachers) {
    const name = nameOf([attacher]);
    const wrapped = function (...opts) {
      const transformer = attacher.apply(this, opts);
      if (typeof transformer !== 'function') return transformer;
      return async function (tree, file) {
        const t = cpu();
        const r = await transformer.call(this, tree, file);
        costs.set(name, (costs.get(name) ?? 0) + cpu() - t);
        return r;
      };
    };
    Object.defineProperty(wrapped, 'name', { value: name });
    p.use(wrapped, ...params);
  }
  return p.freeze();
}
globalThis.__unified = await import(pathToFileURL(path.join(ROOT, 'node_modules/unified/index.js')).href);

// Parse cost: processors made of the attachers up to each syntax plugin (parse uses only their extensions).
const prefixes = [];
for (let i = 1; i <= attachers.length; i++) {
  const p = globalThis.__unified.unified();
  for (const [a, ...params] of attachers.slice(0, i)) p.use(a, ...params);
  prefixes.push({ name: nameOf(attachers[i - 1]), p: p.freeze() });
}
const syntaxIdx = [];
{
  // A plugin is a syntax plugin when it adds micromark extensions.
  let before = 0;
  for (let i = 0; i < prefixes.length; i++) {
    const ext = (prefixes[i].p.data('micromarkExtensions') ?? []).length + (prefixes[i].p.data('fromMarkdownExtensions') ?? []).length;
    if (i === 0 || ext > before) syntaxIdx.push(i);
    before = ext;
  }
}
const timed = timedProcessor();

async function pass() {
  costs.clear();
  const parse = new Map();
  for (const i of syntaxIdx) {
    const t = cpu();
    for (const b of bodies) prefixes[i].p.parse(b);
    parse.set(i, cpu() - t);
  }
  let stringify = 0, search = 0, fullParse = 0;
  for (let i = 0; i < bodies.length; i++) {
    const file = new VFile({ path: names[i] });
    file.data.inkstoneMath = 'auto';
    file.data.inkstoneMarkdown = emptyState();
    let t = cpu();
    const tree = timed.parse(bodies[i]);
    fullParse += cpu() - t;
    const hast = await timed.run(tree, file);
    t = cpu();
    const html = timed.stringify(hast, file);
    stringify += cpu() - t;
    t = cpu();
    plainTextOf(html, { code: false });
    search += cpu() - t;
  }
  const rows = [];
  let prev = 0;
  for (const i of syntaxIdx) {
    rows.push([`parse: ${i === 0 ? 'remark-parse (micromark + mdast-util-from-markdown)' : `+ ${prefixes[i].name} (syntax extension)`}`, parse.get(i) - prev]);
    prev = parse.get(i);
  }
  for (const [name, ms] of costs) rows.push([`run: ${name}`, ms]);
  rows.push(['rehype-stringify', stringify]);
  rows.push(['search text (plainTextOf of the HTML)', search]);
  const total = fullParse + [...costs.values()].reduce((a, b) => a + b, 0) + stringify + search;
  rows.push(['total (full parse + run + stringify + search text)', total]);
  return rows;
}

await pass(); // warm-up
const passes = [];
for (let k = 0; k < PASSES; k++) passes.push(await pass());
const med = (xs) => { const v = [...xs].sort((a, b) => a - b); return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2; };
const total = med(passes.map((p) => p[p.length - 1][1]));
console.log(`Markdown pipeline, CPU ms per post: ${bodies.length} posts of ${dir}, highlight ${highlight ? 'on' : 'off'}, median of ${PASSES} passes after a warm-up (Node ${process.version})`);
console.log('');
console.log('| step | ms/post | share |');
console.log('| --- | ---: | ---: |');
for (let r = 0; r < passes[0].length; r++) {
  const ms = med(passes.map((p) => p[r][1])) / bodies.length;
  console.log(`| ${passes[0][r][0]} | ${ms.toFixed(3)} | ${(100 * ms * bodies.length / total).toFixed(1)}% |`);
}
