/**
 * Markdown stage benchmark: ms/post of createBodyRenderer over 200 generated,
 * varied posts (Chinese and English prose, code in 8 languages, tables, lists,
 * math, images, alerts, footnotes, links), highlight on or off.
 *
 *   npm run compile && node tests/bench/markdown-stage.mjs [on|off]
 *
 * "cold" includes creating the Shiki highlighter and loading grammars; "warm"
 * is a second and third pass with the same renderer.
 */
import { fileURLToPath } from 'node:url'
import { VFile } from 'vfile'
const modulePath = process.env.INKSTONE_MARKDOWN ?? new URL('../../.build/src/markdown/index.js', import.meta.url).href
const { createBodyRenderer } = await import(modulePath)
const highlight = process.argv[2] !== 'off'
const root = fileURLToPath(new URL('../fixtures/markdown/assets', import.meta.url))
const zh = '砚是一个为个人博客设计的静态网站生成器，它对中文和英文都有很好的支持。我们希望它足够快，也足够简单。'
const en = 'Inkstone is a static site generator for personal blogs. It should be fast and simple, with good defaults for **mixed** Chinese and English writing, and [links](https://example.com).'
const codes = [
  ['ts', 'interface Post {\n  title: string\n  date: Date\n}\nexport function render(p: Post): string {\n  return `<h1>${p.title}</h1>`\n}\n'],
  ['python', 'def fib(n):\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a\n'],
  ['bash', 'npm install inkstone\nnpx inkstone build --drafts\nfor f in *.md; do echo "$f"; done\n'],
  ['rust', 'fn main() {\n    let v: Vec<i32> = (0..10).map(|x| x * 2).collect();\n    println!("{:?}", v);\n}\n'],
  ['json', '{\n  "name": "inkstone",\n  "version": "0.1.0"\n}\n'],
  ['yaml', 'title: 砚\nurl: https://example.com/\npaginate: 10\n'],
  ['go', 'package main\nimport "fmt"\nfunc main() { fmt.Println("hi") }\n'],
  ['css', 'body { color: red; }\n.a > .b { margin: 0 auto; }\n']
]
function post(i) {
  const parts = [`# 标题 ${i}`, zh + zh + '\n' + zh, en + ' ' + en]
  for (let s = 0; s < 3 + (i % 5); s++) {
    parts.push(`## 第 ${s} 节 Section ${s}`)
    parts.push(i % 2 ? zh.repeat(3) : en + '\n' + en)
    if ((i + s) % 2 === 0) { const [l, c] = codes[(i + s) % codes.length]; parts.push('```' + l + '\n' + c.repeat(1 + (i % 3)) + '```') }
    if ((i + s) % 4 === 1) parts.push('| 名称 | 值 | Note |\n| --- | --- | --- |\n' + '| 砚 | 1 | `code` |\n'.repeat(6))
    if ((i + s) % 7 === 3) parts.push('- 列表项一\n- item two with *em*\n- [ ] task')
    if (i % 10 === 4 && s === 1) parts.push('公式 $e^{i\\pi}+1=0$ 以及\n\n$$\n\\sum_{k=1}^n k = \\frac{n(n+1)}{2}\n$$')
    if (i % 6 === 2 && s === 0) parts.push('![猫](cat.png "一只猫")\n\n> [!TIP]\n> 小提示。')
    if (i % 5 === 0 && s === 0) parts.push('<!-- more -->')
    if (s === 1) parts.push('See [other](../other.md#某个标题) and a note[^1].\n\n[^1]: 脚注内容。')
  }
  return parts.join('\n\n') + '\n'
}
const posts = Array.from({ length: 200 }, (_, i) => post(i))
const chars = posts.reduce((n, p) => n + p.length, 0)
const render = createBodyRenderer({ root, highlight, summaryLength: 140 })
/** One pass: wall ms/post and CPU ms/post (CPU time is steadier on a shared, busy machine). */
async function pass() {
  const t = performance.now()
  const cpu = process.cpuUsage()
  let problems = 0
  for (let i = 0; i < posts.length; i++) {
    const file = new VFile({ path: `p${i}.md` })
    await render(file, posts[i])
    problems += file.messages.length
  }
  const used = process.cpuUsage(cpu)
  const ms = (n) => (n / posts.length).toFixed(2)
  return { wall: ms(performance.now() - t), cpu: ms((used.user + used.system) / 1000), problems }
}
const cold = await pass()
const warm = await pass()
const warm2 = await pass()
console.log(
  `highlight=${highlight} posts=${posts.length} avg ${Math.round(chars / posts.length)} chars | ms/post wall (cpu): ` +
    `cold ${cold.wall} (${cold.cpu}), warm ${warm.wall} (${warm.cpu}), ${warm2.wall} (${warm2.cpu}) | problems ${cold.problems}`
)
