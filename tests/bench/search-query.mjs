#!/usr/bin/env node
// The search index of a built site, as a reader meets it: the bytes a first query downloads (the engine
// script and the entry `search.json`, the query's token shards, and the map blocks and documents of the results the search box
// shows first, uncompressed), and the time from typing a query to its first results in Chromium (Debian's
// /usr/bin/chromium via playwright-core, a fresh profile per query, the site on a local static server).
//
//   node tests/bench/search-query.mjs --dist DIR [--runs R] [--json FILE] [--queries q1,q2,...]
//
// The engine is the compiled src/search/engine.js of the tool that built DIR (--engine PATH; default this
// tree's .build). The default queries suit tests/bench/gen-corpus.mjs: a common two-character word, longer
// phrases, a Latin word and a prefix, a mixed query, one character in every post, and a word on no page.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const SHOWN = 8; // results the search box shows first (templates/script.ts)
const DEFAULT_QUERIES = ['配速', '半程马拉松', '磁盘读写', 'throughput', 'rend', '缓存 render', '的', '标点挤压'];

function parseArgs(argv) {
  const a = { dist: null, runs: 5, json: null, engine: path.join(ROOT, '.build', 'src', 'search', 'engine.js'), queries: DEFAULT_QUERIES };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[++i];
    if (k === '--dist') a.dist = path.resolve(v);
    else if (k === '--runs') a.runs = parseInt(v, 10);
    else if (k === '--json') a.json = path.resolve(v);
    else if (k === '--engine') a.engine = path.resolve(v);
    else if (k === '--queries') a.queries = v.split(',');
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.dist) throw new Error('--dist DIR is required');
  return a;
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

/** Bytes of the files a first query reads, by kind, with the engine the site's script runs. */
async function firstQueryBytes(engineModule, dist, query) {
  const engine = engineModule.searchEngine();
  const entryText = fs.readFileSync(path.join(dist, 'search.json'));
  const read = new Map();
  const searcher = engine.searcher(JSON.parse(entryText), async (p) => {
    const bytes = fs.readFileSync(path.join(dist, 'search', p));
    read.set(p, bytes.length);
    return JSON.parse(bytes);
  });
  const run = await searcher.search(query);
  const results = await run.next(SHOWN);
  const sum = (dir) => [...read].filter(([p]) => p.startsWith(dir)).reduce((n, [, b]) => n + b, 0);
  // The engine script, fetched with the entry on the first search (its name is on every page).
  const engineFile = fs.readdirSync(path.join(dist, 'search')).find((f) => /^engine\.[0-9a-f]+\.js$/.test(f));
  const engineBytes = engineFile ? fs.statSync(path.join(dist, 'search', engineFile)).size : 0;
  return {
    query, results: results.length, candidates: run.candidates,
    engine: engineBytes, entry: entryText.length, shards: sum('i/'), maps: sum('m/'), docs: sum('d/'),
    total: engineBytes + entryText.length + [...read.values()].reduce((n, b) => n + b, 0),
  };
}

function serve(dir) {
  const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

/** Milliseconds from typing a query (into a page that has fetched nothing of the index) to its first results. */
async function timeToResults(chromium, origin, query) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'inkstone-search-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    await page.goto(origin + '/', { waitUntil: 'load' });
    return await page.evaluate((q) => new Promise((resolve, reject) => {
      const form = document.querySelector('form.search');
      const input = form.querySelector('input');
      const status = form.querySelector('.search-status');
      const t0 = performance.now();
      const done = () => form.querySelector('.search-results a') || (status.textContent && status.textContent !== '…');
      const observer = new MutationObserver(() => {
        if (!done()) return;
        observer.disconnect();
        resolve(performance.now() - t0);
      });
      observer.observe(form, { subtree: true, childList: true, characterData: true });
      setTimeout(() => { observer.disconnect(); reject(new Error(`no results for ${q} after 20 s`)); }, 20000);
      input.focus();
      input.value = q;
      input.dispatchEvent(new Event('input'));
    }), query);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const engineModule = await import(pathToFileURL(args.engine).href);
  const entry = JSON.parse(fs.readFileSync(path.join(args.dist, 'search.json'), 'utf8'));
  const files = (d) => fs.readdirSync(path.join(args.dist, 'search', d));
  const size = (d) => files(d).reduce((n, f) => n + fs.statSync(path.join(args.dist, 'search', d, f)).size, 0);
  const index = { posts: entry.n, shards: entry.s, entryBytes: fs.statSync(path.join(args.dist, 'search.json')).size, shardBytes: size('i'), mapBytes: size('m'), docBytes: size('d'), files: files('i').length + files('m').length + files('d').length };
  console.log(`search index: ${index.posts} posts, entry ${(index.entryBytes / 1024).toFixed(1)} KB, ${index.shards} shards ${(index.shardBytes / 2 ** 20).toFixed(1)} MiB, map ${(index.mapBytes / 1024).toFixed(0)} KB, documents ${(index.docBytes / 2 ** 20).toFixed(1)} MiB, ${index.files} files`);

  const bytes = [];
  for (const q of args.queries) bytes.push(await firstQueryBytes(engineModule, args.dist, q));
  console.log('first query, uncompressed KB: engine script + entry + shards + map blocks + documents = total (results shown / candidates)');
  for (const b of bytes) {
    const kb = (n) => (n / 1024).toFixed(1);
    console.log(`  ${b.query.padEnd(12)} ${kb(b.engine)} + ${kb(b.entry)} + ${kb(b.shards)} + ${kb(b.maps)} + ${kb(b.docs)} = ${kb(b.total)} KB (${b.results} / ${b.candidates})`);
  }

  let times = null;
  if (args.runs > 0 && fs.existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core');
    const server = await serve(args.dist);
    const origin = `http://127.0.0.1:${server.address().port}`;
    times = [];
    try {
      for (const q of args.queries) {
        const ms = [];
        for (let i = 0; i < args.runs; i++) ms.push(await timeToResults(chromium, origin, q));
        times.push({ query: q, ms: ms.map((x) => +x.toFixed(1)), median: +median(ms).toFixed(1), min: +Math.min(...ms).toFixed(1), max: +Math.max(...ms).toFixed(1) });
      }
    } finally {
      server.close();
    }
    console.log(`time to first results in Chromium (typing the query → results shown, cold profile, local server), ${args.runs} runs, ms:`);
    for (const t of times) console.log(`  ${t.query.padEnd(12)} median ${t.median}  min–max ${t.min}–${t.max}`);
  } else console.log(`time to first results: skipped (${args.runs > 0 ? '/usr/bin/chromium is missing' : '--runs 0'})`);

  const worst = Math.max(...bytes.map((b) => b.total));
  console.log(`largest first-query download: ${(worst / 1024).toFixed(1)} KB; slowest median time to results: ${times ? Math.max(...times.map((t) => t.median)) : '–'} ms; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  if (args.json) fs.writeFileSync(args.json, JSON.stringify({ index, bytes, times, loadavg: os.loadavg() }, null, 1));
}

main().catch((e) => { console.error(`[search-query] ${e.stack || e}`); process.exit(2); });
