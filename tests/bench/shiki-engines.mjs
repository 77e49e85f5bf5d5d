#!/usr/bin/env node
// Shiki's Oniguruma (WASM) engine against its JavaScript regex engine: start-up, CPU per block, and whether
// the HTML is identical, on the fenced code blocks of a folder of Markdown posts (by default the bench
// corpus's first 1,000 posts, made by plugins.mjs; also try tests/fixtures) with our themes and options.
//
//   node tests/bench/shiki-engines.mjs [--dir POSTS_DIR] [--repeat R]
//
// Each engine runs in a fresh child process (so neither warms the other): create the highlighter, load the
// languages used, highlight every block once (first use compiles the grammars), then R more times.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };

if (process.argv[2] === '--child') {
  const [engineName, file, repeat] = process.argv.slice(3);
  const blocks = JSON.parse(fs.readFileSync(file, 'utf8'));
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  let t = cpu();
  const shiki = await import('shiki');
  const { bundledLanguages } = await import('shiki/langs');
  const engine = engineName === 'js'
    ? shiki.createJavaScriptRegexEngine()
    : shiki.createOnigurumaEngine(import('shiki/wasm'));
  const langs = [...new Set(blocks.map((b) => b.lang))].filter((l) => Object.hasOwn(bundledLanguages, l));
  const hl = await shiki.createHighlighter({ themes: ['github-light', 'github-dark'], langs, engine });
  const start = cpu() - t;
  const themes = { light: 'github-light', dark: 'github-dark' };
  const known = blocks.filter((b) => langs.includes(b.lang));
  const h = crypto.createHash('sha256');
  const per = new Map();
  const mismatchInputs = [];
  t = cpu();
  const htmls = known.map((b) => {
    let html;
    try { html = hl.codeToHtml(b.text, { lang: b.lang, themes, defaultColor: false, tokenizeTimeLimit: 0 }); } catch (e) { html = `ERROR ${e.message}`; }
    h.update(html).update('\0');
    return html;
  });
  const first = cpu() - t;
  t = cpu();
  for (let r = 0; r < +repeat; r++) {
    for (const b of known) {
      const t0 = cpu();
      hl.codeToHtml(b.text, { lang: b.lang, themes, defaultColor: false, tokenizeTimeLimit: 0 });
      per.set(b.lang, (per.get(b.lang) ?? 0) + cpu() - t0);
    }
  }
  const again = cpu() - t;
  fs.writeFileSync(`${file}.${engineName}.out`, JSON.stringify({ start, first, again, blocks: known.length, digest: h.digest('hex'), htmls, per: Object.fromEntries(per) }));
  process.exit(0);
}

let dir = arg('--dir', null);
const repeat = +arg('--repeat', 3);
if (!dir) {
  dir = path.join(HERE, 'work', 'plugins-1000', 'content', 'posts');
  if (!fs.existsSync(dir)) spawnSync(process.execPath, [path.join(HERE, 'gen-corpus.mjs'), '--n', '1000', '--out', path.dirname(path.dirname(dir)), '--layout', 'inkstone', '--seed', '42'], { stdio: 'inherit' });
}
const files = [];
(function walk(d) { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else if (e.isFile() && e.name.endsWith(".md")) files.push(p); } })(dir);
files.sort();
const blocks = [];
for (const f of files) {
  const text = fs.readFileSync(f, 'utf8');
  for (const m of text.matchAll(/^```([A-Za-z0-9_+-]+)[^\n]*\n([\s\S]*?)\n```$/gm)) blocks.push({ lang: m[1].toLowerCase(), text: m[2] });
}
const tmp = path.join(HERE, 'work', `shiki-blocks-${process.pid}.json`);
fs.mkdirSync(path.dirname(tmp), { recursive: true });
fs.writeFileSync(tmp, JSON.stringify(blocks));
const run = (engine) => {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', engine, tmp, String(repeat)], { encoding: 'utf8', cwd: path.resolve(HERE, '../..') });
  if (r.status !== 0) throw new Error(r.stderr.slice(-2000));
  const out = `${tmp}.${engine}.out`;
  const res = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(out);
  return res;
};
const oniguruma = run('oniguruma');
const js = run('js');
fs.rmSync(tmp);
const unique = new Set(blocks.map((b) => `${b.lang}\0${b.text}`)).size;
console.log(`${blocks.length} code blocks (${unique} distinct) in ${files.length} files of ${dir}; languages ${[...new Set(blocks.map((b) => b.lang))].sort().join(', ')}`);
console.log('| engine | start (create + load grammars), CPU ms | first pass, CPU ms/block | later passes, CPU ms/block |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, r] of [['Oniguruma (WASM)', oniguruma], ['JavaScript regex', js]]) {
  console.log(`| ${name} | ${r.start.toFixed(0)} | ${(r.first / r.blocks).toFixed(3)} | ${(r.again / r.blocks / repeat).toFixed(3)} |`);
}
const diff = oniguruma.htmls.map((h, i) => (h === js.htmls[i] ? -1 : i)).filter((i) => i >= 0);
console.log(`HTML identical: ${diff.length === 0 ? 'yes' : `no, ${diff.length} of ${oniguruma.blocks} blocks differ (languages ${[...new Set(diff.map((i) => blocks[i].lang))].join(', ')})`}`);
console.log(`per language, later passes, CPU ms/block (Oniguruma / JavaScript): ${Object.keys(oniguruma.per).sort().map((l) => { const n = blocks.filter((b) => b.lang === l).length * repeat; return `${l} ${(oniguruma.per[l] / n).toFixed(2)} / ${((js.per[l] ?? NaN) / n).toFixed(2)}`; }).join('; ')}`);
