/**
 * Tell which generator a source blog was written for, from its files.
 */
import type { SourceKind, SourceTree } from './types.js'

/**
 * Detect the kind of a source blog.
 *
 * @param tree The source files.
 * @returns The kind; `markdown` when nothing marks a generator.
 */
export function detectKind(tree: SourceTree): SourceKind {
  const has = (path: string): boolean => tree.has(path)
  const under = (prefix: string): boolean => [...tree.keys()].some((p) => p.startsWith(prefix))
  const packageJson = tree.get('package.json')?.toString('utf8') ?? ''
  if (/"hexo"\s*:/.test(packageJson) || (has('_config.yml') && under('source/_posts/')) || under('scaffolds/') && under('source/')) return 'hexo'
  const hugoConfig = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json', 'config.toml'].some(has) || under('config/_default/')
  if (hugoConfig && under('content/')) return 'hugo'
  if (has('_config.yml') && (under('_posts/') || under('_layouts/') || has('Gemfile'))) return 'jekyll'
  if (under('_posts/')) return 'jekyll'
  if ((has('config.yaml') || has('config.yml')) && under('content/') && under('archetypes/')) return 'hugo'
  return 'markdown'
}
