// Times the Markdown stack on pathological inputs at growing sizes, to find what it handles in super-linear time.
// `npm run compile && node tests/bench/pathological.mjs [--max-ms 20000] [pattern ...]`
// Each pattern is timed at sizes n, 2n, 4n… (parse + run + stringify of the body renderer, highlighting off,
// one fresh file each, in this process) until one size takes longer than --max-ms; the last column is the
// exponent of the growth between the two largest sizes (1 = linear, 2 = quadratic).
import { VFile } from 'vfile'
import { createBodyRenderer } from '../../.build/src/markdown/index.js'

const args = process.argv.slice(2)
const maxAt = args.indexOf('--max-ms')
const maxMs = maxAt >= 0 ? Number(args.splice(maxAt, 2)[1]) : 20_000

/** Pattern name → [first size, generator of about that many units]. */
const patterns = {
  'nested quotes (depth n)': [50, (n) => '>'.repeat(n) + ' a\n'],
  'nested lists by indent (depth n)': [25, (n) => Array.from({ length: n }, (_, i) => '  '.repeat(i) + '- a').join('\n') + '\n'],
  'nested lists on one line (depth n)': [25, (n) => '- '.repeat(n) + 'a\n'],
  'lists depth 16, n copies': [100, (n) => Array.from({ length: n }, () => Array.from({ length: 16 }, (_, i) => '  '.repeat(i) + '- a').join('\n')).join('\n\n') + '\n'],
  'quotes depth 32, n copies': [500, (n) => ('>'.repeat(32) + ' a\n\n').repeat(n)],
  'run of * (n)': [10_000, (n) => 'a ' + '*'.repeat(n) + ' b\n'],
  'unclosed *a (n)': [5_000, (n) => '*a '.repeat(n) + '\n'],
  'unclosed _a (n)': [5_000, (n) => '_a '.repeat(n) + '\n'],
  'nested emphasis *a **b (n)': [1_000, (n) => '*a **b '.repeat(n) + 'c' + '** d*'.repeat(n) + '\n'],
  'run of [ (n)': [5_000, (n) => '['.repeat(n) + 'a\n'],
  'unclosed [a]( (n)': [2_000, (n) => '[a]('.repeat(n) + '\n'],
  'nested links [[[a]]] (n)': [1_000, (n) => '['.repeat(n) + 'a' + '](u)'.repeat(n) + '\n'],
  'images ![ (n)': [5_000, (n) => '!['.repeat(n) + 'a\n'],
  'backtick runs of growing length (n)': [300, (n) => Array.from({ length: n }, (_, i) => '`'.repeat(i + 1) + 'a').join(' ') + '\n'],
  'run of ` (n)': [10_000, (n) => '`'.repeat(n) + 'a\n'],
  'unclosed <a (n)': [5_000, (n) => '<a '.repeat(n) + '\n'],
  'unclosed $ math (n)': [5_000, (n) => '$a '.repeat(n) + '\n'],
  'unclosed ~~ (n)': [5_000, (n) => '~~a '.repeat(n) + '\n'],
  'table with n columns, 20 rows': [500, (n) => ['|' + 'a|'.repeat(n), '|' + '-|'.repeat(n), ...Array(20).fill('|' + 'b|'.repeat(n))].join('\n') + '\n'],
  'table header n columns, 1 row of 1 cell': [1_000, (n) => ['|' + 'a|'.repeat(n), '|' + '-|'.repeat(n), ...Array(200).fill('|x')].join('\n') + '\n'],
  'footnote refs [^n] (n)': [2_000, (n) => Array.from({ length: n }, (_, i) => `[^${i}]`).join(' ') + '\n\n' + Array.from({ length: n }, (_, i) => `[^${i}]: n${i}`).join('\n') + '\n'],
  'link reference definitions (n)': [2_000, (n) => Array.from({ length: n }, (_, i) => `[l${i}]`).join(' ') + '\n\n' + Array.from({ length: n }, (_, i) => `[l${i}]: /u${i}`).join('\n') + '\n'],
  'headings (n), same text': [1_000, (n) => Array.from({ length: n }, () => '## Same').join('\n\n') + '\n'],
  'plain text (n lines)': [2_000, (n) => 'A plain line of prose, 中文也有。\n'.repeat(n)]
}

const render = createBodyRenderer({ root: process.cwd(), highlight: false, summaryLength: 140, language: 'en' })
// Warm up the stack once.
await render(new VFile({ path: 'warm.md' }), '# warm\n\ntext *em* [l](u)\n')

const only = args.length > 0 ? args : Object.keys(patterns)
console.log('| pattern | sizes (bytes → ms) | growth exponent |')
console.log('| --- | --- | --- |')
for (const name of only) {
  const [first, make] = patterns[name]
  const points = []
  for (let n = first; ; n *= 2) {
    const text = make(n)
    const started = performance.now()
    let note = ''
    try {
      await render(new VFile({ path: 'p.md' }), text)
    } catch (error) {
      note = ` (${error.constructor.name})`
    }
    const ms = performance.now() - started
    points.push([text.length, ms, note])
    if (ms > maxMs || points.length >= 6 || note) break
  }
  const [a, b] = points.slice(-2)
  const exponent = b && a[1] > 5 ? (Math.log(b[1] / a[1]) / Math.log(b[0] / a[0])).toFixed(2) : '–'
  console.log(`| ${name} | ${points.map(([bytes, ms, note]) => `${bytes} → ${ms.toFixed(0)}${note}`).join(', ')} | ${exponent} |`)
}
