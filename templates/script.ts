/**
 * The default theme's script (plain ES2017, no dependencies, deferred):
 * the dark-mode toggle, the table-of-contents highlight, the search box and
 * the search page (the engine, src/search/engine.ts, and the index's entry
 * fetched on first focus, then the shards and documents a query needs) and
 * giscus comments injected only when the comments block scrolls
 * into view.
 */

const source = String.raw`(function () {
  'use strict'
  var d = document, root = d.documentElement, KEY = 'inkstone-theme'
  var media = window.matchMedia ? matchMedia('(prefers-color-scheme: dark)') : null

  // Theme: the inline script in <head> already applied a stored choice before paint.
  function isDark() { return root.dataset.theme ? root.dataset.theme === 'dark' : !!(media && media.matches) }
  var toggle = d.querySelector('.theme-toggle')
  function sync() {
    if (toggle) toggle.setAttribute('aria-pressed', String(isDark()))
    var frame = d.querySelector('iframe.giscus-frame')
    if (frame && frame.contentWindow) frame.contentWindow.postMessage({ giscus: { setConfig: { theme: isDark() ? 'dark' : 'light' } } }, 'https://giscus.app')
  }
  if (toggle) toggle.addEventListener('click', function () {
    root.dataset.theme = isDark() ? 'light' : 'dark'
    try { localStorage.setItem(KEY, root.dataset.theme) } catch (e) {}
    sync()
  })
  if (media && media.addEventListener) media.addEventListener('change', sync)
  sync()

  // Table of contents: open as a sidebar on wide screens, folded above the body on narrow ones.
  var tocBox = d.querySelector('.has-toc > .toc details')
  var wide = window.matchMedia ? matchMedia('(min-width: 72em)') : null
  var fit = function () { if (tocBox && wide && wide.matches) tocBox.open = true }
  fit()
  if (wide && wide.addEventListener) wide.addEventListener('change', fit)

  // Table of contents: mark the section being read.
  var tocLinks = [].slice.call(d.querySelectorAll('.toc a'))
  if (tocLinks.length && 'IntersectionObserver' in window) {
    var byId = {}, visible = {}
    tocLinks.forEach(function (a) { byId[decodeURIComponent(a.hash.slice(1))] = a })
    var heads = [].slice.call(d.querySelectorAll('.body [id]')).filter(function (el) { return byId[el.id] })
    var current
    var spy = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting })
      var pick
      for (var i = 0; i < heads.length; i++) { if (visible[heads[i].id]) { pick = heads[i]; break } }
      if (!pick) return
      if (current) current.classList.remove('active')
      current = byId[pick.id]
      current.classList.add('active')
    }, { rootMargin: '0px 0px -70% 0px' })
    heads.forEach(function (el) { spy.observe(el) })
  }

  // Search: the index's entry on first focus, then only the files a query needs (see src/search/).
  // The engine is a script of its own, loaded with the index's entry on the first search.
  var engine = null, engineLoad = null
  var loadEngine = function (src) {
    if (!engineLoad) engineLoad = new Promise(function (ok, fail) {
      var s = d.createElement('script')
      s.src = src
      s.onload = function () { engine = window.inkstoneSearchEngine; engine ? ok(engine) : fail(new Error(src)) }
      s.onerror = function () { engineLoad = null; fail(new Error(src)) }
      d.head.appendChild(s)
    })
    return engineLoad
  }
  var searchers = {}
  var searcherFor = function (box) {
    var url = box.dataset.index
    if (!searchers[url]) {
      var dir = url.replace(/\.json$/, '/')
      var get = function (path) {
        return fetch(path).then(function (r) { if (!r.ok) throw new Error(r.status + ' ' + path); return r.json() })
      }
      searchers[url] = Promise.all([get(url), loadEngine(box.dataset.engine)]).then(function (both) {
        return both[1].searcher(both[0], function (path) { return get(dir + path) })
      })
      searchers[url].catch(function () { delete searchers[url] })
    }
    return searchers[url]
  }
  var el = function (tag, cls, text) {
    var e = d.createElement(tag)
    if (cls) e.className = cls
    if (text) e.textContent = text
    return e
  }
  // Pieces of text, the matching ones in <mark>: built as nodes, so nothing in a post is read as HTML.
  var marked = function (into, pieces) {
    pieces.forEach(function (p) { into.appendChild(p.mark ? el('mark', '', p.text) : d.createTextNode(p.text)) })
    return into
  }
  var resultItem = function (query, r) {
    var li = el('li'), a = el('a')
    a.href = r.doc.u
    a.appendChild(marked(el('b'), engine.snippetOf(query, r.doc.t, 1000)))
    a.appendChild(el('span', 'search-meta', [r.doc.d, r.doc.c || ''].filter(Boolean).join(' · ')))
    a.appendChild(marked(el('small'), r.snippet))
    li.appendChild(a)
    return li
  }
  // Show a query's results in a list: count of them at first, the next ones from the button (more) if any.
  var showResults = function (box, text, count, more) {
    var status = box.querySelector('.search-status'), list = box.querySelector('.search-results')
    var asked = box.searchAsked = (box.searchAsked || 0) + 1
    var current = function () { return box.searchAsked === asked }
    if (!text.trim()) { status.textContent = ''; list.textContent = ''; if (more) more.hidden = true; return Promise.resolve() }
    status.textContent = '…'
    return searcherFor(box).then(function (s) { return s.search(text) }).then(function (run) {
      if (!current()) return
      var shown = 0
      var page = function () {
        return run.next(count).then(function (results) {
          if (!current()) return
          if (!shown) list.textContent = ''
          results.forEach(function (r) { list.appendChild(resultItem(run.query, r)) })
          shown += results.length
          var total = run.settled ? run.candidates : run.done() ? shown : shown + '+'
          status.textContent = shown ? box.dataset.found.replace('{n}', total) : box.dataset.empty
          if (more) more.hidden = run.done()
        })
      }
      if (more) more.onclick = function () { more.hidden = true; page() }
      return page()
    }).catch(function () { if (current()) status.textContent = box.dataset.empty })
  }
  var form = d.querySelector('form.search')
  if (form && window.fetch) {
    form.hidden = false
    var input = form.querySelector('input'), panel = form.querySelector('.search-panel')
    var allLink = form.querySelector('.search-all'), list = form.querySelector('.search-results')
    var run = function () {
      var q = input.value
      panel.hidden = !q.trim()
      allLink.href = form.action + '?q=' + encodeURIComponent(q)
      showResults(form, q, 8, null)
    }
    var links = function () { return [].slice.call(list.querySelectorAll('a')).concat(panel.hidden ? [] : [allLink]) }
    input.addEventListener('focus', function () { searcherFor(form).catch(function () {}) }, { once: true })
    input.addEventListener('input', run)
    // Enter opens the first result; with none shown yet, the form goes to the page of all results.
    form.addEventListener('submit', function (e) {
      var first = list.querySelector('a')
      if (first) { e.preventDefault(); location.href = first.href }
    })
    form.addEventListener('keydown', function (e) {
      var all = links(), at = all.indexOf(d.activeElement)
      if (e.key === 'Escape') { panel.hidden = true; input.focus() }
      else if (e.key === 'ArrowDown' && all.length) { e.preventDefault(); all[Math.min(at + 1, all.length - 1)].focus() }
      else if (e.key === 'ArrowUp' && at >= 0) { e.preventDefault(); (at === 0 ? input : all[at - 1]).focus() }
    })
    d.addEventListener('click', function (e) { if (!form.contains(e.target)) panel.hidden = true })
    input.addEventListener('focus', function () { if (input.value) run() })
    d.addEventListener('keydown', function (e) {
      var t = e.target, typing = t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); input.focus() }
    })
  }
  // The search page: every result of the query in the address, the next ones on request.
  var searchPage = d.querySelector('.search-page')
  if (searchPage && window.fetch && window.URLSearchParams) {
    var pageQuery = new URLSearchParams(location.search).get('q') || ''
    var pageInput = searchPage.querySelector('input')
    pageInput.value = pageQuery
    showResults(searchPage, pageQuery, 20, searchPage.querySelector('.search-more'))
  }

  // Comments: giscus only when the block is near the viewport, and only when configured.
  var box = d.querySelector('.comments[data-repo]')
  if (box) {
    var inject = function () {
      var s = d.createElement('script'), c = box.dataset
      var attrs = {
        'data-repo': c.repo, 'data-repo-id': c.repoId || '', 'data-category': c.category, 'data-category-id': c.categoryId || '',
        'data-mapping': c.mapping, 'data-strict': '0', 'data-reactions-enabled': '1', 'data-emit-metadata': '0',
        'data-input-position': 'top', 'data-theme': isDark() ? 'dark' : 'light', 'data-lang': c.lang, crossorigin: 'anonymous'
      }
      for (var k in attrs) s.setAttribute(k, attrs[k])
      s.src = 'https://giscus.app/client.js'
      s.async = true
      box.querySelector('.giscus').appendChild(s)
    }
    if ('IntersectionObserver' in window) {
      var seen = new IntersectionObserver(function (entries) {
        if (entries.some(function (e) { return e.isIntersecting })) { seen.disconnect(); inject() }
      }, { rootMargin: '300px 0px' })
      seen.observe(box)
    } else inject()
  }
})()
`

/** Collapse indentation and blank lines; comments are kept out of the shipped text. */
function compact(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n')
}

/** The default theme's script. */
export const script = compact(source) + '\n'
