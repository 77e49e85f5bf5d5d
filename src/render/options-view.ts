/**
 * The `theme:` options as the view-model a theme reads (ThemeOptionsView):
 * hrefs resolved, and the colour, font and width options as a stylesheet.
 */
import { themeOptionsCss, type ThemeOptions } from '../config/theme-options.js'
import type { ThemeOptionsView } from './view-types.js'

/**
 * Make the options' view.
 *
 * @param options Validated `theme:` options.
 * @param link Turns an author's URL (absolute, or a site path) into an href.
 * @returns The view.
 */
export function themeOptionsView(options: ThemeOptions, link: (url: string) => string): ThemeOptionsView {
  return {
    css: themeOptionsCss(options),
    footer: { text: options.footer.text, links: options.footer.links.map((l) => ({ title: l.name, href: link(l.url) })) },
    authorCard: options.authorCard,
    readingTime: options.readingTime,
    wordCount: options.wordCount,
    toc: options.toc,
    support: options.support,
    edited: options.edited
  }
}
