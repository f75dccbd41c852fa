// The combined PDF, put together from each document's own PDF instead of laid out again: every
// document's pages, bookmarks, named destinations and structure tree are copied in (pdf-lib's
// parser and object copier), written out as soon as a document is in, then the cover and contents
// go in front. Links into another document's PDF become jumps inside this one.
import {PDFArray, PDFContext, PDFDict, PDFHexString, PDFName, PDFNumber, PDFObjectCopier, PDFParser, PDFRef, PDFString, type PDFObject} from 'pdf-lib'
import type {StagedFile} from './staging'

const name = (text: string) => PDFName.of(text)
const text = (object: PDFObject | undefined) => (object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined)

/** One source PDF, parsed: its objects, its catalog and its pages in order. */
interface Source {
  context: PDFContext
  catalog: PDFDict
  pages: PDFRef[]
}

async function parse(bytes: Uint8Array): Promise<Source> {
  const context = await PDFParser.forBytesWithOptions(bytes).parseDocument()
  const catalog = context.lookup(context.trailerInfo.Root, PDFDict)
  const pages: PDFRef[] = []
  const walk = (ref: PDFRef) => {
    const node = context.lookup(ref, PDFDict)
    const kids = node.lookupMaybe(name('Kids'), PDFArray)
    if (!kids) pages.push(ref)
    else for (let index = 0; index < kids.size(); index++) walk(kids.get(index) as PDFRef)
  }
  walk(catalog.get(name('Pages')) as PDFRef)
  return {context, catalog, pages}
}

/** A name tree's or number tree's entries, in order, the values as stored (direct or a reference). */
function treeEntries(context: PDFContext, root: PDFDict | undefined, key: 'Names' | 'Nums'): [PDFObject, PDFObject][] {
  if (!root) return []
  const entries: [PDFObject, PDFObject][] = []
  const flat = root.lookupMaybe(name(key), PDFArray)
  if (flat) for (let index = 0; index + 1 < flat.size(); index += 2) entries.push([context.lookup(flat.get(index))!, flat.get(index + 1)])
  const kids = root.lookupMaybe(name('Kids'), PDFArray)
  if (kids) for (let index = 0; index < kids.size(); index++) entries.push(...treeEntries(context, kids.lookup(index, PDFDict), key))
  return entries
}

/** The top items of an outline: First, then each Next. */
function outlineItems(context: PDFContext, outlines: PDFDict | undefined): PDFRef[] {
  const items: PDFRef[] = []
  for (let item = outlines?.get(name('First')); item instanceof PDFRef; item = context.lookup(item, PDFDict).get(name('Next'))) items.push(item)
  return items
}

/** A structure tree's top elements (its root's K), as references. */
function structureTops(structure: PDFDict): PDFRef[] {
  const kids = structure.get(name('K'))
  if (kids instanceof PDFRef) return [kids]
  if (!(kids instanceof PDFArray)) return []
  return kids.asArray().filter((kid): kid is PDFRef => kid instanceof PDFRef)
}

export interface AddedDocument {
  /** Pages the document's PDF holds. */
  pages: number
}

/**
 * The combined PDF being written: `add` each document's PDF in order, then `finish` with the
 * cover and contents. Objects are written to the file as each PDF is copied in, so only the
 * page list, bookmarks, destinations and the structure tree's top are held until the end.
 */
export class CombinedPdf {
  private readonly context = PDFContext.create()
  private readonly offsets: number[] = []
  private readonly pagesRoot = this.context.nextRef()
  private readonly structureRoot = this.context.nextRef()
  private readonly documentPages: PDFRef[] = []
  /** Each named destination: its name as the source wrote it, and where it lands. */
  private readonly destinations: [PDFString | PDFHexString, PDFObject][] = []
  /** Each copied PDF's top bookmarks, and how many of their descendants show open. */
  private readonly bookmarks: {items: PDFRef[]; open: number}[] = []
  private readonly structureTops: PDFRef[] = []
  private readonly parentTree: [number, PDFObject][] = []
  private readonly roleMap = new Map<string, PDFObject>()
  private nextStructureKey = 0
  private tagged = false
  /** References written out are dropped from the context; these stay until `finish` links them. */
  private readonly held = new Set<PDFRef>()
  /** Where each named destination landed: its page, 1 for the first document's first page. */
  readonly landings = new Map<string, number>()

  constructor(private readonly file: StagedFile) {
    // The binary comment tells a reader that the file holds binary streams.
    file.append(Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1'))
  }

  /** Copies a document's PDF in after the documents added before it. */
  async add(bytes: Uint8Array): Promise<AddedDocument> {
    const first = this.documentPages.length
    const copied = await this.copy(bytes, (source, pages, copier) => {
      for (const [key, value] of treeEntries(source.context, source.catalog.lookupMaybe(name('Names'), PDFDict)?.lookupMaybe(name('Dests'), PDFDict), 'Names')) {
        const destination = text(key)
        if (destination === undefined || !(key instanceof PDFString || key instanceof PDFHexString)) continue
        const target = source.context.lookup(value)
        const array = target instanceof PDFDict ? target.lookupMaybe(name('D'), PDFArray) : target instanceof PDFArray ? target : undefined
        const page = array ? source.pages.findIndex((ref) => ref === array.get(0)) : -1
        if (page >= 0) this.landings.set(destination, first + page + 1)
        this.destinations.push([key, copier.copy(value)])
      }
      this.documentPages.push(...pages)
    })
    this.flush()
    return {pages: copied}
  }

  /** Puts the cover and contents in front, links the bookmarks and the structure, and writes the file's end. */
  async finish(frontBytes: Uint8Array): Promise<{pages: number}> {
    let front: PDFRef[] = []
    let trailer: {info?: PDFObject; id?: PDFObject; catalog: [PDFName, PDFObject][]} = {catalog: []}
    await this.copy(frontBytes, (source, pages, copier) => {
      front = pages
      const {Info, ID} = source.context.trailerInfo
      trailer = {
        ...(Info ? {info: copier.copy(Info)} : {}),
        ...(ID ? {id: copier.copy(ID)} : {}),
        // The document-wide entries (language, XMP, viewer preferences, marking) are the cover's, which speaks for the whole.
        catalog: source.catalog
          .entries()
          .filter(([key]) => !['Type', 'Pages', 'Outlines', 'Names', 'Dests', 'StructTreeRoot', 'PageMode'].includes(key.decodeText()))
          .map(([key, value]) => [key, copier.copy(value)])
      }
    }, true)
    const context = this.context
    const kids = [...front, ...this.documentPages]
    context.assign(this.pagesRoot, context.obj({Type: 'Pages', Kids: kids, Count: kids.length}))
    const catalog = context.obj({Type: 'Catalog', Pages: this.pagesRoot})
    for (const [key, value] of trailer.catalog) catalog.set(key, value)
    const bookmarks = this.bookmarks.flatMap(({items}) => items)
    if (bookmarks.length > 0) {
      const outlines = context.nextRef()
      bookmarks.forEach((ref, index) => {
        const item = context.lookup(ref, PDFDict)
        item.set(name('Parent'), outlines)
        if (index > 0) item.set(name('Prev'), bookmarks[index - 1]!)
        else item.delete(name('Prev'))
        if (index < bookmarks.length - 1) item.set(name('Next'), bookmarks[index + 1]!)
        else item.delete(name('Next'))
      })
      const open = this.bookmarks.reduce((sum, {open}) => sum + open, 0)
      context.assign(outlines, context.obj({Type: 'Outlines', First: bookmarks[0]!, Last: bookmarks.at(-1)!, Count: open}))
      catalog.set(name('Outlines'), outlines)
      catalog.set(name('PageMode'), name('UseOutlines'))
    }
    if (this.destinations.length > 0) {
      // A name tree's keys are in the order of their bytes, which is how a reader searches them.
      const sorted = [...this.destinations].sort(([a], [b]) => Buffer.compare(a.asBytes(), b.asBytes()))
      const names = context.obj([])
      for (const [key, value] of sorted) {
        names.push(key)
        names.push(value)
      }
      const dests = context.register(context.obj({Names: names}))
      catalog.set(name('Names'), context.obj({Dests: dests}))
    }
    if (this.tagged) {
      for (const top of this.structureTops) context.lookup(top, PDFDict).set(name('P'), this.structureRoot)
      const nums = context.obj([])
      for (const [key, value] of [...this.parentTree].sort(([a], [b]) => a - b)) {
        nums.push(PDFNumber.of(key))
        nums.push(value)
      }
      const structure = context.obj({Type: 'StructTreeRoot', K: this.structureTops, ParentTree: context.register(context.obj({Nums: nums})), ParentTreeNextKey: this.nextStructureKey})
      if (this.roleMap.size > 0) structure.set(name('RoleMap'), context.obj(Object.fromEntries([...this.roleMap].sort(([a], [b]) => (a < b ? -1 : 1)))))
      context.assign(this.structureRoot, structure)
      catalog.set(name('StructTreeRoot'), this.structureRoot)
    }
    const root = context.register(catalog)
    this.held.clear()
    this.flush()
    this.writeEnd(root, trailer.info, trailer.id)
    return {pages: kids.length}
  }

  /**
   * Copies one PDF's pages, bookmarks and structure tree into this one; `more` copies what else
   * the caller wants with the same copier, so a reference to a page lands on the copied page.
   */
  private async copy(bytes: Uint8Array, more: (source: Source, pages: PDFRef[], copier: PDFObjectCopier) => void, front = false): Promise<number> {
    const source = await parse(bytes)
    const copier = PDFObjectCopier.for(source.context, this.context)
    const structure = source.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict)
    // Keys of this PDF's parent tree follow those of the PDFs copied in before it.
    const keyOffset = this.nextStructureKey
    const pages = source.pages.map((ref) => copier.copy(ref) as PDFRef)
    for (const ref of pages) {
      const page = this.context.lookup(ref, PDFDict)
      page.set(name('Parent'), this.pagesRoot)
      shiftKey(page, 'StructParents', keyOffset)
      const annotations = page.lookupMaybe(name('Annots'), PDFArray)
      for (let index = 0; annotations && index < annotations.size(); index++) {
        const annotation = annotations.lookup(index, PDFDict)
        shiftKey(annotation, 'StructParent', keyOffset)
        remoteToLocal(annotation)
      }
    }
    more(source, pages, copier)
    const outlines = source.catalog.lookupMaybe(name('Outlines'), PDFDict)
    const tops = outlineItems(source.context, outlines)
    if (tops.length > 0) {
      // Without its parent, copying an item does not copy the source's whole outline root again.
      for (const ref of tops) source.context.lookup(ref, PDFDict).delete(name('Parent'))
      const items = tops.map((ref) => copier.copy(ref) as PDFRef)
      items.forEach((ref) => this.held.add(ref))
      const count = outlines?.lookupMaybe(name('Count'), PDFNumber)?.asNumber()
      const entry = {items, open: count !== undefined ? Math.abs(count) : items.length}
      if (front) this.bookmarks.unshift(entry)
      else this.bookmarks.push(entry)
    }
    if (structure) {
      this.tagged = true
      const elements = structureTops(structure)
      for (const ref of elements) source.context.lookup(ref, PDFDict).delete(name('P'))
      const copied = elements.map((ref) => copier.copy(ref) as PDFRef)
      copied.forEach((ref) => this.held.add(ref))
      if (front) this.structureTops.unshift(...copied)
      else this.structureTops.push(...copied)
      let next = 0
      for (const [key, value] of treeEntries(source.context, structure.lookupMaybe(name('ParentTree'), PDFDict), 'Nums')) {
        if (!(key instanceof PDFNumber)) continue
        this.parentTree.push([key.asNumber() + keyOffset, copier.copy(value)])
        next = Math.max(next, key.asNumber() + 1)
      }
      const declared = structure.lookupMaybe(name('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0
      this.nextStructureKey = keyOffset + Math.max(next, declared)
      const roles = structure.lookupMaybe(name('RoleMap'), PDFDict)
      for (const [key, value] of roles?.entries() ?? []) if (!this.roleMap.has(key.decodeText())) this.roleMap.set(key.decodeText(), copier.copy(value))
    }
    return pages.length
  }

  /** Writes every object copied so far but those `finish` still links, and lets them go. */
  private flush(): void {
    for (const [ref, object] of this.context.enumerateIndirectObjects()) {
      if (this.held.has(ref)) continue
      const head = `${ref.objectNumber} ${ref.generationNumber} obj\n`
      const body = new Uint8Array(object.sizeInBytes())
      object.copyBytesInto(body, 0)
      this.offsets[ref.objectNumber] = this.file.length
      this.file.append(Buffer.concat([Buffer.from(head, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]))
      this.context.delete(ref)
    }
  }

  /** The cross-reference table and the trailer. */
  private writeEnd(root: PDFRef, info: PDFObject | undefined, id: PDFObject | undefined): void {
    const size = this.context.largestObjectNumber + 1
    const start = this.file.length
    const rows = ['xref', `0 ${size}`, '0000000000 65535 f ']
    // A number the copier allotted to an object its source lacked is a free entry.
    for (let number = 1; number < size; number++) rows.push(this.offsets[number] === undefined ? '0000000000 00001 f ' : `${String(this.offsets[number]).padStart(10, '0')} 00000 n `)
    const trailer = [`/Size ${size}`, `/Root ${root}`, ...(info ? [`/Info ${info}`] : []), ...(id ? [`/ID ${id}`] : [])]
    this.file.append(Buffer.from(`${rows.join('\n')}\ntrailer\n<<\n${trailer.join('\n')}\n>>\nstartxref\n${start}\n%%EOF\n`, 'latin1'))
  }
}

function shiftKey(dict: PDFDict, key: string, offset: number): void {
  const value = dict.lookupMaybe(name(key), PDFNumber)
  if (value && offset > 0) dict.set(name(key), PDFNumber.of(value.asNumber() + offset))
}

/** A link into another document's own PDF (GoToR) jumps to the same named destination here. */
function remoteToLocal(annotation: PDFDict): void {
  const action = annotation.lookupMaybe(name('A'), PDFDict)
  if (!action || action.lookupMaybe(name('S'), PDFName) !== name('GoToR')) return
  action.set(name('S'), name('GoTo'))
  action.delete(name('F'))
  action.delete(name('NewWindow'))
}
