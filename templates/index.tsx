/**
 * Inkstone's default theme: typed TSX components that turn view-models into
 * hast. Text is escaped by construction; post bodies are embedded raw.
 */
import { h, Fragment, RawHtml } from '../src/render/jsx.js'
import type { Root } from 'hast'
import type {
  ArchivePageView, ColumnTreeView, ColumnsPageView, HeadView, ListPageView, NotFoundPageView, PageView, PagerView,
  PostCardView, PostPageView, SiteView, StandalonePageView, TagsPageView, Theme
} from '../src/render/view-types.js'
import type { TocItem } from '../src/types.js'
import { fill } from '../src/render/strings.js'
import { css } from './style.js'
import { script } from './script.js'

void Fragment

function Head(props: { head: HeadView; site: SiteView }) {
  const { head, site } = props
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{head.title}</title>
      <link rel="canonical" href={head.canonical} />
      {head.meta.map((m) => <meta name={m.name} property={m.property} content={m.content} />)}
      {head.feeds.map((f) => <link rel="alternate" type={f.type} title={f.title} href={f.href} />)}
      {head.prev ? <link rel="prev" href={head.prev} /> : null}
      {head.next ? <link rel="next" href={head.next} /> : null}
      <script>{"try{var t=localStorage.getItem('inkstone-theme');if(t)document.documentElement.dataset.theme=t}catch(e){}"}</script>
      <link rel="stylesheet" href={site.assets.css} />
      {head.styles.map((s) => <link rel="stylesheet" href={s} />)}
      {head.jsonLd.map((ld) => <script type="application/ld+json">{JSON.stringify(ld).replace(/</g, '\\u003c')}</script>)}
      <script src={site.assets.js} defer />
    </head>
  )
}

function Layout(props: { view: PageView; children?: unknown }) {
  const { site, head } = props.view
  return (
    <html lang={site.language}>
      <Head head={head} site={site} />
      <body>
        <a class="skip" href="#main">{site.strings.skip}</a>
        <header class="site-header">
          <a class="site-title" href={site.homeHref}>{site.title}</a>
          <nav aria-label="site">
            <ul>{site.nav.map((l) => <li><a href={l.href}>{l.title}</a></li>)}</ul>
          </nav>
          <button type="button" class="theme-toggle" aria-label={site.strings.theme}>◐</button>
        </header>
        <main id="main">{props.children as never}</main>
        <footer class="site-footer">
          <p>© {site.author.name} · <a href={site.feeds[0]?.href ?? head.feeds[0]?.href}>RSS</a></p>
        </footer>
      </body>
    </html>
  )
}

function Dates(props: { card: PostCardView; site: SiteView }) {
  const { card, site } = props
  return (
    <p class="meta">
      <time datetime={card.date.iso}>{card.date.text}</time>
      {card.updated ? <span class="edited"> · {site.strings.edited} <time datetime={card.updated.iso}>{card.updated.text}</time></span> : null}
      {card.column ? <span> · <a class="badge column" href={card.column.href}>{card.column.title}</a></span> : null}
      {card.draft ? <span class="badge draft">{site.strings.draft}</span> : null}
      {card.future ? <span class="badge draft">{site.strings.future}</span> : null}
    </p>
  )
}

function Tags(props: { card: PostCardView }) {
  if (props.card.tags.length === 0) return <>{null}</>
  return <ul class="tags">{props.card.tags.map((t) => <li><a href={t.href} rel="tag">#{t.name}</a></li>)}</ul>
}

function Card(props: { card: PostCardView; site: SiteView }) {
  const { card, site } = props
  return (
    <article class="card">
      <h2><a href={card.href}>{card.title}</a></h2>
      <Dates card={card} site={site} />
      <div class="summary"><RawHtml html={card.summaryHtml} /></div>
      <Tags card={card} />
      <a class="more" href={card.href}>{site.strings.readMore} →</a>
    </article>
  )
}

function Pager(props: { pager: PagerView; site: SiteView }) {
  const { pager, site } = props
  if (pager.total <= 1) return <>{null}</>
  return (
    <nav class="pager" aria-label="pagination">
      {pager.prev ? <a rel="prev" href={pager.prev}>← {site.strings.newer}</a> : <span />}
      <span>{fill(site.strings.page, { n: pager.current, total: pager.total })}</span>
      {pager.next ? <a rel="next" href={pager.next}>{site.strings.older} →</a> : <span />}
    </nav>
  )
}

function Toc(props: { items: TocItem[] }) {
  return <ol>{props.items.map((i) => <li><a href={'#' + i.id}>{i.text}</a>{i.children.length > 0 ? <Toc items={i.children} /> : null}</li>)}</ol>
}

function PostPage(view: PostPageView) {
  const { post, site } = view
  return (
    <Layout view={view}>
      <article class="post">
        <header>
          <h1>{post.title}</h1>
          <Dates card={post} site={site} />
          <p class="meta">{fill(site.strings.words, { n: post.words })} · {fill(site.strings.minutes, { n: post.readingMinutes })}</p>
        </header>
        {post.showToc ? <nav class="toc" aria-label={site.strings.toc}><h2>{site.strings.toc}</h2><Toc items={post.toc} /></nav> : null}
        <div class="body"><RawHtml html={post.bodyHtml} /></div>
        <Tags card={post} />
        <aside class="author">
          {site.author.avatar ? <img src={site.author.avatar} alt="" width="48" height="48" /> : null}
          <div><strong>{site.author.name}</strong><p>{site.author.bio}</p>{site.author.motto ? <p class="motto">{site.author.motto}</p> : null}</div>
        </aside>
        <p class="license">{site.strings.license}: {post.license.href ? <a href={post.license.href} rel="license">{post.license.name}</a> : post.license.name}</p>
        {site.support ? <p class="support">{site.support.text}{site.support.href ? <> <a href={site.support.href}>→</a></> : null}</p> : null}
        {view.column ? (
          <aside class="column-card">
            <h2>{site.strings.column}: <a href={view.column.href}>{view.column.title}</a> ({view.column.position}/{view.column.total})</h2>
            <RawHtml html={view.column.descriptionHtml} />
            {view.column.children.length > 0 ? <ul>{view.column.children.map((c) => <li><a href={c.href}>{c.title}</a></li>)}</ul> : null}
            <p>
              {view.column.prev ? <a href={view.column.prev.href}>← {view.column.prev.title}</a> : null}
              {view.column.next ? <a href={view.column.next.href}>{view.column.next.title} →</a> : null}
            </p>
          </aside>
        ) : null}
        <nav class="prevnext" aria-label="posts">
          {view.next ? <a rel="next" href={view.next.href}>← {site.strings.newer}: {view.next.title}</a> : <span />}
          {view.prev ? <a rel="prev" href={view.prev.href}>{site.strings.older}: {view.prev.title} →</a> : <span />}
        </nav>
      </article>
    </Layout>
  )
}

function ListPage(view: ListPageView) {
  const { site } = view
  return (
    <Layout view={view}>
      {view.ancestors && view.ancestors.length > 0 ? <nav class="crumbs">{view.ancestors.map((a) => <><a href={a.href}>{a.title}</a> / </>)}</nav> : null}
      <h1>{view.kind === 'tag' ? '#' + view.title : view.title}</h1>
      {view.descriptionHtml ? <div class="description"><RawHtml html={view.descriptionHtml} /></div> : null}
      {view.children && view.children.length > 0 ? (
        <ul class="subcolumns">{view.children.map((c) => <li><a href={c.href}>{c.title}</a> <span>({c.count})</span></li>)}</ul>
      ) : null}
      {view.posts.map((card) => <Card card={card} site={site} />)}
      <Pager pager={view.pager} site={site} />
    </Layout>
  )
}

function TagsPage(view: TagsPageView) {
  return (
    <Layout view={view}>
      <h1>{view.title}</h1>
      <ul class="tag-cloud">{view.tags.map((t) => <li><a href={t.href}>#{t.name}</a> <span>{t.count}</span></li>)}</ul>
    </Layout>
  )
}

function ColumnTree(props: { columns: ColumnTreeView[] }) {
  return (
    <ul class="column-tree">
      {props.columns.map((c) => (
        <li>
          <a href={c.href}>{c.title}</a> <span>({c.count})</span>
          {c.children.length > 0 ? <ColumnTree columns={c.children} /> : null}
        </li>
      ))}
    </ul>
  )
}

function ColumnsPage(view: ColumnsPageView) {
  return (
    <Layout view={view}>
      <h1>{view.title}</h1>
      <ColumnTree columns={view.columns} />
    </Layout>
  )
}

function ArchivePage(view: ArchivePageView) {
  return (
    <Layout view={view}>
      <h1>{view.title}</h1>
      <p class="years">{view.allYears.map((y) => <><a href={y.href}>{y.year}</a> </>)}</p>
      {view.years.map((y) => (
        <section>
          <h2><a href={y.href}>{y.year}</a></h2>
          {y.months.map((m) => (
            <>
              <h3><a href={m.href}>{m.label}</a></h3>
              <ul>{m.posts.map((p) => <li><time datetime={p.date.iso}>{p.date.text}</time> <a href={p.href}>{p.title}</a></li>)}</ul>
            </>
          ))}
        </section>
      ))}
    </Layout>
  )
}

function StandalonePage(view: StandalonePageView) {
  return (
    <Layout view={view}>
      <article class="post">
        <h1>{view.title}</h1>
        <div class="body"><RawHtml html={view.bodyHtml} /></div>
      </article>
    </Layout>
  )
}

function NotFoundPage(view: NotFoundPageView) {
  return (
    <Layout view={view}>
      <h1>{view.title}</h1>
      <p>{view.site.strings.notFoundText}</p>
      <ul>{view.recent.map((l) => <li><a href={l.href}>{l.title}</a></li>)}</ul>
    </Layout>
  )
}

function page(view: PageView) {
  switch (view.kind) {
    case 'post': return PostPage(view)
    case 'home': case 'tag': case 'column': return ListPage(view)
    case 'tags': return TagsPage(view)
    case 'columns': return ColumnsPage(view)
    case 'archive': return ArchivePage(view)
    case 'page': return StandalonePage(view)
    case '404': return NotFoundPage(view)
  }
}

/** The default theme. */
export const theme: Theme = {
  render(view: PageView): Root {
    return { type: 'root', children: [{ type: 'doctype' }, page(view) as never] }
  },
  assets: { 'assets/theme.css': css, 'assets/theme.js': script }
}
