/**
 * The default theme's script (plain ES2017, no dependencies, deferred):
 * the dark-mode toggle, the table-of-contents highlight, the search box
 * (index fetched on first focus, CJK-aware substring matching) and giscus
 * comments injected only when the comments block scrolls into view.
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

  // Search.
  var form = d.querySelector('form.search')
  if (form && window.fetch) {
    form.hidden = false
    var input = form.querySelector('input'), panel = form.querySelector('.search-panel')
    var status = form.querySelector('.search-status'), list = form.querySelector('.search-results')
    var index = null, loading = null
    var fold = function (s) { return (s || '').normalize('NFKC').toLowerCase() }
    var load = function () {
      if (!loading) loading = fetch(form.dataset.index).then(function (r) { return r.json() }).then(function (data) {
        index = (data.posts || []).map(function (p) {
          p.k = fold([p.title, (p.tags || []).join(' '), p.column || '', p.summary || ''].join('\n'))
          p.kt = fold(p.title)
          return p
        })
        run()
      }).catch(function () { loading = null })
      return loading
    }
    var escape = function (s) { return s.replace(/[&<>"]/g, function (c) { return '&#' + c.charCodeAt(0) + ';' }) }
    var highlight = function (text, terms) {
      var out = escape(text)
      terms.forEach(function (t) {
        var at = fold(text).indexOf(t)
        // Only mark when folding kept the length (true for CJK and ASCII), so offsets line up.
        if (at >= 0 && fold(text).length === text.length) {
          var hit = escape(text.slice(at, at + t.length))
          out = out.replace(hit, '<mark>' + hit + '</mark>')
        }
      })
      return out
    }
    var run = function () {
      var q = fold(input.value).trim()
      if (!q) { panel.hidden = true; return }
      panel.hidden = false
      if (!index) { load(); status.textContent = '…'; list.innerHTML = ''; return }
      // Terms split on spaces; a term of CJK characters matches as a substring, so no segmentation is needed.
      var terms = q.split(/\s+/)
      var hits = []
      index.forEach(function (p) {
        var score = 0
        for (var i = 0; i < terms.length; i++) {
          if (p.k.indexOf(terms[i]) < 0) return
          score += p.kt.indexOf(terms[i]) >= 0 ? 3 : 1
        }
        hits.push([score, p])
      })
      hits.sort(function (a, b) { return b[0] - a[0] || (a[1].date < b[1].date ? 1 : -1) })
      hits = hits.slice(0, 12)
      status.textContent = hits.length ? form.dataset.found.replace('{n}', hits.length) : form.dataset.empty
      list.innerHTML = hits.map(function (h) {
        var p = h[1], meta = [p.date ? p.date.slice(0, 10) : '', p.column || ''].filter(Boolean).join(' · ')
        return '<li><a href="' + escape(p.url) + '"><b>' + highlight(p.title, terms) + '</b><small>' + escape(meta) +
          (p.summary ? ' — ' + highlight(p.summary, terms) : '') + '</small></a></li>'
      }).join('')
    }
    var links = function () { return [].slice.call(list.querySelectorAll('a')) }
    input.addEventListener('focus', load, { once: true })
    input.addEventListener('input', run)
    form.addEventListener('submit', function (e) {
      e.preventDefault()
      var first = links()[0]
      if (first) location.href = first.href
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
