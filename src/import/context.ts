/**
 * What a syntax converter may ask about the rest of the blog: other posts
 * (for links), the post's own files, and source files (included code).
 */

/** Lookups for the converters of one file. */
export interface ConvertContext {
  /** Source path of the file being converted. */
  file: string
  /**
   * A link to another post or page, named the way the old generator names it (a slug, a file name, a path):
   * the relative path from the new file to the target's new `.md` file, and the target's title.
   */
  resolve: (key: string) => { href: string; title: string } | undefined
  /**
   * Hugo: the new site's URL of an old list page named as `ref` names it (`tags/go`, `categories/notes`, a
   * main section `posts`): the new tag or column page, or the home page; undefined when there is none.
   */
  listPage?: (key: string) => string | undefined
  /** Whether the post's asset folder (its new bundle) has this file. */
  hasAsset: (name: string) => boolean
  /** A text file of the source blog, by its path under Hexo's `source/` (else under the source root), or undefined. */
  readSource: (path: string) => string | undefined
  /** Folder of Hexo's `include_code` files, relative to the source root. */
  codeDir: string
  /** The old site's absolute URL (without a trailing `/`), for `{{ site.url }}` standing alone. */
  siteUrl: string
}
