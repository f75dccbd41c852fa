// One raw HTML table, read by an HTML parser as a browser reads it, written as a GFM table when
// it is simple: no spans, no nested table, cells holding only text and a few inline elements.
// Anything else gives the reason it stays HTML; nothing in a cell is dropped or made live.
import type {Nodes} from 'mdast'
import {parseFragment, type DefaultTreeAdapterTypes} from 'parse5'

type Node = DefaultTreeAdapterTypes.ChildNode
type Element = DefaultTreeAdapterTypes.Element

/** A table written as GFM, or why it stays HTML. */
export type TableConversion =
  | {
      /** The table's lines, without line endings or any container's prefix. */
      lines: string[]
      /** Each cell as its Markdown should read back (see `readBack`), which `body.ts` verifies. */
      cells: string[][]
      /** True when no row had `<th>` cells and the first row became the header. */
      headerPromoted: boolean
      /** Links into the old site that now point at a document. */
      rewrittenLinks: number
    }
  | {reason: string}

/** Deeper inline formatting than the Markdown parser accepts (`bounds.ts`) is not converted. */
const maxInlineDepth = 32

// Schemes a converted link may keep; any other (`javascript:`, `data:`) keeps the table HTML,
// where the renderer's sanitizer decides, as it did before the import.
const safeSchemes = new Set(['http', 'https', 'mailto'])

/** Converts `html`, which starts with `<table` and ends at its matching `</table>`. */
export function convertTable(html: string, rewriteUrl: (url: string) => string | undefined): TableConversion {
  const fragment = parseFragment(html)
  let table: Element | undefined
  for (const node of fragment.childNodes) {
    if (node.nodeName === '#comment') return {reason: 'with an HTML comment inside it'}
    // What a browser moves out of a table ("foster parenting"): it sat between rows or cells.
    if (node.nodeName === '#text' && !isBlank(node)) return {reason: 'with text outside its cells'}
    if (node.nodeName === 'table' && table === undefined) table = node as Element
    else if (isElement(node)) return {reason: `with \`<${node.nodeName}>\` outside its cells`}
  }
  if (table === undefined) return {reason: 'that the HTML parser read as no table'}

  const groups: Record<'thead' | 'tbody' | 'tfoot', Element[][]> = {thead: [], tbody: [], tfoot: []}
  for (const child of table.childNodes) {
    if (isBlank(child)) continue
    if (child.nodeName === '#comment') return {reason: 'with an HTML comment inside it'}
    if (child.nodeName === 'caption') return {reason: 'with a caption'}
    // Column widths and styles: presentation only, which a GFM table has no place for.
    if (child.nodeName === 'colgroup' || child.nodeName === 'col') continue
    if (child.nodeName !== 'thead' && child.nodeName !== 'tbody' && child.nodeName !== 'tfoot') return {reason: `holding \`<${child.nodeName}>\``}
    for (const row of (child as Element).childNodes) {
      if (isBlank(row)) continue
      if (row.nodeName === '#comment') return {reason: 'with an HTML comment inside it'}
      if (row.nodeName !== 'tr') return {reason: `holding \`<${row.nodeName}>\``}
      const cells: Element[] = []
      for (const cell of (row as Element).childNodes) {
        if (isBlank(cell)) continue
        if (cell.nodeName === '#comment') return {reason: 'with an HTML comment inside it'}
        if (cell.nodeName !== 'td' && cell.nodeName !== 'th') return {reason: `holding \`<${cell.nodeName}>\``}
        for (const span of ['rowspan', 'colspan']) {
          const value = attribute(cell as Element, span)
          if (value !== undefined && value.trim() !== '1') return {reason: `with ${span}`}
        }
        cells.push(cell as Element)
      }
      groups[child.nodeName].push(cells)
    }
  }
  if (groups.thead.length > 1) return {reason: `with ${groups.thead.length} header rows`}
  const rows = [...groups.thead, ...groups.tbody, ...groups.tfoot]
  if (rows.length === 0) return {reason: 'with no rows'}

  const headerPromoted = groups.thead.length === 0 && !(rows[0]!.length > 0 && rows[0]!.every((cell) => cell.nodeName === 'th'))
  const width = rows.reduce((widest, row) => Math.max(widest, row.length), 1)
  const state: InlineState = {rewriteUrl, rewrittenLinks: 0}
  const markdown: string[][] = []
  const cells: string[][] = []
  for (const [index, row] of rows.entries()) {
    const markdownRow: string[] = []
    const cellRow: string[] = []
    for (const cell of row) {
      const converted = convertCell(cell, index > 0 && cell.nodeName === 'th', state)
      if ('reason' in converted) return converted
      markdownRow.push(converted.markdown)
      cellRow.push(converted.readBack)
    }
    // GFM drops cells past the header's count and pads short rows: pad every row to the widest.
    while (markdownRow.length < width) {
      markdownRow.push('')
      cellRow.push('')
    }
    markdown.push(markdownRow)
    cells.push(cellRow)
  }
  const delimiters = Array.from({length: width}, (_, column) => delimiter(rows[0]![column]))
  const line = (row: string[]) => `| ${row.join(' | ')} |`
  return {lines: [line(markdown[0]!), line(delimiters), ...markdown.slice(1).map(line)], cells, headerPromoted, rewrittenLinks: state.rewrittenLinks}
}

/** The header cell's alignment, from `align` or a `text-align` style. */
function delimiter(header: Element | undefined): string {
  const style = /(?:^|;)\s*text-align\s*:\s*(left|center|right)\b/i.exec(attribute(header, 'style') ?? '')?.[1]
  const align = (attribute(header, 'align') ?? style ?? '').trim().toLowerCase()
  if (align === 'left') return ':---'
  if (align === 'center') return ':---:'
  if (align === 'right') return '---:'
  return '---'
}

interface InlineState {
  rewriteUrl: (url: string) => string | undefined
  rewrittenLinks: number
}

/**
 * A piece of a cell: words and markup, and the white space between them as `space`, collapsed
 * and trimmed as HTML does, so emphasis markers are never written next to a space.
 */
type Piece = {markdown: string; readBack: string} | 'space'
type Pieces = Piece[] | {reason: string}

function convertCell(cell: Element, bold: boolean, state: InlineState): {markdown: string; readBack: string} | {reason: string} {
  let children = cell.childNodes
  // A cell that is one paragraph (exports from word processors write them) is that paragraph's text.
  const blocks = children.filter((child) => !isBlank(child))
  if (blocks.length === 1 && blocks[0]!.nodeName === 'p') children = (blocks[0] as Element).childNodes
  const pieces = inline(children, 1, state)
  if ('reason' in pieces) return pieces
  const content = joined(pieces)
  // A `<th>` below the header row is a row heading: strong, as GFM has no header cells there.
  if (bold && content.markdown !== '') return {markdown: `**${content.markdown}**`, readBack: `**${content.readBack}**`}
  return content
}

function inline(nodes: Node[], depth: number, state: InlineState): Pieces {
  if (depth > maxInlineDepth) return {reason: `with formatting nested more than ${maxInlineDepth} deep`}
  const pieces: Piece[] = []
  for (const node of nodes) {
    if (node.nodeName === '#text') {
      const text = (node as DefaultTreeAdapterTypes.TextNode).value
      for (const part of text.split(/([ \t\n\f\r]+)/)) {
        if (part === '') continue
        pieces.push(/^[ \t\n\f\r]/.test(part) ? 'space' : {markdown: escapeText(part), readBack: literal(part)})
      }
      continue
    }
    if (node.nodeName === '#comment') return {reason: 'with an HTML comment inside it'}
    const element = node as Element
    const converted = inlineElement(element, depth, state)
    if ('reason' in converted) return converted
    // One by one: an element's pieces can be more than a call takes arguments.
    for (const piece of converted) pieces.push(piece)
  }
  return pieces
}

// Inline elements the page renders as they are; kept as raw HTML inside the Markdown cell.
const keptAsHtml = new Set(['sup', 'sub', 'kbd'])
const wrappers: Record<string, string> = {b: '**', strong: '**', i: '*', em: '*', del: '~~', s: '~~', strike: '~~'}

function inlineElement(element: Element, depth: number, state: InlineState): Pieces {
  const name = element.nodeName
  if (name === 'br') return [{markdown: '<br>', readBack: '<br>'}]
  if (name === 'code') return code(element)
  const wrapper = wrappers[name]
  if (wrapper !== undefined || keptAsHtml.has(name)) {
    const inner = inline(element.childNodes, depth + 1, state)
    if ('reason' in inner) return inner
    const [open, close] = wrapper === undefined ? [`<${name}>`, `</${name}>`] : [wrapper, wrapper]
    // Read back: strikethrough is one delimiter pair however many tildes wrote it.
    const [readOpen, readClose] = wrapper === '~~' ? ['~~', '~~'] : [open, close]
    return wrapped(inner, open, close, readOpen, readClose)
  }
  if (name === 'a') return link(element, depth, state)
  return {reason: `whose cells hold \`<${name}>\``}
}

/** `inner` between markers, its outer spaces moved outside them; nothing when it is empty. */
function wrapped(inner: Piece[], open: string, close: string, readOpen: string, readClose: string): Piece[] {
  const start = inner.findIndex((piece) => piece !== 'space')
  if (start === -1) return inner.length > 0 ? ['space'] : []
  let end = inner.length
  while (inner[end - 1] === 'space') end--
  const content = joined(inner.slice(start, end))
  return [
    ...(start > 0 ? ['space' as const] : []),
    {markdown: `${open}${content.markdown}${close}`, readBack: `${readOpen}${content.readBack}${readClose}`},
    ...(end < inner.length ? ['space' as const] : [])
  ]
}

function code(element: Element): Pieces {
  if (!element.childNodes.every((child) => child.nodeName === '#text')) return {reason: 'with formatting inside `<code>`'}
  const text = element.childNodes.map((child) => (child as DefaultTreeAdapterTypes.TextNode).value).join('').replace(/[ \t\n\f\r]+/g, ' ')
  if (text === '') return []
  const longest = (text.match(/`+/g) ?? []).reduce((most, run) => Math.max(most, run.length), 0)
  const fence = '`'.repeat(longest + 1)
  // A code span loses one space at each end when it has both, and a backtick at an end would join the fence.
  const padded = /^[ `]|[ `]$/.test(text) && text.trim() !== '' ? ` ${text} ` : text
  // Inside a table a pipe ends the cell even within a code span, unless escaped.
  return [{markdown: `${fence}${padded.replaceAll('|', '\\|')}${fence}`, readBack: `\`${literal(text)}\``}]
}

function link(element: Element, depth: number, state: InlineState): Pieces {
  const inner = inline(element.childNodes, depth + 1, state)
  if ('reason' in inner) return inner
  const href = attribute(element, 'href')
  // An anchor without a destination (`<a name>`) is its text.
  if (href === undefined) return inner
  // Browsers ignore tabs and line breaks in a URL, and leading control characters and spaces.
  const url = href.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme !== undefined && !safeSchemes.has(scheme)) return {reason: `with a \`${scheme}:\` link`}
  const rewritten = state.rewriteUrl(url)
  if (rewritten !== undefined) state.rewrittenLinks++
  const destination = rewritten ?? url
  const title = attribute(element, 'title')
  const start = inner.findIndex((piece) => piece !== 'space')
  let end = inner.length
  while (end > 0 && inner[end - 1] === 'space') end--
  const content = start === -1 ? {markdown: '', readBack: ''} : joined(inner.slice(start, end))
  const titled = title === undefined ? '' : ` "${escapeText(title.replace(/[ \t\n\f\r]+/g, ' ')).replaceAll('"', '\\"')}"`
  return [
    ...(start > 0 || (start === -1 && inner.length > 0) ? ['space' as const] : []),
    {markdown: `[${content.markdown}](${linkDestination(destination)}${titled})`, readBack: `[${content.readBack}](${literal(destination)})`},
    ...(start !== -1 && end < inner.length ? ['space' as const] : [])
  ]
}

/** A destination as Markdown writes it: bare when it can be, else in angle brackets. */
function linkDestination(url: string): string {
  // A pipe is escaped in either form: inside a table it would end the cell.
  if (/^[^\s<>()\\\u0000-\u001f\u007f]+$/.test(url)) return url.replaceAll('|', '\\|')
  return `<${url.replace(/[\\<>|]/g, (character) => `\\${character}`)}>`
}

/** Pieces as one string: white space collapsed to one space, none at either end. */
function joined(pieces: Piece[]): {markdown: string; readBack: string} {
  let markdown = ''
  let readBack = ''
  let space = false
  for (const piece of pieces) {
    if (piece === 'space') {
      space = true
      continue
    }
    if (space && markdown !== '') {
      markdown += ' '
      readBack += ' '
    }
    space = false
    markdown += piece.markdown
    readBack += piece.readBack
  }
  return {markdown, readBack}
}

/**
 * Text as Markdown that reads back as the same text: every character Markdown or a table cell
 * would take as syntax is escaped. A no-break space is written `&nbsp;`, as it is invisible.
 */
export function escapeText(text: string): string {
  return text
    .replace(/[\\`*[\]<|~]|_(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])_/gu, (character) => `\\${character}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replaceAll('\u00a0', '&nbsp;')
}

/**
 * A parsed cell's content in one notation with the expectations above: formatting as its markers,
 * raw HTML as it is, text with every marker character escaped, so `**` in text is never strong.
 */
export function readBack(node: Nodes): string {
  const inner = () => ('children' in node ? node.children.map(readBack).join('') : '')
  switch (node.type) {
    case 'text':
      return literal(node.value)
    case 'html':
      return node.value
    case 'inlineCode':
      return `\`${literal(node.value)}\``
    case 'strong':
      return `**${inner()}**`
    case 'emphasis':
      return `*${inner()}*`
    case 'delete':
      return `~~${inner()}~~`
    case 'link':
      return `[${inner()}](${literal(node.url)})`
    case 'tableCell':
      return inner()
    default:
      // Anything else (an image, a footnote) was not written by the conversion.
      return `\u0000${node.type}`
  }
}

const literal = (text: string) => text.replace(/[\\*~[\]()`<]/g, '\\$&')

function attribute(element: Element | undefined, name: string): string | undefined {
  return element?.attrs.find((attr) => attr.name === name)?.value
}

function isElement(node: Node): node is Element {
  return 'tagName' in node
}

function isBlank(node: Node): boolean {
  return node.nodeName === '#text' && /^[ \t\n\f\r]*$/.test((node as DefaultTreeAdapterTypes.TextNode).value)
}
