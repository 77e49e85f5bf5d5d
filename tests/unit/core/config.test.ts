import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../../src/config/load.js'

describe('parseConfig', () => {
  it('applies defaults and derives the base path', () => {
    const { config, problems } = parseConfig('title: 砚\nurl: https://example.org/blog\n')
    expect(problems).toEqual([])
    expect(config.url).toBe('https://example.org/blog/')
    expect(config.basePath).toBe('/blog/')
    expect(config.language).toBe('zh-CN')
    expect(config.timezone).toBe('Asia/Shanghai')
    expect(config.paginate).toBe(10)
    expect(config.permalink).toBe('/posts/:slug/')
    expect(config.author.name).toBe('砚')
  })

  it('warns about unknown keys with a did-you-mean at the key', () => {
    const { problems } = parseConfig('title: t\nurl: https://e.org/\npaginat: 5\n')
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ ruleId: 'config-unknown-key', fatal: false, line: 3, column: 1 })
    expect(problems[0].reason).toContain('did you mean `paginate`')
  })

  it('reports every invalid value at its line', () => {
    const { problems } = parseConfig('title: t\nurl: not a url\npaginate: -1\ntimezone: Mars/Base\n')
    expect(problems.map((p) => [p.ruleId, p.line])).toEqual([
      ['config-invalid', 2],
      ['config-invalid', 4],
      ['config-invalid', 3]
    ])
    expect(problems.every((p) => p.fatal)).toBe(true)
  })

  it('reads search.code: off by default, a boolean, anything else an error at its line', () => {
    expect(parseConfig('title: t\nurl: https://e.org/\n').config.search).toEqual({ code: false })
    const on = parseConfig('title: t\nurl: https://e.org/\nsearch:\n  code: true\n')
    expect(on.problems).toEqual([])
    expect(on.config.search).toEqual({ code: true })
    expect(on.config.extra.search).toBeUndefined()
    const bad = parseConfig('title: t\nurl: https://e.org/\nsearch:\n  code: sometimes\n')
    expect(bad.problems.map((p) => [p.ruleId, p.line, p.fatal])).toEqual([['config-invalid', 4, true]])
    expect(bad.problems[0].reason).toContain('search.code')
  })

  it('lets --base-url override url', () => {
    const { config } = parseConfig('title: t\nurl: https://e.org/blog/\n', 'http://127.0.0.1:8080/x/')
    expect(config.url).toBe('http://127.0.0.1:8080/x/')
    expect(config.basePath).toBe('/x/')
  })

  it('reports YAML syntax errors at the true line', () => {
    const { problems } = parseConfig('title: t\nurl: https://e.org/\nauthor: {name: a\n')
    expect(problems[0]).toMatchObject({ ruleId: 'yaml-syntax', fatal: true })
    expect(problems[0].line).toBeGreaterThanOrEqual(3)
  })
})
