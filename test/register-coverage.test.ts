// Coverage counting the vendor register: a current, reviewed register is evidence for SOC 2 CC9.2
// and ISO/IEC 27001 A.5.19 and A.5.22 in every format of `charter coverage` and on the built
// controls page; one that is not current is named with the reason, and covers nothing.
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {commitDate, copyProjectConfig} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

const today = ['--today', '2026-06-01']

const nimbus = `id: nimbus
name: Nimbus Cloud
owner: CTO
status: active
services: Production hosting
data: [customer-content]
assurance:
  - type: soc2-type2
    period_end: 2025-12-31
last_reviewed: 2026-02-20
`
const paperplane = `id: paperplane
name: Paper Plane
owner: Head of Marketing
status: active
services: Design assets
data: [none]
last_reviewed: 2025-05-31
`

function repository(vendors: Record<string, string>): string {
  return makeRepo({
    'policies/vendor-management.md': policy('vendor-management', {title: 'Vendor Management Policy', controls: '{soc2: [CC9.2], iso27001: [A.5.19]}'}),
    'policies/access.md': policy('access', {controls: '{soc2: [CC6.1]}'}),
    ...vendors
  })
}
const current = () => repository({'vendors/nimbus.yaml': nimbus, 'vendors/paperplane.yaml': paperplane})
// Paper Plane's review fell due 2026-05-31; Nimbus's report is fine.
const stale = () => repository({'vendors/nimbus.yaml': nimbus, 'vendors/paperplane.yaml': paperplane.replace('2025-05-31', '2023-05-30')})

const line = (stdout: string, start: string) => stdout.split('\n').find((entry) => entry.trimStart().startsWith(start))

describe('charter coverage with a vendor register', () => {
  it('shows a current register beside the policies for CC9.2, A.5.19 and A.5.22, where it closes the gap', async () => {
    const run = await charter(['coverage', ...today], current())
    expect(run.status).toBe(0)
    expect(line(run.stdout, 'CC9.2')).toBe('  CC9.2  Vendor and business partner risk managed                                vendor-management, vendor register')
    expect(line(run.stdout, 'A.5.22')).toBe('  A.5.22  Supplier services monitored, reviewed and changes controlled     vendor register')
    expect(line(run.stdout, 'A.5.20')).toBe('  A.5.20  Security requirements written into supplier contracts            GAP')
    expect(line(run.stdout, 'Vendor register')).toBe('Vendor register: current (2 vendors, 2 active), counted for CC9.2')
    expect(run.stdout).toContain('\nVendor register: current (2 vendors, 2 active), counted for A.5.19, A.5.22\n')
    expect(run.stdout.split('\n')[0]).toBe('SOC 2 Trust Services Criteria (2017): 38 in scope, 2 covered, 36 gaps')
  })

  it('says why a register that is not current is not counted, and leaves the control to the policies', async () => {
    const run = await charter(['coverage', ...today, '--framework', 'iso27001'], stale())
    expect(line(run.stdout, 'A.5.19')).toBe('  A.5.19  Security risks from suppliers managed                            vendor-management')
    expect(line(run.stdout, 'A.5.22')).toBe('  A.5.22  Supplier services monitored, reviewed and changes controlled     GAP')
    expect(line(run.stdout, 'Vendor register')).toBe('Vendor register: not current, so not counted for A.5.19, A.5.22: the review of vendor paperplane was due 2026-05-30')
  })

  it('counts none of a register with a broken file, naming it', async () => {
    const run = await charter(['coverage', ...today, '--framework', 'soc2'], repository({'vendors/nimbus.yaml': nimbus, 'vendors/broken.yaml': 'id: broken\n'}))
    expect(line(run.stdout, 'Vendor register')).toBe('Vendor register: not current, so not counted for CC9.2: vendors/broken.yaml has problems (`charter check` shows them)')
  })

  it('names a few reasons and counts the rest', async () => {
    const vendors: Record<string, string> = {}
    for (let index = 0; index < 6; index++) vendors[`vendors/v${index}.yaml`] = paperplane.replace('id: paperplane', `id: v${index}`).replace('2025-05-31', '2023-01-01')
    const run = await charter(['coverage', ...today, '--framework', 'soc2'], repository(vendors))
    expect(line(run.stdout, 'Vendor register')).toBe(
      'Vendor register: not current, so not counted for CC9.2: the review of vendor v0 was due 2026-01-01; the review of vendor v1 was due 2026-01-01; the review of vendor v2 was due 2026-01-01; and 3 more'
    )
  })

  it('adds the register to JSON, Markdown and CSV', async () => {
    const root = current()
    const json = JSON.parse((await charter(['coverage', ...today, '--format', 'json'], root)).stdout)
    expect(json[0].controls.find((entry: {id: string}) => entry.id === 'CC9.2')).toEqual({id: 'CC9.2', title: 'Vendor and business partner risk managed', in_scope: true, documents: ['vendor-management'], vendor_register: true})
    expect(json[0].controls.find((entry: {id: string}) => entry.id === 'CC6.1')).not.toHaveProperty('vendor_register')
    expect(json[0].vendor_register).toEqual({current: true, controls: ['CC9.2'], vendors: 2, active: 2, reasons: []})
    expect(json[1].controls.find((entry: {id: string}) => entry.id === 'A.5.22')).toEqual({
      id: 'A.5.22',
      title: 'Supplier services monitored, reviewed and changes controlled',
      applicable: true,
      justification: 'Addressed by the vendor register',
      documents: [],
      vendor_register: true
    })
    const markdown = (await charter(['coverage', ...today, '--format', 'markdown', '--framework', 'soc2'], root)).stdout
    expect(markdown).toContain('| CC9.2 | Vendor and business partner risk managed | vendor-management, vendor register |\n')
    expect(markdown.endsWith('|\n\nVendor register: current (2 vendors, 2 active), counted for CC9.2\n')).toBe(true)
    const csv = (await charter(['coverage', ...today, '--format', 'csv'], root)).stdout.split('\n')
    expect(csv[0]).toBe('framework,control,title,in_scope,justification,documents,gap,evidence')
    expect(csv.find((row) => row.startsWith('soc2,CC9.2,'))).toBe('soc2,CC9.2,Vendor and business partner risk managed,yes,,vendor-management,no,vendor register')
    expect(csv.find((row) => row.startsWith('soc2,CC6.1,'))).toBe('soc2,CC6.1,Logical access safeguards for protected information assets,yes,,access,no,')
    expect(csv.find((row) => row.startsWith('iso27001,A.5.19,'))).toBe('iso27001,A.5.19,Security risks from suppliers managed,yes,"Addressed by vendor-management, the vendor register",vendor-management,no,vendor register')
    const staleCsv = (await charter(['coverage', ...today, '--format', 'csv'], stale())).stdout.split('\n')
    expect(staleCsv.find((row) => row.startsWith('soc2,CC9.2,'))).toBe('soc2,CC9.2,Vendor and business partner risk managed,yes,,vendor-management,no,vendor register not current: the review of vendor paperplane was due 2026-05-30')
  })

  it('prints as before in a repository without vendors', async () => {
    const root = repository({})
    const csv = (await charter(['coverage', ...today, '--format', 'csv'], root)).stdout
    expect(csv.split('\n')[0]).toBe('framework,control,title,in_scope,justification,documents,gap')
    expect((await charter(['coverage', ...today], root)).stdout).not.toContain('vendor register')
    expect(JSON.parse((await charter(['coverage', ...today, '--format', 'json'], root)).stdout)[0]).not.toHaveProperty('vendor_register')
  })
})

/** The documents cell of one control's row, as the page draws it. */
function cell(page: string, framework: string, id: string): string {
  const at = page.indexOf(`<th scope="row" id="control-${framework}-${id}">`)
  expect(at).toBeGreaterThan(-1)
  const row = page.slice(at, page.indexOf('</tr>', at))
  return row.slice(row.lastIndexOf('<td>') + 4, row.lastIndexOf('</td>'))
}

async function built(vendors: Record<string, string>, audience: 'public' | 'internal'): Promise<string> {
  const root = repository(vendors)
  cpSync(join(projectRoot, 'templates'), join(root, 'templates'), {recursive: true})
  copyProjectConfig(root)
  writeFileSync(join(root, '.gitignore'), 'dist*/\n.charter/\n')
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies', '-m', 'Approved-by: Bob <bob@example.test>'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  const run = await charter(['build', '--no-pdf', '--allow-errors', '--audience', audience, '--out', 'dist'], root)
  expect(run.status).toBe(0)
  return readFileSync(join(root, 'dist/site/controls.html'), 'utf8')
}

describe('the built controls page with a vendor register', () => {
  // The bundle's today is the commit's date, 2026-11-20.
  const fresh = {'vendors/nimbus.yaml': nimbus.replace('2025-12-31', '2026-06-30').replace('2026-02-20', '2026-11-01'), 'vendors/paperplane.yaml': paperplane}
  const staleVendors = {'vendors/paperplane.yaml': paperplane.replace('2025-05-31', '2023-05-30')}
  let pages: Record<string, string>
  beforeAll(async () => {
    pages = {public: await built(fresh, 'public'), internal: await built(fresh, 'internal'), stalePublic: await built(staleVendors, 'public'), staleInternal: await built(staleVendors, 'internal')}
  })

  it('tells customers what the register is beside the policy, and counts it', () => {
    expect(cell(pages.public!, 'soc2', 'CC9.2')).toBe('<a href="documents/vendor-management.html">Vendor Management Policy</a>, <span class="register">our vendor register (every vendor assessed, and re-assessed on a schedule set by its risk)</span>')
    expect(cell(pages.public!, 'iso27001', 'A.5.22')).toBe('<span class="register">our vendor register (every vendor assessed, and re-assessed on a schedule set by its risk)</span>')
  })

  it('gives the internal edition its size', () => {
    expect(cell(pages.internal!, 'soc2', 'CC9.2')).toBe('<a href="documents/vendor-management.html">Vendor Management Policy</a>, <span class="register">vendor register (current: 2 vendors, 2 active)</span>')
  })

  it('says internally why a register that is not current does not count, and tells customers nothing of it', () => {
    expect(cell(pages.staleInternal!, 'soc2', 'CC9.2')).toBe(
      '<a href="documents/vendor-management.html">Vendor Management Policy</a> <span class="gap">vendor register not counted, as it is not current: the review of vendor paperplane was due 2026-05-30</span>'
    )
    expect(cell(pages.staleInternal!, 'iso27001', 'A.5.22')).toBe('<span class="gap">not covered</span> <span class="gap">vendor register not counted, as it is not current: the review of vendor paperplane was due 2026-05-30</span>')
    expect(cell(pages.stalePublic!, 'iso27001', 'A.5.22')).toBe('<span class="gap">not yet addressed by a policy</span>')
    expect(pages.stalePublic).not.toContain('vendor register')
  })
})
