import { describe, expect, it } from 'vitest'
import { VFile } from 'vfile'
import { splitFrontMatter } from '../../../src/content/front-matter.js'
import { postMatter } from '../../../src/content/fields.js'

const split = (text: string) => {
  const file = new VFile({ path: 'content/posts/a.md' })
  return { file, result: splitFrontMatter(file, text) }
}

describe('splitFrontMatter', () => {
  it('keeps the body on the file lines', () => {
    const { result } = split('---\ntitle: A\ndate: 2022-10-21\n---\n\n# Hi\n')
    expect(result.body.split('\n')[5]).toBe('# Hi')
    expect(result.body.split('\n').length).toBe(7)
    expect(result.keys.date).toEqual({ line: 3, column: 1 })
    expect(result.data).toEqual({ title: 'A', date: '2022-10-21' })
  })

  it('points YAML syntax errors at the line in the file', () => {
    const { file, result } = split('---\ntitle: A\ndate: 2022-10-21\ntags: [a, b\nslug: x\n---\nbody\n')
    expect(result.ok).toBe(false)
    expect(file.messages[0].ruleId).toBe('yaml-syntax')
    expect(file.messages[0].line).toBeGreaterThanOrEqual(4)
    expect(file.messages[0].line).toBeLessThanOrEqual(6)
  })

  it('rejects front matter that is not a mapping', () => {
    const { file } = split('---\n- a\n- b\n---\nbody\n')
    expect(file.messages[0].ruleId).toBe('front-matter-type')
  })

  it('never runs JavaScript front matter: an error at 1:1 of the file', () => {
    const flag = '__inkstoneFrontMatterRan'
    for (const open of ['---js', '---javascript', '--- JS ', '---JavaScript']) {
      const { file, result } = split(`${open}\nglobalThis.${flag} = true; ({ title: 'x' })\n---\nbody\n`)
      expect(result.ok).toBe(false)
      expect(file.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['front-matter-language', 1, 1]])
    }
    expect((globalThis as Record<string, unknown>)[flag]).toBeUndefined()
  })

  it('refuses every language but YAML, known to gray-matter or not, without throwing', () => {
    for (const language of ['coffee', 'cson', 'json', 'toml', '__proto__', 'constructor', 'toString', 'x'.repeat(300)]) {
      const { file, result } = split(`---${language}\n{"title": "x"}\n---\nbody\n`)
      expect(result.ok, language).toBe(false)
      expect(file.messages.map((m) => m.ruleId)).toEqual(['front-matter-language'])
      expect(file.messages[0].reason.length).toBeLessThan(100)
    }
  })

  it('accepts YAML named as such, in any case', () => {
    for (const open of ['---yaml', '---yml', '---YAML', '--- yaml']) {
      const { result } = split(`${open}\ntitle: A\n---\nbody\n`)
      expect(result).toMatchObject({ ok: true, data: { title: 'A' } })
    }
  })

  it('does not cut an excerpt at an excerpt_separator from the data', () => {
    const { result } = split('---\ntitle: A\nexcerpt_separator: cut\n---\nbefore cut after\n')
    expect(result.ok).toBe(true)
    expect(result.body.endsWith('before cut after\n')).toBe(true)
  })

  it('bounds aliases: a "billion laughs" document is an error, not a huge value', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for (let i = 1; i < 10; i++) {
      const name = String.fromCharCode(97 + i)
      const prev = String.fromCharCode(96 + i)
      lines.push(`${name}: &${name} [${Array(9).fill('*' + prev).join(', ')}]`)
    }
    const { file, result } = split(`---\ntitle: Laughs\n${lines.join('\n')}\n---\nbody\n`)
    expect(result.ok).toBe(false)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['yaml-aliases'])
    // An alias of no anchor is a syntax error, not an expansion.
    expect(split('---\ntitle: *nope\n---\n').file.messages.map((m) => m.ruleId)).toEqual(['yaml-syntax'])
    // A few aliases are fine.
    expect(split('---\nx: &x [1, 2]\ny: *x\n---\n').result.data).toEqual({ x: [1, 2], y: [1, 2] })
  })

  it('refuses YAML nested deeper than the limit, at the line where it goes too deep, without recursion', () => {
    const deepFlow = `---\ntitle: A\nx: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n`
    const { file } = split(deepFlow)
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['nesting-too-deep', 3]])
    let block = '---\n'
    for (let i = 0; i < 1000; i++) block += ' '.repeat(i) + 'k:\n'
    const deepBlock = split(block + '---\n')
    expect(deepBlock.file.messages.map((m) => m.ruleId)).toEqual(['nesting-too-deep'])
    // 64 levels are fine.
    const ok = split(`---\nx: ${'['.repeat(63)}1${']'.repeat(63)}\n---\n`)
    expect(ok.result.ok).toBe(true)
  })

  it('refuses a __proto__ key anywhere (found by the fuzzer: copying it set a prototype and crashed the build)', () => {
    for (const text of ['---\n__proto__: !!binary aGk=\n---\n', '---\ntitle: A\nmood: {a: {__proto__: 1}}\n---\n']) {
      const { file, result } = split(text)
      expect(result.ok).toBe(false)
      expect(file.messages.map((m) => [m.ruleId, m.reason])).toEqual([['yaml-syntax', 'The key `__proto__` is not allowed']])
    }
  })

  it('accepts a file without front matter', () => {
    const { result } = split('just text\n')
    expect(result).toMatchObject({ ok: true, data: {}, body: 'just text\n' })
  })
})

describe('postMatter', () => {
  const matter = (text: string) => {
    const { file, result } = split(text)
    return { file, matter: postMatter(file, result, 'Asia/Shanghai') }
  }

  it('reads tags as a list or a comma-separated string', () => {
    expect(matter('---\ntitle: A\ndate: 2022-10-21\ntags: [a, b, a]\n---\n').matter.tags).toEqual(['a', 'b'])
    expect(matter('---\ntitle: A\ndate: 2022-10-21\ntags: 读书, Node.js，随笔\n---\n').matter.tags).toEqual(['读书', 'Node.js', '随笔'])
  })

  it('reports every problem at its key', () => {
    const { file } = matter('---\ndate: 2022-13-45\ntags: {a: 1}\nslug: a/b\ndraft: maybe\n---\n')
    const got = file.messages.map((m) => [m.ruleId, m.line, m.column])
    expect(got).toEqual([
      ['missing-title', 1, 1],
      ['invalid-date', 2, 7],
      ['invalid-field', 3, 7],
      ['invalid-field', 5, 8],
      ['invalid-slug', 4, 7]
    ])
    expect(file.messages.every((m) => m.fatal)).toBe(true)
  })

  it.each(['..', 'a\\b', ' ', 'x/../y'])('rejects the slug %j', (slug) => {
    const { file } = matter(`---\ntitle: A\ndate: 2022-10-21\nslug: "${slug.replace(/\\/g, '\\\\')}"\n---\n`)
    expect(file.messages.map((m) => m.ruleId)).toContain('invalid-slug')
  })

  it('keeps unknown keys as data for templates', () => {
    expect(matter('---\ntitle: A\ndate: 2022-10-21\nmood: 晴\n---\n').matter.extra).toEqual({ mood: '晴' })
  })
})

describe('CRLF files', () => {
  it('read the last front-matter line without its carriage return', () => {
    const { file, result } = split('---\r\ntitle: A\r\ndate: 2022-10-21\r\ntags: [java]\r\n---\r\nBody\r\n')
    expect(file.messages).toEqual([])
    expect(result.data).toEqual({ title: 'A', date: '2022-10-21', tags: ['java'] })
  })
})
