/**
 * The JSX factory of Inkstone templates: TSX → hast, with function
 * components. Templates are type-checked against their view-models; text is
 * escaped by construction (hast text nodes), and pre-rendered HTML (a post
 * body) is embedded as a `raw` node without being parsed again.
 */
import { h as hastscript } from 'hastscript'
import type { Element, ElementContent, Root, RootContent } from 'hast'

/** A raw HTML node (serialised as-is by hast-util-to-html with allowDangerousHtml). */
export interface Raw {
  type: 'raw'
  value: string
}

/** What a component may return. */
export type Node = Element | Root | Raw

/** What may appear as a child in JSX. */
export type Child = Node | RootContent | ElementContent | string | number | boolean | null | undefined | Child[]

type Props = Record<string, unknown> & { children?: Child }
type Component<P> = (props: P) => Node

function flatten(children: Child[], out: Array<RootContent | Raw>): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue
    if (Array.isArray(child)) flatten(child, out)
    else if (typeof child === 'string' || typeof child === 'number') out.push({ type: 'text', value: String(child) })
    else if (child.type === 'root') out.push(...(child.children as RootContent[]))
    else out.push(child as RootContent)
  }
}

/**
 * JSX factory: intrinsic elements become hast elements, functions are called.
 *
 * @param type Tag name, component, or Fragment.
 * @param props Properties.
 * @param children Children.
 * @returns hast node.
 */
export function h(type: string | Component<any> | typeof Fragment, props: Props | null, ...children: Child[]): Node {
  const kids: Array<RootContent | Raw> = []
  flatten(children.length > 0 ? children : props?.children !== undefined ? [props.children] : [], kids)
  if (type === Fragment) return { type: 'root', children: kids as RootContent[] }
  if (typeof type === 'function') return type({ ...(props ?? {}), children: children.length > 1 ? children : children[0] })
  const properties: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key === 'children' || value === undefined || value === null || value === false) continue
    properties[key] = value
  }
  const element = hastscript(type, properties as never)
  element.children = kids as ElementContent[]
  return element
}

/** JSX fragment marker. */
export function Fragment(): never {
  throw new Error('Internal error: Fragment is a marker, not a component')
}

/**
 * Embed pre-rendered HTML without parsing it.
 *
 * @param props `html`: the HTML string.
 * @returns A raw node.
 */
export function RawHtml(props: { html: string }): Raw {
  return { type: 'raw', value: props.html }
}

type Attrs = Record<string, unknown> & { children?: Child }

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace h {
  namespace JSX {
    type Element = Node
    interface ElementChildrenAttribute {
      children: unknown
    }
    interface IntrinsicElements {
      [name: string]: Attrs
    }
  }
}
