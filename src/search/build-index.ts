/**
 * Make the full-text search index of a site (its files: index-files.ts). A
 * query reads the entry, the shards of its tokens, then the map block and
 * the document of each result it shows, nothing else. A post's edit changes
 * only the shards its changed tokens live in, its document, its map block and
 * the entry; a build that changed few posts patches the last build's index
 * instead of making it whole (patch-index.ts), with the same result. Pure.
 */
import { searchEngine } from './engine.js'
import { documents, entryText, indexFile, mapBlocks, shardCount, shardText, type BuiltIndex, type IndexFile, type IndexInput } from './index-files.js'
import { patchIndex, type PreviousIndex } from './patch-index.js'

/** The engine, made once. */
const engine = searchEngine()

/**
 * Build the index. Given the last build's index, a build that changed few
 * posts patches it (see patchIndex); the result is the same either way.
 *
 * @param posts Posts, oldest first.
 * @param options `hashed`: name files after their content (a build), else by number (dev); `previous`: the
 *   last build's index (hashed only).
 * @returns The index.
 */
export function buildIndex(posts: IndexInput[], options: { hashed: boolean; previous?: PreviousIndex }): BuiltIndex {
  const docFiles = documents(posts, options.hashed)
  let whole: BuiltIndex | undefined
  const wholeIndex = (): BuiltIndex => (whole ??= tokenise(posts, docFiles, options.hashed))
  return (options.hashed && options.previous && patchIndex(posts, docFiles, options.previous, wholeIndex)) || wholeIndex()
}

/**
 * Make the index whole: tokenise every post.
 *
 * @param posts Posts, oldest first.
 * @param docFiles Their documents, by id.
 * @param hashed Name files after their content.
 * @returns The index.
 */
function tokenise(posts: IndexInput[], docFiles: IndexFile[], hashed: boolean): BuiltIndex {
  // Per token, `id * 3 + level` of every post that has it, ascending: a post's tokens are added together, so
  // a token seen again in the same post only raises the level of the last entry. CJK tokens are keyed by code
  // points (first character, then 0 or the second plus one): no string is made per occurrence. The tokens are
  // those of engine.eachToken (build-index.test.ts checks).
  const cjk = new Map<number, Map<number, number[]>>()
  const words = new Map<string, number[]>()
  let base = 0
  let v = 0
  const note = <K>(map: Map<K, number[]>, key: K): void => {
    const list = map.get(key)
    if (!list) map.set(key, [v])
    else if (list[list.length - 1] < base) list.push(v)
    else if (list[list.length - 1] < v) list[list.length - 1] = v
  }
  const add = (folded: string): void => {
    engine.scan(folded, (kind, start, end) => {
      if (kind === 2) return note(words, folded.slice(start, end))
      let before: Map<number, number[]> | undefined
      for (let i = start; i < end; ) {
        const cp = folded.codePointAt(i)!
        let after = cjk.get(cp)
        if (!after) cjk.set(cp, (after = new Map()))
        note(after, 0)
        if (before) note(before, cp + 1)
        before = after
        i += cp > 0xffff ? 2 : 1
      }
    })
  }
  posts.forEach((post, id) => {
    base = id * 3
    v = base
    const { headings, text } = post.body()
    add(engine.fold(text))
    v = base + 1
    if (headings.length) add(engine.fold(headings.join('\n')))
    v = base + 2
    add(engine.fold(post.title))
  })
  const postings = new Map<string, number[]>(words)
  for (const [first, after] of cjk) {
    const char = String.fromCodePoint(first)
    for (const [second, list] of after) postings.set(second === 0 ? char : char + String.fromCodePoint(second - 1), list)
  }

  const shards = shardCount(posts.length)
  const byShard: string[][] = Array.from({ length: shards }, () => [])
  for (const token of postings.keys()) byShard[engine.shardOf(engine.shardKey(token), shards)].push(token)
  const ids: number[] = []
  const marks: number[] = []
  const shardFiles = byShard.map((tokens, k) => indexFile('i', k, shardText(tokens, (token) => {
    ids.length = 0
    marks.length = 0
    for (const v of postings.get(token)!) {
      ids.push(Math.floor(v / 3))
      marks.push(v % 3)
    }
    return engine.encodePostings(ids, marks)
  }), hashed))
  const mapFiles = mapBlocks(docFiles, hashed)
  return { entry: entryText(posts.length, shardFiles, mapFiles, hashed), files: [...shardFiles, ...mapFiles, ...docFiles], tokenised: posts.length }
}

