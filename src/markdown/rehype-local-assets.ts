/**
 * Images and files referenced by relative path (beside the post, or in its
 * bundle folder) become asset references the build copies; images also get
 * their intrinsic size, so the page does not jump while they load.
 */
import { closeSync, openSync, readFileSync, readSync, statSync, type Stats } from 'node:fs'
import { join } from 'node:path'
import type { Element, Root } from 'hast'
import { imageSize } from 'image-size'
import type { VFile } from 'vfile'
import { report } from '../messages.js'
import { escapesRoot, isMarkdownPath, resolveLocal, resolveSiteRelative } from './local-paths.js'
import { addReference } from './state.js'
import { walkElements } from './walk.js'

/** Options of `rehypeLocalAssets`. */
export interface LocalAssetsOptions {
  /** Absolute site root, to find the files. */
  root: string
}

/** Most formats keep their size in the first bytes; JPEG may hide it after big EXIF blocks. */
const headBytes = 128 * 1024

/** Record local `img[src]` and non-Markdown `a[href]` targets as assets (root-relative ones as site URLs); size the images. */
export default function rehypeLocalAssets(options: LocalAssetsOptions) {
  return function (tree: Root, file: VFile): undefined {
    walkElements(tree, function (node) {
      const attribute = node.tagName === 'img' ? 'src' : node.tagName === 'a' ? 'href' : undefined
      if (!attribute) return
      const url = node.properties[attribute]
      if (typeof url !== 'string') return
      // Root-relative: the graph puts it under the site's base path (which a post's parse does not know).
      const site = resolveSiteRelative(url)
      if (site) {
        const start = node.position?.start
        node.properties[attribute] = addReference(file, { kind: 'site', ...site, line: start?.line ?? 0, column: start?.column ?? 0 })
        return
      }
      const local = resolveLocal(url, file.path ?? '')
      // Markdown targets are rehype-post-links' business.
      if (!local || isMarkdownPath(local.target)) return

      const what = node.tagName === 'img' ? 'Image' : 'File'
      if (escapesRoot(local.target)) {
        report(file, 'missing-image', `${what} \`${url}\` is outside the site folder`, node.position)
        return
      }
      const absolute = join(options.root, ...local.target.split('/'))
      const stats = statOrUndefined(absolute)
      if (!stats || !stats.isFile()) {
        const why = stats ? 'is a folder, not a file' : 'does not exist'
        report(file, 'missing-image', `${what} \`${url}\` ${why} (looked for \`${local.target}\`)`, node.position)
        return
      }
      const start = node.position?.start
      node.properties[attribute] = addReference(file, {
        kind: 'asset',
        target: local.target,
        fragment: local.fragment,
        line: start?.line ?? 0,
        column: start?.column ?? 0
      })
      if (node.tagName === 'img') sizeImage(node, absolute, stats.size)
    })
  }
}

/** Add width/height (when readable) and lazy loading to a local image. */
function sizeImage(node: Element, absolute: string, size: number): void {
  const dimensions = measure(absolute, size)
  if (dimensions && node.properties.width === undefined && node.properties.height === undefined) {
    node.properties.width = dimensions.width
    node.properties.height = dimensions.height
  }
  node.properties.loading = 'lazy'
  node.properties.decoding = 'async'
}

/** Width and height of an image file, or undefined when image-size cannot read it. */
function measure(absolute: string, size: number): { width: number; height: number } | undefined {
  try {
    return dimensionsOf(size <= headBytes ? readFileSync(absolute) : readHead(absolute))
  } catch {
    // The head was not enough (or the format is unknown): try the whole file once.
    try {
      return size > headBytes ? dimensionsOf(readFileSync(absolute)) : undefined
    } catch {
      return undefined
    }
  }
}

/** The displayed size: EXIF orientations 5–8 swap width and height. */
function dimensionsOf(buffer: Uint8Array): { width: number; height: number } {
  const result = imageSize(buffer)
  const swap = result.orientation !== undefined && result.orientation >= 5
  return swap ? { width: result.height, height: result.width } : { width: result.width, height: result.height }
}

/** The first `headBytes` of a file. */
function readHead(absolute: string): Uint8Array {
  const fd = openSync(absolute, 'r')
  try {
    const buffer = Buffer.alloc(headBytes)
    const read = readSync(fd, buffer, 0, headBytes, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

/** `stat`, or undefined when the path does not exist. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}
