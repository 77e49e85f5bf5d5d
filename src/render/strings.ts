/**
 * UI strings in the site's language: Chinese for `zh*`, English otherwise.
 */
import type { UiStrings } from './view-types.js'

const zh: UiStrings = {
  home: '首页', tags: '标签', columns: '专栏', archives: '归档', readMore: '阅读全文', previous: '上一篇', next: '下一篇',
  newer: '较新', older: '较早', edited: '已编辑', published: '发布于', minutes: '{n} 分钟读完', words: '{n} 字',
  posts: '{n} 篇文章', page: '第 {n} 页，共 {total} 页', toc: '目录', license: '许可协议', column: '专栏',
  subColumns: '子专栏', notFound: '页面不存在', notFoundText: '你要找的页面不存在，也许它已经搬走了。', draft: '草稿', pinned: '置顶',
  future: '定时发布', skip: '跳到正文', theme: '切换深色模式', search: '搜索',
  searchPlaceholder: '搜索文章', noResults: '没有找到相关文章', results: '找到 {n} 篇文章', searchAll: '查看全部结果', searchMore: '更多结果', support: '支持作者', supportCta: '支持一下',
  supportImage: '赞赏码', comments: '评论', author: '作者', link: '链接', licenseText: '本文采用 {license} 许可协议，转载请注明出处。',
  columnPosition: '第 {n} 篇，共 {total} 篇', recent: '最近的文章', pagination: '分页', mainNav: '主导航', postNav: '上下篇',
  feed: '订阅', draftNote: '这篇文章是草稿或尚未到发布时间，只在本地预览中可见。', devNote: '本地预览：发布后这条提示不会出现。',
  poweredBy: '用 Inkstone 生成'
}

const en: UiStrings = {
  home: 'Home', tags: 'Tags', columns: 'Columns', archives: 'Archives', readMore: 'Read more', previous: 'Previous',
  next: 'Next', newer: 'Newer', older: 'Older', edited: 'Edited', published: 'Published', minutes: '{n} min read',
  words: '{n} words', posts: '{n} posts', page: 'Page {n} of {total}', toc: 'Contents', license: 'License',
  column: 'Column', subColumns: 'Sub-columns', notFound: 'Page not found',
  notFoundText: 'The page you are looking for does not exist. Perhaps it moved.', draft: 'Draft', pinned: 'Pinned',
  future: 'Scheduled', skip: 'Skip to content', theme: 'Toggle dark mode', search: 'Search',
  searchPlaceholder: 'Search posts', noResults: 'No matching posts', results: '{n} posts found', searchAll: 'All results', searchMore: 'More results', support: 'Support the author', supportCta: 'Support',
  supportImage: 'Support QR code', comments: 'Comments', author: 'Author', link: 'Link',
  licenseText: 'This post is licensed under {license}. Please credit the author when you share it.',
  columnPosition: 'Part {n} of {total}', recent: 'Recent posts', pagination: 'Pagination', mainNav: 'Main',
  postNav: 'More posts', feed: 'Feed', draftNote: 'This post is a draft or scheduled; only previews show it.',
  devNote: 'Local preview: this notice does not appear on the published site.', poweredBy: 'Built with Inkstone'
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
