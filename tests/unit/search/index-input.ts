/** Test helper: an IndexInput from plain fields, with its digest made as the Markdown stage makes it. */
import { searchDigestOf } from '../../../src/markdown/search-text.js'
import type { IndexInput } from '../../../src/search/index-files.js'

/** A post as plain fields. */
export interface Post {
  title: string
  date: string
  column?: string
  url: string
  headings: string[]
  text: string
}

/** The index's input for a post. */
export function indexInput(post: Post): IndexInput {
  const { headings, text, ...rest } = post
  return { ...rest, digest: searchDigestOf(headings, text), body: () => ({ headings, text }) }
}
