// The PDF bundle, with pdfmake: a cover, a table of contents with page numbers and a PDF
// outline, then each document (metadata, body, revision history) as its own section with the
// classification in the header and `<org> · <title> · v<version> · page n of m` in the footer.
// Fonts are the Roboto files shipped with pdfmake, embedded; dates come from the commit, so
// the same commit gives the same bytes. Nothing is fetched: pdfmake may read no URL or file.
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import type {FootnoteDefinition, PhrasingContent, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Content, TDocumentDefinitions} from 'pdfmake/interfaces'

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

/** pdfmake with Roboto in its virtual file system, and no access to URLs or local files. */
function pdfmake(): PdfMake {
  if (engine) return engine
  const started = performance.now()
  const require = createRequire(__filename)
  engine = require('pdfmake') as PdfMake
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto')
  for (const name of readdirSync(fonts)) engine.virtualfs.writeFileSync(name, readFileSync(join(fonts, name)))
  engine.setFonts({Roboto: {normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf'}})
  engine.setUrlAccessPolicy(() => false)
  engine.setLocalAccessPolicy(() => false)
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
  return [
    {text: document.title, style: 'h1', id: outlineId, tocItem: true, outline: true} as Content,
    {
      table: {widths: [100, '*'], body: meta.map(([label, value]) => [{text: label, style: 'label'}, value])},
      layout: {hLineColor: () => line, vLineWidth: () => 0, hLineWidth: () => 0.5},
      margin: [0, 0, 0, 12]
    } as Content,
    ...body(document.tree, {accent: bundle.accent, outlineParent: outlineId, notes: footnoteNumbers(document.tree)}),
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

/** mdast blocks as pdfmake content; raw HTML, definitions (footnotes' too) and front matter are left out. */
function blocks(nodes: readonly RootContent[], context: Context): Content[] {
  return nodes.flatMap((node): Content[] => {
    switch (node.type) {
      case 'paragraph':
        return [{text: inlines(node.children, context), margin: [0, 0, 0, 6]}]
      case 'heading': {
        const style = `h${Math.min(Math.max(node.depth, 2), 4)}`
        const outline = node.depth <= 2 ? {outline: true, outlineText: toString(node), outlineParentId: context.outlineParent} : {}
        return [{text: inlines(node.children, context), style, ...outline} as Content]
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
      default:
        return []
    }
  })
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

function inlines(nodes: readonly PhrasingContent[], context: Context): Content[] {
  return nodes.flatMap((node): Content[] => {
    switch (node.type) {
      case 'text':
        return [node.value]
      case 'strong':
        return [{text: inlines(node.children, context), bold: true}]
      case 'emphasis':
        return [{text: inlines(node.children, context), italics: true}]
      case 'delete':
        return [{text: inlines(node.children, context), decoration: 'lineThrough'}]
      case 'inlineCode':
        return [{text: node.value, background: '#f0f2f5'}]
      case 'break':
        return ['\n']
      case 'link':
        return /^(https?:|mailto:)/i.test(node.url)
          ? [{text: inlines(node.children, context), link: node.url, color: context.accent}]
          : inlines(node.children, context)
      case 'image':
        return node.alt ? [`[${node.alt}]`] : []
      case 'footnoteReference': {
        const number = context.notes.get(node.identifier)
        return number === undefined ? [] : [{text: String(number), sup: true}]
      }
      default:
        return []
    }
  })
}
