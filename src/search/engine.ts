/**
 * The search engine shared by the build and the browser: how text becomes
 * index tokens, how a token finds its shard, how postings are encoded, and
 * how a query is planned, checked against a post and turned into a snippet.
 *
 * `searchEngine` is written in plain ES2018 and closes over nothing, so the
 * theme's script ships its source text (`searchEngine.toString()`) and Node
 * calls the very same function: the index and the queries cannot disagree.
 *
 * Chinese (and Japanese, Korean) text is indexed by character bigrams plus
 * single characters, not by words: a segmenter (ICU's, in Intl.Segmenter)
 * cuts 所有权 into 所|有权 and 标点挤压 into 标点|挤|压, so a word index
 * would miss words a reader types. Bigrams find every run of two or more
 * characters; the phrase itself is then checked against the post's text, so
 * every hit contains the query. Latin text is NFKC-folded (ＣＳＳ = CSS) and
 * lowercased, indexed by words, and matched by prefix (`render` finds
 * `rendering`) for queries of three or more letters.
 */
/* eslint-disable no-var */
export function searchEngine(): SearchEngine {
  var CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30fc'
  var WORD_CHAR = '(?:(?![' + CJK_CLASS + '])[\\p{L}\\p{N}\\p{M}_])'
  var RUNS = new RegExp('([' + CJK_CLASS + ']+)|(' + WORD_CHAR + '+)', 'gu')
  var FINAL = '0123456789abcdefghijklmnopqrstuv'
  var MORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_'
  /** Letters of a word that pick its shard: words sharing them share a shard, so a prefix query reads one. */
  var PREFIX = 3
  var CJK_FIRST = new RegExp('^[' + CJK_CLASS + ']', 'u')

  function fold(text: string): string {
    return text.normalize('NFKC').toLowerCase()
  }

  /** Runs of CJK characters ('c') and of other letters and digits ('w') in folded text. */
  function runsOf(folded: string): Array<{ k: string; s: string }> {
    var out: Array<{ k: string; s: string }> = []
    var m: RegExpExecArray | null
    RUNS.lastIndex = 0
    while ((m = RUNS.exec(folded))) out.push(m[1] ? { k: 'c', s: m[1] } : { k: 'w', s: m[2] })
    return out
  }

  /** Call `add` with every index token of folded text: CJK characters and bigrams, Latin words. */
  function eachToken(folded: string, add: (token: string) => void): void {
    var runs = runsOf(folded)
    for (var i = 0; i < runs.length; i++) {
      var run = runs[i]
      if (run.k === 'w') {
        add(run.s)
        continue
      }
      var chars = Array.from(run.s)
      for (var j = 0; j < chars.length; j++) {
        add(chars[j])
        if (j + 1 < chars.length) add(chars[j] + chars[j + 1])
      }
    }
  }

  /** The text that picks a token's shard. */
  function shardKey(token: string): string {
    return CJK_FIRST.test(token) ? token : token.slice(0, PREFIX)
  }

  /** Shard number of a shard key (FNV-1a over UTF-16 units), of `shards` (a power of two). */
  function shardOf(key: string, shards: number): number {
    var h = 0x811c9dc5
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
    return (h >>> 0) & (shards - 1)
  }

  /** Encode ascending post ids with a level each (0 body, 1 heading, 2 title) as text. */
  function encodePostings(ids: number[], levels: number[]): string {
    var out = ''
    var prev = -1
    for (var i = 0; i < ids.length; i++) {
      var v = (ids[i] - prev - 1) * 3 + levels[i]
      prev = ids[i]
      while (v >= 32) {
        out += MORE.charAt(v & 31)
        v = Math.floor(v / 32)
      }
      out += FINAL.charAt(v)
    }
    return out
  }

  /** Decode postings into a map of post id to level. */
  function decodePostings(text: string, into: Map<number, number>): Map<number, number> {
    var prev = -1
    var v = 0
    var scale = 1
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i)
      var more = MORE.indexOf(ch)
      if (more >= 0) {
        v += more * scale
        scale *= 32
        continue
      }
      v += FINAL.indexOf(ch) * scale
      var id = prev + 1 + Math.floor(v / 3)
      var level = v % 3
      var had = into.get(id)
      into.set(id, had === undefined || level > had ? level : had)
      prev = id
      v = 0
      scale = 1
    }
    return into
  }

  function escapeRe(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }

  /**
   * A query: its terms (whitespace-separated, each a pattern over folded
   * text) and the index lookups that find candidates, or null when it has
   * nothing to search for.
   */
  function parseQuery(query: string): SearchQuery | null {
    var terms: RegExp[] = []
    var lookups: Lookup[] = []
    var seen: Record<string, boolean> = {}
    var parts = fold(query).split(/\s+/)
    for (var i = 0; i < parts.length; i++) {
      var runs = runsOf(parts[i])
      if (!runs.length) continue
      var pattern = ''
      for (var r = 0; r < runs.length; r++) {
        var run = runs[r]
        var last = r === runs.length - 1
        if (r > 0) pattern += '[^\\p{L}\\p{N}\\p{M}_\\n]*?'
        if (run.k === 'w') {
          // A word starts at a word boundary and, unless it ends the term, ends at one.
          var key = shardKey(run.s)
          var exact = run.s.length < PREFIX
          pattern += '(?<!' + WORD_CHAR + ')' + escapeRe(run.s) + (last && !exact ? '' : '(?!' + WORD_CHAR + ')')
          var id = (exact ? '=' : '^') + run.s
          if (!seen[id]) lookups.push({ key: key, token: run.s, prefix: !exact })
          seen[id] = true
          continue
        }
        pattern += escapeRe(run.s)
        var chars = Array.from(run.s)
        var picks: string[] = []
        if (chars.length === 1) picks.push(chars[0])
        // Bigrams that cover the run (every other one, and the last): enough to find candidates.
        for (var j = 0; j + 1 < chars.length; j += 2) picks.push(chars[j] + chars[j + 1])
        if (chars.length > 2 && chars.length % 2 === 1) picks.push(chars[chars.length - 2] + chars[chars.length - 1])
        for (var p = 0; p < picks.length; p++) {
          if (!seen['=' + picks[p]]) lookups.push({ key: picks[p], token: picks[p], prefix: false })
          seen['=' + picks[p]] = true
        }
      }
      terms.push(new RegExp(pattern, 'gu'))
    }
    if (!terms.length) return null
    // A query is settled by the index alone when every term is one run of at most two CJK characters or one word.
    var settled = parts.every(function (part) {
      var runs = runsOf(part)
      return runs.length <= 1 && (!runs.length || runs[0].k === 'w' || Array.from(runs[0].s).length <= 2)
    })
    return { terms: terms, lookups: lookups, settled: settled }
  }

  /** Whether folded text matches every term of a query. */
  function matchesAll(query: SearchQuery, folded: string): boolean {
    for (var i = 0; i < query.terms.length; i++) {
      var re = query.terms[i]
      re.lastIndex = 0
      if (!re.test(folded)) return false
    }
    return true
  }

  /** A post's level for a query (2 all terms in the title, 1 in headings, 0 in the text), or -1: no match. */
  function levelOf(query: SearchQuery, doc: SearchDoc): number {
    var title = fold(doc.t)
    if (matchesAll(query, title)) return 2
    if (!matchesAll(query, title + '\n' + fold(doc.x))) return -1
    return matchesAll(query, fold((doc.h || []).join('\n'))) ? 1 : 0
  }

  /** Text folded per character, with the offset in the original text of every folded unit. */
  function foldMapped(text: string): { folded: string; from: number[] } {
    var folded = ''
    var from: number[] = []
    var cluster = /\P{M}\p{M}*|\p{M}+/gu
    var m: RegExpExecArray | null
    while ((m = cluster.exec(text))) {
      var f = fold(m[0])
      for (var i = 0; i < f.length; i++) from.push(m.index)
      folded += f
    }
    from.push(text.length)
    return { folded: folded, from: from }
  }

  /**
   * A snippet of text around the first match of a query, as pieces marked
   * when they match: at most `width` characters, with `…` where it was cut.
   */
  function snippetOf(query: SearchQuery, text: string, width: number): Array<{ text: string; mark: boolean }> {
    var map = foldMapped(text)
    var ranges: number[][] = []
    for (var i = 0; i < query.terms.length; i++) {
      var re = query.terms[i]
      re.lastIndex = 0
      var m: RegExpExecArray | null
      while ((m = re.exec(map.folded))) {
        if (!m[0].length) {
          re.lastIndex++
          continue
        }
        ranges.push([map.from[m.index], map.from[m.index + m[0].length]])
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] })
    var first = ranges.length ? ranges[0][0] : 0
    var start = Math.max(0, first - Math.floor(width / 4))
    // Start after a line break close before the match, when there is one.
    var nl = text.lastIndexOf('\n', first)
    if (nl >= start) start = nl + 1
    var end = Math.min(text.length, start + width)
    var pieces: Array<{ text: string; mark: boolean }> = []
    var at = start
    for (var r = 0; r < ranges.length; r++) {
      var a = Math.max(ranges[r][0], at)
      var b = Math.min(ranges[r][1], end)
      if (b <= a) continue
      if (a > at) pieces.push({ text: text.slice(at, a), mark: false })
      pieces.push({ text: text.slice(a, b), mark: true })
      at = b
    }
    if (at < end) pieces.push({ text: text.slice(at, end), mark: false })
    for (var k = 0; k < pieces.length; k++) pieces[k].text = pieces[k].text.replace(/\s+/g, ' ')
    if (start > 0) pieces.unshift({ text: '…', mark: false })
    if (end < text.length) pieces.push({ text: '…', mark: false })
    return pieces
  }

  /**
   * A searcher over a built index: `load(path)` fetches a file of the index
   * (relative to the folder of the entry) as parsed JSON.
   */
  function searcher(entry: SearchEntry, load: (path: string) => Promise<unknown>): Searcher {
    var files: Record<string, Promise<unknown>> = {}
    var get = function (path: string): Promise<unknown> {
      if (!files[path]) {
        files[path] = load(path)
        files[path].catch(function () { delete files[path] })
      }
      return files[path]
    }
    var named = function (list: string, k: number): string {
      return entry.w ? k + '.' + list.slice(k * entry.w, (k + 1) * entry.w) : String(k)
    }
    var shard = function (k: number): Promise<Record<string, string>> {
      return get('i/' + named(entry.i, k) + '.json') as Promise<Record<string, string>>
    }
    var doc = function (id: number): Promise<SearchDoc> {
      var block = Math.floor(id / entry.b)
      return (get('m/' + named(entry.m, block) + '.json') as Promise<string[]>).then(function (names) {
        return get('d/' + names[id - block * entry.b] + '.json') as Promise<SearchDoc>
      })
    }
    return {
      search: function (text: string): Promise<SearchRun> {
        var query = parseQuery(text)
        if (!query) return Promise.resolve({ query: null, candidates: 0, settled: true, next: function () { return Promise.resolve([]) }, done: function () { return true } })
        var q = query
        return Promise.all(q.lookups.map(function (l) { return shard(shardOf(l.key, entry.s)) })).then(function (shards) {
          var found: Map<number, number> | null = null
          for (var i = 0; i < q.lookups.length; i++) {
            var l = q.lookups[i]
            var postings = new Map<number, number>()
            var data = shards[i]
            if (l.prefix) {
              for (var token in data) if (token.indexOf(l.token) === 0) decodePostings(data[token], postings)
            } else if (Object.prototype.hasOwnProperty.call(data, l.token)) decodePostings(data[l.token], postings)
            if (found === null) found = postings
            else {
              var both = new Map<number, number>()
              found.forEach(function (level, id) {
                var other = postings.get(id)
                if (other !== undefined) both.set(id, Math.min(level, other))
              })
              found = both
            }
          }
          // Candidates in the order results are shown: higher level first, then newer (a higher id) first.
          var order: number[][] = []
          ;(found as Map<number, number>).forEach(function (level, id) { order.push([level, id]) })
          order.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1] })
          var at = 0
          var held: SearchResult[] = []
          var next = function (count: number): Promise<SearchResult[]> {
            // A held result is final once no unchecked candidate could rank above it (checking only lowers a level).
            var ready = function (): boolean {
              if (held.length < count) return at >= order.length
              return at >= order.length || held[count - 1].level >= order[at][0]
            }
            var step = function (): Promise<SearchResult[]> {
              if (ready()) return Promise.resolve(held.splice(0, count))
              var batch = order.slice(at, at + Math.max(4, count - held.length))
              at += batch.length
              return Promise.all(batch.map(function (c) { return doc(c[1]).then(function (d) { return { id: c[1], doc: d } }) })).then(function (docs) {
                for (var j = 0; j < docs.length; j++) {
                  var level = levelOf(q, docs[j].doc)
                  if (level >= 0) held.push({ id: docs[j].id, level: level, doc: docs[j].doc, snippet: snippetOf(q, docs[j].doc.x, 140) })
                }
                held.sort(function (a, b) { return b.level - a.level || b.id - a.id })
                return step()
              })
            }
            return step()
          }
          return {
            query: q, candidates: order.length, settled: q.settled, next: next,
            done: function () { return at >= order.length && !held.length }
          }
        })
      }
    }
  }

  return {
    fold: fold, runsOf: runsOf, eachToken: eachToken, shardKey: shardKey, shardOf: shardOf,
    encodePostings: encodePostings, decodePostings: decodePostings, parseQuery: parseQuery,
    levelOf: levelOf, snippetOf: snippetOf, searcher: searcher
  }
}

/** One index lookup of a query: a token (or, for `prefix`, every word it begins) in the shard of `key`. */
export interface Lookup {
  key: string
  token: string
  prefix: boolean
}

/** A parsed query. */
export interface SearchQuery {
  /** One pattern per term, over folded text (global, unicode). */
  terms: RegExp[]
  lookups: Lookup[]
  /** The index alone decides the hits (no candidate can fail the check). */
  settled: boolean
}

/** The entry file of an index (`search.json`). */
export interface SearchEntry {
  version: 2
  /** Posts indexed. */
  n: number
  /** Number of token shards (a power of two). */
  s: number
  /** Posts per block of the document map. */
  b: number
  /** Width of each hash in `i` and `m`; 0 when files are named by number only (dev). */
  w: number
  /** The token shards' hashes, concatenated. */
  i: string
  /** The document map blocks' hashes, concatenated. */
  m: string
}

/** What a result shows of a post, fetched for the results shown only. */
export interface SearchDoc {
  /** Title. */
  t: string
  /** Date, `YYYY-MM-DD`. */
  d: string
  /** Column title. */
  c?: string
  /** Href. */
  u: string
  /** Headings' text. */
  h: string[]
  /** The plain text of the body. */
  x: string
}

/** One result. */
export interface SearchResult {
  id: number
  level: number
  doc: SearchDoc
  snippet: Array<{ text: string; mark: boolean }>
}

/** A running query: candidates from the index, checked and returned in order as they are asked for. */
export interface SearchRun {
  query: SearchQuery | null
  /** Posts the index names; every one is a hit when `settled`. */
  candidates: number
  settled: boolean
  /** The next `count` results (fewer at the end). */
  next(count: number): Promise<SearchResult[]>
  /** Whether every candidate has been returned or dropped. */
  done(): boolean
}

/** Runs queries against an index. */
export interface Searcher {
  search(text: string): Promise<SearchRun>
}

/** What searchEngine returns. */
export interface SearchEngine {
  fold(text: string): string
  runsOf(folded: string): Array<{ k: string; s: string }>
  eachToken(folded: string, add: (token: string) => void): void
  shardKey(token: string): string
  shardOf(key: string, shards: number): number
  encodePostings(ids: number[], levels: number[]): string
  decodePostings(text: string, into: Map<number, number>): Map<number, number>
  parseQuery(query: string): SearchQuery | null
  levelOf(query: SearchQuery, doc: SearchDoc): number
  snippetOf(query: SearchQuery, text: string, width: number): Array<{ text: string; mark: boolean }>
  searcher(entry: SearchEntry, load: (path: string) => Promise<unknown>): Searcher
}
