/** The default theme's stylesheet (kept small: one file, no web fonts). */
export const css = `:root{--fg:#1f2328;--muted:#59636e;--bg:#fff;--accent:#0b63c4;--line:#d1d9e0;--card:#f6f8fa;color-scheme:light dark}
html[data-theme=dark]{--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--accent:#58a6ff;--line:#3d444d;--card:#151b23}
@media (prefers-color-scheme:dark){html:not([data-theme=light]){--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--accent:#58a6ff;--line:#3d444d;--card:#151b23}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:44rem;padding:0 1rem;font:17px/1.8 -apple-system,BlinkMacSystemFont,"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent)}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.site-header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:1rem 0;border-bottom:1px solid var(--line)}
.site-title{font-weight:700;font-size:1.2rem;text-decoration:none;color:var(--fg)}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.8rem;margin:0;padding:0}
.theme-toggle{margin-left:auto;background:none;border:1px solid var(--line);color:var(--fg);border-radius:4px;cursor:pointer}
.meta{color:var(--muted);font-size:.9rem;margin:.2rem 0}
.badge{font-size:.8rem;padding:0 .4rem;border-radius:3px;background:var(--card)}
.tags{list-style:none;display:flex;flex-wrap:wrap;gap:.5rem;padding:0}
.card{padding:1rem 0;border-bottom:1px solid var(--line)}.card h2{margin:.2rem 0}
.pager,.prevnext{display:flex;justify-content:space-between;gap:1rem;margin:2rem 0}
.author{display:flex;gap:1rem;padding:1rem;background:var(--card);border-radius:6px;margin:2rem 0}.author img{border-radius:50%}
.column-card,.toc{padding:1rem;border:1px solid var(--line);border-radius:6px;margin:1.5rem 0}
.site-footer{color:var(--muted);border-top:1px solid var(--line);margin-top:3rem;font-size:.9rem}
img{max-width:100%;height:auto}pre{overflow-x:auto;padding:1rem;background:var(--card);border-radius:6px}
`
