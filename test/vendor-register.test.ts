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

describe('the vendor register page', () => {
  it('debug', () => {
    console.log(readFileSync(join(built.internal, 'site/vendors.html'), 'utf8'))
  })
})
