// The PDF an auditor reads, from one `charter build` of a real repository with a signed approval:
// the document control block, per-document page numbers, the contents, bookmarks that land at
// their headings, link annotations, metadata, repeated table headers, the structure tree a screen
// reader follows (tags), same bytes, `qpdf --check`.
import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {beforeAll, describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {libraryBundle} from './fixtures/library-bundle'
import {makeKey, rosterYaml, signWith} from './fixtures/signing'
import {charter, makeRepo, runGit} from './helpers'

const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const as = (name: string, date: string) => ({...at(date), GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.test`, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: `${name.toLowerCase()}@example.test`})

const rows = Array.from({length: 70}, (_, index) => `| CTL-${String(index + 1).padStart(3, '0')} | Control number ${index + 1} is checked every quarter. | Head of Security |`)
const accessBody = [
  '',
  '## Purpose',
  '',
  'Read the [incident plan](incident-response.md#scope), [our scope](#scope), <https://example.org/trust> and <security@example.org>.',
  '',
  '## Scope',
  '',
  'Every system.',
  '',
  '### Systems',
  '',
  'Servers and laptops.',
  '',
  '### People',
  '',
  'Employees and contractors.',
  '',
  '## Policy',
  '',
  '| Control | Requirement | Owner |',
  '| --- | --- | --- |',
  ...rows,
  '',
  '## Roles and Responsibilities',
  '',
  'Text for roles:',
  '',
  '1. The owner keeps the policy.',
  '2. Each person follows it.',
  '',
  '## Exceptions',
  '',
  'Text for exceptions.',
  '',
  '## Enforcement',
  '',
  'Every login uses MFA.',
  ''
].join('\n')

interface Read {
  bytes: Buffer
  document: pdfjs.PDFDocumentProxy
  pages: string[]
}

async function readPdf(path: string): Promise<Read> {
  const bytes = readFileSync(path)
  const document = await pdfjs.getDocument({data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('').replace(/\s+/g, ' ').trim())
  }
  return {bytes, document, pages}
}

const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

let root: string
let merge: string
let combined: Read
let single: Read
beforeAll(async () => {
  const bobKey = makeKey('bob@laptop')
  root = makeRepo({
    'charter.config.yaml': 'organization:\n  name: Example Corp\n  security_contact: security@example.org\ngithub:\n  repository: example/policies\nbranding:\n  logo: assets/logo.png\n',
    'assets/logo.png': onePixelPng,
    'people.yaml': rosterYaml([
      {name: 'Ann Lee', emails: ['ann@example.test'], roles: ['Head of Security']},
      {name: 'Bob Stone', emails: ['bob@example.test'], roles: ['CTO'], keys: [bobKey]}
    ]),
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', effective: '2026-01-05', last_reviewed: '2026-01-05'}, accessBody.replace('Every login uses MFA.', 'Text for enforcement.')),
    'policies/incident-response.md': policy('incident-response', {title: 'Incident Response Policy', effective: '2026-01-05', last_reviewed: '2026-01-05'})
  })
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies'], as('Ann', '2026-01-05T09:00:00Z'))
  // Version 1.1.0 lands through a pull request that Bob, a CTO on the roster, approves in a commit he signs.
  runGit(root, ['checkout', '-q', '-b', 'feature/mfa'])
  const path = join(root, 'policies/access-control.md')
  writeFileSync(path, readFileSync(path, 'utf8').replace('Text for enforcement.', 'Every login uses MFA.').replace('version: 1.0.0', 'version: 1.1.0'))
  runGit(root, ['commit', '-q', '-am', 'Require MFA'], as('Ann', '2026-02-02T10:00:00Z'))
  runGit(root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Bob Stone <bob@example.test>'], as('Bob', '2026-02-03T09:00:00Z'))
  runGit(root, ['checkout', '-q', 'main'])
  runGit(root, ['merge', '-q', '--no-ff', 'feature/mfa', '-m', 'Merge pull request #12 from example/feature/mfa'], as('Ann', '2026-02-03T15:00:00Z'))
  merge = runGit(root, ['rev-parse', 'HEAD']).trim()
  // Two threads whatever the machine's load, so the build again on one compares the two ways.
  const run = await charter(['build', '--out', 'dist'], root, {CHARTER_PDF_THREADS: '2'})
  if (run.status !== 0) throw new Error(run.stderr)
  combined = await readPdf(join(root, 'dist/pdf/security-policies.pdf'))
  single = await readPdf(join(root, 'dist/pdf/documents/access-control.pdf'))
}, 120_000)

const unique = <T>(values: T[]) => [...new Set(values)]

/** The 1-based page a destination (an explicit array, or a name) lands on, and its x and y. */
async function landing(document: pdfjs.PDFDocumentProxy, dest: unknown): Promise<{page: number; x: number; y: number}> {
  const explicit = (typeof dest === 'string' ? await document.getDestination(dest) : dest) as [object, {name: string}, number, number, unknown]
  expect(explicit[1].name).toBe('XYZ')
  return {page: (await document.getPageIndex(explicit[0] as never)) + 1, x: explicit[2], y: explicit[3]}
}

/** Where a line's first word (its first occurrence on the page) sits: its baseline's x and y. */
async function textAt(document: pdfjs.PDFDocumentProxy, page: number, text: string): Promise<{x: number; y: number}> {
  const items = (await (await document.getPage(page)).getTextContent()).items
  const word = text.split(' ')[0]
  const item = items.find((candidate) => 'str' in candidate && candidate.str.trim() === word) as {transform: number[]} | undefined
  expect(item, `${text} on page ${page}`).toBeDefined()
  return {x: item!.transform[4]!, y: item!.transform[5]!}
}

describe('the document control block', () => {
  it('names the document, its version, approver, the approval of this version with its evidence, and the review dates', () => {
    const first = single.pages[0]!
    // The public edition shows the approver's role, as its revision history does (publish.show_authors is off).
    const signed = runGit(root, ['rev-parse', '--short=7', `${merge}^2`]).trim()
    expect(first).toContain(
      'Document access-control Version 1.1.0 Status approved Classification PUBLIC Owner Head of Security Approvers (roles) CTO ' +
        `Approval of v1.1.0 Approved by CTO on 2026-02-03 (signed commit ${signed}) ` +
        'Effective 2026-01-05 Last review 2026-01-05 Next review due 2027-01-05 ' +
        'Uncontrolled when printed. The controlled copy is the electronic bundle'
    )
    expect(single.pages.join(' ')).not.toContain('Bob Stone')
    // The same block opens the document in the combined PDF, where no approval is claimed for a version nobody signed.
    const incident = combined.pages.find((page) => page.startsWith('Incident Response Policy'))!
    expect(incident).toContain('Approval of v1.0.0 No verified approval of this version is recorded.')
  })

  it('links the evidence to the commit on GitHub', async () => {
    const links = await (await single.document.getPage(1)).getAnnotations()
    expect(links.filter((link) => link.subtype === 'Link').map((link) => link.url)).toContain(`https://github.com/example/policies/commit/${merge}`)
  })
})

describe('pages', () => {
  it('count within each document in the combined PDF, and mark the classification in every header', () => {
    const access = combined.pages.flatMap((page, index) => (page.includes('Example Corp · Access Control Policy · v1.1.0 · page') ? [index] : []))
    const incident = combined.pages.flatMap((page, index) => (page.includes('Example Corp · Incident Response Policy · v1.0.0 · page') ? [index] : []))
    expect(access.length).toBeGreaterThan(1)
    access.forEach((index, at) => {
      expect(combined.pages[index]).toContain('Example Corp · Access Control Policy PUBLIC')
      expect(combined.pages[index]).toContain(`page ${at + 1} of ${access.length}`)
    })
    incident.forEach((index, at) => expect(combined.pages[index]).toContain(`Example Corp · Incident Response Policy · v1.0.0 · page ${at + 1} of ${incident.length}`))
    // A document's own PDF numbers its pages the same way.
    expect(single.pages.length).toBe(access.length)
    single.pages.forEach((page, at) => expect(page).toContain(`page ${at + 1} of ${single.pages.length}`))
    expect(combined.pages[0]).toContain('PUBLIC EDITION')
    expect(combined.pages[1]).toContain('Example Corp · Contents PUBLIC EDITION')
  })

  it("repeat a table's header row on each page it runs onto", () => {
    const table = combined.pages.filter((page) => page.includes('CTL-0'))
    expect(table.length).toBeGreaterThan(1)
    for (const page of table) expect(page).toMatch(/Control Requirement Owner CTL-0/)
  })
})

describe('the cover and contents', () => {
  it('show the edition, the bundle version and the short commit', () => {
    const short = merge.slice(0, 7)
    expect(combined.pages[0]).toContain(`Security Policies Public edition · 2026.02.03+${short} Edition Public Bundle version 2026.02.03+${short} Date 2026-02-03 Commit ${short} Security contact security@example.org`)
    expect(combined.pages[0]).not.toContain(merge)
    expect(combined.pages[1]).toContain(`Contents Example Corp Security Policies · Public edition · bundle 2026.02.03+${short}`)
  })

  it('list each document and its sections with their page numbers, each linked to its page', async () => {
    const start = (title: string) => combined.pages.findIndex((page) => page.startsWith(title)) + 1
    const access = start('Access Control Policy')
    const incident = start('Incident Response Policy')
    const policyPage = combined.pages.findIndex((page) => page.includes('CTL-001')) + 1
    expect(combined.pages[1]).toContain(
      `Access Control Policy ${access} Purpose ${access} Scope ${access} Policy ${policyPage} Roles and Responsibilities `
    )
    expect(combined.pages[1]).toContain(`Incident Response Policy ${incident} Purpose ${incident} Scope ${incident}`)
    const links = (await (await combined.document.getPage(2)).getAnnotations()).filter((link) => link.subtype === 'Link')
    const targets = await Promise.all(links.map(async (link) => (await landing(combined.document, link.dest)).page))
    expect(targets).toContain(access)
    expect(targets).toContain(policyPage)
    expect(targets).toContain(incident)
  })
})

describe('bookmarks', () => {
  it('list each document with its H2 sections and, under them, its H3 sections', async () => {
    const outline = (await combined.document.getOutline())!
    expect(outline.map((item) => item.title)).toEqual(['Access Control Policy', 'Incident Response Policy'])
    const access = outline[0]!
    expect(access.items.map((item) => item.title)).toEqual(['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement', 'Revision history'])
    expect(access.items[1]!.items.map((item: {title: string}) => item.title)).toEqual(['Systems', 'People'])
    expect(access.items[0]!.items).toEqual([])
  })

  it('land on their heading at the left margin', async () => {
    const outline = (await combined.document.getOutline())!
    const scope = outline[0]!.items[1]!
    for (const [item, title] of [
      [outline[0]!, 'Access Control Policy'],
      [scope, 'Scope'],
      [scope.items[1]!, 'People'],
      [outline[1]!, 'Incident Response Policy']
    ] as const) {
      const dest = await landing(combined.document, item.dest)
      const heading = await textAt(combined.document, dest.page, title)
      expect(dest.x, title).toBe(48)
      expect(heading.x, title).toBe(48)
      // The destination is the top of the heading's line: above its baseline by less than a line.
      expect(dest.y - heading.y, title).toBeGreaterThan(0)
      expect(dest.y - heading.y, title).toBeLessThan(24)
    }
  })
})

describe('headings', () => {
  // The seed library, built once per run: "Policy" used to end page 1 of the Access Control
  // Policy, its first subheading and text on page 2.
  it('never end a page: text follows each bookmarked heading on its own page', async () => {
    const {root, build} = await libraryBundle()
    expect(build.status).toBe(0)
    const document = await pdfjs.getDocument({data: new Uint8Array(readFileSync(join(root, 'dist/pdf/security-policies.pdf'))), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
    const sections = ((await document.getOutline()) ?? []).flatMap((top) => top.items.flatMap((item) => [item, ...item.items]))
    expect(sections.length).toBeGreaterThan(100)
    const alone: string[] = []
    for (const section of sections) {
      const {page, y} = await landing(document, section.dest)
      const items = (await (await document.getPage(page)).getTextContent()).items
      // Text below the heading's own line and above the footer (the bottom margin is 56 points).
      if (!items.some((item) => 'str' in item && item.str.trim() !== '' && item.transform[5]! < y - 24 && item.transform[5]! > 56)) alone.push(`${section.title} on page ${page}`)
    }
    expect(alone).toEqual([])
  })
})

describe('links', () => {
  it('are annotations: addresses and email open, and links to documents and anchors jump inside the PDF', async () => {
    const page = combined.pages.findIndex((text) => text.startsWith('Access Control Policy')) + 1
    const links = (await (await combined.document.getPage(page)).getAnnotations()).filter((link) => link.subtype === 'Link')
    // pdfmake draws a link word by word: one annotation per word, all to the same target.
    expect(unique(links.map((link) => link.url).filter(Boolean))).toEqual([`https://github.com/example/policies/commit/${merge}`, 'https://example.org/trust', 'mailto:security@example.org'])
    const names = unique(links.map((link) => link.dest).filter(Boolean))
    expect(names).toEqual(['incident-response:scope', 'access-control:scope'])
    const internal = await Promise.all(names.map((name) => landing(combined.document, name)))
    const incidentScope = internal[0]!
    expect(await textAt(combined.document, incidentScope.page, 'Scope')).toEqual({x: 48, y: expect.any(Number)})
    expect(combined.pages[incidentScope.page - 1]).toContain('Incident Response Policy')
  })

  // A document's own PDF is the same pages as in the combined PDF, laid out once: a link to another
  // document is drawn as a link in both, and in the document's own PDF it opens that document's PDF
  // (a remote go-to to the file beside it) at the heading.
  it("to another document open that document's own PDF at the heading, in a PDF that does not hold it", async () => {
    const links = (await (await single.document.getPage(1)).getAnnotations()).filter((link) => link.subtype === 'Link')
    expect(unique(links.map((link) => link.dest).filter(Boolean))).toEqual(['access-control:scope'])
    expect(unique(links.filter((link) => !link.url && !link.dest).map((link) => link.unsafeUrl))).toEqual(['incident-response.pdf#incident-response:scope'])
  })
})

describe('metadata', () => {
  it('gives the title, the organization as author, subject, keywords, language and an XMP stream', async () => {
    const short = merge.slice(0, 7)
    const {info, metadata} = await combined.document.getMetadata()
    expect(info).toMatchObject({
      Title: `Example Corp Security Policies 2026.02.03+${short}`,
      Author: 'Example Corp',
      Subject: `Example Corp security policies, public edition, bundle 2026.02.03+${short}`,
      Keywords: `security policies, public edition, bundle 2026.02.03+${short}`,
      Language: 'en',
      Creator: 'Charter',
      Producer: 'Charter'
    })
    expect(metadata?.get('dc:title')).toBe(`Example Corp Security Policies 2026.02.03+${short}`)
    expect(metadata?.get('dc:creator')).toEqual(['Example Corp'])
    expect(metadata?.get('dc:language')).toBe('en')
    expect(metadata?.get('xmp:createdate')).toBe('2026-02-03T00:00:00Z')
    expect((await single.document.getMetadata()).info).toMatchObject({Title: 'Access Control Policy 1.1.0', Subject: 'Access Control Policy, version 1.1.0 (public)'})
  })
})

/**
 * A page's structure tree as a screen reader meets it: one line per element, indented under its
 * parent, with its role, a figure's alternate text, and the text of its own marked content
 * (`·` between runs: a line each); `[link]` for each annotation it holds on this page (an OBJR).
 */
async function structureOf(document: pdfjs.PDFDocumentProxy, number: number): Promise<string[]> {
  const page = await document.getPage(number)
  const texts = new Map<string, string>()
  let open: string | undefined
  for (const item of (await page.getTextContent({includeMarkedContent: true})).items) {
    if ('type' in item && item.type === 'beginMarkedContentProps') open = item.id ?? undefined
    else if ('type' in item && item.type === 'endMarkedContent') open = undefined
    else if ('str' in item && open !== undefined) texts.set(open, (texts.get(open) ?? '') + item.str)
  }
  type Node = {role?: string; alt?: string; type?: string; id?: string; children?: Node[]}
  const lines: string[] = []
  const walk = (node: Node, depth: number) => {
    const kids = node.children ?? []
    const own = kids.filter((kid) => kid.type === 'content').map((kid) => (texts.get(kid.id!) ?? '').trim())
    const links = kids.filter((kid) => kid.type === 'object').length
    lines.push(`${'  '.repeat(depth)}${node.role}${node.alt ? ` [${node.alt}]` : ''}${own.some((text) => text !== '') ? `: ${own.join(' · ')}` : ''}${links > 0 ? ` ${'[link]'.repeat(links)}` : ''}`)
    for (const kid of kids) if (kid.role) walk(kid, depth + 1)
  }
  walk((await page.getStructTree()) as Node, 0)
  return lines
}

describe('tags', () => {
  it('are there: pdfinfo reports Tagged, the catalog marks the content, shows the title and names the language, and the XMP names PDF/UA-1', async () => {
    for (const name of ['security-policies.pdf', 'documents/access-control.pdf', 'documents/incident-response.pdf']) {
      const info = spawnSync('pdfinfo', [join(root, 'dist/pdf', name)], {encoding: 'utf8'})
      expect(info.error, 'pdfinfo is missing: apt-get install poppler-utils').toBeUndefined()
      expect(info.stdout, name).toMatch(/^Tagged: +yes$/m)
    }
    for (const read of [combined, single]) {
      expect(await read.document.getMarkInfo()).toEqual({Marked: true, UserProperties: false, Suspects: false})
      expect(await read.document.getViewerPreferences()).toEqual({DisplayDocTitle: true})
      expect((await read.document.getMetadata()).info).toMatchObject({Language: 'en'})
      expect((await read.document.getMetadata()).metadata?.get('pdfuaid:part')).toBe('1')
    }
  })

  it("give a document's first page its title, control block, headings, paragraphs and links in reading order", async () => {
    const short = runGit(root, ['rev-parse', '--short=7', `${merge}^2`]).trim()
    const structure = await structureOf(single.document, 1)
    // A link to another document opens that document's own PDF (a remote go-to): a Link like the others.
    expect(structure.slice(0, structure.indexOf('      H2: Policy') + 1)).toEqual([
      'Root',
      '  Document',
      '    Sect',
      '      H1: Access Control Policy',
      '      Table',
      '        TR',
      '          TH: Document',
      '          TD: access-control',
      '        TR',
      '          TH: Version',
      '          TD: 1.1.0',
      '        TR',
      '          TH: Status',
      '          TD: approved',
      '        TR',
      '          TH: Classification',
      '          TD: PUBLIC',
      '        TR',
      '          TH: Owner',
      '          TD: Head of Security',
      '        TR',
      '          TH: Approvers (roles)',
      '          TD: CTO',
      '        TR',
      '          TH: Approval of v1.1.0',
      '          TD',
      // pdfmake draws a link word by word, an annotation each: all of them are the Link's.
      `            Link: Approved by CTO on 2026-02-03 (signed commit ${short}) ${'[link]'.repeat(8)}`,
      '        TR',
      '          TH: Effective',
      '          TD: 2026-01-05',
      '        TR',
      '          TH: Last review',
      '          TD: 2026-01-05',
      '        TR',
      '          TH: Next review due',
      '          TD: 2027-01-05',
      '        TR',
      `          TD: Uncontrolled when printed. The controlled copy is the electronic bundle 2026.02.03+${merge.slice(0, 7)}; before relying on a printed or downloaded · copy, check that it is the current version.`,
      '      H2: Purpose',
      '      P: Read the · , · , · and · .',
      '        Link: incident plan [link][link]',
      '        Link: our scope [link][link]',
      '        Link: https://example.org/trust [link][link][link]',
      '        Link: security@example.org [link]',
      '      H2: Scope',
      '      P: Every system.',
      '      H3: Systems',
      '      P: Servers and laptops.',
      '      H3: People',
      '      P: Employees and contractors.',
      '      H2: Policy'
    ])
  })

  it("make a table's header cells TH heading their columns, and its repeated header row on a later page an artifact", async () => {
    const pages = single.pages.flatMap((text, index) => (text.includes('CTL-0') ? [index + 1] : []))
    expect(pages.length).toBeGreaterThan(1)
    const first = (await structureOf(single.document, pages[0]!)).map((line) => line.trim())
    const header = first.indexOf('TH: Control')
    expect(first.slice(header - 2, header + 7)).toEqual(['Table', 'TR', 'TH: Control', 'TH: Requirement', 'TH: Owner', 'TR', 'TD: CTL-001', 'TD: Control number 1 is checked every · quarter.', 'TD: Head of Security'])
    // The next page shows the header row again, drawn, not read: its rows go on under the same table.
    const next = await structureOf(single.document, pages[1]!)
    expect(next.filter((line) => line.includes('TH'))).toEqual([])
    expect(next.slice(0, 6)).toEqual(['Root', '  Document', '    Sect', '      Table', '        TR', expect.stringMatching(/^ {10}TD: CTL-0\d\d$/)])
    expect(single.pages[pages[1]! - 1]).toContain('Control Requirement Owner')
  })

  it('give an ordered list its items, each with its number as label and its body', async () => {
    const page = single.pages.findIndex((text) => text.includes('The owner keeps the policy.')) + 1
    const structure = await structureOf(single.document, page)
    const list = structure.findIndex((line) => line.trim() === 'L')
    expect(structure.slice(list - 1, list + 9).map((line) => line.trim())).toEqual([
      'P: Text for roles:',
      'L',
      'LI',
      'Lbl: 1.',
      'LBody',
      'P: The owner keeps the policy.',
      'LI',
      'Lbl: 2.',
      'LBody',
      'P: Each person follows it.'
    ])
  })

  it('give the cover its logo as a figure with alternate text, and the contents a list of linked entries', async () => {
    expect(await structureOf(combined.document, 1)).toEqual([
      'Root',
      '  Document',
      '    Sect',
      '      Figure [Example Corp logo]',
      '      P: Example Corp',
      '      H1: Security Policies',
      `      P: Public edition · 2026.02.03+${merge.slice(0, 7)}`,
      '      Table',
      '        TR',
      '          TH: Edition',
      '          TD: Public',
      '        TR',
      '          TH: Bundle version',
      `          TD: 2026.02.03+${merge.slice(0, 7)}`,
      '        TR',
      '          TH: Date',
      '          TD: 2026-02-03',
      '        TR',
      '          TH: Commit',
      `          TD: ${merge.slice(0, 7)}`,
      '        TR',
      '          TH: Security contact',
      '          TD',
      '            Link: security@example.org [link]',
      '      P: Public edition: the documents classified public, which may be shared with customers and auditors.',
      `      P: Uncontrolled when printed. The controlled copy is the electronic bundle 2026.02.03+${merge.slice(0, 7)}; before relying on a printed or downloaded · copy, check that it is the current version.`
    ])
    const contents = await structureOf(combined.document, 2)
    expect(contents.slice(0, 12)).toEqual([
      'Root',
      '  Document',
      '    Sect',
      '      H1: Contents',
      `      P: Example Corp Security Policies · Public edition · bundle 2026.02.03+${merge.slice(0, 7)}`,
      '      L',
      '        LI',
      '          LBody: 3',
      '            Link: Access Control Policy [link][link][link]',
      '            L',
      '              LI',
      '                LBody: 3'
    ])
  })

  it('leave nothing drawn outside them: every word is marked content, page headers and footers are artifacts', async () => {
    for (const read of [combined, single]) {
      for (let number = 1; number <= read.document.numPages; number++) {
        const items = (await (await read.document.getPage(number)).getTextContent({includeMarkedContent: true})).items
        let open: string | undefined
        const outside: string[] = []
        const artifacts: string[] = []
        for (const item of items) {
          if ('type' in item && (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent')) open = (item as {tag?: string}).tag ?? ''
          else if ('type' in item && item.type === 'endMarkedContent') open = undefined
          else if ('str' in item && item.str.trim() !== '' && open === undefined) outside.push(item.str)
          else if ('str' in item && open === 'Artifact') artifacts.push(item.str)
        }
        expect(outside, `page ${number}`).toEqual([])
        // The header's classification on every page; the footer's count on every page but the cover.
        expect(artifacts.join('').replace(/\s+/g, ' '), `page ${number}`).toMatch(read === combined && number === 1 ? /^PUBLIC EDITION$/ : /PUBLIC.* page \d+ of \d+$/)
      }
    }
  })
})

describe('the file', () => {
  it('passes qpdf --check', () => {
    for (const name of ['security-policies.pdf', 'documents/access-control.pdf', 'documents/incident-response.pdf']) {
      const check = spawnSync('qpdf', ['--check', join(root, 'dist/pdf', name)], {encoding: 'utf8'})
      expect(check.error, 'qpdf is missing: apt-get install qpdf').toBeUndefined()
      expect(check.stderr, name).toBe('')
      expect(check.status, name).toBe(0)
    }
  })

  it('is the same, byte for byte, built again from the same commit, on one thread instead of two', async () => {
    const full = await charter(['build', '--out', 'dist-twice'], root, {CHARTER_PDF_THREADS: '1'})
    expect(full.status).toBe(0)
    expect(readFileSync(join(root, 'dist-twice/pdf/security-policies.pdf')).equals(combined.bytes)).toBe(true)
    expect(readFileSync(join(root, 'dist-twice/pdf/documents/access-control.pdf')).equals(single.bytes)).toBe(true)
  }, 60_000)

  // A thread whose capped heap runs out leaves its documents to the build's own thread: here every
  // thread runs out at once, and the build still succeeds with the same bytes.
  it('is the same when the threads run out of memory and the build lays the documents out itself', async () => {
    const full = await charter(['build', '--out', 'dist-heap'], root, {CHARTER_PDF_THREADS: '2', CHARTER_PDF_THREAD_HEAP_MB: '1'})
    expect(full.status).toBe(0)
    expect(readFileSync(join(root, 'dist-heap/pdf/security-policies.pdf')).equals(combined.bytes)).toBe(true)
    expect(readFileSync(join(root, 'dist-heap/pdf/documents/access-control.pdf')).equals(single.bytes)).toBe(true)
  })
})
