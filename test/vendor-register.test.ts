// The internal edition's vendor register, from real builds of a small repository: the page's
// exact text, its place in the navigation, the PDF section (its own file and the combined PDF's
// bookmark, contents entry, page numbers and tags), the same bytes twice, and a public edition
// that holds none of it. Vendor files are hostile here: markup and control characters in names,
// findings and CUECs stay text.
import {spawnSync} from 'node:child_process'
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'
import {parseDocument} from 'yaml'
import {beforeAll, describe, expect, it} from 'vitest'
import {commitDate, copyProjectConfig} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {charter, makeRepo, runGit} from './helpers'

const payVendor = [
  'id: acme-pay',
  'name: "Acme <script>alert(1)</script> Pay\\a"',
  'owner: CFO',
  'status: active',
  'services: Card payments <b>for checkout</b>',
  'data: [payment]',
  'subprocessor: true',
  'location: [EU, United States]',
  'assurance:',
  '  - type: soc2-type2',
  '    period_start: 2025-07-01',
  '    period_end: 2026-06-30',
  '    received: 2026-08-02',
  '    auditor: Marlowe Assurance Partners',
  '    opinion: qualified',
  '    exceptions: "One change of 25 lacked approval\\u202e"',
  '    bridge_letter: 2026-10-01',
  '    cuecs:',
  '      - control: <img src=x onerror=alert(1)> Customers review access quarterly',
  '        met_by: Access Control Policy, quarterly access review',
  'contracts:',
  '  dpa_signed: 2025-01-09',
  'last_reviewed: 2025-12-01',
  'reviewed_by: Head of Security',
  'findings:',
  '  - summary: Rotate the <a href="javascript:alert(1)">API keys</a>',
  '    due: 2026-10-01',
  '  - summary: Confirm the new sub-subprocessor',
  '    due: 2027-01-15',
  '  - summary: Closed long ago',
  '    due: 2026-01-01',
  '    closed: 2026-01-02',
  ''
].join('\n')

const swagVendor = ['id: swag-box', 'name: Swag Box', 'owner: Office Manager', 'status: active', 'services: Branded merchandise', 'data: [none]', 'last_reviewed: 2026-02-10', 'reviewed_by: Office Manager', ''].join('\n')

let root: string
const built = {} as Record<'internal' | 'again' | 'public', string>

beforeAll(async () => {
  root = makeRepo({
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', last_reviewed: '2026-11-02'}),
    'policies/vendor-management.md': policy('vendor-management', {title: 'Vendor Management Policy', classification: 'internal', last_reviewed: '2026-11-02'}),
    'vendors/acme-pay.yaml': payVendor,
    'vendors/swag-box.yaml': swagVendor
  })
  copyProjectConfig(root)
  // The overdue finding stays a warning here, so the build is an official one.
  const config = parseDocument(readFileSync(join(root, 'charter.config.yaml'), 'utf8'))
  config.setIn(['rules', 'vendor-findings-due'], 'warn')
  writeFileSync(join(root, 'charter.config.yaml'), config.toString({lineWidth: 0}))
  writeFileSync(join(root, '.gitignore'), 'dist*/\n.charter/\n')
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies and the register', '-m', 'Approved-by: Bob <bob@example.test>'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  for (const [name, audience] of [['internal', 'internal'], ['again', 'internal'], ['public', 'public']] as const) {
    const run = await charter(['build', '--audience', audience, '--out', `dist-${name}`], root, {CHARTER_PDF_THREADS: '2'})
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    built[name] = join(root, `dist-${name}`)
  }
}, 180_000)

/** Every file under a folder, relative to it. */
function filesUnder(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix)).flatMap((name) => {
    const path = prefix ? `${prefix}/${name}` : name
    return statSync(join(folder, path)).isDirectory() ? filesUnder(folder, path) : [path]
  })
}

async function readPdf(path: string) {
  const document = await pdfjs.getDocument({data: new Uint8Array(readFileSync(path)), useSystemFonts: false, isEvalSupported: false, disableFontFace: true}).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('').replace(/\s+/g, ' ').trim())
  }
  return {document, pages}
}

/** The markup without its aria-labels: a vendor's name in one is text there, `<` and all. */
const withoutAttributes = (html: string) => html.replace(/ aria-label="[^"]*"/g, '')

/** What a part of a page reads as: its text with tags gone and white space collapsed. */
const words = (html: string) => withoutAttributes(html).replace(/<[^>]*>/g, ' ').replace(/&#x3C;/g, '<').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim()

const page = () => readFileSync(join(built.internal, 'site/vendors.html'), 'utf8')
const body = () => page().slice(page().indexOf('<div class="body">'), page().indexOf('</article>'))

describe('the vendor register page', () => {
  it('lists the vendors by tier, critical first, each with its review state, assurance, contracts and open findings', () => {
    expect(words(page().slice(page().indexOf('<article'), page().indexOf('<div class="body">')))).toBe(
      'Internal register Vendor register Download as PDF As of 2026-11-20 Vendors 2 (1 critical, 0 high, 0 medium, 1 low) Review cadence critical 12 months, high 12 months, medium 24 months, low 36 months Source vendors/ at commit ' +
        runGit(root, ['rev-parse', 'HEAD']).trim().slice(0, 12) +
        ' Classification INTERNAL On this page Critical tier (1 vendor) Acme <script>alert(1)</script> Pay\\u0007 Low tier (1 vendor) Swag Box'
    )
    expect(words(withoutAttributes(body()).replace(/<a class="heading-anchor"[^>]*>#<\/a>/g, ''))).toBe(
      [
        'Critical tier (1 vendor) Reviewed every 12 months.',
        'Vendor Status Review Latest assurance Open findings',
        'Acme <script>alert(1)</script> Pay\\u0007 active Due soon: review due 2026-12-01 (in 11 days) SOC 2 Type II report, period ended 2026-06-30 (143 days ago), bridge letter 2026-10-01 2',
        'Acme <script>alert(1)</script> Pay\\u0007 Id acme-pay Status active Tier critical Owner CFO Services Card payments <b>for checkout</b> Data categories payment Subprocessor yes Location EU, United States',
        'Last reviewed 2025-12-01 Reviewed by Head of Security Review state Due soon: review due 2026-12-01 (in 11 days) DPA signed 2025-01-09 Terms reviewed not recorded',
        'Assurance of Acme <script>alert(1)</script> Pay\\u0007 SOC 2 Type II report, period ended 2026-06-30 Type SOC 2 Type II report Period 2025-07-01 to 2026-06-30 Received 2026-08-02',
        'Auditor Marlowe Assurance Partners Age 143 days Opinion qualified Bridge letter 2026-10-01 Exceptions noted One change of 25 lacked approval\\u202e',
        'Complementary user entity control How we meet it <img src=x onerror=alert(1)> Customers review access quarterly Access Control Policy, quarterly access review',
        'Open findings of Acme <script>alert(1)</script> Pay\\u0007 Finding Due State Rotate the <a href="javascript:alert(1)">API keys</a> 2026-10-01 Overdue by 50 days Confirm the new sub-subprocessor 2027-01-15 due in 56 days',
        'Low tier (1 vendor) Reviewed every 36 months.',
        'Vendor Status Review Latest assurance Open findings Swag Box active review due 2029-02-10 (in 813 days) no assurance on file 0',
        'Swag Box Id swag-box Status active Tier low Owner Office Manager Services Branded merchandise Data categories none Subprocessor no Location not recorded',
        'Last reviewed 2026-02-10 Reviewed by Office Manager Review state review due 2029-02-10 (in 813 days) DPA signed not recorded Terms reviewed not recorded',
        'Assurance of Swag Box No assurance on file. Open findings of Swag Box None.'
      ].join(' ')
    )
  })

  it('marks an overdue finding and a review due soon in bold, and leaves a closed finding out', () => {
    expect(body()).toContain('<td>2026-10-01</td>\n<td><strong>Overdue</strong> by 50 days</td>')
    expect(body()).toContain('<td><strong>Due soon:</strong> review due 2026-12-01 (in 11 days)</td>')
    expect(body()).not.toContain('Closed long ago')
  })

  it('keeps a vendor file’s markup as text: no element of it reaches the page, and control characters show as escapes', () => {
    expect(withoutAttributes(page())).not.toMatch(/<script|<img|<b>|>API keys</)
    expect(body()).toContain('<td>Acme &#x3C;script>alert(1)&#x3C;/script> Pay\\u0007</td>')
    expect(body()).toContain('<td>Rotate the &#x3C;a href="javascript:alert(1)">API keys&#x3C;/a></td>')
    expect(body()).toContain('<td>&#x3C;img src=x onerror=alert(1)> Customers review access quarterly</td>')
    expect(page()).not.toMatch(/[\u0007\u202e]/)
  })

  it('puts each table in a focusable region named after its heading, and heads a vendor’s facts by row', () => {
    expect(body()).toContain('<div class="table-region" role="region" tabindex="0" aria-label="Critical tier (1 vendor) table"><table>')
    expect(body()).toContain('<div class="table-region" role="region" tabindex="0" aria-label="Swag Box table"><table><tbody><tr><th>Id</th><td>swag-box</td></tr>')
  })

  it('is in the internal edition’s navigation, on every page, and in no page of the public edition', () => {
    for (const name of ['index.html', 'documents.html', 'controls.html', 'changelog.html', 'search.html', 'documents/access-control.html']) {
      expect(readFileSync(join(built.internal, 'site', name), 'utf8'), name).toContain(`<li><a href="${name.startsWith('documents/') ? '../' : ''}vendors.html">Vendors</a></li>`)
      expect(readFileSync(join(built.public, 'site', name), 'utf8'), name).not.toContain('vendors.html')
    }
    expect(page()).toContain('<li><a href="vendors.html" aria-current="page">Vendors</a></li>')
  })
})

describe('the public edition', () => {
  it('holds no page, PDF or word of the register: no tier heading, finding, CUEC, report or vendor outside the subprocessor list', () => {
    const files = filesUnder(built.public)
    expect(files).not.toContain('site/vendors.html')
    expect(files).not.toContain('pdf/vendor-register.pdf')
    for (const path of files) {
      const bytes = readFileSync(join(built.public, path))
      // Pagefind's index is gzip'd: read what a search would find in it.
      let text = bytes.toString('latin1')
      try {
        text += gunzipSync(bytes).toString('latin1')
      } catch {}
      for (const word of ['Critical tier', 'Rotate the', 'Customers review access quarterly', 'Marlowe Assurance', 'Swag Box', 'Vendor register']) expect(text.includes(word), `${word} in ${path}`).toBe(false)
    }
    for (const name of ['security-policies.pdf', 'documents/access-control.pdf']) {
      const pdftotext = spawnSync('pdftotext', [join(built.public, 'pdf', name), '-'], {encoding: 'utf8'})
      expect(pdftotext.stdout).toContain('Access Control Policy')
      expect(pdftotext.stdout).not.toMatch(/Vendor register|Critical tier|Rotate the|Swag Box/)
    }
  })
})

describe('the register in the PDF', () => {
  it('is its own tagged PDF beside the documents’ and qpdf finds it clean; the same bytes on a second build', () => {
    for (const name of ['vendor-register.pdf', 'security-policies.pdf']) {
      const path = join(built.internal, 'pdf', name)
      const info = spawnSync('pdfinfo', [path], {encoding: 'utf8'})
      expect(info.stdout, name).toMatch(/^Tagged: +yes$/m)
      const check = spawnSync('qpdf', ['--check', path], {encoding: 'utf8'})
      expect(check.status, check.stdout + check.stderr).toBe(0)
      expect(check.stdout).toContain('No syntax or stream encoding errors found')
      expect(readFileSync(path).equals(readFileSync(join(built.again, 'pdf', name))), name).toBe(true)
    }
    expect(readFileSync(join(built.internal, 'site/vendors.html')).equals(readFileSync(join(built.again, 'site/vendors.html')))).toBe(true)
  })

  it('gives each vendor a page of its own, numbers its pages like a document, and says what it is in its control block, header and metadata', async () => {
    const own = await readPdf(join(built.internal, 'pdf/vendor-register.pdf'))
    // The control block and the first tier on page 1; each vendor, and each tier after the first,
    // starts a page; Acme's open findings, with no room left under their heading, go on to the next.
    expect(own.pages.map((text) => text.split(' ').slice(0, 3).join(' '))).toEqual(['Vendor register Register', 'Acme <script>alert(1)</script> Pay\\u0007', 'Open findings of', 'Low tier (1', 'Swag Box Id'])
    expect(own.pages[0]).toMatch(/^Vendor register Register Vendor register As of 2026-11-20 Vendors 2 \(1 critical, 0 high, 0 medium, 1 low\) Review cadence critical 12 months, high 12 months, medium 24 months, low 36 months Source vendors\/ at commit [0-9a-f]{12} Classification INTERNAL Uncontrolled when printed\./)
    own.pages.forEach((text, index) => expect(text).toMatch(new RegExp(`Example Corp · Vendor register INTERNAL Example Corp · Vendor register · 2026-11-20 · page ${index + 1} of 5$`)))
    expect(own.pages.join(' ')).toContain('Rotate the <a href="javascript:alert(1)">API keys</a> 2026-10-01 Overdue by 50 days')
    expect(own.pages.join(' ')).toContain('Exceptions noted One change of 25 lacked approval\\u202e')
    expect((await own.document.getMetadata()).info).toMatchObject({Title: 'Vendor register 2026-11-20', Subject: expect.stringMatching(/^Example Corp vendor register as of 2026-11-20, internal edition, bundle 2026\.11\.20\+[0-9a-f]{7}$/)})
  })

  it('follows the documents in the combined PDF, with its contents entry, its bookmark and its tiers and vendors under it', async () => {
    const combined = await readPdf(join(built.internal, 'pdf/security-policies.pdf'))
    expect(combined.pages).toHaveLength(11)
    expect(combined.pages[1]).toContain('Vendor Management Policy 5 Purpose 5 Scope 5 Policy 5 Roles and Responsibilities 5 Exceptions 5 Enforcement 5 Vendor register 7 Critical tier (1 vendor) 7 Low tier (1 vendor) 10 ')
    expect(combined.pages[6]).toMatch(/^Vendor register Register Vendor register As of 2026-11-20/)
    expect(combined.pages[10]).toMatch(/Example Corp · Vendor register · 2026-11-20 · page 5 of 5$/)
    const outline = (await combined.document.getOutline())!
    expect(outline.map((item) => item.title)).toEqual(['Access Control Policy', 'Vendor Management Policy', 'Vendor register'])
    expect(outline[2]!.items.map((tier) => [tier.title, tier.items.map((vendor: {title: string}) => vendor.title)])).toEqual([
      ['Critical tier (1 vendor)', ['Acme <script>alert(1)</script> Pay\\u0007']],
      ['Low tier (1 vendor)', ['Swag Box']]
    ])
    const dest = outline[2]!.dest
    const landing = (typeof dest === 'string' ? await combined.document.getDestination(dest) : dest)!
    expect((await combined.document.getPageIndex(landing[0] as never)) + 1).toBe(7)
  })

  it('is tagged like a document: its title an H1, tiers H2, vendors H3, and tables whose header cells head their columns or rows', async () => {
    const own = await readPdf(join(built.internal, 'pdf/vendor-register.pdf'))
    const roles: string[] = []
    const headers: string[] = []
    type Node = {role?: string; children?: Node[]}
    const walk = (node: Node) => {
      if (node.role) roles.push(node.role)
      for (const kid of node.children ?? []) walk(kid)
    }
    for (let number = 1; number <= own.document.numPages; number++) walk((await (await own.document.getPage(number)).getStructTree()) as Node)
    for (const role of ['H1', 'H2', 'H3', 'H4', 'Table', 'Caption', 'TR', 'TH', 'TD', 'P']) expect(roles, role).toContain(role)
    // The scope of each header cell, as the structure tree's attributes hold it.
    const raw = readFileSync(join(built.internal, 'pdf/vendor-register.pdf'), 'latin1')
    headers.push(...new Set(raw.match(/\/Scope \/(Row|Column)/g)))
    expect(headers.sort()).toEqual(['/Scope /Column', '/Scope /Row'])
  })
})
