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
