import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { asciiSlug, nameProblem, newPostSlug, postText } from '../../../src/content/new-post.js'

const now = DateTime.fromISO('2026-11-28T09:05:00', { zone: 'Asia/Shanghai' })

describe('asciiSlug', () => {
  it.each([
    ['Hello, World!', 'hello-world'],
    ['你好，世界', 'ni-hao-shi-jie'],
    ['绿色 Node.js 入门', 'lv-se-node-js-ru-men'],
    ['2024年终总结', '2024-nian-zhong-zong-jie'],
    ['Café crème brûlée', 'cafe-creme-brulee'],
    ['  ---  ', ''],
    ['？？？', '']
  ])('%s → %s', (title, slug) => {
    expect(asciiSlug(title)).toBe(slug)
  })
})

describe('newPostSlug', () => {
  it('is never empty', () => {
    expect(newPostSlug('？？？', undefined, now)).toEqual({ slug: 'post-20261128-0905' })
    expect(newPostSlug('🙂', undefined, now)).toEqual({ slug: 'post-20261128-0905' })
  })
  it('takes --slug as given, and refuses unusable ones', () => {
    expect(newPostSlug('x', '读书笔记', now)).toEqual({ slug: '读书笔记' })
    expect(newPostSlug('x', 'a/b', now)).toHaveProperty('error')
    expect(newPostSlug('x', '..', now)).toHaveProperty('error')
    expect(newPostSlug('x', '', now)).toHaveProperty('error')
  })
})

describe('postText', () => {
  it('fills the front matter', () => {
    expect(postText({ title: 'Hello: world', date: now, tags: ['读书', 'a b'], column: 'notes' })).toBe(
      '---\ntitle: "Hello: world"\ndate: 2026-11-28 09:05\ntags: [读书, a b]\ncolumn: notes\n---\n\n'
    )
    expect(postText({ title: '你好', date: now, tags: [] })).toBe('---\ntitle: 你好\ndate: 2026-11-28 09:05\n---\n\n')
  })
})

describe('nameProblem', () => {
  it('accepts plain names and refuses paths', () => {
    expect(nameProblem('读书')).toBeUndefined()
    expect(nameProblem('notes')).toBeUndefined()
    for (const bad of ['../x', 'a/b', '.hidden', '_x', '', ' x']) expect(nameProblem(bad), bad).toBeDefined()
  })
})
