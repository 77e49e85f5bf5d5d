/**
 * The stylesheet of what the Markdown stage makes (Shiki's two colour
 * themes, code, heading anchors, alerts, footnotes, figures, math), which
 * themes fold into theirs. A module rather than a .css file read at run
 * time: the built-in theme runs compiled, inside the CLI bundle, or bundled
 * from a site's own templates, and a file path relative to the code is
 * different in each (the CLI bundle silently lost these rules that way).
 */
export const markdownCss = `/* Inkstone Markdown body styles: what src/markdown emits. Scope with the theme's body class if needed. */

/* Shiki: colours come as --shiki-light/--shiki-dark variables on each token (defaultColor: false). */
pre.shiki { color: var(--shiki-light); background-color: var(--shiki-light-bg); }
pre.shiki span { color: var(--shiki-light); }
html[data-theme="dark"] pre.shiki { color: var(--shiki-dark); background-color: var(--shiki-dark-bg); }
html[data-theme="dark"] pre.shiki span { color: var(--shiki-dark); }
@media (prefers-color-scheme: dark) {
  html:not([data-theme="light"]) pre.shiki { color: var(--shiki-dark); background-color: var(--shiki-dark-bg); }
  html:not([data-theme="light"]) pre.shiki span { color: var(--shiki-dark); }
}
pre { overflow-x: auto; padding: .8em 1em; border-radius: 6px; line-height: 1.5; tab-size: 4; }
pre:not(.shiki) { background: rgba(127, 127, 127, .1); }
pre:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
pre code { font-size: .9em; background: none; padding: 0; }
:not(pre) > code { font-size: .9em; padding: .1em .35em; border-radius: 4px; background: rgba(127, 127, 127, .15); }

/* Headings: the "#" anchor shows on hover or keyboard focus. */
.heading-anchor { margin-left: .35em; font-weight: normal; text-decoration: none; opacity: 0; color: inherit; }
:is(h1, h2, h3, h4, h5, h6):hover > .heading-anchor, .heading-anchor:focus-visible { opacity: .5; }
:is(h1, h2, h3, h4, h5, h6)[id] { scroll-margin-top: 4rem; }

/* GitHub alerts: > [!NOTE] … */
.markdown-alert { --alert: #0969da; margin: 1em 0; padding: .5em 1em; border-left: .25em solid var(--alert); }
.markdown-alert > :last-child { margin-bottom: 0; }
.markdown-alert-title { display: flex; align-items: center; gap: .5em; font-weight: 600; color: var(--alert); }
.markdown-alert-title .octicon { fill: currentColor; flex: none; }
.markdown-alert-tip { --alert: #1a7f37; }
.markdown-alert-important { --alert: #8250df; }
.markdown-alert-warning { --alert: #9a6700; }
.markdown-alert-caution { --alert: #cf222e; }
html[data-theme="dark"] .markdown-alert-note { --alert: #4493f8; }
html[data-theme="dark"] .markdown-alert-tip { --alert: #3fb950; }
html[data-theme="dark"] .markdown-alert-important { --alert: #ab7df8; }
html[data-theme="dark"] .markdown-alert-warning { --alert: #d29922; }
html[data-theme="dark"] .markdown-alert-caution { --alert: #f85149; }
@media (prefers-color-scheme: dark) {
  html:not([data-theme="light"]) .markdown-alert-note { --alert: #4493f8; }
  html:not([data-theme="light"]) .markdown-alert-tip { --alert: #3fb950; }
  html:not([data-theme="light"]) .markdown-alert-important { --alert: #ab7df8; }
  html:not([data-theme="light"]) .markdown-alert-warning { --alert: #d29922; }
  html:not([data-theme="light"]) .markdown-alert-caution { --alert: #f85149; }
}

/* Images: width/height attributes reserve space; CSS keeps them fluid. */
img { max-width: 100%; height: auto; }
figure { margin: 1.5em 0; text-align: center; }
figcaption { margin-top: .5em; font-size: .9em; opacity: .75; }

/* Math: wide display formulas scroll instead of overflowing the page. */
.katex-display { display: block; overflow-x: auto; overflow-y: hidden; padding: .2em 0; }
.katex-error { white-space: pre-wrap; }

/* Tables (no display:block: it drops table semantics in some screen readers). */
table { max-width: 100%; border-collapse: collapse; }
th, td { padding: .4em .8em; border: 1px solid rgba(127, 127, 127, .35); overflow-wrap: anywhere; }
thead th { background: rgba(127, 127, 127, .1); }

/* Task lists. */
.contains-task-list { list-style: none; padding-left: 1.2em; }
.task-list-item input[type="checkbox"] { margin: 0 .4em 0 -1.2em; vertical-align: middle; }

/* Footnotes. */
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
[data-footnote-ref] { text-decoration: none; }
[data-footnote-ref]::before { content: "["; }
[data-footnote-ref]::after { content: "]"; }
.footnotes { margin-top: 2.5em; padding-top: 1em; border-top: 1px solid rgba(127, 127, 127, .35); font-size: .9em; }
.data-footnote-backref { text-decoration: none; }
:target { scroll-margin-top: 4rem; }
`
