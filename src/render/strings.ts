/**
 * UI strings in the site's language: Chinese for `zh*`, English otherwise.
 */
import type { UiStrings } from './view-types.js'

const zh: UiStrings = {
  home: '首页', tags: '标签', columns: '专栏', archives: '归档', readMore: '阅读全文', previous: '上一篇', next: '下一篇',
  newer: '较新', older: '较早', edited: '已编辑', published: '发布于', minutes: '{n} 分钟读完', words: '{n} 字',
  posts: '{n} 篇文章', page: '第 {n} 页，共 {total} 页', toc: '目录', license: '许可协议', column: '专栏',
  subColumns: '子专栏', notFound: '页面不存在', notFoundText: '你要找的页面不存在，也许它已经搬走了。', draft: '草稿',
  future: '定时发布', skip: '跳到正文', theme: '切换深色模式', search: '搜索'
}

const en: UiStrings = {
  home: 'Home', tags: 'Tags', columns: 'Columns', archives: 'Archives', readMore: 'Read more', previous: 'Previous',
  next: 'Next', newer: 'Newer', older: 'Older', edited: 'Edited', published: 'Published', minutes: '{n} min read',
  words: '{n} words', posts: '{n} posts', page: 'Page {n} of {total}', toc: 'Contents', license: 'License',
  column: 'Column', subColumns: 'Sub-columns', notFound: 'Page not found',
  notFoundText: 'The page you are looking for does not exist. Perhaps it moved.', draft: 'Draft',
  future: 'Scheduled', skip: 'Skip to content', theme: 'Toggle dark mode', search: 'Search'
}

/**
 * The UI strings for a language tag.
 *
 * @param language BCP 47 tag.
 * @returns Strings.
 */
export function stringsFor(language: string): UiStrings {
  return language.toLowerCase().startsWith('zh') ? zh : en
}

/**
 * Fill `{n}` / `{total}` placeholders.
 *
 * @param template String with placeholders.
 * @param values Values.
 * @returns Text.
 */
export function fill(template: string, values: Record<string, number | string>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''))
}
