#!/usr/bin/env node
// The bare stack's floor: gray-matter + unified (remark-parse, remark-gfm, remark-rehype, rehype-stringify),
// one frozen processor reused for every post, one thread, sync fs calls; each post's HTML wrapped in a trivial
// page and written to OUT_DIR/posts/<slug>/index.html. No tag, home or other pages, no templates.
//
//   node tests/bench/floor-unified.mjs SRC_POSTS_DIR OUT_DIR
//
// Merged from shared/bench/floor-unified.mjs and floor-lib.mjs (the floor (a) of shared/bench/RESULTS.md),
// unchanged but for loading the packages from this project's node_modules (the same versions as there:
// unified 11.0.5, remark-parse 11.0.0, remark-gfm 4.0.1, remark-rehype 11.1.2, rehype-stringify 10.0.1,
// gray-matter 4.0.3), so that it measures the very stack Inkstone runs on.
import fs from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify).freeze();
const render = (md) => String(processor.processSync(md));

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const tagSlug = (t) => String(t).trim().toLowerCase().replace(/[\s/?#%]+/g, '-');

const [src, out] = process.argv.slice(2);
if (!src || !out) {
  console.error(`usage: node ${path.basename(process.argv[1])} SRC_POSTS_DIR OUT_DIR`);
  process.exit(2);
}
const names = fs.readdirSync(src).filter((n) => n.endsWith('.md')).sort();
for (const name of names) {
  const raw = fs.readFileSync(path.join(src, name), 'utf8');
  const { data, content } = matter(raw);
  const body = render(content);
  const date = new Date(data.date);
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>${esc(data.title)} | Bench</title></head>
<body>
<header><a href="/">Bench</a></header>
<main>
<article>
<h1>${esc(data.title)}</h1>
<time datetime="${date.toISOString()}">${new Date(date.getTime() + 8 * 3600e3).toISOString().slice(0, 10)}</time>
${data.column ? `<p class="column">${esc(data.column)}</p>\n` : ''}<ul class="tags">${(data.tags || []).map((t) => `<li><a href="/tags/${esc(tagSlug(t))}/">${esc(t)}</a></li>`).join('')}</ul>
${body}
</article>
</main>
</body>
</html>
`;
  const dir = path.join(out, 'posts', name.replace(/\.md$/, ''));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), html);
}
console.log(`wrote ${names.length} pages`);
