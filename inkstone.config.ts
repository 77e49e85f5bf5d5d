/**
 * The example blog's own Markdown plugins (see the README's Customising section): `:shortcode:` emoji
 * in posts, by remark-emoji from npm. Each item is a plugin or a [plugin, options] pair.
 */
import remarkEmoji from 'remark-emoji'

export const remarkPlugins = [[remarkEmoji, { emoticon: false }]]
export const rehypePlugins = []
