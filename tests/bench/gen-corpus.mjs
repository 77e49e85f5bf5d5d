#!/usr/bin/env node
// Copied from shared/bench/gen-corpus.mjs (the generator behind shared/bench/RESULTS.md) so that the
// benchmark is self-contained. Post generation is unchanged: the same --n/--seed gives byte-identical posts
// to the ones the peers were measured on. Changed for Inkstone's benchmark (tests/bench/run.mjs):
//   - the `inkstone` layout writes the site.yaml keys of Inkstone's CLI contract (paginate, permalink,
//     highlight; url https://bench.example/) and makes 硬着陆 / 硬通货 sub-columns of 硬骨头 (`parent:`);
//   - --highlight true|false sets `highlight:` in that site.yaml (run.mjs also rewrites it between series).
//
// Deterministic blog-corpus generator (plain Node, no dependencies).
//
//   node gen-corpus.mjs --n 4000 --out DIR --layout hugo|hexo|eleventy|jekyll|plain [--seed 42]
//
// Writes N Markdown posts with YAML front matter (title, date, tags, optional
// column) where each SSG expects them:
//   hugo      DIR/content/posts/post-00001.md
//   hexo      DIR/source/_posts/post-00001.md
//   eleventy  DIR/posts/post-00001.md
//   jekyll    DIR/_posts/YYYY-MM-DD-post-00001.md   (date in +08:00)
//   plain     DIR/posts/post-00001.md
//   inkstone  DIR/content/posts/post-00001.md, plus DIR/content/site.yaml and DIR/content/columns/<id>.md
// The same --n/--seed gives byte-identical post contents for every layout.
// Bodies avoid `{{`, `{%` and `{#` so Liquid/Nunjucks pre-processing
// (Eleventy, Jekyll, Hexo) leaves them alone.
import fs from 'node:fs';
import path from 'node:path';

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const a = { n: 1000, out: null, layout: 'plain', seed: 42, highlight: true };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1];
    if (k === '--n') { a.n = parseInt(v, 10); i++; }
    else if (k === '--out') { a.out = v; i++; }
    else if (k === '--layout') { a.layout = v; i++; }
    else if (k === '--seed') { a.seed = parseInt(v, 10); i++; }
    else if (k === '--highlight') { a.highlight = v !== 'false'; i++; }
    else if (k === '-h' || k === '--help') { a.help = true; }
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}
const args = parseArgs(process.argv.slice(2));
const LAYOUTS = {
  hugo: 'content/posts',
  hexo: 'source/_posts',
  eleventy: 'posts',
  jekyll: '_posts',
  plain: 'posts',
  inkstone: 'content/posts',
};
if (args.help || !args.out || !(args.layout in LAYOUTS) || !(args.n > 0)) {
  console.error('usage: node gen-corpus.mjs --n N --out DIR --layout hugo|hexo|eleventy|jekyll|plain|inkstone [--seed S]');
  process.exit(args.help ? 0 : 2);
}

// ---------------------------------------------------------------- PRNG
// mulberry32: tiny, fast, deterministic.
function mulberry32(seed) {
  let t = seed >>> 0;
  return function () {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(args.seed);
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
const chance = (p) => rnd() < p;
function sample(arr, k) {
  const c = arr.slice();
  const out = [];
  for (let i = 0; i < k && c.length; i++) out.push(c.splice(Math.floor(rnd() * c.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------- vocab
const TAGS = [
  // 30 English
  'JavaScript', 'TypeScript', 'Node.js', 'Rust', 'Go', 'Python', 'Linux', 'Docker',
  'Kubernetes', 'PostgreSQL', 'SQLite', 'React', 'Vue', 'CSS', 'WebAssembly', 'Git',
  'Vim', 'Emacs', 'Security', 'Performance', 'Testing', 'DevOps', 'Open Source', 'Networking',
  'Compilers', 'Databases', 'Machine Learning', 'Static Sites', 'Markdown', 'Unicode',
  // 30 Chinese
  '读书', '电影', '音乐', '旅行', '摄影', '随笔', '生活', '工作', '编程', '算法',
  '数据库', '前端', '后端', '运维', '架构', '开源', '翻译', '播客', '咖啡', '跑步',
  '城市', '历史', '经济', '写作', '游戏', '设计', '教育', '健康', '科幻', '周记',
];
if (TAGS.length !== 60) throw new Error('tag pool must have 60 entries');
const COLUMNS = ['硬骨头', '硬着陆', '硬通货', '硬吹死挺', '周末夜狂热'];

const ZH_TOPICS = ['静态网站', '类型系统', '垃圾回收', '并发模型', '缓存失效', '日志系统', '编译器',
  '命名', '技术债', '代码评审', '增量构建', '字体渲染', '时区', '正则表达式', '单元测试', '发布流程',
  '搜索引擎', '分布式锁', '消息队列', '性能调优', '读书笔记', '城市漫步', '手冲咖啡', '长跑', '老电影'];
const EN_TOPICS = ['Static Site Generators', 'Type Inference', 'Garbage Collection', 'Async I/O',
  'Cache Invalidation', 'Structured Logging', 'Incremental Builds', 'Unicode Normalization',
  'Time Zones', 'Regular Expressions', 'Property Testing', 'Release Engineering', 'Full-Text Search',
  'Distributed Locks', 'Message Queues', 'Profiling', 'Memory Layout', 'Build Systems', 'Markdown Parsers',
  'SQLite Internals', 'Terminal Emulators', 'Font Hinting', 'HTTP Caching', 'Code Review', 'Monorepos'];
const ZH_TITLE_PATTERNS = [
  (t) => `关于${t}的${pick(['三', '五', '七', '几'])}点思考`,
  (t) => `${t}踩坑记`,
  (t) => `重新认识${t}`,
  (t) => `${t}：从入门到放弃`,
  (t) => `聊聊${t}`,
  (t) => `${t}小记（${int(1, 12)}）`,
  (t) => `为什么我不再相信${t}`,
];
const EN_TITLE_PATTERNS = [
  (t) => `Notes on ${t}`,
  (t) => `${t}: A Field Guide`,
  (t) => `What I Learned About ${t}`,
  (t) => `${t}, Revisited`,
  (t) => `A Short Tour of ${t}`,
  (t) => `Why ${t} Is Harder Than It Looks`,
  (t) => `${t} in ${int(100, 999)} Lines`,
];
const MIXED_TITLE_PATTERNS = [
  (t, e) => `${e} 笔记：${t}`,
  (t, e) => `用 ${e} 重写${t}`,
  (t, e) => `${t}与 ${e}`,
];

const ZH_SENTENCES = [
  '这件事情说起来简单，做起来却处处是坑。',
  '我花了整整一个周末才弄明白其中的道理。',
  '很多人以为问题出在工具上，其实根源在于我们对需求的理解。',
  '如果把时间线拉长来看，这种变化几乎是必然的。',
  '最早的版本只有几百行代码，后来慢慢膨胀到了几万行。',
  '性能问题往往不是出现在你以为的地方。',
  '读完这本书之后，我对这个领域的看法发生了很大的变化。',
  '城市的夜晚总是比白天更诚实一些。',
  '一杯手冲咖啡，一本旧书，就是一个完美的周末。',
  '我们在会议上争论了很久，最后还是决定先上线再说。',
  '回头看，当初的设计决定其实并没有那么糟糕。',
  '测试覆盖率很高，并不代表代码就没有问题。',
  '每一次重构都像是在给一辆行驶中的汽车换轮胎。',
  '文档写得好的项目，维护者通常也更有耐心。',
  '缓存是计算机科学里最难的两件事之一，另一件是命名。',
  '跑完这次半程马拉松，我才真正理解了什么叫配速。',
  '这座城市的老街区正在一点一点地消失。',
  '真正的瓶颈在磁盘读写，而不是CPU。',
  '换个角度想，这也许正是开源社区最迷人的地方。',
  '写作最难的部分永远是开头的第一句话。',
  '电影的最后十分钟几乎没有一句台词，却让人久久不能平静。',
  '他说得没错，复杂性不会消失，只会转移。',
  '我把这段经历记下来，希望对后来的人有所帮助。',
  '凌晨三点的报警电话，是每个运维工程师共同的记忆。',
];
const EN_WORDS = ('the a of to and in is that for it with as was on be by this are or from at which but not have ' +
  'build cache compile render parse output input file page site post tag template layout theme plugin ' +
  'fast slow memory thread process queue event loop stream buffer index table query schema migration ' +
  'release version branch commit merge review test bench profile trace metric latency throughput ' +
  'simple complex elegant fragile robust careful pragmatic obvious subtle surprising ' +
  'usually sometimes rarely always never quickly slowly eventually ' +
  'developer user reader writer maintainer team project library framework tool system').split(' ');
const EN_PHRASES = ['in practice', 'as it turns out', 'for what it is worth', 'to be fair',
  'in the long run', 'at the end of the day', 'more or less', 'by and large'];
const LINK_HOSTS = ['https://example.com', 'https://example.org', 'https://docs.example.net', 'https://blog.example.io'];
const CODE_BLOCKS = [
  ['js', `import fs from 'node:fs/promises';

export async function readPosts(dir) {
  const names = await fs.readdir(dir);
  const posts = [];
  for (const name of names.filter((n) => n.endsWith('.md'))) {
    const raw = await fs.readFile(\`\${dir}/\${name}\`, 'utf8');
    posts.push({ name, size: raw.length });
  }
  return posts.sort((a, b) => b.size - a.size);
}`],
  ['ts', `interface Post {
  slug: string;
  title: string;
  date: Date;
  tags: string[];
}

export function byDateDesc(a: Post, b: Post): number {
  return b.date.getTime() - a.date.getTime();
}

export const paginate = <T>(items: T[], size = 10): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));`],
  ['python', `import pathlib
import time


def build(src: pathlib.Path, out: pathlib.Path) -> int:
    count = 0
    start = time.perf_counter()
    for path in sorted(src.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        (out / path.with_suffix(".html").name).write_text(text.upper())
        count += 1
    print(f"built {count} pages in {time.perf_counter() - start:.2f}s")
    return count`],
  ['go', `package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	files, err := filepath.Glob("content/posts/*.md")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("found %d posts\\n", len(files))
}`],
  ['rust', `use std::collections::HashMap;

fn count_tags(posts: &[Vec<String>]) -> HashMap<&str, usize> {
    let mut counts = HashMap::new();
    for tags in posts {
        for tag in tags {
            *counts.entry(tag.as_str()).or_insert(0) += 1;
        }
    }
    counts
}`],
  ['bash', `#!/usr/bin/env bash
set -euo pipefail
rm -rf public
time hugo --minify
find public -name '*.html' | wc -l
du -sh public`],
  ['sql', `SELECT t.name, COUNT(*) AS posts
FROM tags t
JOIN post_tags pt ON pt.tag_id = t.id
GROUP BY t.name
HAVING COUNT(*) > 10
ORDER BY posts DESC
LIMIT 20;`],
  ['css', `:root {
  --fg: #222;
  --bg: #fdfdfd;
}
article h2 {
  margin-top: 2.5rem;
  border-bottom: 1px solid #ddd;
}
pre code { font-size: 0.875rem; }`],
];
const ZH_HEADINGS = ['背景', '问题在哪里', '一个简单的实验', '数据说话', '几点教训', '后记', '延伸阅读', '结论', '为什么会这样', '另一种思路'];
const EN_HEADINGS = ['Background', 'The Problem', 'A Small Experiment', 'Numbers', 'Lessons Learned',
  'Postscript', 'Further Reading', 'Conclusion', 'Why This Happens', 'Another Approach'];

// ---------------------------------------------------------------- generators
function enSentence() {
  const len = int(8, 18);
  const w = [];
  for (let i = 0; i < len; i++) {
    let word = pick(EN_WORDS);
    const r = rnd();
    if (r < 0.04) word = `*${word}*`;
    else if (r < 0.06) word = `**${word}**`;
    else if (r < 0.08) word = `\`${word}()\``;
    w.push(word);
  }
  if (chance(0.2)) w.splice(int(1, w.length - 1), 0, `${pick(EN_PHRASES)},`);
  let s = w.join(' ');
  s = s.replace(/[a-z]/, (c) => c.toUpperCase());
  return s + pick(['.', '.', '.', '?', '!']);
}
function link(text) {
  return `[${text}](${pick(LINK_HOSTS)}/${pick(['posts', 'docs', 'notes', 'wiki'])}/${int(1, 9999)})`;
}
function enParagraph() {
  const n = int(3, 6);
  const s = [];
  for (let i = 0; i < n; i++) s.push(enSentence());
  if (chance(0.5)) s.splice(int(0, s.length), 0, `See ${link(pick(EN_TOPICS).toLowerCase())} for details.`);
  return s.join(' ');
}
function zhParagraph() {
  const n = int(3, 7);
  const s = [];
  for (let i = 0; i < n; i++) {
    let x = pick(ZH_SENTENCES);
    const r = rnd();
    if (r < 0.12) x = x.replace(/^([\u4e00-\u9fff]{2,6})/, '**$1**');
    else if (r < 0.2) x = x.replace(/^([\u4e00-\u9fff]{2,5})/, '*$1*');
    s.push(x);
  }
  if (chance(0.4)) s.splice(int(0, s.length), 0, `参见${link(pick(ZH_TOPICS))}。`);
  return s.join('');
}
function paragraph() { return chance(0.55) ? zhParagraph() : enParagraph(); }
function list() {
  const ordered = chance(0.4);
  const n = int(3, 6);
  const items = [];
  for (let i = 0; i < n; i++) {
    const body = chance(0.5) ? pick(ZH_SENTENCES) : enSentence();
    items.push(`${ordered ? `${i + 1}.` : '-'} ${body}`);
  }
  return items.join('\n');
}
function codeBlock() {
  const [lang, code] = pick(CODE_BLOCKS);
  return '```' + lang + '\n' + code + '\n```';
}
function table() {
  const rows = int(3, 6);
  const lines = ['| 项目 | Pages | Time (s) | 备注 |', '| --- | ---: | ---: | --- |'];
  for (let i = 0; i < rows; i++) {
    lines.push(`| ${pick(['Hugo', 'Hexo', 'Jekyll', 'Eleventy', 'Zola', 'Astro'])} | ${int(100, 20000)} | ${(rnd() * 60).toFixed(2)} | ${pick(['冷启动', '增量', 'cold', 'warm', '—'])} |`);
  }
  return lines.join('\n');
}

function makeBody() {
  const target = int(1500, 3700);
  const nHead = int(2, 4);
  const wantTable = chance(0.35);
  const wantFootnote = chance(0.25);
  const blocks = [paragraph()];
  // Reserve special blocks in random sections.
  const listAt = int(0, nHead - 1);
  const codeAt = int(0, nHead - 1);
  const tableAt = wantTable ? int(0, nHead - 1) : -1;
  const sections = [];
  for (let h = 0; h < nHead; h++) {
    const sec = [`## ${chance(0.5) ? pick(ZH_HEADINGS) : pick(EN_HEADINGS)}`, paragraph()];
    if (h === listAt) sec.push(list());
    if (h === codeAt) sec.push(codeBlock());
    if (h === tableAt) sec.push(table());
    sections.push(sec);
  }
  const len = () => blocks.join('\n\n').length + sections.reduce((a, s) => a + s.join('\n\n').length + 2, 0);
  // Grow sections with paragraphs until the target length is reached.
  let guard = 0;
  while (len() < target && guard++ < 200) {
    const sec = sections[int(0, sections.length - 1)];
    sec.splice(int(2, sec.length), 0, paragraph());
  }
  for (const s of sections) blocks.push(...s);
  if (wantFootnote) {
    // Attach the reference to the first prose paragraph, definition at the end.
    blocks[0] = blocks[0] + '[^1]';
    blocks.push(`[^1]: ${chance(0.5) ? pick(ZH_SENTENCES) : enSentence()}`);
  }
  return blocks.join('\n\n') + '\n';
}

function makeTitle() {
  const r = rnd();
  if (r < 0.45) return pick(ZH_TITLE_PATTERNS)(pick(ZH_TOPICS));
  if (r < 0.85) return pick(EN_TITLE_PATTERNS)(pick(EN_TOPICS));
  return pick(MIXED_TITLE_PATTERNS)(pick(ZH_TOPICS), pick(['Rust', 'Go', 'TypeScript', 'Python', 'Hugo', 'SQLite']));
}

// Dates spread evenly (with jitter) over 2015-01-01 .. 2024-12-31, +08:00.
const START = Date.UTC(2015, 0, 1, 0, 0, 0) - 8 * 3600e3; // 2015-01-01T00:00+08:00
const SPAN = Date.UTC(2025, 0, 1) - Date.UTC(2015, 0, 1);
const pad = (x, w = 2) => String(x).padStart(w, '0');
function isoPlus8(ms) {
  const d = new Date(ms + 8 * 3600e3); // shift, then read UTC fields = local +08:00 fields
  return {
    iso: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`,
    day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  };
}
const yamlStr = (s) => JSON.stringify(s); // JSON strings are valid YAML double-quoted scalars

// ---------------------------------------------------------------- write
const dir = path.join(args.out, LAYOUTS[args.layout]);
fs.mkdirSync(dir, { recursive: true });
let bytes = 0;
let chars = 0;
for (let i = 1; i <= args.n; i++) {
  const slug = `post-${pad(i, 5)}`;
  const ms = START + Math.floor((i - 1 + rnd()) * (SPAN / args.n));
  const { iso, day } = isoPlus8(ms);
  const title = makeTitle();
  const tags = sample(TAGS, int(1, 4));
  const column = chance(0.6) ? pick(COLUMNS) : null;
  const body = makeBody();
  const fm = ['---', `title: ${yamlStr(title)}`, `date: ${iso}`, `tags: [${tags.map(yamlStr).join(', ')}]`];
  if (column) fm.push(`column: ${yamlStr(column)}`);
  fm.push('---', '');
  const text = fm.join('\n') + body;
  const name = args.layout === 'jekyll' ? `${day}-${slug}.md` : `${slug}.md`;
  fs.writeFileSync(path.join(dir, name), text);
  bytes += Buffer.byteLength(text);
  chars += body.length;
}
if (args.layout === 'inkstone') {
  const content = path.join(args.out, 'content');
  fs.writeFileSync(path.join(content, 'site.yaml'), [
    'title: "Bench Blog"', 'description: "A synthetic blog for benchmarks"', 'url: "https://bench.example/"',
    'language: zh-CN', 'timezone: Asia/Shanghai', 'author:', '  name: "Bench"', '  bio: "Synthetic author"',
    'paginate: 10', 'permalink: /posts/:slug/', `highlight: ${args.highlight}`, '',
  ].join('\n'));
  fs.mkdirSync(path.join(content, 'columns'), { recursive: true });
  // 硬骨头 is the parent of 硬着陆 and 硬通货; 硬吹死挺 and 周末夜狂热 are top-level columns.
  const PARENT = { 硬着陆: '硬骨头', 硬通货: '硬骨头' };
  COLUMNS.forEach((c, i) => fs.writeFileSync(path.join(content, 'columns', `${c}.md`),
    `---\ntitle: ${yamlStr(c)}\n${PARENT[c] ? `parent: ${yamlStr(PARENT[c])}\n` : ''}order: ${i + 1}\n---\nColumn ${c}.\n`));
}
console.error(`gen-corpus: ${args.n} posts -> ${dir} (${(bytes / 1048576).toFixed(1)} MiB, mean body ${Math.round(chars / args.n)} chars)`);
