/**
 * Inkstone's default theme: typed TSX components that turn view-models into
 * hast. Text is escaped by construction; post bodies are embedded raw.
 *
 * Layout: a header (seal, title, navigation, search, dark-mode toggle), one
 * `<main>` per page, a footer with the author's links and the feed. Posts
 * follow the reader's order: author, title and dates, contents, body, then
 * license, support, column, neighbours and comments.
 *
 * The theme is made of named parts (ThemeParts); `defaultTheme({ parts })`
 * lets a site's own templates/index.tsx replace some and keep the others.
 * The `theme:` options of site.yaml arrive as `site.options`, the author's
 * stylesheet and snippets as `site.custom`.
 */
import { h, Fragment, RawHtml } from 'inkstone/jsx'
import type { Root } from 'hast'
import type {
  ArchivePageView, ColumnTreeView, ColumnsPageView, HeadView, ListPageView, NotFoundPageView, PageView, PagerView,
  PostCardView, PostPageView, SearchPageView, SiteView, StandalonePageView, TagRefView, TagsPageView, Theme, ThemeParts, UiStrings, TocItem
} from 'inkstone/theme'
import { fill } from 'inkstone/theme'
import { css } from './style.js'
import { script } from './script.js'

void Fragment

/** Sets `data-theme` from the stored choice before the first paint (no flash). */
const noFlash = "try{var t=localStorage.getItem('inkstone-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}"

const icons = {
  theme: '<svg class="i-moon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path d="M21 12.8A9 9 0 1 1 11.2 3a7 7 0 0 0 9.8 9.8z"/></svg>' +
    '<svg class="i-sun" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><circle cx="12" cy="12" r="4.5"/><path d="M12 1.5v3M12 19.5v3M1.5 12h3M19.5 12h3M4.6 4.6l2.1 2.1M17.3 17.3l2.1 2.1M4.6 19.4l2.1-2.1M17.3 6.7l2.1-2.1"/></svg>',
  search: '<svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><circle cx="10.5" cy="10.5" r="6.5"/><path d="M15.5 15.5 21 21"/></svg>',
  feed: '<svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true"><path d="M4 11a9 9 0 0 1 9 9M4 4a16 16 0 0 1 16 16"/><circle cx="5" cy="19" r="1.5"/></svg>'
}

function Icon(props: { name: keyof typeof icons }) {
  return <RawHtml html={icons[props.name]} />
}

/** The part of a template before and after `{key}`, for strings with a link in the middle. */
function around(template: string, key: string): [string, string] {
  const at = template.indexOf(`{${key}}`)
  return at < 0 ? [template + ' ', ''] : [template.slice(0, at), template.slice(at + key.length + 2)]
}

function readable(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

const Head: ThemeParts['Head'] = (props) => {
  const { head, site } = props
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{head.title}</title>
      <script>{noFlash}</script>
      <meta name="color-scheme" content="light dark" />
      <link rel="icon" href={site.favicon ?? sealIcon(site.title)} />
      <link rel="canonical" href={head.canonical} />
      {head.meta.map((m) => <meta name={m.name} property={m.property} content={m.content} />)}
      {head.feeds.map((f) => <link rel="alternate" type={f.type} title={f.title} href={f.href} />)}
      {head.prev ? <link rel="prev" href={head.prev} /> : null}
      {head.next ? <link rel="next" href={head.next} /> : null}
      <link rel="stylesheet" href={site.assets.css} />
      {site.options.css ? <style>{site.options.css}</style> : null}
      {head.styles.map((s) => <link rel="stylesheet" href={s} />)}
      {site.custom.css ? <link rel="stylesheet" href={site.custom.css} /> : null}
      {head.jsonLd.map((ld) => <script type="application/ld+json">{JSON.stringify(ld).replace(/</g, '\\u003c')}</script>)}
      <script src={site.assets.js} defer />
      {site.custom.headHtml ? <RawHtml html={site.custom.headHtml} /> : null}
    </head>
  )
}

/** A favicon drawn from the site title's first character (a data URI: no request, nothing to 404). */
function sealIcon(title: string): string {
  const char = (Array.from(title)[0] ?? '·').replace(/[<&]/g, '')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#b2332b"/>` +
    `<text x="16" y="23" font-size="20" text-anchor="middle" fill="#fff" font-family="serif">${char}</text></svg>`
  return 'data:image/svg+xml,' + encodeURIComponent(svg)
}

function currentPath(head: HeadView): string {
  try {
    return new URL(head.canonical).pathname
  } catch {
    return ''
  }
}

const SiteHeader: ThemeParts['Header'] = (props) => {
  const { site, head } = props
  const here = currentPath(head)
  const s = site.strings
  const active = (href: string): boolean => (href === site.homeHref ? here === href || here.startsWith(href + 'page/') : here.startsWith(href))
  return (
    <header class="site-header">
      <div class="bar">
        <a class="brand" href={site.homeHref}>
          <span class="seal" aria-hidden="true">{Array.from(site.title)[0] ?? ''}</span>
          <span class="brand-name">{site.title}</span>
        </a>
        <nav class="nav" aria-label={s.mainNav}>
          <ul>{site.nav.map((l) => <li><a href={l.href} aria-current={active(l.href) ? 'page' : undefined}>{l.title}</a></li>)}</ul>
        </nav>
        <div class="tools">
          <form class="search" role="search" hidden action={site.searchPage} data-index={site.searchIndex} data-engine={site.searchEngine} data-empty={s.noResults} data-found={s.results}>
            <label class="search-field">
              <Icon name="search" />
              <span class="sr-only">{s.search}</span>
              <input type="search" name="q" placeholder={s.searchPlaceholder} autocomplete="off" spellcheck="false" enterkeyhint="search" />
              <kbd aria-hidden="true">/</kbd>
            </label>
            <div class="search-panel" hidden>
              <p class="search-status" role="status" />
              <ol class="search-results" />
              <a class="search-all" href={site.searchPage}>{s.searchAll}<span aria-hidden="true"> →</span></a>
            </div>
          </form>
          <button type="button" class="theme-toggle" aria-label={s.theme} title={s.theme} aria-pressed="false"><Icon name="theme" /></button>
        </div>
      </div>
    </header>
  )
}

const SiteFooter: ThemeParts['Footer'] = (props) => {
  const { site, head } = props
  const feed = site.feeds[0] ?? head.feeds[0]
  const extra = site.options.footer
  return (
    <footer class="site-footer">
      <div class="foot">
        <p class="foot-author">
          {site.author.avatar ? <img src={site.author.avatar} alt="" width="28" height="28" loading="lazy" /> : null}
          <span>© {site.author.name}</span>
        </p>
        <ul class="foot-links">
          {site.author.links.map((l) => <li><a href={l.href} rel="me">{l.title}</a></li>)}
          {extra.links.map((l) => <li><a href={l.href}>{l.title}</a></li>)}
          {feed ? <li><a href={feed.href} type={feed.type}><Icon name="feed" /> {site.strings.feed}</a></li> : null}
        </ul>
        {extra.text ? <p class="foot-text">{extra.text}</p> : null}
        <p class="powered">{site.strings.poweredBy}</p>
      </div>
    </footer>
  )
}

function Layout(props: { view: PageView; parts: ThemeParts; children?: unknown }) {
  const { site, head } = props.view
  const { parts } = props
  return (
    <html lang={site.language}>
      <parts.Head head={head} site={site} parts={parts} />
      <body class={'page-' + (props.view.kind === '404' ? 'missing' : props.view.kind)}>
        <a class="skip" href="#main">{site.strings.skip}</a>
        <parts.Header site={site} head={head} parts={parts} />
        <main id="main" tabindex="-1">{props.children as never}</main>
        <parts.Footer site={site} head={head} parts={parts} />
        {site.custom.bodyEndHtml ? <RawHtml html={site.custom.bodyEndHtml} /> : null}
      </body>
    </html>
  )
}

function Time(props: { date: { iso: string; text: string }; class?: string }) {
  return <time class={props.class} datetime={props.date.iso}>{props.date.text}</time>
}

/** Published date, edited marker, reading time: one muted line. */
function Meta(props: { card: PostCardView; site: SiteView; words?: boolean }) {
  const { card, site } = props
  const s = site.strings
  const o = site.options
  return (
    <p class="meta">
      <Time date={card.date} />
      {card.updated && o.edited ? (
        <span class="edited"><span class="edited-mark">{s.edited}</span> <Time date={card.updated} /></span>
      ) : null}
      {o.readingTime ? <span class="reading-time">{fill(s.minutes, { n: card.readingMinutes })}</span> : null}
      {props.words && o.wordCount ? <span class="word-count">{fill(s.words, { n: card.words.toLocaleString('en') })}</span> : null}
      {card.draft ? <span class="badge flag">{s.draft}</span> : null}
      {card.future ? <span class="badge flag">{s.future}</span> : null}
    </p>
  )
}

function Tags(props: { tags: TagRefView[] }) {
  if (props.tags.length === 0) return <>{null}</>
  return <ul class="tags">{props.tags.map((t) => <li><a class="tag" href={t.href} rel="tag">{t.name}</a></li>)}</ul>
}

/** A post in a list; on the home page a pinned post carries a mark (and comes first). */
const Entry: ThemeParts['ListItem'] = (props) => {
  const { card, site } = props
  const s = site.strings
  const pinned = props.home && card.pinned === true
  return (
    <article class={pinned ? 'entry pinned' : 'entry'}>
      <h2 class="entry-title">{pinned ? <><span class="badge pin">{s.pinned}</span> </> : null}<a href={card.href}>{card.title}</a></h2>
      <div class="entry-meta">
        {card.column ? <a class="badge column" href={card.column.href}>{card.column.title}</a> : null}
        <Meta card={card} site={site} />
      </div>
      <div class="summary"><RawHtml html={card.summaryHtml} /></div>
      <div class="entry-foot">
        <Tags tags={card.tags} />
        <a class="more" href={card.href}>{s.readMore}<span class="sr-only">: {card.title}</span> <span aria-hidden="true">→</span></a>
      </div>
    </article>
  )
}

function Pager(props: { pager: PagerView; s: UiStrings }) {
  const { pager, s } = props
  if (pager.total <= 1) return <>{null}</>
  // Show the first, last and the pages around the current one; gaps become "…".
  const shown = pager.pages.filter((p) => p.number === 1 || p.number === pager.total || Math.abs(p.number - pager.current) <= 1)
  const items: unknown[] = []
  let last = 0
  for (const p of shown) {
    if (p.number - last > 1) items.push(<li class="gap" aria-hidden="true">…</li>)
    items.push(
      <li>{p.number === pager.current
        ? <a class="num" href={p.href} aria-current="page">{p.number}</a>
        : <a class="num" href={p.href}>{p.number}</a>}</li>
    )
    last = p.number
  }
  return (
    <nav class="pager" aria-label={s.pagination}>
      {pager.prev ? <a class="step" rel="prev" href={pager.prev}><span aria-hidden="true">← </span>{s.newer}</a> : <span class="step" aria-hidden="true" />}
      <ol>{items as never}</ol>
      {pager.next ? <a class="step" rel="next" href={pager.next}>{s.older}<span aria-hidden="true"> →</span></a> : <span class="step" aria-hidden="true" />}
      <p class="sr-only">{fill(s.page, { n: pager.current, total: pager.total })}</p>
    </nav>
  )
}

function TocList(props: { items: TocItem[] }) {
  return <ol>{props.items.map((i) => <li><a href={'#' + i.id}>{i.text}</a>{i.children.length > 0 ? <TocList items={i.children} /> : null}</li>)}</ol>
}

function Toc(props: { items: TocItem[]; s: UiStrings }) {
  return (
    <nav class="toc" aria-label={props.s.toc}>
      <details>
        <summary>{props.s.toc}</summary>
        <TocList items={props.items} />
      </details>
    </nav>
  )
}

const AuthorCard: ThemeParts['AuthorCard'] = (props) => {
  const a = props.site.author
  return (
    <section class="author-card" aria-label={props.site.strings.author}>
      {a.avatar ? <img class="avatar" src={a.avatar} alt={a.name} width="56" height="56" /> : null}
      <div class="author-text">
        <p class="author-name">{a.name}{a.motto ? <span class="motto">{a.motto}</span> : null}</p>
        <p class="bio">{a.bio}</p>
      </div>
    </section>
  )
}

function Banner(props: { card: PostCardView; site: SiteView }) {
  const { card, site } = props
  if (!card.draft && !card.future && !site.dev) return <>{null}</>
  return <p class="banner" role="note">{card.draft || card.future ? site.strings.draftNote : site.strings.devNote}</p>
}

function LicenseBlock(props: { view: PostPageView }) {
  const { post, site } = props.view
  const s = site.strings
  const [before, after] = around(s.licenseText, 'license')
  return (
    <section class="license" aria-label={s.license}>
      <dl>
        <div><dt>{s.author}</dt><dd>{site.author.name}</dd></div>
        <div><dt>{s.link}</dt><dd><a href={post.absoluteUrl}>{readable(post.absoluteUrl)}</a></dd></div>
        <div><dt>{s.license}</dt><dd>{before}{post.license.href ? <a href={post.license.href} rel="license">{post.license.name}</a> : post.license.name}{after}</dd></div>
      </dl>
    </section>
  )
}

const SupportBlock: ThemeParts['SupportBox'] = (props) => {
  const { site } = props
  const support = site.support
  if (!support || !site.options.support) return <>{null}</>
  const s = site.strings
  return (
    <section class="support" aria-labelledby="support-title">
      <h2 id="support-title">{s.support}</h2>
      <p>{support.text}</p>
      {support.href || support.image ? (
        <div class="support-actions">
          {support.href ? <a class="button" href={support.href}>{s.supportCta}<span aria-hidden="true"> →</span></a> : null}
          {support.image ? (
            <details>
              <summary>{s.supportImage}</summary>
              <img src={support.image} alt={s.supportImage} width="180" loading="lazy" />
            </details>
          ) : null}
        </div>
      ) : null}
    </section>
  )
}

const ColumnCard: ThemeParts['ColumnCard'] = (props) => {
  const column = props.view.column
  if (!column) return <>{null}</>
  const s = props.view.site.strings
  return (
    <section class="column-card" aria-labelledby="column-title">
      <p class="kicker">{s.column} · {fill(s.columnPosition, { n: column.position, total: column.total })}</p>
      <h2 id="column-title"><a href={column.href}>{column.title}</a> <span class="count">{fill(s.posts, { n: column.count })}</span></h2>
      {column.descriptionHtml ? <div class="desc"><RawHtml html={column.descriptionHtml} /></div> : null}
      {column.children.length > 0 ? (
        <div class="subcolumns">
          <p class="label">{s.subColumns}</p>
          <ul class="chips">{column.children.map((c) => <li><a href={c.href}>{c.title} <span class="count">{c.count}</span></a></li>)}</ul>
        </div>
      ) : null}
      {column.prev || column.next ? (
        <ul class="column-nav">
          {column.prev ? <li class="prev"><a href={column.prev.href}><span aria-hidden="true">← </span>{column.prev.title}</a></li> : null}
          {column.next ? <li class="next"><a href={column.next.href}>{column.next.title}<span aria-hidden="true"> →</span></a></li> : null}
        </ul>
      ) : null}
    </section>
  )
}

function PrevNext(props: { view: PostPageView }) {
  const { prev, next, site } = props.view
  if (!prev && !next) return <>{null}</>
  const s = site.strings
  return (
    <nav class="prevnext" aria-label={s.postNav}>
      {prev ? <a class="pn prev" rel="prev" href={prev.href}><span class="label">← {s.previous}</span><span class="title">{prev.title}</span></a> : <span />}
      {next ? <a class="pn next" rel="next" href={next.href}><span class="label">{s.next} →</span><span class="title">{next.title}</span></a> : <span />}
    </nav>
  )
}

function Comments(props: { site: SiteView }) {
  const c = props.site.comments
  if (!c) return <>{null}</>
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title"
      data-repo={c.repo} data-repo-id={c.repoId} data-category={c.category} data-category-id={c.categoryId}
      data-mapping={c.mapping} data-lang={props.site.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'}>
      <h2 id="comments-title">{props.site.strings.comments}</h2>
      <div class="giscus" />
    </section>
  )
}

const PostHeader: ThemeParts['PostHeader'] = (props) => {
  const { view, parts } = props
  const { post, site } = view
  return (
    <header class="post-header">
      {site.options.authorCard ? <parts.AuthorCard site={site} parts={parts} /> : null}
      {post.column ? <p class="kicker"><a href={post.column.href}>{post.column.title}</a></p> : null}
      <h1>{post.title}</h1>
      <Meta card={post} site={site} words />
      <Tags tags={post.tags} />
    </header>
  )
}

const PostFooter: ThemeParts['PostFooter'] = (props) => {
  const { view, parts } = props
  const { post, site } = view
  return (
    <footer class="post-footer">
      <LicenseBlock view={view} />
      <parts.SupportBox site={site} parts={parts} />
      <parts.ColumnCard view={view} parts={parts} />
      <PrevNext view={view} />
      {post.showComments ? <Comments site={site} /> : null}
    </footer>
  )
}

function PostPage(view: PostPageView, parts: ThemeParts) {
  const { post, site } = view
  const s = site.strings
  const toc = post.showToc && site.options.toc
  return (
    <Layout view={view} parts={parts}>
      <article class={toc ? 'post has-toc' : 'post'}>
        <Banner card={post} site={site} />
        <parts.PostHeader view={view} parts={parts} />
        {toc ? <Toc items={post.toc} s={s} /> : null}
        <div class="body"><RawHtml html={post.bodyHtml} /></div>
        <parts.PostFooter view={view} parts={parts} />
      </article>
    </Layout>
  )
}

function Intro(props: { site: SiteView; title: string }) {
  const { site } = props
  const a = site.author
  return (
    <section class="intro">
      {a.avatar ? <img class="avatar" src={a.avatar} alt={a.name} width="72" height="72" /> : null}
      <div>
        <h1>{props.title}</h1>
        <p class="bio">{a.bio}</p>
        {a.motto ? <p class="motto">{a.motto}<span class="by"> — {a.name}</span></p> : null}
      </div>
    </section>
  )
}

function ListPage(view: ListPageView, parts: ThemeParts) {
  const { site } = view
  const s = site.strings
  const first = view.pager.current === 1
  const pageNote = first ? null : <span class="page-no">{fill(s.page, { n: view.pager.current, total: view.pager.total })}</span>
  return (
    <Layout view={view} parts={parts}>
      {view.kind === 'home' && first ? <Intro site={site} title={view.title} /> : (
        <header class="list-header">
          {view.ancestors && view.ancestors.length > 0 ? (
            <p class="crumbs">{view.ancestors.map((a, i) => <>{i > 0 ? ' / ' : null}<a href={a.href}>{a.title}</a></>)}</p>
          ) : view.kind === 'column' ? <p class="crumbs"><a href={site.nav.find((l) => l.href.endsWith('/columns/'))?.href ?? site.homeHref}>{s.columns}</a></p> : null}
          <h1>{view.kind === 'tag' ? <><span class="hash" aria-hidden="true">#</span>{view.title}</> : view.title} {pageNote}</h1>
          <p class="count">{fill(s.posts, { n: view.total })}</p>
          {view.kind === 'column' && view.descriptionHtml && first ? <div class="description"><RawHtml html={view.descriptionHtml} /></div> : null}
          {view.children && view.children.length > 0 ? (
            <ul class="chips">{view.children.map((c) => <li><a href={c.href}>{c.title} <span class="count">{c.count}</span></a></li>)}</ul>
          ) : null}
        </header>
      )}
      <div class="entries">{view.posts.map((card) => <parts.ListItem card={card} site={site} home={view.kind === 'home'} parts={parts} />)}</div>
      <Pager pager={view.pager} s={s} />
    </Layout>
  )
}

function TagsPage(view: TagsPageView, parts: ThemeParts) {
  const max = Math.max(1, ...view.tags.map((t) => t.count))
  const weight = (n: number): number => Math.min(4, 1 + Math.floor((n / max) * 4))
  return (
    <Layout view={view} parts={parts}>
      <header class="list-header">
        <h1>{view.title}</h1>
        <p class="count">{view.tags.length}</p>
      </header>
      <ul class="tag-cloud">
        {view.tags.map((t) => <li><a class={'w' + weight(t.count)} href={t.href}>{t.name}<span class="count">{t.count}</span></a></li>)}
      </ul>
    </Layout>
  )
}

function ColumnTree(props: { columns: ColumnTreeView[]; s: UiStrings; depth: number }) {
  return (
    <ul class={props.depth === 0 ? 'column-tree' : 'column-sub'}>
      {props.columns.map((c) => (
        <li>
          <div class="col">
            <h2 class={props.depth === 0 ? 'col-title' : 'col-title sub'}><a href={c.href}>{c.title}</a> <span class="count">{fill(props.s.posts, { n: c.count })}</span></h2>
            {c.descriptionHtml ? <div class="desc"><RawHtml html={c.descriptionHtml} /></div> : null}
          </div>
          {c.children.length > 0 ? <ColumnTree columns={c.children} s={props.s} depth={props.depth + 1} /> : null}
        </li>
      ))}
    </ul>
  )
}

function ColumnsPage(view: ColumnsPageView, parts: ThemeParts) {
  return (
    <Layout view={view} parts={parts}>
      <header class="list-header"><h1>{view.title}</h1></header>
      <ColumnTree columns={view.columns} s={view.site.strings} depth={0} />
    </Layout>
  )
}

function ArchivePage(view: ArchivePageView, parts: ThemeParts) {
  const s = view.site.strings
  const shown = new Set(view.years.map((y) => y.year))
  const single = view.years.length === 1
  return (
    <Layout view={view} parts={parts}>
      <header class="list-header">
        <h1>{view.title}</h1>
        <ul class="chips years">
          {view.allYears.map((y) => (
            <li><a href={y.href} aria-current={single && shown.has(y.year) ? 'page' : undefined}>{y.year} <span class="count">{y.count}</span></a></li>
          ))}
        </ul>
      </header>
      {view.years.map((y) => (
        <section class="year" aria-labelledby={'y' + y.year}>
          <h2 id={'y' + y.year}><a href={y.href}>{y.year}</a> <span class="count">{fill(s.posts, { n: y.count })}</span></h2>
          {y.months.map((m) => (
            <div class="month">
              <h3><a href={m.href}>{m.label}</a></h3>
              <ul class="timeline">
                {m.posts.map((p) => <li><time datetime={p.date.iso}>{p.date.iso.slice(5, 10)}</time> <a href={p.href}>{p.title}</a></li>)}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </Layout>
  )
}

function StandalonePage(view: StandalonePageView, parts: ThemeParts) {
  return (
    <Layout view={view} parts={parts}>
      <article class="post standalone">
        <header class="post-header"><h1>{view.title}</h1></header>
        <div class="body"><RawHtml html={view.bodyHtml} /></div>
      </article>
    </Layout>
  )
}

const NotFound: ThemeParts['NotFound'] = (props) => {
  const { view } = props
  const s = view.site.strings
  return (
    <>
      <section class="missing">
        <p class="code" aria-hidden="true">404</p>
        <h1>{view.title}</h1>
        <p>{s.notFoundText}</p>
        <p><a class="button" href={view.site.homeHref}>{s.home}<span aria-hidden="true"> →</span></a></p>
      </section>
      {view.recent.length > 0 ? (
        <section class="recent" aria-labelledby="recent-title">
          <h2 id="recent-title">{s.recent}</h2>
          <ul class="timeline">{view.recent.map((l) => <li><a href={l.href}>{l.title}</a></li>)}</ul>
        </section>
      ) : null}
    </>
  )
}

function NotFoundPage(view: NotFoundPageView, parts: ThemeParts) {
  return <Layout view={view} parts={parts}><parts.NotFound view={view} parts={parts} /></Layout>
}

/** The search page: a form that keeps the query in the address, and the list the script fills. */
function SearchPage(view: SearchPageView, parts: ThemeParts) {
  const s = view.site.strings
  return (
    <Layout view={view} parts={parts}>
      <section class="search-page" data-index={view.site.searchIndex} data-engine={view.site.searchEngine} data-empty={s.noResults} data-found={s.results}>
        <h1>{view.title}</h1>
        <form class="search-page-form" role="search" action={view.site.searchPage}>
          <label for="search-page-q" class="sr-only">{s.search}</label>
          <input id="search-page-q" type="search" name="q" placeholder={s.searchPlaceholder} autocomplete="off" spellcheck="false" enterkeyhint="search" />
          <button type="submit" class="button">{s.search}</button>
        </form>
        <p class="search-status" role="status" />
        <ol class="search-results search-results-page" />
        <button type="button" class="button search-more" hidden>{s.searchMore}</button>
      </section>
    </Layout>
  )
}

function page(view: PageView, parts: ThemeParts) {
  switch (view.kind) {
    case 'post': return PostPage(view, parts)
    case 'home': case 'tag': case 'column': return ListPage(view, parts)
    case 'tags': return TagsPage(view, parts)
    case 'columns': return ColumnsPage(view, parts)
    case 'archive': return ArchivePage(view, parts)
    case 'page': return StandalonePage(view, parts)
    case 'search': return SearchPage(view, parts)
    case '404': return NotFoundPage(view, parts)
  }
}

/** The built-in theme's named parts, for a site's own parts to wrap or reuse. */
export const defaultParts: Readonly<ThemeParts> = Object.freeze({
  Head, Header: SiteHeader, Footer: SiteFooter, PostHeader, PostFooter, ListItem: Entry,
  AuthorCard, SupportBox: SupportBlock, ColumnCard, NotFound
})

/** What a site may change of the built-in theme in its own templates/index.tsx. */
export interface DefaultThemeSettings {
  /** Parts to use instead of the built-in ones; the others stay the built-in theme's. */
  parts?: Partial<ThemeParts>
}

/**
 * The built-in theme, with some of its parts replaced.
 *
 * @param settings The parts to replace.
 * @returns A theme (export it as `theme` from templates/index.tsx).
 */
export function defaultTheme(settings: DefaultThemeSettings = {}): Theme {
  const parts: ThemeParts = { ...defaultParts, ...settings.parts }
  return {
    render(view: PageView): Root {
      return { type: 'root', children: [{ type: 'doctype' }, page(view, parts) as never] }
    },
    assets: { 'assets/theme.css': css, 'assets/theme.js': script }
  }
}

/** The default theme. */
export const theme: Theme = defaultTheme()
