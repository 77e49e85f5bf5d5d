/**
 * The search engine's source: plain ES2018 that closes over nothing, kept
 * as text so that the browser gets exactly what Node runs (engine.ts makes
 * the function from it; search.ts ships it as the engine script). A
 * function's own source text (toString) would differ between tsc's output,
 * the CLI bundle and the test runner's transform, and with it the script's
 * name and bytes. Edit it as JavaScript; engine.ts declares its types.
 */
export const engineSource: string = String.raw`function searchEngine() {
  var CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3005\\u3006\\u30fc';
  var WORD_CHAR = '(?:(?![' + CJK_CLASS + '])[\\p{L}\\p{N}\\p{M}_])';
  var FINAL = '0123456789abcdefghijklmnopqrstuv';
  var MORE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZwxyz-_';
  // Letters of a word that pick its shard: words sharing them share a shard, so a prefix query reads one.
  var PREFIX = 3;
  var CJK_FIRST = new RegExp('^[' + CJK_CLASS + ']', 'u');
  function fold(text) {
    return text.normalize('NFKC').toLowerCase();
  }
  var CJK_ONE = new RegExp('^[' + CJK_CLASS + ']$', 'u');
  var WORD_ONE = /^[\p{L}\p{N}\p{M}_]$/u;
  // Kind of each UTF-16 unit, filled on first sight: 0 unknown, 1 neither, 2 word, 3 CJK.
  var kinds = new Uint8Array(65536);
  function classify(ch) {
    return CJK_ONE.test(ch) ? 3 : WORD_ONE.test(ch) ? 2 : 1;
  }
  // Call 'run' with the kind (2 word, 3 CJK) and bounds of every run of
  // word characters and of CJK characters in folded text (one character
  // at a time, through a table: the build scans every post with it).
  function scan(folded, run) {
    var n = folded.length;
    var kind = 0;
    var start = 0;
    for (var i = 0; i < n;) {
      var c = folded.charCodeAt(i);
      var width = c >= 0xd800 && c < 0xdc00 && i + 1 < n ? 2 : 1;
      var k = width === 1 ? kinds[c] || (kinds[c] = classify(folded.charAt(i))) : classify(folded.slice(i, i + 2));
      if (k !== kind) {
        if (kind > 1)
          run(kind, start, i);
        kind = k;
        start = i;
      }
      i += width;
    }
    if (kind > 1)
      run(kind, start, n);
  }
  // Runs of CJK characters ('c') and of other letters and digits ('w') in folded text.
  function runsOf(folded) {
    var out = [];
    scan(folded, function (kind, start, end) { out.push({ k: kind === 3 ? 'c' : 'w', s: folded.slice(start, end) }); });
    return out;
  }
  // Call 'add' with every index token of folded text: CJK characters and bigrams, Latin words.
  function eachToken(folded, add) {
    scan(folded, function (kind, start, end) {
      if (kind === 2) {
        add(folded.slice(start, end));
        return;
      }
      var prev = -1;
      for (var i = start; i < end;) {
        var c = folded.charCodeAt(i);
        var next = c >= 0xd800 && c < 0xdc00 && i + 1 < end ? i + 2 : i + 1;
        add(folded.slice(i, next));
        if (prev >= 0)
          add(folded.slice(prev, next));
        prev = i;
        i = next;
      }
    });
  }
  // The text that picks a token's shard.
  function shardKey(token) {
    return CJK_FIRST.test(token) ? token : token.slice(0, PREFIX);
  }
  // Shard number of a shard key (FNV-1a over UTF-16 units), of 'shards' (a power of two).
  function shardOf(key, shards) {
    var h = 0x811c9dc5;
    for (var i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return (h >>> 0) & (shards - 1);
  }
  // Encode ascending post ids with a level each (0 body, 1 heading, 2 title) as text.
  function encodePostings(ids, levels) {
    var out = '';
    var prev = -1;
    for (var i = 0; i < ids.length; i++) {
      var v = (ids[i] - prev - 1) * 3 + levels[i];
      prev = ids[i];
      while (v >= 32) {
        out += MORE.charAt(v & 31);
        v = Math.floor(v / 32);
      }
      out += FINAL.charAt(v);
    }
    return out;
  }
  // Decode postings into a map of post id to level.
  function decodePostings(text, into) {
    var prev = -1;
    var v = 0;
    var scale = 1;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      var more = MORE.indexOf(ch);
      if (more >= 0) {
        v += more * scale;
        scale *= 32;
        continue;
      }
      v += FINAL.indexOf(ch) * scale;
      var id = prev + 1 + Math.floor(v / 3);
      var level = v % 3;
      var had = into.get(id);
      into.set(id, had === undefined || level > had ? level : had);
      prev = id;
      v = 0;
      scale = 1;
    }
    return into;
  }
  function escapeRe(text) {
    return text.replace(/[.*+?^$\{}()|[\]\\]/g, '\\$&');
  }
  // A query: its terms (whitespace-separated, each a pattern over folded
  // text) and the index lookups that find candidates, or null when it has
  // nothing to search for.
  function parseQuery(query) {
    var terms = [];
    var lookups = [];
    var seen = {};
    var parts = fold(query).split(/\s+/);
    for (var i = 0; i < parts.length; i++) {
      var runs = runsOf(parts[i]);
      if (!runs.length)
        continue;
      var pattern = '';
      for (var r = 0; r < runs.length; r++) {
        var run = runs[r];
        var last = r === runs.length - 1;
        if (r > 0)
          pattern += '[^\\p{L}\\p{N}\\p{M}_\\n]*?';
        if (run.k === 'w') {
          // A word starts at a word boundary and, unless it ends the term, ends at one.
          var key = shardKey(run.s);
          var exact = run.s.length < PREFIX;
          pattern += '(?<!' + WORD_CHAR + ')' + escapeRe(run.s) + (last && !exact ? '' : '(?!' + WORD_CHAR + ')');
          var id = (exact ? '=' : '^') + run.s;
          if (!seen[id])
            lookups.push({ key: key, token: run.s, prefix: !exact });
          seen[id] = true;
          continue;
        }
        pattern += escapeRe(run.s);
        var chars = Array.from(run.s);
        var picks = [];
        if (chars.length === 1)
          picks.push(chars[0]);
        // Bigrams that cover the run (every other one, and the last): enough to find candidates.
        for (var j = 0; j + 1 < chars.length; j += 2)
          picks.push(chars[j] + chars[j + 1]);
        if (chars.length > 2 && chars.length % 2 === 1)
          picks.push(chars[chars.length - 2] + chars[chars.length - 1]);
        for (var p = 0; p < picks.length; p++) {
          if (!seen['=' + picks[p]])
            lookups.push({ key: picks[p], token: picks[p], prefix: false });
          seen['=' + picks[p]] = true;
        }
      }
      terms.push(new RegExp(pattern, 'gu'));
    }
    if (!terms.length)
      return null;
    // A query is settled by the index alone when every term is one run of at most two CJK characters or one word.
    var settled = parts.every(function (part) {
      var runs = runsOf(part);
      return runs.length <= 1 && (!runs.length || runs[0].k === 'w' || Array.from(runs[0].s).length <= 2);
    });
    return { terms: terms, lookups: lookups, settled: settled };
  }
  // Whether folded text matches every term of a query.
  function matchesAll(query, folded) {
    for (var i = 0; i < query.terms.length; i++) {
      var re = query.terms[i];
      re.lastIndex = 0;
      if (!re.test(folded))
        return false;
    }
    return true;
  }
  // A post's level for a query (2 all terms in the title, 1 in headings, 0 in the text), or -1: no match.
  function levelOf(query, doc) {
    var title = fold(doc.t);
    if (matchesAll(query, title))
      return 2;
    if (!matchesAll(query, title + '\n' + fold(doc.x)))
      return -1;
    return matchesAll(query, fold((doc.h || []).join('\n'))) ? 1 : 0;
  }
  // Text folded per character, with the offset in the original text of every folded unit.
  function foldMapped(text) {
    var folded = '';
    var from = [];
    var cluster = /\P{M}\p{M}*|\p{M}+/gu;
    var m;
    while ((m = cluster.exec(text))) {
      var f = fold(m[0]);
      for (var i = 0; i < f.length; i++)
        from.push(m.index);
      folded += f;
    }
    from.push(text.length);
    return { folded: folded, from: from };
  }
  // A snippet of text around the first match of a query, as pieces marked
  // when they match: at most 'width' characters, with '…' where it was cut.
  function snippetOf(query, text, width) {
    var map = foldMapped(text);
    var ranges = [];
    for (var i = 0; i < query.terms.length; i++) {
      var re = query.terms[i];
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(map.folded))) {
        if (!m[0].length) {
          re.lastIndex++;
          continue;
        }
        ranges.push([map.from[m.index], map.from[m.index + m[0].length]]);
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var first = ranges.length ? ranges[0][0] : 0;
    var start = Math.max(0, first - Math.floor(width / 4));
    // Start after a line break close before the match, when there is one.
    var nl = text.lastIndexOf('\n', first);
    if (nl >= start)
      start = nl + 1;
    var end = Math.min(text.length, start + width);
    var pieces = [];
    var at = start;
    for (var r = 0; r < ranges.length; r++) {
      var a = Math.max(ranges[r][0], at);
      var b = Math.min(ranges[r][1], end);
      if (b <= a)
        continue;
      if (a > at)
        pieces.push({ text: text.slice(at, a), mark: false });
      pieces.push({ text: text.slice(a, b), mark: true });
      at = b;
    }
    if (at < end)
      pieces.push({ text: text.slice(at, end), mark: false });
    for (var k = 0; k < pieces.length; k++)
      pieces[k].text = pieces[k].text.replace(/\s+/g, ' ');
    if (start > 0)
      pieces.unshift({ text: '…', mark: false });
    if (end < text.length)
      pieces.push({ text: '…', mark: false });
    return pieces;
  }
  // A searcher over a built index: 'load(path)' fetches a file of the index
  // (relative to the folder of the entry) as parsed JSON.
  function searcher(entry, load) {
    var files = {};
    var get = function (path) {
      if (!files[path]) {
        files[path] = load(path);
        files[path].catch(function () { delete files[path]; });
      }
      return files[path];
    };
    var named = function (list, k) {
      return entry.w ? k + '.' + list.slice(k * entry.w, (k + 1) * entry.w) : String(k);
    };
    var shard = function (k) {
      return get('i/' + named(entry.i, k) + '.json');
    };
    var doc = function (id) {
      var block = Math.floor(id / entry.b);
      return get('m/' + named(entry.m, block) + '.json').then(function (names) {
        return get('d/' + names[id - block * entry.b] + '.json');
      });
    };
    return {
      search: function (text) {
        var query = parseQuery(text);
        if (!query)
          return Promise.resolve({ query: null, candidates: 0, settled: true, next: function () { return Promise.resolve([]); }, done: function () { return true; } });
        var q = query;
        return Promise.all(q.lookups.map(function (l) { return shard(shardOf(l.key, entry.s)); })).then(function (shards) {
          var found = null;
          for (var i = 0; i < q.lookups.length; i++) {
            var l = q.lookups[i];
            var postings = new Map();
            var data = shards[i];
            if (l.prefix) {
              for (var token in data)
                if (token.indexOf(l.token) === 0)
                  decodePostings(data[token], postings);
            }
            else if (Object.prototype.hasOwnProperty.call(data, l.token))
              decodePostings(data[l.token], postings);
            if (found === null)
              found = postings;
            else {
              var both = new Map();
              found.forEach(function (level, id) {
                var other = postings.get(id);
                if (other !== undefined)
                  both.set(id, Math.min(level, other));
              });
              found = both;
            }
          }
          // Candidates in the order results are shown: higher level first, then newer (a higher id) first.
          var order = [];
          found.forEach(function (level, id) { order.push([level, id]); });
          order.sort(function (a, b) { return b[0] - a[0] || b[1] - a[1]; });
          var at = 0;
          var held = [];
          var next = function (count) {
            // A held result is final once no unchecked candidate could rank above it (checking only lowers a level).
            var ready = function () {
              if (held.length < count)
                return at >= order.length;
              return at >= order.length || held[count - 1].level >= order[at][0];
            };
            var step = function () {
              if (ready())
                return Promise.resolve(held.splice(0, count));
              var batch = order.slice(at, at + Math.max(4, count - held.length));
              at += batch.length;
              return Promise.all(batch.map(function (c) { return doc(c[1]).then(function (d) { return { id: c[1], doc: d }; }); })).then(function (docs) {
                for (var j = 0; j < docs.length; j++) {
                  var level = levelOf(q, docs[j].doc);
                  if (level >= 0)
                    held.push({ id: docs[j].id, level: level, doc: docs[j].doc, snippet: snippetOf(q, docs[j].doc.x, 140) });
                }
                held.sort(function (a, b) { return b.level - a.level || b.id - a.id; });
                return step();
              });
            };
            return step();
          };
          return {
            query: q, candidates: order.length, settled: q.settled, next: next,
            done: function () { return at >= order.length && !held.length; }
          };
        });
      }
    };
  }
  return {
    fold: fold, scan: scan, runsOf: runsOf, eachToken: eachToken, shardKey: shardKey, shardOf: shardOf,
    encodePostings: encodePostings, decodePostings: decodePostings, parseQuery: parseQuery,
    levelOf: levelOf, snippetOf: snippetOf, searcher: searcher
  };
}`
