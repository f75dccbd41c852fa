// A document's Markdown as HTML for the security page. Nothing in a policy is trusted: raw HTML
// keeps only the elements and attributes model/raw-html.ts lists (tables, line breaks, sup, sub,
// kbd, details), the result is sanitized again (no script, no event handler, no javascript:
// URL), and links are rewritten to the bundle's pages, or to plain text when their target is not in it.
import GithubSlugger from 'github-slugger'
import type {Element, Root as HastRoot} from 'hast'
import {toString as hastToString} from 'hast-util-to-string'
import type {Definition, Image, ImageReference, Link, LinkReference, Root, RootContent} from 'mdast'
import rehypeSanitize, {defaultSchema} from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {SKIP, visit} from 'unist-util-visit'
import {keptHtml, sanitizeRawHtml, type HtmlElement} from '../model/raw-html'

/** Where a link (or, with `image`, an image) in a document should point in the bundle; undefined turns it into plain text. */
export type LinkResolver = (url: string, image: boolean) => string | undefined

// The page runs no script, so ids need no `user-content-` prefix against clobbering; without it,
// footnote links and #anchors written as GitHub slugs point at the ids they name.
// The sanitizer stays behind the raw HTML allowlist: it lets through the kept elements (GitHub's
// list lacks `caption`) with the attributes they keep, and nothing from raw HTML besides.
const schema = {
  ...defaultSchema,
  clobberPrefix: '',
  tagNames: [...new Set([...(defaultSchema.tagNames ?? []), ...Object.keys(keptHtml)])],
  attributes: {
    ...defaultSchema.attributes,
    ...Object.fromEntries(
      Object.entries(keptHtml).map(([tag, attributes]) => [tag, [...(defaultSchema.attributes?.[tag] ?? []), ...Object.values(attributes).map((attribute) => attribute.property)]])
    )
  }
}

const toHtml = unified()
  .use(remarkRehype, {
    clobberPrefix: '',
    handlers: {
      htmlElement: (state, node: HtmlElement) => {
        const element: Element = {type: 'element', tagName: node.tagName, properties: {...node.properties}, children: state.all(node) as Element['children']}
        state.patch(node, element)
        return state.applyData(node, element)
      }
    }
  })
  .use(rehypeSanitize, schema)
  .use(() => (tree: HastRoot) => {
    // Heading ids after sanitizing; the footnotes' own heading keeps the id its links point at.
    const slugger = new GithubSlugger()
    visit(tree, 'element', (node: Element) => {
      if (/^h[1-6]$/.test(node.tagName) && node.properties.id === undefined) {
        // An empty heading still takes its turn, so later slugs number as GitHub's (and lint's) do;
        // it gets no id, since `id=""` is not valid HTML.
        const id = slugger.slug(hastToString(node))
        if (id !== '') node.properties = {...node.properties, id}
      }
      // A task's box is named by the task, so a screen reader says what is done or not.
      const box = node.tagName === 'li' ? node.children.find((child) => child.type === 'element' && child.tagName === 'input') : undefined
      if (box?.type === 'element') box.properties = {...box.properties, ariaLabel: hastToString(node).trim()}
    })
    scrollableTables(tree)
  })
  .use(rehypeStringify)

/**
 * Puts each table in a region that scrolls sideways on a narrow screen. A keyboard user can focus
 * it to scroll (tabindex), and a screen reader names it: by the table's caption, else by the
 * heading it sits under, numbered when one heading has several tables (landmarks must differ).
 * A table inside a table scrolls with the outer one, so it gets no region of its own.
 */
function scrollableTables(tree: HastRoot): void {
  const tables: {table: Element; parent: HastRoot | Element; label: string}[] = []
  const used = new Map<string, number>()
  let heading = ''
  visit(tree, 'element', (node: Element, _index, parent) => {
    if (/^h[1-6]$/.test(node.tagName)) heading = hastToString(node).trim()
    if (node.tagName !== 'table' || !parent) return
    const caption = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'caption')
    const name = (caption ? hastToString(caption).trim() : '') || (heading ? `${heading} table` : 'Table')
    const count = (used.get(name) ?? 0) + 1
    used.set(name, count)
    tables.push({table: node, parent, label: count === 1 ? name : `${name} ${count}`})
    return SKIP
  })
  for (const {table, parent, label} of tables) {
    const region: Element = {type: 'element', tagName: 'div', properties: {className: ['table-region'], role: 'region', tabIndex: 0, ariaLabel: label}, children: [table]}
    parent.children[parent.children.indexOf(table)] = region
  }
}

/** A section of a page, for its "on this page" contents. */
export interface PageHeading {
  depth: number
  id: string
  text: string
}

export function documentHtml(tree: Root, resolve: LinkResolver): string {
  return documentPage(tree, resolve).body
}

/** The document's body as HTML, each heading with a link to itself, and its H2 and H3 sections in order. */
export function documentPage(tree: Root, resolve: LinkResolver): {body: string; headings: PageHeading[]} {
  const body: Root = {type: 'root', children: structuredClone(tree.children.filter((node) => node.type !== 'yaml'))}
  rewriteLinks(body, resolve)
  const page = toHtml.runSync(sanitizeRawHtml(body).tree) as HastRoot
  return {headings: linkHeadings(page), body: toHtml.stringify(page)}
}

/**
 * Gives each section heading (H2 to H6 with an id) a visible link to itself, named for screen
 * readers by the heading, so a reader can point someone at a section; returns the H2s and H3s.
 * The footnotes' heading is for screen readers only, and no section of the text.
 */
function linkHeadings(tree: HastRoot): PageHeading[] {
  const headings: PageHeading[] = []
  visit(tree, 'element', (node: Element) => {
    const depth = /^h([2-6])$/.exec(node.tagName)?.[1]
    const id = node.properties.id
    if (!depth || typeof id !== 'string' || id === 'footnote-label') return
    const text = hastToString(node).replace(/\s+/g, ' ').trim()
    if (Number(depth) <= 3) headings.push({depth: Number(depth), id, text})
    const anchor: Element = {type: 'element', tagName: 'a', properties: {className: ['heading-anchor'], href: `#${id}`, ariaLabel: `Link to this section: ${text}`}, children: [{type: 'text', value: '#'}]}
    node.children.push({type: 'text', value: ' '}, anchor)
    return 'skip'
  })
  return headings
}

/** Points links and images at the bundle; one whose target is not in the bundle keeps only its text. */
function rewriteLinks(tree: Root, resolve: LinkResolver): void {
  // `[text][ref]` takes its address from `[ref]: …`: made a plain link first, so it is rewritten too.
  const definitions = new Map<string, Definition>()
  visit(tree, 'definition', (node: Definition) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  visit(tree, (node, index, parent) => {
    if (node.type === 'definition' && parent && index !== undefined) {
      parent.children.splice(index, 1)
      return index
    }
    if (node.type !== 'linkReference' && node.type !== 'imageReference') return
    const definition = definitions.get((node as LinkReference | ImageReference).identifier)
    if (!definition || !parent || index === undefined) return
    const replacement =
      node.type === 'linkReference'
        ? ({type: 'link', url: definition.url, title: definition.title ?? null, children: (node as LinkReference).children} as Link)
        : ({type: 'image', url: definition.url, title: definition.title ?? null, alt: (node as ImageReference).alt ?? null} as Image)
    parent.children.splice(index, 1, replacement as (typeof parent.children)[number])
  })
  visit(tree, (node, index, parent) => {
    if (node.type !== 'link' && node.type !== 'image') return
    const target = resolve((node as Link | Image).url, node.type === 'image')
    if (target !== undefined) {
      ;(node as Link | Image).url = target
      return
    }
    if (!parent || index === undefined) return
    const replacement: RootContent[] = node.type === 'link' ? ((node as Link).children as RootContent[]) : [{type: 'text', value: (node as Image).alt ?? ''}]
    parent.children.splice(index, 1, ...(replacement as typeof parent.children))
    return index
  })
}
