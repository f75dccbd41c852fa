// The PDF bundle, with pdfmake: a cover, a table of contents with page numbers and a PDF
// outline, then each document (metadata, body, revision history) as its own section with the
// classification in the header and `<org> · <title> · v<version> · page n of m` in the footer.
// Fonts are the Roboto files shipped with pdfmake, embedded, and the PDF's standard Courier for
// `<kbd>`; dates come from the commit, so the same commit gives the same bytes. Nothing is
// fetched: pdfmake may read no URL or file. Raw HTML is drawn as model/raw-html.ts keeps it.
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {FootnoteDefinition, PhrasingContent, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Content, TableCell, TDocumentDefinitions} from 'pdfmake/interfaces'
import {sanitizeRawHtml, type HtmlElement} from '../model/raw-html'

export interface PdfDocument {
  id: string
  title: string
  version: string
  status: string
  classification: string
  owner: string
  approvers: string[]
  effective: string
  lastReviewed: string
  nextReview: string
  controls: string[]
  related: string[]
  tree: Root
  revisions: {date: string; version: string; summary: string; author: string; approval: string}[]
}

export interface PdfBundle {
  organization: string
  bundleVersion: string
  /** YYYY-MM-DD, the commit date. */
  date: string
  commit: string
  audience: string
  dirty: boolean
  /** Errors `charter check` found, built anyway (--allow-errors). */
  errors: number
  accent: string
}

interface PdfMake {
  virtualfs: {writeFileSync(name: string, content: Buffer): void}
  setFonts(fonts: object): void
  setUrlAccessPolicy(policy: (url: string) => boolean): void
  setLocalAccessPolicy(policy: (path: string) => boolean): void
  createPdf(definition: TDocumentDefinitions): {getBuffer(): Promise<Buffer>}
}

let engine: PdfMake | undefined

/** How long loading pdfmake and its fonts took, in seconds (0 until it is loaded). */
export let pdfStartupSeconds = 0

// PDF's built-in Courier: pdfkit draws it from its own metrics by name, reading no file. It is not
// embedded and covers Latin-1 only, so `<kbd>` text outside Latin-1 stays in Roboto.
const courier = {normal: 'Courier', bold: 'Courier-Bold', italics: 'Courier-Oblique', bolditalics: 'Courier-BoldOblique'}
const courierNames = new Set(Object.values(courier))

/** pdfmake with Roboto in its virtual file system, and no access to URLs or local files. */
function pdfmake(): PdfMake {
  if (engine) return engine
  const started = performance.now()
  const require = createRequire(__filename)
  engine = require('pdfmake') as PdfMake
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto')
  for (const name of readdirSync(fonts)) engine.virtualfs.writeFileSync(name, readFileSync(join(fonts, name)))
  engine.setFonts({Roboto: {normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf'}, Courier: courier})
  engine.setUrlAccessPolicy(() => false)
  engine.setLocalAccessPolicy((path) => courierNames.has(path))
  pdfStartupSeconds = (performance.now() - started) / 1000
  return engine
}

const muted = '#52606d'
const line = '#d9e2ec'

function styles(accent: string): TDocumentDefinitions['styles'] {
  return {
    title: {fontSize: 26, bold: true, color: accent, margin: [0, 0, 0, 6]},
    h1: {fontSize: 20, bold: true, color: accent, margin: [0, 0, 0, 10]},
    h2: {fontSize: 14, bold: true, margin: [0, 12, 0, 4]},
    h3: {fontSize: 12, bold: true, margin: [0, 8, 0, 3]},
    h4: {fontSize: 10.5, bold: true, margin: [0, 6, 0, 2]},
    label: {fontSize: 8.5, color: muted, bold: true},
    small: {fontSize: 8.5, color: muted},
    tableHeader: {bold: true, fillColor: '#f5f7fa'}
  }
}

export async function renderPdf(documents: readonly PdfDocument[], bundle: PdfBundle, options: {cover: boolean}): Promise<Buffer> {
  const content: Content[] = []
  if (options.cover) {
    content.push({section: cover(bundle)} as Content)
    content.push({
      section: [{toc: {title: {text: 'Contents', style: 'h1'}}}],
      footer: (page: number, count: number) => footer(`${bundle.organization} · Contents`, page, count, bundle)
    } as unknown as Content)
  }
  for (const document of documents) {
    content.push({
      section: documentContent(document, bundle),
      header: {text: document.classification.toUpperCase(), alignment: 'right', style: 'small', margin: [0, 20, 48, 0]},
      footer: (page: number, count: number) => footer(`${bundle.organization} · ${document.title} · v${document.version}`, page, count, bundle)
    } as unknown as Content)
  }
  const single = !options.cover && documents.length === 1 ? documents[0] : undefined
  const title = single ? `${single.title} ${single.version}` : `${bundle.organization} Security Policies ${bundle.bundleVersion}`
  const when = new Date(`${bundle.date}T00:00:00Z`)
  return pdfmake()
    .createPdf({
      content,
      pageSize: 'LETTER',
      pageMargins: [48, 48, 48, 56],
      defaultStyle: {font: 'Roboto', fontSize: 10, lineHeight: 1.25},
      styles: styles(bundle.accent),
      info: {title, author: bundle.organization, subject: `Security policies (${bundle.audience})`, creator: 'Charter', producer: 'Charter', creationDate: when, modDate: when}
    })
    .getBuffer()
}

function footer(text: string, page: number, count: number, bundle: PdfBundle): Content {
  const unofficial = bundle.dirty || bundle.errors > 0 ? 'UNOFFICIAL · ' : ''
  return {text: `${unofficial}${text} · page ${page} of ${count}`, alignment: 'center', style: 'small', margin: [48, 20, 48, 0]}
}

/** Why the bundle is not an official version, or undefined when it is. */
function unofficialReason(bundle: PdfBundle): string | undefined {
  const reasons = [
    ...(bundle.dirty ? ['built from uncommitted changes'] : []),
    ...(bundle.errors > 0 ? [`built although charter check found ${bundle.errors} error${bundle.errors === 1 ? '' : 's'}`] : [])
  ]
  return reasons.length === 0 ? undefined : `Unofficial: ${reasons.join(' and ')}. Do not rely on this version.`
}

function cover(bundle: PdfBundle): Content[] {
  return [
    {text: bundle.organization, fontSize: 16, color: muted, margin: [0, 160, 0, 8]},
    {text: 'Security Policies', style: 'title'},
    {text: `${bundle.audience === 'public' ? 'Public' : 'Internal'} edition`, fontSize: 13, margin: [0, 0, 0, 40]},
    {
      table: {
        widths: [110, '*'],
        body: [
          [{text: 'Bundle version', style: 'label'}, bundle.bundleVersion],
          [{text: 'Date', style: 'label'}, bundle.date],
          [{text: 'Commit', style: 'label'}, bundle.commit]
        ]
      },
      layout: 'noBorders'
    },
    ...(unofficialReason(bundle) ? [{text: unofficialReason(bundle)!, bold: true, color: '#8a1c1c', margin: [0, 24, 0, 0]} as Content] : [])
  ]
}

function documentContent(document: PdfDocument, bundle: PdfBundle): Content[] {
  const meta: [string, string][] = [
    ['Version', document.version],
    ['Status', document.status],
    ['Owner', document.owner],
    ['Approvers', document.approvers.join(', ')],
    ['Effective', document.effective],
    ['Last reviewed', document.lastReviewed],
    ['Next review', document.nextReview],
    ['Classification', document.classification],
    ...(document.controls.length > 0 ? [['Controls', document.controls.join(', ')] as [string, string]] : []),
    ...(document.related.length > 0 ? [['Related', document.related.join(', ')] as [string, string]] : [])
  ]
  const outlineId = `document-${document.id}`
  const {tree} = sanitizeRawHtml(document.tree)
  return [
    {text: document.title, style: 'h1', id: outlineId, tocItem: true, outline: true} as Content,
    {
      table: {widths: [100, '*'], body: meta.map(([label, value]) => [{text: label, style: 'label'}, value])},
      layout: {hLineColor: () => line, vLineWidth: () => 0, hLineWidth: () => 0.5},
      margin: [0, 0, 0, 12]
    } as Content,
    ...body(tree, {accent: bundle.accent, outlineParent: outlineId, notes: footnoteNumbers(tree)}),
    {text: 'Revision history', style: 'h2', outline: true, outlineParentId: outlineId} as Content,
    document.revisions.length === 0
      ? {text: 'No committed revision yet.', style: 'small'}
      : ({
          table: {
            headerRows: 1,
            // Wide enough for "before Charter" on one line; a row is never split over two pages.
            widths: [58, 62, '*', 70, 110],
            dontBreakRows: true,
            body: [
              ['Date', 'Version', 'Change', 'Author', 'Approval'].map((text) => ({text, style: 'tableHeader'})),
              ...document.revisions.map((revision) => [revision.date, revision.version, revision.summary, revision.author, revision.approval])
            ]
          },
          layout: 'lightHorizontalLines',
          fontSize: 8.5
        } as Content)
  ]
}

interface Context {
  accent: string
  outlineParent: string
  /** Footnote numbers by identifier, in the order the text first refers to them (as on the page). */
  notes: Map<string, number>
}

function footnoteNumbers(tree: Root): Map<string, number> {
  const notes = new Map<string, number>()
  const walk = (node: Root | RootContent) => {
    if (node.type === 'footnoteReference' && !notes.has(node.identifier)) notes.set(node.identifier, notes.size + 1)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return notes
}

/** The document's blocks, then its footnotes as a numbered list, as the page shows them. */
function body(tree: Root, context: Context): Content[] {
  const definitions = new Map<string, FootnoteDefinition>()
  for (const node of tree.children) if (node.type === 'footnoteDefinition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
  const notes = [...context.notes].flatMap(([identifier]) => {
    const definition = definitions.get(identifier)
    return definition ? [blocks(definition.children, context)] : []
  })
  if (notes.length === 0) return blocks(tree.children, context)
  return [
    ...blocks(tree.children, context),
    {text: 'Notes', style: 'h4'},
    {ol: notes.map((note) => (note.length === 1 ? note[0]! : {stack: note})), fontSize: 8.5, margin: [0, 0, 0, 6]} as Content
  ]
}

const phrasing = new Set<string>(['text', 'strong', 'emphasis', 'delete', 'inlineCode', 'break', 'link', 'linkReference', 'image', 'imageReference', 'footnoteReference'])
const phrasingElements = new Set<string>(['sup', 'sub', 'kbd', 'br'])
const isPhrasing = (node: RootContent) => phrasing.has(node.type) || (node.type === 'htmlElement' && phrasingElements.has(node.tagName))

/**
 * mdast blocks as pdfmake content; definitions (footnotes' too) and front matter are left out.
 * Text between blocks, as a dropped `<div>` leaves it, is a paragraph of its own.
 */
function blocks(nodes: readonly RootContent[], context: Context): Content[] {
  const content: Content[] = []
  let run: PhrasingContent[] = []
  const flush = () => {
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) content.push({text: inlines(run, context), margin: [0, 0, 0, 6]})
    run = []
  }
  for (const node of nodes) {
    if (isPhrasing(node)) {
      run.push(node as PhrasingContent)
      continue
    }
    flush()
    content.push(...block(node, context))
  }
  flush()
  return content
}

function block(node: RootContent, context: Context): Content[] {
  switch (node.type) {
    case 'paragraph':
      // A paragraph may hold a table or details written inline as HTML: those stand apart.
      return blocks(node.children, context)
    case 'heading': {
      const style = `h${Math.min(Math.max(node.depth, 2), 4)}`
      const text = inlines(node.children, context)
      const shown = textOf(text).replace(/\s+/g, ' ').trim()
      // An empty heading (`## `, or one of only a comment) draws nothing, as on the page; pdfmake
      // would fail on a bookmark with no line to sit on, and an empty bookmark helps no one.
      if (shown === '') return []
      const outline = node.depth <= 2 ? {outline: true, outlineText: shown, outlineParentId: context.outlineParent} : {}
      return [{text, style, ...outline} as Content]
    }
    case 'list': {
      const items = node.children.map((item) => {
        const inner = blocks(item.children, context)
        // A task list item shows its box as text: Roboto has no ballot box glyph.
        if (typeof item.checked === 'boolean') {
          const box: Content = {text: item.checked ? '[x] ' : '[ ] ', bold: true}
          const first = inner[0] as {text?: unknown} | undefined
          if (Array.isArray(first?.text)) first.text.unshift(box)
          else inner.unshift(box)
        }
        return inner.length === 1 ? inner[0]! : {stack: inner}
      })
      return [(node.ordered ? {ol: items, start: node.start ?? 1, margin: [0, 0, 0, 6]} : {ul: items, margin: [0, 0, 0, 6]}) as Content]
    }
    case 'table':
      return [table(node, context)]
    case 'code':
      return [{text: node.value, preserveLeadingSpaces: true, fontSize: 8.5, background: '#f5f7fa', margin: [0, 0, 0, 6]} as Content]
    case 'blockquote':
      return [{stack: blocks(node.children, context), margin: [12, 0, 0, 6], color: muted, italics: true} as Content]
    case 'thematicBreak':
      return [{canvas: [{type: 'line', x1: 0, y1: 0, x2: 516, y2: 0, lineWidth: 0.5, lineColor: line}], margin: [0, 6, 0, 6]}]
    case 'htmlElement':
      return htmlBlock(node, context)
    default:
      return []
  }
}

function table(node: Table, context: Context): Content {
  const columns = Math.max(...node.children.map((row) => row.children.length))
  return {
    table: {
      headerRows: 1,
      widths: Array.from({length: columns}, () => '*'),
      body: node.children.map((row, rowIndex) =>
        Array.from({length: columns}, (_, column) => {
          const cell = row.children[column]
          return {text: cell ? inlines(cell.children, context) : '', alignment: node.align?.[column] ?? 'left', ...(rowIndex === 0 ? {style: 'tableHeader'} : {})}
        })
      )
    },
    layout: 'lightHorizontalLines',
    fontSize: 9,
    margin: [0, 2, 0, 8]
  } as Content
}

const elementsOf = (node: HtmlElement, ...names: string[]) => node.children.filter((child): child is HtmlElement => child.type === 'htmlElement' && names.includes(child.tagName))

/** A kept HTML element that stands as a block: a table, or details shown unfolded with the summary as its bold first line. */
function htmlBlock(node: HtmlElement, context: Context): Content[] {
  switch (node.tagName) {
    case 'table':
      return htmlTable(node, context)
    case 'details': {
      const [summary] = elementsOf(node, 'summary')
      const rest = node.children.filter((child) => child !== summary)
      return [{stack: [...(summary ? [{stack: blocks(summary.children, context), bold: true}] : []), ...blocks(rest, context)], margin: [0, 0, 0, 6]} as Content]
    }
    case 'summary':
      return [{stack: blocks(node.children, context), bold: true}]
    default:
      return blocks(node.children, context)
  }
}

interface Placed {
  cell: HtmlElement
  rowSpan: number
  colSpan: number
}

/**
 * A table written in HTML, laid out as a browser lays it out: the head's rows first and the
 * foot's last, each cell in the first free column of its row, a row span kept within its group
 * (0 spans the rest of it). Columns where no cell starts are left out, so a `colspan` wider
 * than the table costs nothing.
 */
function htmlTable(node: HtmlElement, context: Context): Content[] {
  const [caption] = elementsOf(node, 'caption')
  const groups = {head: [] as HtmlElement[][], body: [] as HtmlElement[][], foot: [] as HtmlElement[][]}
  let bare: HtmlElement[] | undefined
  for (const child of elementsOf(node, 'thead', 'tbody', 'tfoot', 'tr')) {
    if (child.tagName === 'tr') {
      if (!bare) groups.body.push((bare = []))
      bare.push(child)
      continue
    }
    bare = undefined
    groups[child.tagName === 'thead' ? 'head' : child.tagName === 'tfoot' ? 'foot' : 'body'].push(elementsOf(child, 'tr'))
  }
  const ordered = [...groups.head, ...groups.body, ...groups.foot]
  const grid: (Placed | 'covered' | undefined)[][] = []
  for (const rows of ordered) {
    const first = grid.length
    rows.forEach((row, index) => {
      const slots = (grid[first + index] ??= [])
      let column = 0
      for (const cell of elementsOf(row, 'td', 'th')) {
        while (slots[column] !== undefined) column++
        const left = rows.length - index
        const rowSpan = cell.properties.rowSpan === 0 ? left : Math.min(cell.properties.rowSpan ?? 1, left)
        const colSpan = cell.properties.colSpan ?? 1
        for (let down = 0; down < rowSpan; down++) {
          const covered = (grid[first + index + down] ??= [])
          for (let across = 0; across < colSpan; across++) covered[column + across] ??= 'covered'
        }
        slots[column] = {cell, rowSpan, colSpan}
        column += colSpan
      }
    })
  }
  const starts = [...new Set(grid.flatMap((slots) => slots.flatMap((slot, column) => (slot && slot !== 'covered' ? [column] : []))))].sort((a, b) => a - b)
  const heading = caption ? [{stack: blocks(caption.children, context), italics: true, margin: [0, 2, 0, 2]} as Content] : []
  if (starts.length === 0) return heading
  const headRows = groups.head.reduce((count, rows) => count + rows.length, 0)
  const body = grid.map((slots, rowIndex) =>
    starts.map((column): TableCell => {
      const slot = slots[column]
      if (slot === 'covered') return {}
      if (slot === undefined) return ''
      const span = starts.filter((start) => start >= column && start < column + slot.colSpan).length
      const content = blocks(slot.cell.children, context)
      const only = content.length === 1 ? (content[0] as {margin?: unknown}) : undefined
      if (only) delete only.margin
      return {
        stack: content,
        ...(span > 1 ? {colSpan: span} : {}),
        ...(slot.rowSpan > 1 ? {rowSpan: slot.rowSpan} : {}),
        ...(slot.cell.properties.align ? {alignment: slot.cell.properties.align} : {}),
        ...(rowIndex < headRows ? {style: 'tableHeader'} : slot.cell.tagName === 'th' ? {bold: true} : {})
      } as TableCell
    })
  )
  return [
    ...heading,
    {
      table: {headerRows: headRows, widths: starts.map(() => '*'), body},
      layout: {hLineColor: () => line, vLineColor: () => line, hLineWidth: () => 0.5, vLineWidth: () => 0.5},
      fontSize: 9,
      margin: [0, 2, 0, 8]
    } as Content
  ]
}

// Latin-1: what standard Courier can draw.
const courierText = /^[\u0020-\u007e\u00a0-\u00ff\s]*$/

/** How a run of text looks: pdfmake applies a style to the texts it is set on, not to texts nested inside them. */
type Look = Record<string, unknown>

const leaf = (text: string, look: Look): Content => (Object.keys(look).length === 0 ? text : ({text, ...look} as Content))

/** The words pdfmake will draw for inline content, as its bookmark shows them. */
function textOf(content: Content | readonly Content[]): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) return content.map((part) => textOf(part as Content)).join('')
  const text = (content as {text?: unknown}).text
  return text === undefined ? '' : textOf(text as Content)
}

/** Phrasing content as a flat list of texts, each carrying every style around it (bold inside a link, a link inside a superscript). */
function inlines(nodes: readonly PhrasingContent[], context: Context, look: Look = {}): Content[] {
  return nodes.flatMap((node): Content[] => {
    switch (node.type) {
      case 'text':
        return [leaf(node.value, look)]
      case 'strong':
        return inlines(node.children, context, {...look, bold: true})
      case 'emphasis':
        return inlines(node.children, context, {...look, italics: true})
      case 'delete':
        return inlines(node.children, context, {...look, decoration: 'lineThrough'})
      case 'inlineCode':
        return [leaf(node.value, {...look, background: '#f0f2f5'})]
      case 'break':
        return ['\n']
      case 'link':
        return /^(https?:|mailto:)/i.test(node.url) ? inlines(node.children, context, {...look, link: node.url, color: context.accent}) : inlines(node.children, context, look)
      case 'linkReference':
        return inlines(node.children, context, look)
      case 'image':
      case 'imageReference':
        return node.alt ? [leaf(`[${node.alt}]`, look)] : []
      case 'footnoteReference': {
        const number = context.notes.get(node.identifier)
        return number === undefined ? [] : [leaf(String(number), {...look, sup: true})]
      }
      case 'htmlElement':
        return htmlInline(node, context, look)
      default:
        return blockInLine(node, context, look)
    }
  })
}

/** A block inside a line of text (a list inside `<sup>`, a table inside `<kbd>`): its words, in the line. */
function blockInLine(node: {children?: unknown; value?: unknown}, context: Context, look: Look): Content[] {
  if (Array.isArray(node.children)) return [...inlines(node.children as PhrasingContent[], context, look), ' ']
  return typeof node.value === 'string' ? [leaf(node.value, look)] : []
}

function htmlInline(node: HtmlElement, context: Context, look: Look): Content[] {
  const children = node.children as PhrasingContent[]
  switch (node.tagName) {
    case 'br':
      return ['\n']
    case 'sup':
      return inlines(children, context, {...look, sup: true})
    case 'sub':
      return inlines(children, context, {...look, sub: true})
    case 'kbd':
      return inlines(children, context, {...look, background: '#f0f2f5', ...(courierText.test(toString(node)) ? {font: 'Courier'} : {})})
    default:
      return blockInLine(node, context, look)
  }
}
