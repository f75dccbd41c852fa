// The combined PDF put together from documents' own PDFs (bundle/combined-pdf.ts), fed tagged PDFs
// made with pdfkit directly: each document's structure tree goes under the one root, its pages'
// and its links' keys moved past the documents before it, and the parent trees merged.
import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {PDFArray, PDFDict, PDFName, PDFNumber, PDFParser, PDFRef, type PDFContext} from 'pdf-lib'
import {afterAll, describe, expect, it} from 'vitest'
import {CombinedPdf} from '../scripts/bundle/combined-pdf'
import {StagedBundle} from '../scripts/bundle/staging'

interface PdfKitStructure {
  add(child: PdfKitStructure): void
  end(): void
}
interface PdfKit {
  on(event: string, listener: (chunk: Buffer) => void): void
  struct(type: string, content?: () => void): PdfKitStructure
  addStructure(structure: PdfKitStructure): void
  addPage(): void
  text(text: string): void
  link(x: number, y: number, w: number, h: number, url: string): void
  end(): void
}
const PDFKitDocument = createRequire(import.meta.url)('pdfkit') as new (options: object) => PdfKit

/** A tagged PDF of `pages` pages, each a heading and a paragraph under one Document element; page 1 holds a link. */
function taggedPdf(title: string, pages: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const when = new Date('2026-02-03T00:00:00Z')
    const pdf = new PDFKitDocument({tagged: true, lang: 'en', pdfVersion: '1.7', displayTitle: true, info: {Title: title, CreationDate: when, ModDate: when}})
    const chunks: Buffer[] = []
    pdf.on('data', (chunk) => chunks.push(chunk))
    pdf.on('end', () => resolve(Buffer.concat(chunks)))
    const root = pdf.struct('Document')
    pdf.addStructure(root)
    for (let page = 1; page <= pages; page++) {
      if (page > 1) pdf.addPage()
      root.add(pdf.struct('H1', () => pdf.text(`${title}, page ${page}`)))
      root.add(pdf.struct('P', () => pdf.text('Body text.')))
    }
    root.end()
    pdf.end()
  })
}

const folder = mkdtempSync(join(tmpdir(), 'charter-combined-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

async function combine(front: Buffer, documents: Buffer[]): Promise<{bytes: Buffer; context: PDFContext}> {
  const bundle = new StagedBundle(folder)
  const file = bundle.open('combined.pdf')
  const combined = new CombinedPdf(file)
  for (const document of documents) await combined.add(document)
  await combined.finish(front)
  file.close()
  const bytes = readFileSync(join(folder, 'combined.pdf'))
  return {bytes, context: await PDFParser.forBytesWithOptions(bytes).parseDocument()}
}

const name = (text: string) => PDFName.of(text)

describe('the combined PDF of tagged documents', async () => {
  const {bytes, context} = await combine(await taggedPdf('Cover', 1), [await taggedPdf('First', 2), await taggedPdf('Second', 1)])
  const catalog = context.lookup(context.trailerInfo.Root, PDFDict)
  const pages = context.lookup(catalog.get(name('Pages')), PDFDict).lookup(name('Kids'), PDFArray).asArray() as PDFRef[]
  const structure = catalog.lookup(name('StructTreeRoot'), PDFDict)

  it('passes qpdf --check', () => {
    const path = join(folder, 'check.pdf')
    writeFileSync(path, bytes)
    const check = spawnSync('qpdf', ['--check', path], {encoding: 'utf8'})
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
  })

  it("holds each PDF's top structure element under the one root, the cover's first", () => {
    const tops = structure.lookup(name('K'), PDFArray).asArray().map((ref) => context.lookup(ref, PDFDict))
    expect(tops.map((top) => top.get(name('S'))!.toString())).toEqual(['/Document', '/Document', '/Document'])
    for (const top of tops) expect(top.get(name('P'))).toBe(catalog.get(name('StructTreeRoot')))
    // Each element's page is the copied page: the cover's, then the first document's two, then the second's.
    const pageOf = (top: PDFDict) => top.lookup(name('K'), PDFArray).asArray().map((kid) => pages.indexOf(context.lookup(kid, PDFDict).get(name('Pg')) as PDFRef))
    expect(tops.map(pageOf)).toEqual([[0, 0], [1, 1, 2, 2], [3, 3]])
  })

  it("moves each page's key past the documents before it, and merges the parent trees on them", () => {
    expect(pages.map((ref) => context.lookup(ref, PDFDict).lookup(name('StructParents'), PDFNumber).asNumber())).toEqual([3, 0, 1, 2])
    const nums = structure.lookup(name('ParentTree'), PDFDict).lookup(name('Nums'), PDFArray).asArray()
    const keys = nums.filter((_, index) => index % 2 === 0).map((key) => (key as PDFNumber).asNumber())
    expect(keys).toEqual([0, 1, 2, 3])
    // The elements a key lists sit on the page that holds the key.
    for (let index = 0; index < nums.length; index += 2) {
      const key = (nums[index] as PDFNumber).asNumber()
      const page = pages.find((ref) => context.lookup(ref, PDFDict).lookup(name('StructParents'), PDFNumber).asNumber() === key)
      const elements = context.lookup(nums[index + 1]!, PDFArray).asArray().map((ref) => context.lookup(ref, PDFDict))
      expect(elements.map((element) => element.get(name('Pg')))).toEqual([page, page])
    }
    expect(structure.lookup(name('ParentTreeNextKey'), PDFNumber).asNumber()).toBe(4)
  })

  it("keeps the cover's document-wide marks: marked content, language and the title shown", () => {
    expect(catalog.lookup(name('MarkInfo'), PDFDict).get(name('Marked'))!.toString()).toBe('true')
    expect(catalog.lookup(name('Lang'))!.toString()).toBe('(en)')
    expect(catalog.lookup(name('ViewerPreferences'), PDFDict).get(name('DisplayDocTitle'))!.toString()).toBe('true')
  })

  it('is what pdfinfo calls tagged', () => {
    const path = join(folder, 'info.pdf')
    writeFileSync(path, bytes)
    const info = spawnSync('pdfinfo', [path], {encoding: 'utf8'})
    expect(info.stdout).toMatch(/^Tagged: +yes$/m)
    expect(info.stdout).toMatch(/^Pages: +4$/m)
  })
})
