/**
 * Patch the last build's search index for the posts that changed since,
 * instead of tokenising every post again: a post whose document is unchanged
 * has unchanged tokens, so only the tokens a changed post gained, lost or
 * moved between fields are looked up, in the shards they live in. The result
 * is byte for byte the index a whole build makes (patch-index.test.ts checks);
 * anything unexpected in the last index (a file missing or not matching its
 * name, another layout) gives up, and the caller makes the index whole. Pure:
 * the last index is read through PreviousIndex.
 */
import { searchEngine, type SearchDoc, type SearchEntry } from './engine.js'
import { searchDigestOf } from '../markdown/search-text.js'
import {
  HASH_WIDTH, MAP_BLOCK, documentHash, entryText, hashOf, indexFile, mapBlocks, shardCount, shardText,
  type BuiltIndex, type IndexFile, type IndexedBody, type IndexInput
} from './index-files.js'

/** The last build's index, as its files. */
export interface PreviousIndex {
  /** Text of its entry (`search.json`). */
  entry: string
  /** Text of one of its other files (path relative to `search/`), or undefined when it cannot be read. */
  read(path: string): string | undefined
}

/** The engine, made once. */
const engine = searchEngine()

/** Beyond this many changed posts (or one in this many), making the index whole is as quick as patching. */
const MAX_CHANGED = 64
const MAX_CHANGED_SHARE = 16

/**
 * The best field of each of a post's tokens: 0 body, 1 heading, 2 title
 * (how buildIndex ranks a post that has a token in several).
 *
 * @param post What the index holds of the post.
 * @returns Token → level.
 */
function levelsOf(post: IndexedBody & { title: string }): Map<string, number> {
  const levels = new Map<string, number>()
  const add = (text: string, level: number): void => {
    engine.eachToken(engine.fold(text), (token) => {
      if (!((levels.get(token) ?? -1) >= level)) levels.set(token, level)
    })
  }
  add(post.text, 0)
  if (post.headings.length) add(post.headings.join('\n'), 1)
  add(post.title, 2)
  return levels
}

/**
 * A file of the last index whose name's hash matches its text.
 *
 * @param previous The last index.
 * @param path Its path.
 * @param hash The hash in its name.
 * @returns Its text, or undefined.
 */
function verified(previous: PreviousIndex, path: string, hash: string): string | undefined {
  const text = previous.read(path)
  return text !== undefined && hashOf(text, hash.length) === hash ? text : undefined
}

/**
 * The last index's entry, when its layout is the one this build makes.
 *
 * @param text The entry's text.
 * @param posts Posts this build indexes.
 * @returns The entry, or undefined.
 */
function entryOf(text: string, posts: number): SearchEntry | undefined {
  let entry: SearchEntry
  try {
    entry = JSON.parse(text) as SearchEntry
  } catch {
    return undefined
  }
  const fits = entry.version === 2 && entry.b === MAP_BLOCK && entry.w === HASH_WIDTH && entry.s === shardCount(posts) &&
    Number.isInteger(entry.n) && typeof entry.i === 'string' && entry.i.length === entry.s * HASH_WIDTH &&
    typeof entry.m === 'string' && entry.m.length === Math.ceil(entry.n / MAP_BLOCK) * HASH_WIDTH
  return fits ? entry : undefined
}

/**
 * Patch the last index (see the module's comment).
 *
 * @param posts Posts, oldest first.
 * @param docFiles Their documents (hashed), by id.
 * @param previous The last build's index.
 * @param whole Makes the index whole: the text of a kept shard that can no longer be read is taken from it.
 * @returns The index, or undefined when the last one cannot be patched.
 */
export function patchIndex(posts: IndexInput[], docFiles: IndexFile[], previous: PreviousIndex, whole: () => BuiltIndex): BuiltIndex | undefined {
  const entry = entryOf(previous.entry, posts.length)
  if (!entry) return undefined
  // The document names of the last index, by id.
  const oldDocs: string[] = []
  for (let k = 0; k * MAP_BLOCK < entry.n; k++) {
    const hash = entry.m.slice(k * HASH_WIDTH, (k + 1) * HASH_WIDTH)
    const text = verified(previous, `m/${k}.${hash}.json`, hash)
    if (text === undefined) return undefined
    oldDocs.push(...(JSON.parse(text) as string[]))
  }
  if (oldDocs.length !== entry.n) return undefined
  const changed: number[] = []
  for (let id = 0; id < Math.max(entry.n, posts.length); id++) if (oldDocs[id] !== docFiles[id]?.hash) changed.push(id)
  if (changed.length > MAX_CHANGED || changed.length * MAX_CHANGED_SHARE > posts.length) return undefined

  // token → (post id → its new level, or -1: the post no longer has it), for tokens whose postings change.
  const edits = new Map<string, Map<number, number>>()
  for (const id of changed) {
    let before = new Map<string, number>()
    if (id < entry.n) {
      const text = previous.read(`d/${oldDocs[id]}.json`)
      if (text === undefined) return undefined
      const doc = JSON.parse(text) as SearchDoc
      // A document is named after what it holds (documentHash): a name that does not match is not the document.
      const was = { title: doc.t, date: doc.d, ...(doc.c === undefined ? {} : { column: doc.c }), url: doc.u, digest: searchDigestOf(doc.h, doc.x) }
      if (documentHash(was) !== oldDocs[id]) return undefined
      before = levelsOf({ title: doc.t, headings: doc.h, text: doc.x })
    }
    const after = id < posts.length ? levelsOf({ title: posts[id].title, ...posts[id].body() }) : new Map<string, number>()
    const edit = (token: string, level: number): void => {
      const byId = edits.get(token)
      if (byId) byId.set(id, level)
      else edits.set(token, new Map([[id, level]]))
    }
    for (const [token, level] of after) if (before.get(token) !== level) edit(token, level)
    for (const token of before.keys()) if (!after.has(token)) edit(token, -1)
  }

  const byShard = new Map<number, string[]>()
  for (const token of edits.keys()) {
    const k = engine.shardOf(engine.shardKey(token), entry.s)
    const tokens = byShard.get(k)
    if (tokens) tokens.push(token)
    else byShard.set(k, [token])
  }
  const shardFiles: IndexFile[] = []
  for (let k = 0; k < entry.s; k++) {
    const hash = entry.i.slice(k * HASH_WIDTH, (k + 1) * HASH_WIDTH)
    const path = `i/${k}.${hash}.json`
    const touched = byShard.get(k)
    if (!touched) {
      // Unchanged: its text is read only if the build must write it again (a file gone from the output).
      shardFiles.push({ path, hash, get text() { return verified(previous, path, hash) ?? whole().files[k].text } })
      continue
    }
    const text = verified(previous, path, hash)
    if (text === undefined) return undefined
    // A Map: tokens such as `__proto__` are data here.
    const postings = new Map(Object.entries(JSON.parse(text) as Record<string, string>))
    for (const token of touched) {
      const levels = engine.decodePostings(postings.get(token) ?? '', new Map<number, number>())
      for (const [id, level] of edits.get(token)!) {
        if (level < 0) levels.delete(id)
        else levels.set(id, level)
      }
      const ids = [...levels.keys()].sort((a, b) => a - b)
      if (ids.length) postings.set(token, engine.encodePostings(ids, ids.map((id) => levels.get(id)!)))
      else postings.delete(token)
    }
    shardFiles.push(indexFile('i', k, shardText([...postings.keys()], (token) => postings.get(token)!), true))
  }
  const blocks = mapBlocks(docFiles, true)
  return { entry: entryText(posts.length, shardFiles, blocks, true), files: [...shardFiles, ...blocks, ...docFiles], tokenised: changed.length }
}
