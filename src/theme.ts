/**
 * What a theme imports besides the JSX factory (`inkstone/jsx`), as `inkstone/theme`: the view-models it
 * renders and the Theme it exports (types), `fill` for the UI strings' placeholders, and the stylesheet of
 * the HTML the Markdown stage makes. The built-in theme (templates/) uses exactly this, as a site's own does.
 */
export type * from './render/view-types.js'
export type { TocItem } from './types.js'
export { fill } from './render/strings.js'
export { markdownCss } from './markdown/markdown-css.js'
