// Hostile input to the PDF: names that would break its XMP metadata, links that try to reach
// outside the PDF or to a place it does not hold, and a logo that is not the image it claims.
import {mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {writePdfs} from '../../scripts/bundle/assemble'
import {combinedPdfName, pdfPath} from '../../scripts/bundle/bundle-layout'
import {StagedBundle} from '../../scripts/bundle/staging'
import {parseDocument} from '../../scripts/load/parse'
import {renderFrontPdf} from '../../scripts/render/pdf'
import {pdfDocumentOf, pdfFacts} from '../fixtures/pdf-cases'

const body = [
  '## Purpose',
  '',
  '[run](javascript:alert(1)) [file](file:///etc/passwd) [nowhere](#no-such-heading) [other](other.md#scope) [data](data:text/html,x) [mail](mailto:security@example.org) [remote](charter-pdf:..%2F..%2Fsecret.pdf#x)',
  '',
  '## Scope',
  ''
].join('\n')

const hostileName = 'Evil & Co <x:xmpmeta> "quoted" \'single\''

const folder = mkdtempSync(join(tmpdir(), 'charter-adversarial-pdf-'))
afterAll(() => rmSync(folder, {recursive: true, force: true}))

/** The combined PDF, and the document's own. */
let pdf: Buffer
let own: Buffer
let links: {url?: string; dest?: unknown}[]
beforeAll(async () => {
  const document = {...pdfDocumentOf(parseDocument('policies/alpha.md', body).tree, 'Alpha'), title: `Alpha ${hostileName}`, resolveLink: () => ({document: 'missing-document', anchor: 'scope'})}
  // As the build makes them: the document's own PDF laid out alone, then the combined PDF put
  // together from it with the cover and contents in front.
  const bundle = new StagedBundle(folder)
  await writePdfs(bundle, [document], {...pdfFacts('public'), organization: hostileName}, 1)
  pdf = bundle.read(`pdf/${combinedPdfName}`)
  own = bundle.read(pdfPath(document.id))
  const read = await pdfjs.getDocument({data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
  links = []
  for (let number = 1; number <= read.numPages; number++) links.push(...(await (await read.getPage(number)).getAnnotations()).filter((link) => link.subtype === 'Link'))
})

/** The XMP packet, read from the PDF's one uncompressed metadata stream. */
function xmp(bytes: Buffer): string {
  const text = bytes.toString('latin1')
  const start = text.indexOf('<?xpacket begin')
  return Buffer.from(text.slice(start, text.indexOf('<?xpacket end="w"?>', start) + 19), 'latin1').toString('utf8')
}

describe('names in the metadata', () => {
  // An organization or title with markup would end the XMP packet's elements early, so a reader
  // takes what follows as metadata of the attacker's choosing, or rejects the file.
  it('are escaped in the XMP packet', () => {
    const packet = xmp(pdf)
    expect(packet).toContain('<dc:creator><rdf:Seq><rdf:li>Evil &#38; Co &#60;x:xmpmeta&#62; &#34;quoted&#34; &#39;single&#39;</rdf:li></rdf:Seq></dc:creator>')
    expect(packet.match(/<x:xmpmeta/g)).toHaveLength(1)
  })
})

describe('links', () => {
  // A script or local-file link would run or open something on the reader's machine; a link to a
  // destination the PDF does not hold leads nowhere, and a hostile resolver cannot invent one.
  it('open only http(s) and mailto addresses, and jump only to places the PDF holds', () => {
    expect(links.map((link) => link.url).filter(Boolean)).toEqual(['mailto:security@example.org'])
    expect([...new Set(links.map((link) => link.dest).filter(Boolean))]).toEqual(['document-alpha', 'alpha:purpose', 'alpha:scope'])
  })

  // The renderer draws a link into another document's own PDF from an address of its own scheme;
  // an author who writes that address gets plain text, never a jump to a file of their choosing.
  it("never open another file from an address an author wrote in the renderer's own scheme", () => {
    for (const bytes of [pdf, own]) {
      expect(bytes.toString('latin1')).not.toContain('/GoToR')
      expect(bytes.toString('latin1')).not.toContain('secret')
    }
  })
})

describe('the logo', () => {
  it('that is a real image is drawn on the cover', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
    const {pdf: withLogo} = await renderFrontPdf([], {...pdfFacts('public'), logo: {path: 'assets/logo.png', bytes: png}}, () => undefined)
    // The image and its alpha channel, which PDF keeps as a second image (its soft mask).
    expect(withLogo.toString('latin1').match(/\/Subtype \/Image/g)).toHaveLength(2)
    expect(withLogo.toString('latin1').match(/\/SMask \d+ 0 R/g)).toHaveLength(1)
    expect(pdf.toString('latin1')).not.toMatch(/\/Subtype \/Image/)
  })


  // A file named .png with a PNG's first bytes but no image after them: pdfkit cannot draw it.
  it('that cannot be drawn fails the build with its path and what to do', async () => {
    const broken = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('not an image')])
    await expect(renderFrontPdf([], {...pdfFacts('public'), logo: {path: 'assets/logo.png', bytes: broken}}, () => undefined)).rejects.toThrow(
      'branding.logo `assets/logo.png` could not be drawn in the PDF: its image data is damaged or of a kind the PDF cannot hold; export it again as a plain 8-bit PNG or a baseline JPEG'
    )
  })
})
