// Raw HTML in a document: which elements and attributes the page and the PDF keep, and the tree
// they draw, with kept HTML turned into elements and everything else left out. The no-dropped-html
// rule reports what was left out, so the renderers and the rule decide "dropped" in one place.
import type {Html, Nodes, Parent, Root, RootContent, Text} from 'mdast'
import {parseEntities} from 'parse-entities'

/** A kept attribute's value as the renderers use it, or undefined when the value is not one it takes. */
type AttributeReader = (value: string) => number | string | true | undefined

const whole = (low: number, high: number) => (value: string) => {
  const trimmed = value.trim()
  if (!/^\d{1,6}$/.test(trimmed)) return undefined
  const number = Number(trimmed)
  return number >= low && number <= high ? number : undefined
}

// The ranges are HTML's own: a browser ignores a larger colspan and caps a larger rowspan, so a
// value outside them is dropped rather than shown differently on the page and in the PDF.
const cellAttributes: Record<string, {property: string; read: AttributeReader; expected: string}> = {
  colspan: {property: 'colSpan', read: whole(1, 1000), expected: 'a whole number from 1 to 1000'},
  rowspan: {property: 'rowSpan', read: whole(0, 65534), expected: 'a whole number from 0 (the rest of its group) to 65534'},
  // GFM tables align their cells with this very attribute, so the page already allows it.
  align: {property: 'align', read: (value) => (/^(?:left|center|right)$/i.test(value.trim()) ? value.trim().toLowerCase() : undefined), expected: '`left`, `center` or `right`'}
}

/**
 * The raw HTML elements the page and the PDF keep, each with the attributes it keeps; every
 * other element, attribute and piece of markup is dropped. `open` only says whether a
 * `<details>` starts unfolded, and the PDF always shows its content.
 */
export const keptHtml: Readonly<Record<string, Readonly<Record<string, {property: string; read: AttributeReader; expected: string}>>>> = {
  table: {},
  caption: {},
  thead: {},
  tbody: {},
  tfoot: {},
  tr: {},
  th: cellAttributes,
  td: cellAttributes,
  br: {},
  sup: {},
  sub: {},
  kbd: {},
  details: {open: {property: 'open', read: () => true, expected: 'no value'}},
  summary: {}
}

export type KeptTag = 'table' | 'caption' | 'thead' | 'tbody' | 'tfoot' | 'tr' | 'th' | 'td' | 'br' | 'sup' | 'sub' | 'kbd' | 'details' | 'summary'

/** A kept raw HTML element, in the tree the renderers draw; its children are Markdown nodes, text and other elements. */
export interface HtmlElement extends Parent {
  type: 'htmlElement'
  tagName: KeptTag
  properties: {colSpan?: number; rowSpan?: number; align?: 'left' | 'center' | 'right'; open?: true}
  children: RootContent[]
}

declare module 'mdast' {
  interface RootContentMap {
    htmlElement: HtmlElement
  }
  interface PhrasingContentMap {
    htmlElement: HtmlElement
  }
}

/** Raw HTML elements may nest this deep, as blocks and spans may in Markdown (load/bounds.ts), so every walk after stays bounded. */
export const maxHtmlNesting = 32

/** Elements whose content is code, never text for a reader: dropped with it. */
const codeElements = new Set(['script', 'style'])
/** Elements without content or closing tag (HTML's void elements). */
const voidElements = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])
const tableParts = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr'])

/** Where a piece of dropped HTML starts or ends: an offset into an HTML node's value, or the end of any node. */
export type HtmlPlace = {node: Html; offset: number} | {node: Nodes; offset?: undefined}

export type DroppedReason =
  /** An element that is not kept: its tags go, its text stays. */
  | 'element'
  /** `<script>` or `<style>`: dropped with everything up to its closing tag. */
  | 'code'
  /** An element that has no text (`<img>`, `<hr>`, `<input>`). */
  | 'void'
  /** An attribute the element does not keep. */
  | 'attribute'
  /** A kept attribute whose value is not one it takes. */
  | 'value'
  /** A closing tag that closes no open element. */
  | 'end-tag'
  /** A table part (`<tr>`, `<td>`…) with no `<table>` open around it. */
  | 'outside-table'
  /** A kept element nested deeper than `maxHtmlNesting`: it and the tags inside it go, their text stays. */
  | 'nesting'
  /** `<!DOCTYPE …>`, `<?…?>`, `<![CDATA[…]]>` and other markup that is neither a tag nor a comment. */
  | 'markup'
  /** A tag cut off before its `>`. */
  | 'unclosed'

export interface DroppedHtml {
  reason: DroppedReason
  /** The element's tag name in lower case (for an attribute, the element it sits on); for markup, empty. */
  tagName: string
  /** For `attribute` and `value`: the attribute as written (name in lower case). */
  attribute?: {name: string; value: string}
  start: HtmlPlace
  end: HtmlPlace
}

/** The tree the renderers draw, and what it left out. */
export interface SanitizedTree {
  tree: Root
  dropped: DroppedHtml[]
}

/**
 * The document's tree with its raw HTML resolved: each kept element becomes an `htmlElement`
 * node holding what was written between its tags, Markdown included; a dropped element leaves
 * its text (a dropped `<script>` or `<style>` leaves nothing); comments leave nothing, as they
 * are notes to the people who edit the document. Nodes without HTML are shared with `tree`,
 * which is not changed.
 */
export function sanitizeRawHtml(tree: Root): SanitizedTree {
  const builder = new TreeBuilder()
  const children = builder.children(tree.children, 0)
  return {tree: children === tree.children ? tree : {...tree, children}, dropped: builder.dropped}
}

/** The offset in the document's text of a place in dropped HTML (an HTML node's value leaves out a quote's `>` or a list's indent). */
export function htmlSourceOffset(text: string, place: HtmlPlace): number {
  const position = place.node.position
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return 0
  if (place.offset === undefined) return position.end.offset
  const value = (place.node as Html).value
  const before = value.slice(0, place.offset)
  const lines = before.split(/\r\n|\r|\n/)
  if (lines.length === 1) return position.start.offset + place.offset
  // On a later line, the node's line is the end of the source line: the container's prefix is before it.
  const lineEnding = /\r\n|\r|\n/g
  lineEnding.lastIndex = position.start.offset
  let lineStart = position.start.offset
  for (let line = 1; line < lines.length; line++) {
    const found = lineEnding.exec(text)
    if (!found) return position.end.offset
    lineStart = found.index + found[0].length
  }
  const sourceLineEnd = text.slice(lineStart).search(/\r|\n/)
  const sourceLine = sourceLineEnd === -1 ? text.length - lineStart : sourceLineEnd
  const valueLine = value.slice(before.length - lines[lines.length - 1]!.length).split(/\r\n|\r|\n/)[0]!.length
  return lineStart + Math.max(sourceLine - valueLine, 0) + lines[lines.length - 1]!.length
}

// --- Reading HTML ---------------------------------------------------------------------------

interface HtmlAttribute {
  /** In lower case. */
  name: string
  /** As written, character references not yet decoded. */
  value: string
  /** Where it is written in the HTML, name to value. */
  start: number
  end: number
}

type HtmlToken =
  | {kind: 'text'; start: number; end: number}
  | {kind: 'start'; name: string; attributes: HtmlAttribute[]; start: number; end: number}
  | {kind: 'end'; name: string; start: number; end: number}
  | {kind: 'comment'; start: number; end: number}
  | {kind: 'markup'; start: number; end: number}
  | {kind: 'unclosed'; name: string; start: number; end: number}

const isLetter = (character: string | undefined) => character !== undefined && /[A-Za-z]/.test(character)
const isSpace = (character: string | undefined) => character === ' ' || character === '\t' || character === '\n' || character === '\r' || character === '\f'
const lowerCase = (name: string) => name.replace(/[A-Z]/g, (letter) => letter.toLowerCase())

/**
 * The token at `at` in a piece of HTML, as a browser's tokenizer reads it: a tag, a comment,
 * other markup, or text up to the next `<` that starts one. A tag cut off by the end of the
 * HTML swallows the rest, as in a browser.
 */
function htmlTokenAt(html: string, at: number): HtmlToken {
  const markup = html[at] === '<' ? markupAt(html, at) : undefined
  if (markup) return markup
  let next = html.indexOf('<', at + 1)
  while (next !== -1 && !startsMarkup(html, next)) next = html.indexOf('<', next + 1)
  return {kind: 'text', start: at, end: next === -1 ? html.length : next}
}

function startsMarkup(html: string, at: number): boolean {
  const next = html[at + 1]
  return isLetter(next) || next === '!' || next === '?' || (next === '/' && at + 2 < html.length)
}

function markupAt(html: string, at: number): HtmlToken | undefined {
  const next = html[at + 1]
  if (isLetter(next)) return tagAt(html, at, 'start')
  if (next === '/') {
    if (isLetter(html[at + 2])) return tagAt(html, at, 'end')
    if (at + 2 >= html.length) return undefined
    return {kind: 'markup', start: at, end: closeAngle(html, at + 2)}
  }
  if (next === '!' && html.startsWith('<!--', at)) {
    // `<!-->` and `<!--->` are whole (empty) comments, as in a browser.
    if (html.startsWith('<!-->', at)) return {kind: 'comment', start: at, end: at + 5}
    if (html.startsWith('<!--->', at)) return {kind: 'comment', start: at, end: at + 6}
    const close = /--!?>/g
    close.lastIndex = at + 4
    const found = close.exec(html)
    return {kind: 'comment', start: at, end: found ? found.index + found[0].length : html.length}
  }
  if (next === '!' || next === '?') return {kind: 'markup', start: at, end: closeAngle(html, at + 2)}
  return undefined
}

const closeAngle = (html: string, from: number) => {
  const close = html.indexOf('>', from)
  return close === -1 ? html.length : close + 1
}

function tagAt(html: string, at: number, kind: 'start' | 'end'): HtmlToken {
  let index = at + (kind === 'start' ? 1 : 2)
  const nameStart = index
  while (index < html.length && !isSpace(html[index]) && html[index] !== '/' && html[index] !== '>') index++
  const name = lowerCase(html.slice(nameStart, index))
  const attributes: HtmlAttribute[] = []
  for (;;) {
    while (isSpace(html[index]) || html[index] === '/') index++
    if (index >= html.length) return {kind: 'unclosed', name, start: at, end: html.length}
    if (html[index] === '>') break
    const attributeStart = index
    index++ // a name may start with `=`, as in a browser
    while (index < html.length && !isSpace(html[index]) && html[index] !== '/' && html[index] !== '>' && html[index] !== '=') index++
    const attributeName = lowerCase(html.slice(attributeStart, index))
    let value = ''
    let after = index
    while (isSpace(html[after])) after++
    if (html[after] === '=') {
      index = after + 1
      while (isSpace(html[index])) index++
      const quote = html[index]
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, index + 1)
        if (close === -1) return {kind: 'unclosed', name, start: at, end: html.length}
        value = html.slice(index + 1, close)
        index = close + 1
      } else {
        const valueStart = index
        while (index < html.length && !isSpace(html[index]) && html[index] !== '>') index++
        value = html.slice(valueStart, index)
      }
    }
    // A repeated attribute is ignored, as in a browser.
    if (!attributes.some((attribute) => attribute.name === attributeName)) attributes.push({name: attributeName, value, start: attributeStart, end: index})
  }
  const end = index + 1
  return kind === 'start' ? {kind, name, attributes, start: at, end} : {kind, name, start: at, end}
}

/** Where the closing tag of a `<script>` or `<style>` opened before `from` starts, or -1: nothing inside is read as markup. */
function codeEnd(html: string, name: string, from: number): number {
  const close = new RegExp(`</${name}(?=[\\t\\n\\f\\r />]|$)`, 'gi')
  close.lastIndex = from
  return close.exec(html)?.index ?? -1
}

// --- Building the tree ----------------------------------------------------------------------

interface Open {
  element: HtmlElement
  /** The list the element sits in, for content a browser moves out of a table in front of it. */
  list: RootContent[]
}

class TreeBuilder {
  readonly dropped: DroppedHtml[] = []
  /** Start tags dropped so far, by name: their closing tags go silently, the finding being on the start tag. */
  private readonly droppedOpen = new Map<string, number>()

  /** One list of siblings, with the elements opened in it closed at its end (as a browser closes them at the end of a paragraph). */
  children(list: readonly RootContent[], depth: number): RootContent[] {
    if (!list.some((node) => node.type === 'html' || 'children' in node)) return list as RootContent[]
    const scope = new Scope(this, depth)
    let changed = false
    for (const node of list) {
      if (scope.skipping) {
        if (node.type === 'html') scope.html(node)
        else scope.skip(node)
        changed = true
        continue
      }
      if (node.type === 'html') {
        scope.html(node)
        changed = true
        continue
      }
      let next: RootContent = node
      if ('children' in node) {
        const children = this.children(node.children as RootContent[], depth + scope.depth)
        if (children !== node.children) next = {...node, children} as RootContent
      }
      if (next !== node || scope.depth > 0) changed = true
      scope.place(next)
    }
    return changed ? scope.out : (list as RootContent[])
  }

  drop(dropped: DroppedHtml): void {
    this.dropped.push(dropped)
  }

  droppedStart(name: string): void {
    this.droppedOpen.set(name, (this.droppedOpen.get(name) ?? 0) + 1)
  }

  /** Whether a closing tag belongs to a start tag that was dropped (and counts it off). */
  closesDropped(name: string): boolean {
    const open = this.droppedOpen.get(name) ?? 0
    if (open === 0) return false
    this.droppedOpen.set(name, open - 1)
    return true
  }
}

class Scope {
  readonly out: RootContent[] = []
  private readonly stack: Open[] = []
  /** A `<script>` or `<style>` being dropped with its content, across the siblings up to its closing tag. */
  skipping: {name: string; dropped: DroppedHtml} | undefined
  /**
   * Elements dropped for going past the nesting limit, by name, still open: every tag inside them
   * is dropped too, and their closing tags are theirs. One finding, at the first.
   */
  private readonly deep = new Map<string, number>()
  private deepOpen = 0

  constructor(
    private readonly builder: TreeBuilder,
    private readonly outerDepth: number
  ) {}

  get depth(): number {
    return this.stack.length
  }

  skip(node: RootContent): void {
    this.skipping!.dropped.end = {node}
  }

  html(node: Html): void {
    const {value} = node
    let at = 0
    if (this.skipping) at = this.skipTo(node, 0)
    while (at < value.length) {
      const token = htmlTokenAt(value, at)
      at = token.end
      const place = (offset: number) => ({node, offset})
      switch (token.kind) {
        case 'text':
          this.text(value.slice(token.start, token.end))
          break
        case 'comment':
          break
        case 'markup':
          this.builder.drop({reason: 'markup', tagName: '', start: place(token.start), end: place(token.end)})
          break
        case 'unclosed':
          this.builder.drop({reason: 'unclosed', tagName: token.name, start: place(token.start), end: place(token.end)})
          break
        case 'start':
          this.start(token, node)
          if (this.skipping) at = this.skipTo(node, at)
          break
        case 'end':
          this.end(token.name, node, token.start, token.end)
          break
      }
    }
  }

  /** Drops a `<script>` or `<style>`'s content up to its closing tag; returns where reading goes on. */
  private skipTo(node: Html, from: number): number {
    const skipping = this.skipping!
    const close = codeEnd(node.value, skipping.name, from)
    if (close === -1) {
      skipping.dropped.end = {node, offset: node.value.length}
      return node.value.length
    }
    const end = htmlTokenAt(node.value, close).end
    skipping.dropped.end = {node, offset: end}
    this.skipping = undefined
    return end
  }

  private text(raw: string): void {
    // Whitespace collapses as on the page, so the PDF lays out a cell's text the same way.
    const value = parseEntities(raw, {nonTerminated: true}).replace(/[\t\n\f\r ]+/g, ' ')
    if (value === '') return
    if (value === ' ' && this.inTableStructure()) return
    this.place({type: 'text', value} as Text)
  }

  private start(token: Extract<HtmlToken, {kind: 'start'}>, node: Html): void {
    const {name} = token
    const start = {node, offset: token.start}
    const end = {node, offset: token.end}
    if (codeElements.has(name)) {
      const dropped: DroppedHtml = {reason: 'code', tagName: name, start, end}
      this.builder.drop(dropped)
      this.skipping = {name, dropped}
      return
    }
    const kept = keptHtml[name]
    if (!kept) {
      this.builder.drop({reason: voidElements.has(name) ? 'void' : 'element', tagName: name, start, end})
      if (!voidElements.has(name)) this.builder.droppedStart(name)
      return
    }
    if (name !== 'br' && this.tooDeep(name, start, end)) return
    const properties: HtmlElement['properties'] = {}
    for (const attribute of token.attributes) {
      const known = kept[attribute.name]
      const read = known?.read(parseEntities(attribute.value, {attribute: true, nonTerminated: true}))
      if (known && read !== undefined) (properties as Record<string, unknown>)[known.property] = read
      else this.builder.drop({reason: known ? 'value' : 'attribute', tagName: name, attribute: {name: attribute.name, value: attribute.value}, start: {node, offset: attribute.start}, end: {node, offset: attribute.end}})
    }
    const element: HtmlElement = {type: 'htmlElement', tagName: name as KeptTag, properties, children: []}
    if (name === 'br') {
      this.place(element)
      return
    }
    if (!this.structure(element, start, end)) return
    this.push(element, start, end)
  }

  /** Places a table part where a browser would, opening a row for a cell outside one; false when there is no table to put it in. */
  private structure(element: HtmlElement, start: HtmlPlace, end: HtmlPlace): boolean {
    const {tagName} = element
    const outside = () => {
      this.builder.drop({reason: 'outside-table', tagName, start, end})
      this.builder.droppedStart(tagName)
      return false
    }
    switch (tagName) {
      case 'caption':
      case 'thead':
      case 'tbody':
      case 'tfoot': {
        const table = this.nearest(['table'])
        if (table === -1) return outside()
        this.stack.length = table + 1
        return true
      }
      case 'tr': {
        const section = this.nearest(['table', 'thead', 'tbody', 'tfoot'])
        if (section === -1) return outside()
        this.stack.length = section + 1
        return true
      }
      case 'td':
      case 'th': {
        const row = this.nearest(['tr', 'table', 'thead', 'tbody', 'tfoot'])
        if (row === -1) return outside()
        this.stack.length = row + 1
        if (this.stack[row]!.element.tagName === 'tr') return true
        return this.push({type: 'htmlElement', tagName: 'tr', properties: {}, children: []}, start, end, tagName)
      }
      case 'table': {
        // A table opened between a table's rows ends that table first, as in a browser.
        if (this.inTableStructure()) this.stack.length = this.nearest(['table'])
        return true
      }
      default:
        return true
    }
  }

  /** Opens an element where it belongs, unless that is past the nesting limit; `written` is the tag the document has there (a cell, for the row a browser adds around it). */
  private push(element: HtmlElement, start: HtmlPlace, end: HtmlPlace, written: string = element.tagName): boolean {
    if (this.tooDeep(written, start, end)) return false
    const list = this.place(element)
    this.stack.push({element, list})
    return true
  }

  /** Whether an element opened here would go past the nesting limit, or sits inside one that did; if so, it is counted as dropped. */
  private tooDeep(name: string, start: HtmlPlace, end: HtmlPlace): boolean {
    if (this.deepOpen === 0 && this.outerDepth + this.stack.length < maxHtmlNesting) return false
    if (this.deepOpen === 0) this.builder.drop({reason: 'nesting', tagName: name, start, end})
    this.deep.set(name, (this.deep.get(name) ?? 0) + 1)
    this.deepOpen++
    return true
  }

  private end(name: string, node: Html, start: number, end: number): void {
    const deep = this.deep.get(name) ?? 0
    if (deep > 0) {
      this.deep.set(name, deep - 1)
      this.deepOpen--
      return
    }
    const open = keptHtml[name] ? this.closing(name) : -1
    if (open !== -1) {
      this.stack.length = open
      return
    }
    if (this.builder.closesDropped(name)) return
    this.builder.drop({reason: 'end-tag', tagName: name, start: {node, offset: start}, end: {node, offset: end}})
  }

  /** The open element a closing tag closes, within the scope a browser looks in (not out of a cell or table for a span). */
  private closing(name: string): number {
    const boundaries = name === 'table' ? [] : ['td', 'th', 'caption', 'thead', 'tbody', 'tfoot', 'tr'].includes(name) ? ['table'] : ['td', 'th', 'caption', 'table']
    for (let index = this.stack.length - 1; index >= 0; index--) {
      const {tagName} = this.stack[index]!.element
      if (tagName === name) return index
      if (boundaries.includes(tagName)) return -1
    }
    return -1
  }

  private nearest(names: readonly string[]): number {
    for (let index = this.stack.length - 1; index >= 0; index--) if (names.includes(this.stack[index]!.element.tagName)) return index
    return -1
  }

  private inTableStructure(): boolean {
    const top = this.stack[this.stack.length - 1]
    return top !== undefined && tableParts.has(top.element.tagName)
  }

  /** Appends a node where it belongs: inside the innermost open element, or in front of a table when it is between the table's rows (as a browser moves it). */
  place(node: RootContent): RootContent[] {
    if (this.inTableStructure() && !(node.type === 'htmlElement' && ['caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th'].includes(node.tagName))) {
      const table = this.stack[this.nearest(['table'])]!
      table.list.splice(table.list.indexOf(table.element), 0, node)
      return table.list
    }
    const list = this.stack.length > 0 ? this.stack[this.stack.length - 1]!.element.children : this.out
    list.push(node)
    return list
  }
}
