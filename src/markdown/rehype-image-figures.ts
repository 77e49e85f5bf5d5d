/**
 * An image with a title (`![alt](a.png "A cat")`) alone in its paragraph
 * becomes a `<figure>` with the title as caption. The figure replaces the
 * paragraph, since a `<figure>` inside a `<p>` is invalid HTML.
 */
import type { Element, ElementContent, Root } from 'hast'
import { walkElements } from './walk.js'

/** Turn `<p><img title></p>` into `<figure><img><figcaption>title</figcaption></figure>`. */
export default function rehypeImageFigures() {
  return function (tree: Root): undefined {
    walkElements(tree, function (node, parent, index) {
      if (node.tagName !== 'p') return
      const image = soleImage(node.children)
      if (!image) return
      const title = image.properties.title
      if (typeof title !== 'string' || title.trim() === '') return
      // The caption says it; a tooltip repeating it would be noise.
      delete image.properties.title
      const caption: Element = {
        type: 'element',
        tagName: 'figcaption',
        properties: {},
        children: [{ type: 'text', value: title }]
      }
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: {},
        children: [image, caption],
        position: node.position
      }
    })
  }
}

/** The image when it is the only thing (besides whitespace) in `children`. */
function soleImage(children: ElementContent[]): Element | undefined {
  let image: Element | undefined
  for (const child of children) {
    if (child.type === 'text' && child.value.trim() === '') continue
    if (child.type !== 'element' || child.tagName !== 'img' || image) return undefined
    image = child
  }
  return image
}
