/**
 * Settings for rehype-autolink-headings: a small `#` link appended to each
 * heading, with a spoken label, so readers can copy a link to a section.
 */
import type { Element } from 'hast'
import type { Options } from 'rehype-autolink-headings'
import { headingText } from './rehype-heading-ids.js'

/**
 * Options for rehype-autolink-headings (run after rehype-heading-ids).
 *
 * @param language Site language: the spoken label is Chinese for `zh*`.
 * @returns Options.
 */
export const headingAnchorOptions = (language: string): Options => ({
  behavior: 'append',
  // Footnotes' screen-reader-only heading needs no anchor.
  test: (element: Element) => !isScreenReaderOnly(element),
  properties: (element: Element) => ({
    className: ['heading-anchor'],
    // "#" alone means nothing when spoken; name the section.
    ariaLabel: (language.toLowerCase().startsWith('zh') ? '本节链接：' : 'Permalink: ') + headingText(element)
  }),
  content: { type: 'text', value: '#' }
})

/** Whether `element` is visually hidden (`sr-only`). */
function isScreenReaderOnly(element: Element): boolean {
  const classes = element.properties.className
  return Array.isArray(classes) && classes.includes('sr-only')
}
