/**
 * The default theme's stylesheet: one file, system fonts (no web fonts), the
 * Markdown stage's body styles (`src/markdown/markdown-css.ts`) folded in, and a
 * light minifier so the whole thing stays well under 30 KB.
 */
import { markdownCss } from 'inkstone/theme'

/** Light and dark palettes; `data-theme` (set before paint) wins over the system preference. */
const light = '--bg:#fbfaf7;--fg:#1f2328;--muted:#5c6168;--line:#e4e0d8;--card:#f4f1ea;--accent:#b2332b;--accent-bg:#f7e7e3;--code:#fff;--shadow:0 1px 2px rgb(0 0 0/.04),0 4px 16px rgb(0 0 0/.05)'
const dark = '--bg:#17181b;--fg:#e3e1dc;--muted:#a2a29d;--line:#303237;--card:#1f2125;--accent:#f08a7c;--accent-bg:#3a2522;--code:#24292e;--shadow:none'

const theme = `
:root{${light};color-scheme:light;--measure:38em;--sans:-apple-system,BlinkMacSystemFont,"Segoe UI","PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",Roboto,"Helvetica Neue",Arial,sans-serif;--serif:"Songti SC","Noto Serif CJK SC","Source Han Serif SC",STSong,Georgia,serif;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono","Noto Sans Mono CJK SC",monospace}
html[data-theme=dark]{${dark};color-scheme:dark}
@media (prefers-color-scheme:dark){html:not([data-theme=light]){${dark};color-scheme:dark}}
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%;scroll-padding-top:1rem}
body{margin:0;min-height:100vh;display:flex;flex-direction:column;font-family:var(--sans);font-size:1rem;line-height:1.75;color:var(--fg);background:var(--bg);overflow-wrap:break-word;line-break:strict;text-spacing-trim:space-first;text-autospace:normal;-webkit-font-smoothing:antialiased}
@media (min-width:48em){body{font-size:1.0625rem}}
a{color:var(--accent);text-decoration-thickness:1px;text-underline-offset:.2em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:3px}
main:focus{outline:none}
h1,h2,h3,h4{line-height:1.35;font-weight:650;letter-spacing:.01em}
code,kbd,pre{font-family:var(--mono)}
hr{border:0;border-top:1px solid var(--line);margin:2.5em 0}
img{max-width:100%;height:auto}
.sr-only{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.skip{position:absolute;left:.75rem;top:-4rem;z-index:10;padding:.5rem 1rem;background:var(--fg);color:var(--bg);border-radius:6px}
.skip:focus{top:.75rem}
[hidden]{display:none!important}

/* Header */
.site-header{border-bottom:1px solid var(--line);background:var(--bg)}
.bar{max-width:68rem;margin:0 auto;padding:.7rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.5rem}
.brand{display:flex;align-items:center;gap:.6rem;color:var(--fg);text-decoration:none;font-weight:700;font-size:1.1rem;letter-spacing:.04em}
.seal{display:inline-grid;place-items:center;width:2rem;height:2rem;border-radius:6px;background:var(--accent);color:var(--bg);font-family:var(--serif);font-size:1.15rem;font-weight:700;letter-spacing:0}
.nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.1rem .3rem;margin:0;padding:0}
.nav a{display:block;padding:.3rem .6rem;border-radius:6px;color:var(--muted);text-decoration:none;font-size:.95rem}
.nav a:hover{color:var(--fg);background:var(--card)}
.nav a[aria-current=page]{color:var(--fg);font-weight:600;box-shadow:inset 0 -2px var(--accent);border-radius:0}
.tools{margin-left:auto;display:flex;align-items:center;gap:.5rem}
.theme-toggle{display:grid;place-items:center;width:2.25rem;height:2.25rem;padding:0;border:1px solid var(--line);border-radius:8px;background:none;color:var(--fg);cursor:pointer}
.theme-toggle:hover{background:var(--card)}
.theme-toggle svg,.search-field svg,.foot-links svg{fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round}
.theme-toggle .i-moon{fill:currentColor;stroke:none}
.i-sun{display:none}
html[data-theme=dark] .i-sun{display:block}html[data-theme=dark] .i-moon{display:none}
@media (prefers-color-scheme:dark){html:not([data-theme=light]) .i-sun{display:block}html:not([data-theme=light]) .i-moon{display:none}}
.search{position:relative}
.search-field{display:flex;align-items:center;gap:.4rem;height:2.25rem;padding:0 .6rem;border:1px solid var(--line);border-radius:8px;color:var(--muted);background:var(--card);cursor:text}
.search-field:focus-within{border-color:var(--accent);outline:2px solid var(--accent);outline-offset:1px}
.search input{width:9rem;border:0;background:none;color:var(--fg);font:inherit;font-size:.9rem;outline:none;-webkit-appearance:none;appearance:none}
.search input::placeholder{color:var(--muted)}
.search kbd{font-size:.75rem;padding:0 .35rem;border:1px solid var(--line);border-radius:4px;line-height:1.4}
.search-panel{position:absolute;right:0;top:calc(100% + .4rem);z-index:20;width:min(30rem,calc(100vw - 2rem));max-height:70vh;overflow:auto;padding:.5rem;border:1px solid var(--line);border-radius:10px;background:var(--bg);box-shadow:0 8px 32px rgb(0 0 0/.18)}
.search-status{margin:.2rem .5rem .4rem;font-size:.85rem;color:var(--muted)}
.search-results{list-style:none;margin:0;padding:0}
.search-results a{display:block;padding:.5rem .6rem;border-radius:6px;color:var(--fg);text-decoration:none}
.search-results a:hover,.search-results a:focus{background:var(--card);outline:none}
.search-results a:focus-visible{box-shadow:inset 0 0 0 2px var(--accent)}
.search-results b{display:block;font-weight:600}
.search-results small{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden;color:var(--muted);font-size:.8rem;line-height:1.5}
.search-results .search-meta{display:block;color:var(--muted);font-size:.75rem}
.search-results mark{background:var(--accent-bg);color:inherit;border-radius:2px}
.search-all{display:block;margin:.3rem .1rem 0;padding:.4rem .5rem;border-radius:6px;font-size:.85rem;color:var(--accent);text-decoration:none}
.search-all:hover,.search-all:focus{background:var(--card);outline:none}
.search-all:focus-visible{box-shadow:inset 0 0 0 2px var(--accent)}
.search-page-form{display:flex;gap:.5rem;margin:1rem 0}
.search-page-form input{flex:1;min-width:0;height:2.4rem;padding:0 .7rem;border:1px solid var(--line);border-radius:8px;background:var(--card);color:var(--fg);font:inherit}
.search-page-form input:focus{outline:2px solid var(--accent);outline-offset:1px}
.search-page .search-status{margin:.5rem 0}
.search-results-page a{padding:.7rem .6rem}
.search-results-page small{-webkit-line-clamp:3;font-size:.9rem}
.search-more{margin-top:1rem;border:0;cursor:pointer;font:inherit}
@media (max-width:40em){.bar{padding:.6rem 1rem}.nav{order:3;width:calc(100% + 2rem);margin:0 -1rem;overflow-x:auto;scrollbar-width:none}.nav ul{flex-wrap:nowrap;padding:0 .5rem}.nav a{white-space:nowrap;padding:.25rem .5rem}.search input{width:6.5rem}.search kbd{display:none}}

/* Main column */
main{flex:1;width:100%;max-width:calc(var(--measure) + 2.5rem);margin:0 auto;padding:2rem 1.25rem 3rem}
@media (max-width:40em){main{padding:1.5rem 1rem 2.5rem}}
.badge{display:inline-block;padding:0 .5em;border-radius:999px;font-size:.8rem;line-height:1.7;text-decoration:none;white-space:nowrap}
.badge.column{background:var(--accent-bg);color:var(--accent);font-weight:600}
.badge.flag{background:#8a5a00;color:#fff}
.badge.pin{background:var(--accent);color:var(--bg,#fff);font-size:.7rem;vertical-align:.2em}
.count{color:var(--muted);font-size:.8em;font-weight:400}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:0 .9em;margin:0;color:var(--muted);font-size:.875rem}
.edited-mark{display:inline-block;padding:0 .4em;margin-right:.25em;border:1px solid currentColor;border-radius:4px;font-size:.75rem;line-height:1.5}
.tags{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem;margin:0;padding:0}
.tag{display:inline-block;padding:0 .55em;border:1px solid var(--line);border-radius:999px;color:var(--muted);font-size:.8rem;line-height:1.75;text-decoration:none}
.tag::before{content:"#";opacity:.6;margin-right:.1em}
.tag:hover{color:var(--accent);border-color:var(--accent)}
.chips{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0 0;padding:0}
.chips a{display:inline-block;padding:.15rem .75rem;border:1px solid var(--line);border-radius:999px;color:var(--fg);text-decoration:none;font-size:.9rem;background:var(--bg)}
.chips a:hover,.chips a[aria-current=page]{border-color:var(--accent);color:var(--accent)}
.button{display:inline-block;padding:.4rem 1rem;border-radius:8px;background:var(--accent);color:var(--bg);text-decoration:none;font-weight:600;font-size:.9rem}
.button:hover{filter:brightness(1.08)}
.kicker{margin:0 0 .3rem;font-size:.85rem;font-weight:600;letter-spacing:.05em;color:var(--accent)}
.kicker a{text-decoration:none}
.motto{font-family:var(--serif);color:var(--muted)}

/* Home intro and list headers */
.intro{display:flex;gap:1.25rem;align-items:center;padding:.5rem 0 2rem;margin-bottom:.5rem;border-bottom:1px solid var(--line)}
.intro .avatar,.author-card .avatar{flex:none;border-radius:50%;background:var(--card)}
.intro h1{margin:0;font-size:1.6rem;letter-spacing:.06em}
.intro .bio{margin:.25rem 0 0;color:var(--muted);font-size:.95rem;line-height:1.65}
.intro .motto{margin:.35rem 0 0;font-size:.95rem}
.intro .by{font-family:var(--sans);font-size:.85em}
.list-header{padding-bottom:1.25rem;margin-bottom:.5rem;border-bottom:1px solid var(--line)}
.list-header h1{margin:0;font-size:1.75rem}
.list-header .count{margin:.2rem 0 0;font-size:.9rem}
.list-header .description{color:var(--muted);font-size:.95rem}
.list-header .description p{margin:.6rem 0 0}
.hash{color:var(--accent);margin-right:.1em}
.page-no{font-size:.95rem;font-weight:400;color:var(--muted);margin-left:.4em}
.crumbs{margin:0 0 .3rem;font-size:.85rem;color:var(--muted)}

/* Entries */
.entry{padding:1.6rem 0;border-bottom:1px solid var(--line)}
.entry-title{margin:0 0 .35rem;font-size:1.3rem}
.entry-title a{color:var(--fg);text-decoration:none}
.entry-title a:hover{color:var(--accent)}
.entry-meta{display:flex;flex-wrap:wrap;align-items:center;gap:.3rem .8rem}
.summary{color:var(--fg);opacity:.92}
.summary p{margin:.6rem 0}
.summary>:last-child{margin-bottom:.6rem}
.entry-foot{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:.5rem 1rem}
.more{font-size:.9rem;font-weight:600;text-decoration:none;white-space:nowrap}
.pager{display:grid;grid-template-columns:1fr auto 1fr;align-items:center;gap:1rem;margin-top:2.5rem;font-size:.95rem}
.pager ol{list-style:none;display:flex;gap:.3rem;margin:0;padding:0}
.pager .num{display:grid;place-items:center;min-width:2.2rem;height:2.2rem;padding:0 .3rem;border-radius:8px;color:var(--fg);text-decoration:none}
.pager .num:hover{background:var(--card)}
.pager .num[aria-current=page]{background:var(--fg);color:var(--bg);font-weight:600}
.pager .gap{align-self:end;color:var(--muted)}
.pager .step{text-decoration:none;font-weight:600}
.pager .step[rel=next]{justify-self:end}

/* Tags, columns, archives */
.tag-cloud{list-style:none;display:flex;flex-wrap:wrap;gap:.6rem;margin:1.5rem 0 0;padding:0}
.tag-cloud a{display:inline-flex;align-items:baseline;gap:.35em;padding:.25rem .8rem;border:1px solid var(--line);border-radius:999px;color:var(--fg);text-decoration:none;background:var(--bg)}
.tag-cloud a::before{content:"#";color:var(--accent)}
.tag-cloud a:hover{border-color:var(--accent)}
.tag-cloud .w2{font-size:1.08rem}.tag-cloud .w3{font-size:1.2rem;font-weight:600}.tag-cloud .w4{font-size:1.35rem;font-weight:650}
.column-tree,.column-sub{list-style:none;margin:0;padding:0}
.column-tree>li{margin:1.5rem 0;padding:1.25rem 1.4rem;border:1px solid var(--line);border-radius:12px;background:var(--card)}
.column-sub{margin-top:.8rem;display:grid;gap:.6rem;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))}
.column-sub>li{padding:.7rem .9rem;border-radius:8px;background:var(--bg);border:1px solid var(--line)}
.column-sub .column-sub{display:block;margin-top:.3rem}
.col-title{margin:0;font-size:1.25rem}
.col-title.sub{font-size:1rem}
.col-title a{color:var(--fg);text-decoration:none}
.col-title a:hover{color:var(--accent)}
.col .desc{color:var(--muted);font-size:.9rem}
.col .desc p{margin:.35rem 0 0}
.column-sub .desc{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:3;overflow:hidden}
.year h2{display:flex;align-items:baseline;gap:.6rem;margin:2.2rem 0 .2rem;font-size:1.5rem}
.year h2 a,.month h3 a{color:var(--fg);text-decoration:none}
.month h3{margin:1rem 0 .3rem;font-size:.95rem;color:var(--muted);font-weight:600}
.timeline{list-style:none;margin:0;padding:0 0 0 1rem;border-left:2px solid var(--line)}
.timeline li{position:relative;display:flex;gap:1rem;padding:.3rem 0}
.timeline li::before{content:"";position:absolute;left:calc(-1rem - 5px);top:.95em;width:8px;height:8px;border-radius:50%;background:var(--bg);border:2px solid var(--accent)}
.timeline time{flex:none;color:var(--muted);font-family:var(--mono);font-size:.85rem;padding-top:.15em}
.timeline a{color:var(--fg);text-decoration:none}
.timeline a:hover{color:var(--accent);text-decoration:underline}

/* Post */
.banner{margin:0 0 1.5rem;padding:.6rem 1rem;border-radius:8px;background:#fff3cd;color:#5c4300;border:1px solid #e9c45a;font-size:.9rem}
html[data-theme=dark] .banner{background:#3b2f0b;color:#f5dc91;border-color:#7a611c}
@media (prefers-color-scheme:dark){html:not([data-theme=light]) .banner{background:#3b2f0b;color:#f5dc91;border-color:#7a611c}}
.post-header{margin-bottom:1.75rem}
.post-header h1{margin:.1rem 0 .6rem;font-size:clamp(1.6rem,1.2rem + 1.6vw,2.1rem);line-height:1.3;letter-spacing:.02em}
.post-header .tags{margin-top:.8rem}
.author-card{display:flex;gap:.8rem;align-items:center;margin-bottom:1.6rem}
.author-card .avatar{width:3rem;height:3rem}
.author-name{margin:0;font-weight:650;line-height:1.4}
.author-name .motto{margin-left:.7em;font-weight:400;font-size:.9em}
.author-card .bio{margin:.1rem 0 0;color:var(--muted);font-size:.85rem;line-height:1.55}
.body{line-height:1.8}
.body>*{max-width:100%}
.body h2{margin:2.2em 0 .7em;font-size:1.4em;padding-bottom:.25em;border-bottom:1px solid var(--line)}
.body h3{margin:1.8em 0 .6em;font-size:1.18em}
.body h4{margin:1.5em 0 .5em;font-size:1.05em}
.body p,.body ul,.body ol,.body dl{margin:1em 0}
.body li{margin:.3em 0}
.body li>p{margin:.4em 0}
.body blockquote{margin:1.5em 0;padding:.2em 1.2em;border-left:3px solid var(--accent);background:var(--card);border-radius:0 8px 8px 0;color:var(--muted)}
.body blockquote p{margin:.7em 0}
.body pre{font-size:.875rem;border:1px solid var(--line)}
.body pre:not(.shiki){background:var(--code)}
.body table{display:table;margin:1.5em 0;font-size:.92em}
.body figure img{border-radius:6px}
.body .markdown-alert{border-radius:0 8px 8px 0;background:var(--card)}
.body kbd{padding:.05em .4em;border:1px solid var(--line);border-bottom-width:2px;border-radius:4px;font-size:.85em}
.body mark{background:var(--accent-bg);color:inherit}
.body abbr[title]{text-decoration:underline dotted}
.toc{font-size:.9rem}
.toc details{margin:0 0 2rem;padding:.8rem 1.1rem;border:1px solid var(--line);border-radius:10px;background:var(--card)}
.toc summary{cursor:pointer;font-weight:650;color:var(--fg)}
.toc ol{list-style:none;margin:.3rem 0 0;padding:0}
.toc ol ol{padding-left:1em;margin:0}
.toc li{margin:0}
.toc a{display:block;padding:.18rem 0 .18rem .7rem;border-left:2px solid transparent;color:var(--muted);text-decoration:none;line-height:1.5}
.toc a:hover{color:var(--fg)}
.toc a.active{color:var(--accent);border-left-color:var(--accent)}
@media (min-width:72em){
body.page-post main:has(.has-toc){max-width:calc(var(--measure) + 19rem)}
.has-toc{display:grid;grid-template-columns:minmax(0,var(--measure)) 14rem;column-gap:3.5rem;align-items:start}
.has-toc>*{grid-column:1}
.has-toc>.toc{grid-column:2;grid-row:1/span 6;position:sticky;top:1.5rem;max-height:calc(100vh - 3rem);overflow:auto;padding-top:.2rem}
.has-toc>.toc details{padding:0;border:0;background:none}
.has-toc>.toc summary{list-style:none;margin-bottom:.3rem;font-size:.8rem;letter-spacing:.1em;text-transform:uppercase;color:var(--muted);cursor:default}
.has-toc>.toc summary::-webkit-details-marker{display:none}
}
.post-footer{margin-top:3rem;display:grid;gap:1.25rem}
.post-footer h2{margin:0 0 .3rem;font-size:1rem}
.license dl{margin:0;padding:1rem 1.2rem;border-left:3px solid var(--accent);background:var(--card);border-radius:0 10px 10px 0;font-size:.875rem;line-height:1.65}
.license dl>div{display:flex;gap:.8rem}
.license dt{flex:none;color:var(--muted);min-width:4em}
.license dd{margin:0;min-width:0;overflow-wrap:anywhere}
.support{padding:1.2rem;border:1px dashed var(--accent);border-radius:10px;text-align:center}
.support h2{color:var(--accent);font-size:.9rem;letter-spacing:.08em}
.support p{margin:.2rem 0 .8rem}
.support-actions{display:flex;flex-wrap:wrap;gap:.8rem;justify-content:center;align-items:center}
.support summary{cursor:pointer;color:var(--accent);font-size:.9rem}
.support details img{display:block;margin:.6rem auto 0;border-radius:8px;background:#fff;padding:6px}
.column-card{padding:1.2rem 1.4rem;border:1px solid var(--line);border-radius:12px;background:var(--card);box-shadow:var(--shadow)}
.column-card h2{font-size:1.2rem}
.column-card h2 a{color:var(--fg);text-decoration:none}
.column-card h2 a:hover{color:var(--accent)}
.column-card .desc{color:var(--muted);font-size:.9rem;line-height:1.7}
.column-card .desc p{margin:.4rem 0}
.subcolumns{margin-top:.8rem}
.subcolumns .label{margin:0;font-size:.8rem;color:var(--muted)}
.subcolumns .chips{margin-top:.4rem}
.column-nav{list-style:none;display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem 1rem;margin:1rem 0 0;padding:.8rem 0 0;border-top:1px solid var(--line);font-size:.9rem}
.column-nav a{text-decoration:none}
.column-nav .next{margin-left:auto;text-align:right}
.prevnext{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pn{display:block;padding:.9rem 1.1rem;border:1px solid var(--line);border-radius:10px;text-decoration:none;color:var(--fg)}
.pn:hover{border-color:var(--accent)}
.pn .label{display:block;font-size:.8rem;color:var(--muted)}
.pn .title{display:block;font-weight:600;line-height:1.5}
.pn.next{text-align:right}
@media (max-width:40em){.prevnext{grid-template-columns:1fr}.pn.next{text-align:left}.intro{align-items:flex-start}.intro .avatar{width:56px;height:56px}}
.comments{padding-top:1rem;border-top:1px solid var(--line);min-height:6rem}
.comments h2{font-size:1.1rem}

/* 404 */
.missing{text-align:center;padding:2rem 0}
.missing .code{margin:0;font-family:var(--serif);font-size:4.5rem;line-height:1;color:var(--accent);opacity:.85}
.missing h1{margin:.5rem 0}
.recent h2{font-size:1.1rem}

/* Footer */
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.875rem}
.foot{max-width:68rem;margin:0 auto;padding:1.5rem 1.25rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
.foot p{margin:0}
.foot-author{display:flex;align-items:center;gap:.5rem;color:var(--fg)}
.foot-author img{border-radius:50%}
.foot-links{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:0;padding:0}
.foot-links a{color:var(--muted);display:inline-flex;align-items:center;gap:.3em}
.foot-links a:hover{color:var(--accent)}
.powered{margin-left:auto!important}

@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media print{
:root,html[data-theme=dark]{${light};color-scheme:light}
body{display:block;font-size:11pt;line-height:1.7;background:#fff;color:#000}
.site-header,.site-footer,.skip,.toc,.support,.comments,.prevnext,.column-nav,.heading-anchor,.more,.pager{display:none!important}
main{max-width:none;padding:0}
.has-toc{display:block}
.body a[href^="http"]::after{content:" (" attr(href) ")";font-size:.8em;color:#555;overflow-wrap:anywhere}
pre,blockquote,figure,table,.column-card,.license{break-inside:avoid}
h2,h3{break-after:avoid}
.body pre,.body pre span{white-space:pre-wrap}
}
`

/** Strip comments and insignificant whitespace (enough for hand-written CSS without strings containing them). */
function minify(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{}:;,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .replace(/\(\s+/g, '(')
    // `and(` would break media queries: keep the space before a parenthesis after "and".
    .replace(/\band\(/g, 'and (')
    .trim()
}

/** The theme's stylesheet: Markdown body styles first, the theme after (so the theme refines them). */
export const css = minify(markdownCss + '\n' + theme) + '\n'
