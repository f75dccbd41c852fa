// What pdfmake's renderer does not do as an auditor's reader needs, added to it once, where
// pdfmake draws: a bookmark lands at its heading's top-left corner (pdfmake leaves it to pdfkit,
// whose destination is the page's top-right); the XMP metadata is written escaped, with the
// language and keywords, from the document information alone, so the same input gives the same
// bytes; and a link into another document's own PDF is a remote go-to (GoToR) to that file.
import type {createRequire} from 'node:module'

interface PdfKitDocument {
  page: {dictionary: unknown; height: number}
  link(x: number, y: number, w: number, h: number, url: unknown, options?: Record<string, unknown>): unknown
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): unknown
  ref(dictionary: Record<string, unknown>): {end(): void}
  outline: OutlineItem
  info: Record<string, unknown>
  options: {lang?: string}
  appendXML(xml: string, newline?: boolean): void
  _addInfo(): void
}

interface OutlineItem {
  addItem(title: string, options?: object): OutlineItem
  outlineData: Record<string, unknown>
}

interface Line {
  _outline?: {id?: string; parentId?: string; text: string; expanded: boolean}
}

interface RendererPrototype {
  renderPages(this: RendererInstance, pages: unknown[]): void
  renderLine(this: RendererInstance, line: Line, x: number, y: number): void
}

interface RendererInstance {
  pdfDocument: PdfKitDocument
  outlineMap: Record<string, OutlineItem>
}

let extended = false

const otherPdfScheme = 'charter-pdf:'

/** A link pdfmake carries as an address, drawn as a jump to `destination` in the PDF `file` beside this one. */
export const otherPdfLink = (file: string, destination: string) => `${otherPdfScheme}${encodeURIComponent(file)}#${encodeURIComponent(destination)}`

/** Extends the renderer of the pdfmake that `require` loads; idempotent. */
export function extendRenderer(require: ReturnType<typeof createRequire>): void {
  if (extended) return
  extended = true
  const prototype = (require('pdfmake/js/Renderer') as {default: {prototype: RendererPrototype}}).default.prototype
  const {renderPages, renderLine} = prototype
  prototype.renderPages = function (pages) {
    this.pdfDocument._addInfo = charterXmp
    this.pdfDocument.link = otherPdfAware(this.pdfDocument.link)
    renderPages.call(this, pages)
  }
  prototype.renderLine = function (line, x, y) {
    const outline = line._outline
    if (!outline) return renderLine.call(this, line, x, y)
    line._outline = undefined
    try {
      renderLine.call(this, line, x, y)
    } finally {
      line._outline = outline
    }
    const parent = (outline.parentId && this.outlineMap[outline.parentId]) || this.pdfDocument.outline
    const item = parent.addItem(outline.text, {expanded: outline.expanded})
    const page = this.pdfDocument.page
    // PDF's y runs up from the page's foot; null keeps the reader's zoom.
    item.outlineData.Dest = [page.dictionary, 'XYZ', round(x), round(page.height - y), null]
    if (outline.id) this.outlineMap[outline.id] = item
  }
}

function otherPdfAware(link: PdfKitDocument['link']): PdfKitDocument['link'] {
  return function (this: PdfKitDocument, x, y, w, h, url, options = {}) {
    if (typeof url !== 'string' || !url.startsWith(otherPdfScheme)) return link.call(this, x, y, w, h, url, options)
    const [file, destination] = url.slice(otherPdfScheme.length).split('#').map(decodeURIComponent) as [string, string]
    // pdfkit writes a String object as a PDF string, a plain one as a name.
    const action = this.ref({S: 'GoToR', F: new String(file), D: new String(destination)})
    action.end()
    return this.annotate(x, y, w, h, {...options, Subtype: 'Link', A: action})
  }
}

const round = (value: number) => Math.round(value * 100) / 100

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (character) => `&#${character.charCodeAt(0)};`)

/** The XMP packet's properties, in place of pdfkit's, which writes the values unescaped. */
function charterXmp(this: PdfKitDocument): void {
  const text = (key: string) => (typeof this.info[key] === 'string' ? escapeXml(this.info[key] as string) : undefined)
  const date = (key: string) => (this.info[key] instanceof Date ? (this.info[key] as Date).toISOString().replace(/\.\d+Z$/, 'Z') : undefined)
  const language = this.options.lang ? escapeXml(this.options.lang) : 'x-default'
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${value}</rdf:li></rdf:Alt>`
  const properties = [
    `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">`,
    ...(date('CreationDate') ? [`<xmp:CreateDate>${date('CreationDate')}</xmp:CreateDate>`] : []),
    ...(date('ModDate') ? [`<xmp:ModifyDate>${date('ModDate')}</xmp:ModifyDate>`] : []),
    ...(text('Creator') ? [`<xmp:CreatorTool>${text('Creator')}</xmp:CreatorTool>`] : []),
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">`,
    `<dc:format>application/pdf</dc:format>`,
    ...(text('Title') ? [`<dc:title>${alt(text('Title')!)}</dc:title>`] : []),
    ...(text('Author') ? [`<dc:creator><rdf:Seq><rdf:li>${text('Author')}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(text('Subject') ? [`<dc:description>${alt(text('Subject')!)}</dc:description>`] : []),
    ...(this.options.lang ? [`<dc:language><rdf:Bag><rdf:li>${language}</rdf:li></rdf:Bag></dc:language>`] : []),
    `</rdf:Description>`,
    `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">`,
    ...(text('Producer') ? [`<pdf:Producer>${text('Producer')}</pdf:Producer>`] : []),
    ...(text('Keywords') ? [`<pdf:Keywords>${text('Keywords')}</pdf:Keywords>`] : []),
    `</rdf:Description>`
  ]
  this.appendXML(properties.join('\n'))
}
