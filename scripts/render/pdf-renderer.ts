// What pdfmake's renderer does not do as an auditor's reader needs, added to it once, where
// pdfmake draws: a bookmark lands at its heading's top-left corner (pdfmake leaves it to pdfkit,
// whose destination is the page's top-right); the XMP metadata is written escaped, with the
// language and keywords, from the document information alone, so the same input gives the same
// bytes; a link into another document's own PDF is a remote go-to (GoToR) to that file; and the
// PDF is tagged (pdf-tags.ts): each laid-out line keeps the tag of the text it came from, and each
// run of it is drawn as marked content under its structure element, the rest as artifacts.
import type {createRequire} from 'node:module'
import {layout, pagination, type Tag} from './pdf-tags'

interface PdfKitDocument {
  page: {dictionary: unknown; height: number}
  annotate(x: number, y: number, w: number, h: number, options: Record<string, unknown>): PdfKitDocument
  ref(dictionary: Record<string, unknown>): {end(): void}
  outline: OutlineItem
  info: Record<string, unknown>
  options: {lang?: string; tagged?: boolean}
  appendXML(xml: string, newline?: boolean): void
  _addInfo(): void
  struct(role: string, options: {alt?: string; scope?: string}): StructureElement
  addStructure(element: StructureElement): void
  markContent(tag: string, options?: object): void
  markStructureContent(tag: string): object
  endMarkedContent(): void
  _currentStructureElement?: StructureElement
  text(...parts: unknown[]): PdfKitDocument
  fill(...parts: unknown[]): PdfKitDocument
  fillColor(color: unknown): PdfKitDocument
  link(x: number, y: number, width: number, height: number, target: unknown, options?: object): PdfKitDocument
  goTo(x: number, y: number, width: number, height: number, target: unknown, options?: object): PdfKitDocument
  /** The structure being drawn, while pdfmake renders into this document. */
  charterTagging?: Tagging
}

interface StructureElement {
  dictionary: {data: Record<string, unknown>}
  add(child: object): StructureElement
  _children: object[]
  _flushChild(child: object): void
}

interface OutlineItem {
  addItem(title: string, options?: object): OutlineItem
  outlineData: Record<string, unknown>
}

interface Inline {
  tag?: Tag
  background?: unknown
  decoration?: unknown
}

interface Line {
  _outline?: {id?: string; parentId?: string; text: string; expanded: boolean}
  /** The tag of the text this line was laid out from. */
  _tag?: Tag
  inlines: Inline[]
}

interface Image {
  tag?: Tag
  x: number
  y: number
  _width: number
  _height: number
}

interface RendererPrototype {
  renderPages(this: RendererInstance, pages: unknown[]): void
  renderLine(this: RendererInstance, line: Line, x: number, y: number): void
  renderVector(this: RendererInstance, vector: unknown): void
  renderImage(this: RendererInstance, image: Image): void
}

interface ListItem {
  /** The tag of the number pdfmake draws beside the item (pdf.ts). */
  label?: Tag
  listMarker?: {_inlines?: Inline[]}
}

interface LayoutBuilderPrototype {
  buildNextLine(textNode: {tag?: Tag}): Line | null
  processList(ordered: boolean, node: {ul?: ListItem[]; ol?: ListItem[]}): void
}

interface TextDecoratorPrototype {
  pdfDocument: PdfKitDocument
  drawBackground(line: Line, x: number, y: number): void
  drawDecorations(line: Line, x: number, y: number): void
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
  const {renderPages, renderLine, renderVector, renderImage} = prototype
  extendLayout(require)
  prototype.renderPages = function (pages) {
    this.pdfDocument._addInfo = charterXmp
    this.pdfDocument.link = otherPdfAware(this.pdfDocument.link)
    // After the go-to wrapper: tagging wraps `link` again, to give each annotation its Link element.
    if (this.pdfDocument.options.tagged) this.pdfDocument.charterTagging = new Tagging(this.pdfDocument)
    renderPages.call(this, pages)
  }
  prototype.renderVector = function (vector) {
    const tagging = this.pdfDocument.charterTagging
    if (!tagging) return renderVector.call(this, vector)
    // Rules, table borders, a header cell's fill, a bullet: they draw the page, they say nothing.
    tagging.artifact(layout, () => renderVector.call(this, vector))
  }
  prototype.renderImage = function (image) {
    const tagging = this.pdfDocument.charterTagging
    if (!tagging) return renderImage.call(this, image)
    if (!image.tag || image.tag === layout || image.tag === pagination) return tagging.artifact(layout, () => renderImage.call(this, image))
    tagging.figure(image, () => renderImage.call(this, image))
  }
  prototype.renderLine = function (line, x, y) {
    const tagging = this.pdfDocument.charterTagging
    tagging?.startLine(line)
    try {
      drawLine.call(this, line, x, y)
    } finally {
      tagging?.endLine()
    }
  }
  function drawLine(this: RendererInstance, line: Line, x: number, y: number): void {
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

/**
 * Where pdfmake lays out, what tagging needs kept: each line built from a text keeps the text's
 * tag (pdfmake keeps the node only for texts with an id), and an ordered list's number the tag of
 * its label. These wrap pdfmake 0.3.11's methods, the version package.json pins.
 */
function extendLayout(require: ReturnType<typeof createRequire>): void {
  const builder = (require('pdfmake/js/LayoutBuilder') as {default: {prototype: LayoutBuilderPrototype}}).default.prototype
  const decorator = (require('pdfmake/js/TextDecorator') as {default: {prototype: TextDecoratorPrototype}}).default.prototype
  const {buildNextLine, processList} = builder
  const {drawBackground, drawDecorations} = decorator
  if ([buildNextLine, processList, drawBackground, drawDecorations].some((method) => typeof method !== 'function')) {
    throw new Error('The installed pdfmake is not the version package.json pins: run `npm ci`')
  }
  builder.buildNextLine = function (textNode) {
    const line = buildNextLine.call(this, textNode)
    if (line && textNode.tag) line._tag = textNode.tag
    return line
  }
  builder.processList = function (ordered, node) {
    for (const item of (ordered ? node.ol : node.ul) ?? []) {
      const marker = item.listMarker?._inlines?.[0]
      if (item.label && marker) marker.tag = item.label
    }
    processList.call(this, ordered, node)
  }
  // A code span's shading and a link's underline are drawn apart from the words: artifacts.
  decorator.drawBackground = function (line, x, y) {
    const tagging = this.pdfDocument.charterTagging
    if (!tagging || !line.inlines.some((inline) => inline.background)) return drawBackground.call(this, line, x, y)
    tagging.artifact(layout, () => drawBackground.call(this, line, x, y))
  }
  decorator.drawDecorations = function (line, x, y) {
    const tagging = this.pdfDocument.charterTagging
    if (!tagging || !line.inlines.some((inline) => inline.decoration)) return drawDecorations.call(this, line, x, y)
    tagging.artifact(layout, () => drawDecorations.call(this, line, x, y))
  }
}

/** A structure tree drawn into one PDF: its elements, made once from the tags, and the marked run open now. */
class Tagging {
  private readonly elements = new Map<Tag, StructureElement>()
  /** The inlines of each line drawn: pdfmake draws a table's header row again, as a copy sharing them, on each later page. */
  private readonly drawn = new WeakSet<Inline[]>()
  private line: {line: Line; index: number; repeated: boolean} | undefined
  private open: Tag | undefined
  private decorating = false

  constructor(private readonly document: PdfKitDocument) {
    const {text, fill, link, goTo} = document
    const tagging = this
    // pdfmake draws a line word by word, each through `text`: a run of words with one tag is one marked sequence.
    document.text = function (...parts) {
      const current = tagging.line
      if (current) {
        const inline = current.line.inlines[current.index++]
        tagging.begin(current.repeated ? pagination : (inline?.tag ?? current.line._tag ?? layout))
      }
      return text.apply(this, parts)
    }
    // pdfmake sets each word's colour with `fill(colour)`, which also paints an empty path (`f`),
    // content outside any marked sequence; the colour alone draws the same page.
    document.fill = function (...parts) {
      if (tagging.line && !tagging.decorating && parts.length === 1 && typeof parts[0] === 'string') return this.fillColor(parts[0])
      return fill.apply(this, parts)
    }
    // A link's annotation belongs to its Link element (an OBJR on the page it is on) and says where it goes.
    document.link = function (x, y, width, height, target, options = {}) {
      return tagging.annotation((extra) => link.call(this, x, y, width, height, target, {...options, ...extra}))
    }
    document.goTo = function (x, y, width, height, target, options = {}) {
      return tagging.annotation((extra) => goTo.call(this, x, y, width, height, target, {...options, ...extra}))
    }
  }

  startLine(line: Line): void {
    this.line = {line, index: 0, repeated: this.drawn.has(line.inlines)}
    this.drawn.add(line.inlines)
  }

  endLine(): void {
    this.end()
    this.line = undefined
  }

  /** Draws `draw` as an artifact of `kind` (pagination or layout). */
  artifact(kind: Tag, draw: () => void): void {
    this.end()
    this.document.markContent('Artifact', {type: kind === pagination ? 'Pagination' : 'Layout'})
    this.decorating = true
    try {
      draw()
    } finally {
      this.decorating = false
      this.document.endMarkedContent()
    }
  }

  /** Draws an image under its Figure element, with the box it takes on the page. */
  figure(image: Image, draw: () => void): void {
    this.end()
    const element = this.elementOf(image.tag!)
    element.add(this.document.markStructureContent(image.tag!.role))
    const height = this.document.page.height
    element.dictionary.data.A = {O: 'Layout', Placement: 'Block', BBox: [image.x, height - image.y - image._height, image.x + image._width, height - image.y].map(round)}
    try {
      draw()
    } finally {
      this.document.endMarkedContent()
    }
  }

  private annotation(add: (extra: object) => PdfKitDocument): PdfKitDocument {
    const element = this.document._currentStructureElement
    if (!element || !this.open || this.open.role !== 'Link') return add({})
    const document = add({structParent: element, Contents: new String(this.open.alt ?? '')})
    // pdfkit names the page an annotation's OBJR is on when the element is written, at the end: the last page.
    Object.assign(element._children[element._children.length - 1]!, {page: document.page.dictionary})
    return document
  }

  private begin(target: Tag): void {
    if (this.open === target) return
    this.end()
    if (target === pagination || target === layout) {
      this.document.markContent('Artifact', {type: target === pagination ? 'Pagination' : 'Layout'})
    } else {
      const element = this.elementOf(target)
      element.add(this.document.markStructureContent(target.role))
      this.document._currentStructureElement = element
    }
    this.open = target
  }

  private end(): void {
    if (!this.open) return
    this.document.endMarkedContent()
    this.document._currentStructureElement = undefined
    this.open = undefined
  }

  /** The element of `target`; the first asked of a tree makes the whole of it, in reading order. */
  private elementOf(target: Tag): StructureElement {
    const made = this.elements.get(target)
    if (made) return made
    let root = target
    while (root.parent) root = root.parent
    this.make(root, undefined)
    return this.elements.get(target)!
  }

  private make(target: Tag, parent: StructureElement | undefined): void {
    const element = this.document.struct(target.role, {...(target.role === 'Figure' && target.alt ? {alt: target.alt} : {}), ...(target.scope ? {scope: target.scope} : {})})
    if (target.colSpan || target.rowSpan) {
      element.dictionary.data.A = {...(element.dictionary.data.A as object), O: 'Table', ...(target.colSpan ? {ColSpan: target.colSpan} : {}), ...(target.rowSpan ? {RowSpan: target.rowSpan} : {})}
    }
    if (target.role === 'Link') {
      const flushChild = element._flushChild
      element._flushChild = function (child) {
        const annotation = child as {annotationRef?: unknown; page?: unknown}
        if (annotation.annotationRef && annotation.page) (this as StructureElement & {dictionary: {data: {K: object[]}}}).dictionary.data.K.push({Type: 'OBJR', Obj: annotation.annotationRef, Pg: annotation.page})
        else flushChild.call(this, child)
      }
    }
    this.elements.set(target, element)
    if (parent) parent.add(element)
    else this.document.addStructure(element)
    for (const child of target.children) this.make(child, element)
  }
}

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
