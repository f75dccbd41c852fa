// The PDFs, with pdfmake: each document laid out as its own section (a document control block,
// the body and the revision history), and the cover with contents (each document and its
// sections, with dot leaders and page numbers); the build lays out each document alone and the
// cover alone, numbered from where the documents' pages landed (bundle/combined-pdf.ts puts
// them together), and `renderPdf` can still lay several out in one. Every page's header names the document and its
// classification; the footer counts `page x of y` within the document, so a document's pages are
// the same in the combined PDF as in its own. Bookmarks (H2 and H3 under each title) land at the
// heading; links are annotations, inside the PDF where their target is in it. Fonts are the Roboto
// files shipped with pdfmake, embedded, and the PDF's standard Courier for `<kbd>`; dates come
// from the commit, so the same commit gives the same bytes. Nothing is fetched: pdfmake may read
// no URL or file. Raw HTML is drawn as model/raw-html.ts keeps it. The PDF is tagged: each block
// carries its structure element (pdf-tags.ts), which pdf-renderer.ts marks as it draws.
import {readdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'
import GithubSlugger from 'github-slugger'
import type {Definition, FootnoteDefinition, Heading, PhrasingContent, Root, RootContent, Table} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Content, TableCell, TDocumentDefinitions} from 'pdfmake/interfaces'
import {UserError} from '../model/errors'
import {sanitizeRawHtml, type HtmlElement} from '../model/raw-html'
import {HeadingKeeper} from './pdf-keep'
import {keepMeasures, quickenStyleLookups} from './pdf-measures'
import {extendRenderer, otherPdfLink} from './pdf-renderer'
import {adopt, layout, pagination, tag, type Tag} from './pdf-tags'

/** A verified approval of the document's current version, from the approval evidence in its history. */
export interface PdfApproval {
  /** The approval as the revision record words it: who (a name or a role), when, and the evidence. */
  text: string
  /** Where the evidence is: the review or pull request, or the signed commit on GitHub. */
  url?: string
}

/** Where a link in a document's body lands, when it is neither `http(s):`, `mailto:` nor `#anchor`. */
export type PdfLinkTarget = {uri: string} | {document: string; anchor?: string}

export interface PdfDocument {
  id: string
  title: string
  version: string
  status: string
  classification: string
  owner: string
  approvers: string[]
  /** Verified approvals of this version, oldest first; empty when none is recorded. */
  approvals: PdfApproval[]
  effective: string
  lastReviewed: string
  nextReview: string
  controls: string[]
  related: string[]
  tree: Root
  revisions: {date: string; version: string; summary: string; author: string; approval: string}[]
  /** Resolves a relative link of the body (to another document, an attachment); undefined keeps the text only. */
  resolveLink?: (url: string) => PdfLinkTarget | undefined
  /**
   * A register laid out as a section (the vendor register): its facts, shown in place of a
   * document's control block; it has no version and no revision history of its own.
   */
  controlRows?: [string, string][]
  /**
   * Headings of this depth or above (2: H2 and H3 when 3) start a new page, all but the first:
   * the register gives each vendor a page. It also spares the layout: every heading the keeper
   * moves lays the whole section out again, and a register has hundreds.
   */
  newPageAt?: number
}

export interface PdfBundle {
  organization: string
  bundleVersion: string
  /** YYYY-MM-DD, the commit date. */
  date: string
  commit: string
  /** The commit as git abbreviates it, shown on the cover. */
  shortCommit?: string
  audience: string
  dirty: boolean
  /** Errors `charter check` found, built anyway (--allow-errors). */
  errors: number
  accent: string
  /** `organization.security_contact` as a URI (`mailto:` or https), when it is one. */
  securityContact?: {text: string; uri: string}
  /** `branding.logo`'s bytes (PNG or JPEG) and its path, for the cover. */
  logo?: {path: string; bytes: Buffer}
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
  keepParsedFonts(require)
  engine = require('pdfmake') as PdfMake
  shareShapedWords(require)
  extendRenderer(require)
  keepMeasures(require)
  quickenStyleLookups(require)
  const fonts = join(dirname(require.resolve('pdfmake/package.json')), 'fonts/Roboto')
  for (const name of readdirSync(fonts)) engine.virtualfs.writeFileSync(name, readFileSync(join(fonts, name)))
  engine.setFonts({Roboto: {normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf'}, Courier: courier})
  engine.setUrlAccessPolicy(() => false)
  engine.setLocalAccessPolicy((path) => courierNames.has(path))
  pdfStartupSeconds = (performance.now() - started) / 1000
  return engine
}

/**
 * pdfkit parses a font file afresh for every PDF, and the build makes one PDF per document: the
 * parsed font is kept for the next, by the file's bytes (pdfmake hands over the same buffer each
 * time). A PDF's layout only reads the parsed font; each PDF still makes its own subset of it.
 */
function keepParsedFonts(require: NodeJS.Require): void {
  const pdfkit = require.resolve('pdfkit', {paths: [dirname(require.resolve('pdfmake/package.json'))]})
  const path = require.resolve('fontkit', {paths: [dirname(pdfkit)]})
  const fontkit = require(path) as {create(bytes: Uint8Array, family?: string): unknown}
  const parsed = new WeakMap<Uint8Array, Map<string | undefined, unknown>>()
  const create = (bytes: Uint8Array, family?: string) => {
    const byFamily = parsed.get(bytes) ?? new Map<string | undefined, unknown>()
    parsed.set(bytes, byFamily)
    if (!byFamily.has(family)) byFamily.set(family, fontkit.create(bytes, family))
    return byFamily.get(family)
  }
  // pdfkit asks for fontkit when pdfmake loads it, after this: it gets the same module, keeping fonts.
  require.cache[path]!.exports = {...fontkit, create}
}

/** pdfkit's font of one PDF: the parsed font it draws from, and its cache of shaped words. */
interface PdfKitFont {
  font?: object
  layoutCache?: Record<string, unknown>
}

/** Shaped words a thread keeps per font before it starts afresh, so a build of many unlike documents stays bounded. */
const shapedWordsKept = 50_000

/**
 * pdfkit also shapes every word afresh for each PDF (fontkit's layout, a fifth of a document's
 * time): its cache of shaped words belongs to the PDF's font object. The PDFs of a thread share
 * one per parsed font instead; a shaped word depends only on the font and the word, and is only
 * read, so each PDF still makes its own subset and bytes from it.
 */
function shareShapedWords(require: NodeJS.Require): void {
  const prototype = (require('pdfmake/js/PDFDocument') as {default: {prototype: {provideFont(...names: unknown[]): PdfKitFont}}}).default.prototype
  const {provideFont} = prototype
  const shared = new WeakMap<object, Record<string, unknown>>()
  const given = new WeakSet<PdfKitFont>()
  prototype.provideFont = function (...names) {
    const font = provideFont.apply(this, names)
    // The standard Courier has no cache of its own, nor a parsed font.
    if (given.has(font) || !font.font || !font.layoutCache) return font
    given.add(font)
    let words = shared.get(font.font)
    if (!words || Object.keys(words).length > shapedWordsKept) shared.set(font.font, (words = Object.assign(Object.create(null) as Record<string, unknown>, font.layoutCache)))
    font.layoutCache = words
    return font
  }
}

const muted = '#52606d'
const line = '#d9e2ec'
const margin = 48

function styles(accent: string): TDocumentDefinitions['styles'] {
  return {
    title: {fontSize: 26, bold: true, color: accent, margin: [0, 0, 0, 6]},
    h1: {fontSize: 20, bold: true, color: accent, margin: [0, 0, 0, 10]},
    h2: {fontSize: 14, bold: true, margin: [0, 12, 0, 4]},
    h3: {fontSize: 12, bold: true, margin: [0, 8, 0, 3]},
    h4: {fontSize: 10.5, bold: true, margin: [0, 6, 0, 2]},
    label: {fontSize: 8.5, color: muted, bold: true},
    small: {fontSize: 8.5, color: muted},
    running: {fontSize: 8.5, color: muted},
    tableHeader: {bold: true, fillColor: '#f5f7fa'}
  }
}

/** The named destination of a document's title, and of its heading with slug `anchor`. */
const titleDestination = (id: string) => `document-${id}`
const headingDestination = (id: string, anchor: string) => `${id}:${anchor}`

/** A document's H2 sections, as the contents lists them: the heading's words and its named destination. */
export interface PdfSection {
  text: string
  destination: string
}

/** What the contents lists of a document: its title, then its sections, each landing at a named destination. */
export interface PdfContentsEntry {
  id: string
  title: string
  sections: PdfSection[]
}

/** A document as laid out: its tree sanitized once, each heading's slug, its H2 sections for the contents. */
interface Prepared {
  document: PdfDocument
  tree: Root
  slugs: Map<Heading, string>
  sections: PdfSection[]
}

function prepare(document: PdfDocument): Prepared {
  const {tree} = sanitizeRawHtml(document.tree)
  const slugger = new GithubSlugger()
  const slugs = new Map<Heading, string>()
  const sections: Prepared['sections'] = []
  const walk = (node: Root | RootContent) => {
    if (node.type === 'heading') {
      // Slugged as the page slugs it, so `#anchor` links land where they land on the page; an
      // empty heading still takes its turn, as it does there.
      const slug = slugger.slug(toString(node))
      if (slug !== '') slugs.set(node, slug)
      const text = toString(node).replace(/\s+/g, ' ').trim()
      if (slug !== '' && node.depth === 2 && text !== '') sections.push({text, destination: headingDestination(document.id, slug)})
    } else if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return {document, tree, slugs, sections}
}

/** Every named destination a document's PDF holds, and its entry in the contents: known before any PDF is laid out. */
export function pdfDestinations(document: PdfDocument): {destinations: string[]; entry: PdfContentsEntry} {
  const {slugs, sections} = prepare(document)
  return {
    destinations: [titleDestination(document.id), ...[...slugs.values()].map((slug) => headingDestination(document.id, slug))],
    entry: {id: document.id, title: document.title, sections}
  }
}

/**
 * Which page of its document each page is: pdfmake lays out every page, then asks each header
 * in page order, then each footer; the header notes the page, so the footer knows the count.
 */
class DocumentPages {
  private readonly pages = new Map<string, number[]>()
  /** Layouts so far: pdfmake lays out again when it moves a heading. */
  passes = 0

  note(key: string, page: number): void {
    // Page 1's header starts a layout pass.
    if (page === 1) {
      this.pages.clear()
      this.passes++
    }
    const list = this.pages.get(key) ?? []
    if (!list.includes(page)) list.push(page)
    this.pages.set(key, list)
  }

  of(key: string, page: number): {page: number; count: number} {
    const list = this.pages.get(key) ?? [page]
    return {page: list.indexOf(page) + 1, count: list.length}
  }

  /** Pages in the last layout. */
  get total(): number {
    return Math.max(0, ...[...this.pages.values()].flat())
  }
}

export interface PdfOptions {
  /**
   * Named destinations of documents this PDF does not hold: a link to one opens that document's
   * own PDF (`<id>.pdf`, beside this one) there; a link to any other stays text.
   */
  elsewhere?: ReadonlySet<string>
}

/** The documents laid out in one PDF, without a cover: the build gives each its own, and puts the cover (`renderFrontPdf`) in front of them all. */
export async function renderPdf(documents: readonly PdfDocument[], bundle: PdfBundle, options: PdfOptions = {}): Promise<Buffer> {
  return layOut(documents.map(prepare), bundle, options)
}

/**
 * The cover and contents alone, for a combined PDF put together from the documents' own PDFs:
 * `pageOf` gives the page a destination lands on, counted from the first page after the contents;
 * the contents' own length is found by laying it out.
 */
export async function renderFrontPdf(entries: readonly PdfContentsEntry[], bundle: PdfBundle, pageOf: (destination: string) => number | undefined): Promise<{pdf: Buffer; pages: number}> {
  return withLogo(bundle, async (facts) => {
    // Two pages (the cover and one of contents) is the first guess; a longer contents moves every number on.
    let frontPages = 2
    for (;;) {
      const pages = new DocumentPages()
      const pdf = await layOut([], facts, {}, {entries, pageOf: (destination) => frontPages + (pageOf(destination) ?? 0)}, pages)
      if (pages.total === frontPages) return {pdf, pages: frontPages}
      frontPages = pages.total
    }
  })
}

async function withLogo<T>(bundle: PdfBundle, render: (bundle: PdfBundle) => Promise<T>): Promise<T> {
  try {
    return await render(bundle)
  } catch (error) {
    // A logo pdfkit cannot decode fails the whole PDF; say which file, not pdfkit's words alone.
    if (!bundle.logo) throw error
    await render({...bundle, logo: undefined})
    throw new UserError(`branding.logo \`${bundle.logo.path}\` could not be drawn in the PDF: its image data is damaged or of a kind the PDF cannot hold; export it again as a plain 8-bit PNG or a baseline JPEG`)
  }
}

/** The contents of the cover's PDF: its entries, and the page numbers to print, already known. */
interface FrontContents {
  entries: readonly PdfContentsEntry[]
  pageOf: (destination: string) => number
}

async function layOut(prepared: readonly Prepared[], bundle: PdfBundle, options: PdfOptions, front?: FrontContents, pages = new DocumentPages()): Promise<Buffer> {
  const documents = prepared.map((entry) => entry.document)
  const held = new Set(prepared.flatMap(({document, slugs}) => [titleDestination(document.id), ...[...slugs.values()].map((slug) => headingDestination(document.id, slug))]))
  const links: Links = {held, elsewhere: options.elsewhere ?? new Set()}
  const keeper = new HeadingKeeper()
  const edition = bundle.audience === 'public' ? 'PUBLIC' : 'INTERNAL'
  const content: Content[] = []
  // The structure tree: the cover, the contents and each document are sections of one Document.
  const root = tag('Document')
  const sectionOf = (blocks: Content[]) => {
    const section = tag('Sect', root)
    return blocks.map((block) => adopt(block, section))
  }
  if (front) {
    content.push({section: sectionOf(cover(bundle)), header: (page: number) => running(pages, 'cover', page, '', `${edition} EDITION`)} as unknown as Content)
    content.push({
      section: sectionOf(contents(front.entries, bundle, front.pageOf)),
      header: (page: number) => running(pages, 'contents', page, `${bundle.organization} · Contents`, `${edition} EDITION`),
      footer: (page: number) => footer(`${bundle.organization} · Security Policies ${bundle.bundleVersion} · Contents`, pages.of('contents', page), bundle)
    } as unknown as Content)
  }
  for (const entry of prepared) {
    const {document} = entry
    const key = `document:${document.id}`
    content.push({
      section: keptByPage(keeper, sectionOf(documentContent(entry, bundle, links))),
      header: (page: number) => running(pages, key, page, `${bundle.organization} · ${document.title}`, document.classification.toUpperCase()),
      footer: (page: number) => footer(`${bundle.organization} · ${document.title}${document.controlRows ? ` · ${bundle.date}` : ` · v${document.version}`}`, pages.of(key, page), bundle)
    } as unknown as Content)
  }
  const single = !front && documents.length === 1 ? documents[0] : undefined
  const title = single?.controlRows ? `${single.title} ${bundle.date}` : single ? `${single.title} ${single.version}` : `${bundle.organization} Security Policies ${bundle.bundleVersion}`
  const when = new Date(`${bundle.date}T00:00:00Z`)
  const editionName = bundle.audience === 'public' ? 'public' : 'internal'
  const keywords = ['security policies', `${editionName} edition`, `bundle ${bundle.bundleVersion}`, ...(single ? [single.id, single.classification] : [])]
  return pdfmake()
    .createPdf({
      content,
      version: '1.7',
      language: 'en',
      // Tagged: a structure tree in reading order, the title shown in the window, and identified as PDF/UA-1.
      tagged: true,
      displayTitle: true,
      subset: 'PDF/UA',
      pageSize: 'LETTER',
      pageMargins: [margin, margin, margin, 56],
      defaultStyle: {font: 'Roboto', fontSize: 10, lineHeight: 1.25},
      styles: styles(bundle.accent),
      // A heading never ends a page: it moves to the next, with what it heads.
      pageBreakBefore: (node) => keeper.breakBefore(node, pages.passes),
      info: {
        title,
        author: bundle.organization,
        subject: single?.controlRows ? `${bundle.organization} ${single.title.toLowerCase()} as of ${bundle.date}, ${editionName} edition, bundle ${bundle.bundleVersion}` : single ? `${single.title}, version ${single.version} (${single.classification})` : `${bundle.organization} security policies, ${editionName} edition, bundle ${bundle.bundleVersion}`,
        keywords: keywords.join(', '),
        creator: 'Charter',
        producer: 'Charter',
        creationDate: when,
        modDate: when
      }
    } as TDocumentDefinitions)
    .getBuffer()
}

/**
 * The keeper's runs of a section: each run from a block that starts a new page (a register's
 * vendor) to the next is a document of its own to the keeper, since a heading moved in one run
 * shifts no page of the others: their lonely headings all move in one layout pass.
 */
function keptByPage(keeper: HeadingKeeper, blocks: Content[]): Content[] {
  const runs: Content[][] = [[]]
  for (const block of blocks) {
    if ((block as {pageBreak?: string}).pageBreak === 'before' && runs.at(-1)!.length > 0) runs.push([])
    runs.at(-1)!.push(block)
  }
  return runs.flatMap((run) => keeper.kept(run))
}

/** The page header: what the page belongs to on the left, its classification on the right. */
function running(pages: DocumentPages, key: string, page: number, left: string, classification: string): Content {
  pages.note(key, page)
  return {
    columns: [
      {text: left, style: 'running', width: '*', tag: pagination},
      {text: classification, style: 'running', bold: true, width: 'auto', tag: pagination}
    ],
    margin: [margin, 22, margin, 0]
  } as Content
}

function footer(text: string, at: {page: number; count: number}, bundle: PdfBundle): Content {
  const unofficial = bundle.dirty || bundle.errors > 0 ? 'UNOFFICIAL · ' : ''
  return {text: `${unofficial}${text} · page ${at.page} of ${at.count}`, alignment: 'center', style: 'running', margin: [margin, 20, margin, 0], tag: pagination} as Content
}

/** Why the bundle is not an official version, or undefined when it is. */
function unofficialReason(bundle: PdfBundle): string | undefined {
  const reasons = [
    ...(bundle.dirty ? ['built from uncommitted changes'] : []),
    ...(bundle.errors > 0 ? [`built although charter check found ${bundle.errors} error${bundle.errors === 1 ? '' : 's'}`] : [])
  ]
  return reasons.length === 0 ? undefined : `Unofficial: ${reasons.join(' and ')}. Do not rely on this version.`
}

const editionText = (bundle: PdfBundle) =>
  bundle.audience === 'public'
    ? 'Public edition: the documents classified public, which may be shared with customers and auditors.'
    : 'Internal edition: every document, public, internal and confidential. Each page is marked with its classification; share it only as that allows.'

const uncontrolled = (bundle: PdfBundle) =>
  `Uncontrolled when printed. The controlled copy is the electronic bundle ${bundle.bundleVersion}; before relying on a printed or downloaded copy, check that it is the current version.`

function cover(bundle: PdfBundle): Content[] {
  const facts: [string, Content][] = [
    ['Edition', bundle.audience === 'public' ? 'Public' : 'Internal'],
    ['Bundle version', bundle.bundleVersion],
    ['Date', bundle.date],
    ['Commit', bundle.shortCommit ?? bundle.commit.slice(0, 7)],
    ...(bundle.securityContact
      ? [['Security contact', {text: bundle.securityContact.text, link: bundle.securityContact.uri, color: bundle.accent, tag: tag('Link', undefined, {alt: bundle.securityContact.text})}] as [string, Content]]
      : [])
  ]
  return [
    bundle.logo
      ? ({
          image: `data:image/${bundle.logo.path.toLowerCase().endsWith('.png') ? 'png' : 'jpeg'};base64,${bundle.logo.bytes.toString('base64')}`,
          fit: [180, 72],
          margin: [0, 72, 0, 24],
          tag: tag('Figure', undefined, {alt: `${bundle.organization} logo`})
        } as Content)
      : {text: '', margin: [0, 120, 0, 0], tag: layout},
    {text: bundle.organization, fontSize: 16, color: muted, margin: [0, 0, 0, 8], tag: tag('P')},
    {text: 'Security Policies', style: 'title', tag: tag('H1')},
    {text: `${bundle.audience === 'public' ? 'Public' : 'Internal'} edition · ${bundle.bundleVersion}`, fontSize: 13, margin: [0, 0, 0, 40], tag: tag('P')},
    {
      ...tableOf(
        undefined,
        {widths: [110, '*']},
        facts.map(([label, value]) => [{text: label, style: 'label'}, value]),
        (_row, column) => (column === 0 ? {role: 'TH', scope: 'Row'} : {role: 'TD'})
      ),
      layout: {hLineColor: () => line, vLineWidth: () => 0, hLineWidth: (index: number) => (index === 0 ? 0 : 0.5), paddingTop: () => 4, paddingBottom: () => 4}
    } as Content,
    {text: editionText(bundle), margin: [0, 24, 0, 6], tag: tag('P')},
    {text: uncontrolled(bundle), style: 'small', tag: tag('P')},
    ...(unofficialReason(bundle) ? [{text: unofficialReason(bundle)!, bold: true, color: '#8a1c1c', margin: [0, 24, 0, 0], tag: tag('P')} as Content] : [])
  ]
}

type CellTag = Omit<Tag, 'parent' | 'children'>

/**
 * A table's body under its structure element: a TR per row, and in it each cell's element as
 * `cellOf` names it (TH or TD), with the cell's content under it; a cell a span covers (`{}`) has none.
 */
function tableOf<Options extends object>(
  caption: Content | undefined,
  options: Options,
  body: TableCell[][],
  cellOf: (row: number, column: number) => CellTag | undefined
): {table: Options & {body: TableCell[][]}; tag: Tag} {
  const table = tag('Table')
  // A caption drawn above the table is its first child.
  if (caption) adopt(caption, tag('Caption', table))
  const rows = body.map((cells, rowIndex) => {
    const row = tag('TR', table)
    return cells.map((cell, column) => {
      const {role, ...details} = cellOf(rowIndex, column) ?? {role: ''}
      return role === '' ? cell : adopt(cell as Content, tag(role, row, details))
    })
  })
  return {table: {...options, body: rows}, tag: table}
}

/** Contents: each document, then its sections, each with a dotted leader to its page number; each row links to its page. */
function contents(entries: readonly PdfContentsEntry[], bundle: PdfBundle, pageOf: (destination: string) => number): Content[] {
  // The leader: a one-cell table as wide as what the title leaves, its bottom rule dotted.
  const leader = {
    width: '*',
    table: {widths: ['*'], body: [[{text: ' ', border: [false, false, false, true], tag: layout}]]},
    layout: {hLineWidth: () => 0.8, hLineColor: () => muted, hLineStyle: () => ({dash: {length: 0.8, space: 2.4}}), vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 0},
    margin: [4, 0, 4, 0]
  }
  // Tagged as a list: each document an item (its link and page number), its sections a list inside it.
  const row = (text: string, destination: string, top: boolean, list: Tag): {row: Content; body: Tag} => {
    const body = tag('LBody', tag('LI', list))
    const entry = {
      columns: [
        {text, width: 'auto', linkToDestination: destination, tag: tag('Link', undefined, {alt: text})},
        leader,
        {text: String(pageOf(destination)), width: 30, alignment: 'right'}
      ],
      unbreakable: true,
      ...(top ? {bold: true, margin: [0, 6, 0, 1]} : {fontSize: 9, margin: [14, 0, 0, 1]})
    } as unknown as Content
    return {row: adopt(entry, body), body}
  }
  const documents = tag('L')
  return [
    {text: 'Contents', style: 'h1', tag: tag('H1')},
    {text: `${bundle.organization} Security Policies · ${bundle.audience === 'public' ? 'Public' : 'Internal'} edition · bundle ${bundle.bundleVersion}`, style: 'small', margin: [0, 0, 0, 8], tag: tag('P')},
    ...entries.flatMap(({id, title, sections}) => {
      const top = row(title, titleDestination(id), true, documents)
      const list = sections.length > 0 ? tag('L', top.body) : undefined
      return [top.row, ...sections.map((section) => row(section.text, section.destination, false, list!).row)]
    })
  ]
}

/** The document control block: what the document is, who approved this version and when, and its review dates. */
function controlBlock(document: PdfDocument, bundle: PdfBundle): Content {
  const approvals: Content =
    document.approvals.length === 0
      ? {text: 'No verified approval of this version is recorded.', italics: true}
      : {
          stack: document.approvals.map((approval) =>
            approval.url ? {text: approval.text, link: approval.url, color: bundle.accent, decoration: 'underline', tag: tag('Link', undefined, {alt: approval.text})} : {text: approval.text}
          )
        }
  const rows: [string, Content][] = document.controlRows ?? [
    ['Document', document.id],
    ['Version', document.version],
    ['Status', document.status],
    ['Classification', {text: document.classification.toUpperCase(), bold: true}],
    ['Owner', document.owner],
    ['Approvers (roles)', document.approvers.join(', ') || '—'],
    [`Approval of v${document.version}`, approvals],
    ['Effective', document.effective],
    ['Last review', document.lastReviewed],
    ['Next review due', document.nextReview],
    ...(document.controls.length > 0 ? [['Controls', document.controls.join(', ')] as [string, Content]] : []),
    ...(document.related.length > 0 ? [['Related', document.related.join(', ')] as [string, Content]] : [])
  ]
  const body: TableCell[][] = [...rows.map(([label, value]): TableCell[] => [{text: label, style: 'label'}, value]), [{text: uncontrolled(bundle), style: 'small', italics: true, colSpan: 2}, {}]]
  return {
    // Tagged as a table whose labels head their rows; the closing note spans both columns.
    ...tableOf(undefined, {widths: [100, '*'], dontBreakRows: true}, body, (row, column) =>
      row === rows.length ? (column === 0 ? {role: 'TD', colSpan: 2} : undefined) : column === 0 ? {role: 'TH', scope: 'Row'} : {role: 'TD'}
    ),
    layout: {hLineColor: () => line, vLineWidth: () => 0, hLineWidth: () => 0.5},
    margin: [0, 0, 0, 12]
  } as unknown as Content
}

/** Where a link to a named destination can go: inside this PDF, or into another document's own PDF. */
interface Links {
  held: ReadonlySet<string>
  elsewhere: ReadonlySet<string>
}

function documentContent(prepared: Prepared, bundle: PdfBundle, links: Links): Content[] {
  const {document, tree} = prepared
  const outlineId = titleDestination(document.id)
  const context: Context = {accent: bundle.accent, headingsSeen: 0, document, outlineParent: outlineId, section: outlineId, notes: footnoteNumbers(tree), slugs: prepared.slugs, links, definitions: definitionsOf(tree)}
  return [
    {text: document.title, style: 'h1', id: outlineId, outline: true, tag: tag('H1')} as Content,
    controlBlock(document, bundle),
    ...body(tree, context),
    ...(document.controlRows ? [] : revisionHistory(document, outlineId))
  ]
}

function revisionHistory(document: PdfDocument, outlineId: string): Content[] {
  return [
    {text: 'Revision history', style: 'h2', id: `${document.id}::revision-history`, outline: true, outlineParentId: outlineId, headlineLevel: 2, tag: tag('H2')} as Content,
    document.revisions.length === 0
      ? {text: 'No committed revision yet.', style: 'small', tag: tag('P')}
      : ({
          ...tableOf(
            undefined,
            {
              headerRows: 1,
              keepWithHeaderRows: 1,
              // Wide enough for "before Charter" on one line; a row is never split over two pages.
              widths: [58, 62, '*', 70, 110],
              dontBreakRows: true
            },
            [
              ['Date', 'Version', 'Change', 'Author', 'Approval'].map((text) => ({text, style: 'tableHeader'})),
              ...document.revisions.map((revision) => [revision.date, revision.version, revision.summary, revision.author, revision.approval])
            ],
            (row) => (row === 0 ? {role: 'TH', scope: 'Column'} : {role: 'TD'})
          ),
          layout: 'lightHorizontalLines',
          fontSize: 8.5
        } as Content)
  ]
}

interface Context {
  accent: string
  /** Headings met so far at or above the document's `newPageAt`. */
  headingsSeen: number
  document: PdfDocument
  /** The document title's outline id: H2 bookmarks sit under it. */
  outlineParent: string
  /** The outline id H3 bookmarks sit under: the last H2's, or the title's before any. */
  section: string
  /** Footnote numbers by identifier, in the order the text first refers to them (as on the page). */
  notes: Map<string, number>
  slugs: ReadonlyMap<Heading, string>
  /** The named destinations a link may go to. */
  links: Links
  /** `[ref]: url` definitions, the first of each identifier. */
  definitions: ReadonlyMap<string, Definition>
}

function definitionsOf(tree: Root): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  const walk = (node: Root | RootContent) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  return definitions
}

/** What a link in the body does: opens an address, jumps inside this PDF, or nothing (its text stays). */
function linkLook(url: string, context: Context): Look {
  if (/^(https?:|mailto:)/i.test(url)) return {link: url, color: context.accent, decoration: 'underline'}
  let destination: string | undefined
  let document = context.document.id
  if (url.startsWith('#')) destination = headingDestination(document, safeDecode(url.slice(1)))
  else {
    const target = context.document.resolveLink?.(url)
    if (target && 'uri' in target) return {link: target.uri, color: context.accent, decoration: 'underline'}
    if (target) {
      document = target.document
      destination = target.anchor ? headingDestination(target.document, target.anchor) : titleDestination(target.document)
    }
  }
  if (destination === undefined) return {}
  if (context.links.held.has(destination)) return {linkToDestination: destination, color: context.accent, decoration: 'underline'}
  return context.links.elsewhere.has(destination) ? {link: otherPdfLink(`${document}.pdf`, destination), color: context.accent, decoration: 'underline'} : {}
}

/** A link's look with its structure element (Link, described by its words), when it is one. */
const linked = (look: Look, node: PhrasingContent): Look => (Object.keys(look).length === 0 ? look : {...look, tag: tag('Link', undefined, {alt: toString(node).replace(/\s+/g, ' ').trim()})})

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
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
    {text: 'Notes', style: 'h4', tag: tag('H2')},
    {...listOf(notes, true), fontSize: 8.5, margin: [0, 0, 0, 6]} as Content
  ]
}

/**
 * A list's items under its structure element (L): each item an LI holding its label (Lbl, the
 * number pdfmake draws; a bullet is drawn as a shape, an artifact) and its body (LBody).
 */
function listOf(items: Content[][], ordered: boolean): {ul?: Content[]; ol?: Content[]; tag: Tag} {
  const list = tag('L')
  const laid = items.map((inner) => {
    const item = tag('LI', list)
    const label = ordered ? tag('Lbl', item) : undefined
    const body = tag('LBody', item)
    const content = adopt(inner.length === 1 ? inner[0]! : {stack: inner}, body)
    // pdfmake draws the number beside the item's first line: `label` tags it (pdf-renderer.ts).
    if (label) (content as {label?: Tag}).label = label
    return content
  })
  return {...(ordered ? {ol: laid} : {ul: laid}), tag: list}
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
    if (run.some((node) => node.type !== 'text' || node.value.trim() !== '')) content.push(adopt({text: inlines(run, context), margin: [0, 0, 0, 6]}, tag('P')))
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
      const slug = context.slugs.get(node)
      const id = slug === undefined ? undefined : headingDestination(context.document.id, slug)
      // H2 and H3 are bookmarked, H3 under the H2 before it; an H1 in the body counts as an H2.
      const parent = node.depth <= 2 ? context.outlineParent : context.section
      if (node.depth <= 2 && id) context.section = id
      const outline = node.depth <= 3 ? {outline: true, outlineText: shown, outlineParentId: parent} : {}
      // An H1 in the body stands below the document's title, as its style shows.
      const heading = tag(`H${Math.min(Math.max(node.depth, 2), 6)}`)
      const newPage = context.document.newPageAt !== undefined && node.depth <= context.document.newPageAt && context.headingsSeen++ > 0
      return [adopt({text, style, headlineLevel: node.depth, ...(id ? {id} : {}), ...outline, ...(newPage ? {pageBreak: 'before'} : {}), tag: heading} as Content, heading)]
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
        return inner
      })
      return [{...listOf(items, node.ordered === true), ...(node.ordered ? {start: node.start ?? 1} : {}), margin: [0, 0, 0, 6]} as Content]
    }
    case 'table':
      return [table(node, context)]
    case 'code':
      return [{text: node.value, preserveLeadingSpaces: true, fontSize: 8.5, background: '#f5f7fa', margin: [0, 0, 0, 6], tag: tag('Code')} as Content]
    case 'blockquote': {
      const quote = tag('BlockQuote')
      return [{stack: blocks(node.children, context).map((inner) => adopt(inner, quote)), margin: [12, 0, 0, 6], color: muted, italics: true, tag: quote} as Content]
    }
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
    ...tableOf(
      undefined,
      {
        // The header row repeats on every page the table runs onto, and never ends a page alone; a
        // row is not split over two pages, so a continued page starts with the header and a whole row.
        headerRows: 1,
        keepWithHeaderRows: 1,
        dontBreakRows: true,
        widths: Array.from({length: columns}, () => '*')
      },
      node.children.map((row, rowIndex) =>
        Array.from({length: columns}, (_, column): Content => {
          const cell = row.children[column]
          return {text: cell ? inlines(cell.children, context) : '', alignment: node.align?.[column] ?? 'left', ...(rowIndex === 0 ? {style: 'tableHeader'} : {})} as Content
        })
      ),
      (row) => (row === 0 ? {role: 'TH', scope: 'Column'} : {role: 'TD'})
    ),
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
  // A cell heads its column in the head's rows, its row when written `<th>` in the body.
  const tagged = tableOf(caption ? heading[0] : undefined, {headerRows: headRows, ...(headRows > 0 ? {keepWithHeaderRows: 1} : {}), widths: starts.map(() => '*')}, body, (rowIndex, index) => {
    const slot = grid[rowIndex]![starts[index]!]
    if (slot === 'covered') return undefined
    const {colSpan, rowSpan} = body[rowIndex]![index] as {colSpan?: number; rowSpan?: number}
    const spans = {...(colSpan ? {colSpan} : {}), ...(rowSpan ? {rowSpan} : {})}
    if (rowIndex < headRows) return {role: 'TH', scope: 'Column', ...spans}
    return slot?.cell.tagName === 'th' ? {role: 'TH', scope: 'Row', ...spans} : {role: 'TD', ...spans}
  })
  return [
    ...heading,
    {
      ...tagged,
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
        return inlines(node.children, context, {...look, ...linked(linkLook(node.url, context), node)})
      case 'linkReference': {
        const definition = context.definitions.get(node.identifier)
        return inlines(node.children, context, definition ? {...look, ...linked(linkLook(definition.url, context), node)} : look)
      }
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
