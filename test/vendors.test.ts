// `charter vendors`: the register listed in each format, a vendor scaffolded, a review recorded
// with only the changed bytes moving. Real repositories in temporary folders, run in-process.
import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot} from './helpers'

const today = ['--today', '2026-06-01']

const hosting = `# Production hosting.
id: nimbus
name: Nimbus Cloud
owner: CTO
status: active
services: Production hosting
data: [customer-content]   # everything we hold
assurance:
  - type: soc2-type2
    period_start: 2025-01-01
    period_end: 2025-12-31
    received: 2026-02-10
last_reviewed: 2026-02-20
`
const design = `id: paperplane
name: "=HYPERLINK(\\"https://evil.example\\", \\"Paper, Plane\\")"
owner: Head of Marketing
status: active
services: Design assets
data: [none]
last_reviewed: 2023-05-31
`
const payroll = `id: payroll
name: Payroll Pine
owner: Head of People
status: evaluating
services: Payroll
data: [employee-pii]
findings:
  - summary: Ask for the ISO certificate
    due: 2026-09-01
`

function register(extra: Record<string, string> = {}): string {
  return makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/nimbus.yaml': hosting, 'vendors/paperplane.yaml': design, 'vendors/payroll.yaml': payroll, ...extra})
}

describe('charter vendors', () => {
  it('lists the register by tier, with review state and assurance age', async () => {
    const run = await charter(['vendors', ...today], register())
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '3 vendors (1 critical, 1 high, 0 medium, 1 low) as of 2026-06-01:',
        '',
        'critical',
        '  nimbus      active      review due 2027-02-20 (in 264 days); SOC 2 Type II report, period ended 2025-12-31 (152 days ago)',
        '',
        'high',
        '  payroll     evaluating  no review while evaluating; no assurance on file; 1 open finding',
        '',
        'low',
        '  paperplane  active      review overdue by 1 day (due 2026-05-31); no assurance on file',
        ''
      ].join('\n')
    })
  })

  it('prints JSON for scripts', async () => {
    const run = await charter(['vendors', ...today, '--format', 'json'], register())
    const listing = JSON.parse(run.stdout)
    expect(listing.today).toBe('2026-06-01')
    expect(listing.vendors[0]).toEqual({
      id: 'nimbus',
      name: 'Nimbus Cloud',
      path: 'vendors/nimbus.yaml',
      tier: 'critical',
      derived_tier: 'critical',
      status: 'active',
      subprocessor: false,
      last_reviewed: '2026-02-20',
      review_due: '2027-02-20',
      days_left: 264,
      assurance: {type: 'soc2-type2', period_end: '2025-12-31', received: '2026-02-10', bridge_letter: null, age_days: 152},
      open_findings: 0
    })
  })

  // A name that starts with `=` would run as a formula in the spreadsheet the CSV is opened in.
  it('prints CSV with every text cell that a spreadsheet would run defused', async () => {
    const run = await charter(['vendors', ...today, '--format', 'csv'], register())
    expect(run.stdout).toBe(
      [
        'id,name,tier,derived_tier,status,subprocessor,last_reviewed,review_due,days_left,assurance,assurance_date,assurance_age_days,bridge_letter,open_findings',
        'nimbus,Nimbus Cloud,critical,critical,active,false,2026-02-20,2027-02-20,264,soc2-type2,2025-12-31,152,,0',
        'payroll,Payroll Pine,high,high,evaluating,false,,,,,,,,1',
        'paperplane,"\'=HYPERLINK(""https://evil.example"", ""Paper, Plane"")",low,low,active,false,2023-05-31,2026-05-31,-1,,,,,0',
        ''
      ].join('\n')
    )
  })

  it('prints Markdown for an issue or a page, with control characters escaped', async () => {
    const run = await charter(['vendors', ...today, '--format', 'markdown'], register({'vendors/paperplane.yaml': design.replace(/^name: .*$/m, 'name: "Paper\\e[2J|Plane"')}))
    expect(run.stdout).toBe(
      [
        '### Vendor register as of 2026-06-01',
        '',
        '3 vendors: 1 critical, 1 high, 0 medium, 1 low.',
        '',
        '#### Critical',
        '',
        '| Vendor | Status | Review | Assurance | Open findings |',
        '| --- | --- | --- | --- | --- |',
        '| Nimbus Cloud (`nimbus`) | active | review due 2027-02-20 (in 264 days) | SOC 2 Type II report, period ended 2025-12-31 (152 days ago) | 0 |',
        '',
        '#### High',
        '',
        '| Vendor | Status | Review | Assurance | Open findings |',
        '| --- | --- | --- | --- | --- |',
        '| Payroll Pine (`payroll`) | evaluating | no review while evaluating | no assurance on file | 1 |',
        '',
        '#### Low',
        '',
        '| Vendor | Status | Review | Assurance | Open findings |',
        '| --- | --- | --- | --- | --- |',
        '| Paper\\u001b[2J\\|Plane (`paperplane`) | active | review overdue by 1 day (due 2026-05-31) | no assurance on file | 0 |',
        ''
      ].join('\n')
    )
  })

  it('refuses to list a register with a broken file, naming it', async () => {
    const run = await charter(['vendors', ...today], register({'vendors/broken.yaml': 'id: broken\nname: [\n'}))
    expect(run).toEqual({status: 1, stdout: '', stderr: 'charter: vendors: vendors/broken.yaml has problems; fix them first (`charter check` shows where)\n'})
  })

  it('says so when there is no register', async () => {
    const run = await charter(['vendors', ...today], makeRepo({'policies/alpha.md': policy('alpha')}))
    expect(run).toEqual({status: 0, stderr: '', stdout: 'No vendors in the register as of 2026-06-01; add one with `charter vendors new "<name>"`.\n'})
  })

  it('refuses an unknown action and an unknown format', async () => {
    const root = register()
    expect(await charter(['vendors', 'remove', 'nimbus'], root)).toEqual({status: 2, stdout: '', stderr: 'charter: vendors: unknown action `remove`, expected list, new, review or import (see `charter vendors --help`)\n'})
    expect(await charter(['vendors', '--format', 'xlsx'], root)).toEqual({status: 2, stdout: '', stderr: 'charter: vendors: unknown --format `xlsx`, expected one of text, json, csv, markdown\n'})
  })
})

describe('charter vendors new', () => {
  it('writes an evaluating vendor that passes check, and refuses to overwrite it', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['vendors', 'new', 'Nimbus Cloud, Inc.'], root, {}, {today: '2026-06-01'})
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Created vendors/nimbus-cloud-inc.yaml (evaluating).\nSet services, data and the rest, run `charter check`, and once assessed record it with `charter vendors review nimbus-cloud-inc`.\n'
    })
    expect(readFileSync(join(root, 'vendors/nimbus-cloud-inc.yaml'), 'utf8')).toBe(
      [
        '# Nimbus Cloud, Inc.: one vendor of the register. Fill in what you know, then run `charter check`.',
        '# `data` lists what the vendor can reach (the categories are vendors.data_categories in',
        '# charter.config.yaml); the highest category sets the lowest tier it can have.',
        'id: nimbus-cloud-inc',
        'name: "Nimbus Cloud, Inc."',
        'owner: Head of Security',
        'status: evaluating',
        'services: "What Nimbus Cloud, Inc. is used for"',
        'data: [none]',
        'subprocessor: false',
        '# Add as you go:',
        '# website: https://vendor.example',
        '# location: [EU]',
        '# tier: high                      # higher than the data implies; lower needs tier_justification',
        '# assurance:                      # `charter vendors review nimbus-cloud-inc --assurance …` adds an entry',
        '# contracts:',
        '#   dpa_signed: 2026-06-01',
        ''
      ].join('\n')
    )
    expect((await charter(['check', ...today], root)).stdout).toBe('1 document and 1 vendor checked: no problems found\n')
    const again = await charter(['vendors', 'new', 'Nimbus Cloud, Inc.'], root)
    expect(again).toEqual({status: 1, stdout: '', stderr: 'charter: a vendor with the id `nimbus-cloud-inc` already exists (vendors/nimbus-cloud-inc.yaml); pass a different --id\n'})
  })

  it('quotes a name YAML would misread, and refuses a name that makes no id', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    expect((await charter(['vendors', 'new', 'Dash: Co #1', '--id', 'dash-co'], root)).status).toBe(0)
    expect(readFileSync(join(root, 'vendors/dash-co.yaml'), 'utf8')).toContain('\nname: "Dash: Co #1"\n')
    expect((await charter(['check', ...today], root)).status).toBe(0)
    expect(await charter(['vendors', 'new', '日本'], root)).toEqual({status: 2, stdout: '', stderr: 'charter: vendors new: `` is not a usable id; pass --id with lowercase letters, digits and single hyphens, at most 80 characters\n'})
  })
})

describe('charter vendors review', () => {
  it('sets the review date and reviewer, and adds the report received, keeping every other byte', async () => {
    const root = register()
    const run = await charter(['vendors', 'review', 'nimbus', '--date', '2026-05-30', '--by', 'CTO', '--assurance', 'soc2-type2', '--period', '2026-01-01..2026-03-31', '--received', '2026-05-02', '--auditor', 'Reed & Co: Auditors', '--opinion', 'qualified'], root, {}, {today: '2026-06-01'})
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: 'Recorded the review of nimbus in vendors/nimbus.yaml (last_reviewed: 2026-05-30, reviewed_by: CTO), and added its soc2-type2 report for the period ending 2026-03-31.\n\nCommit it with a message such as:\n\nReview vendor nimbus\n\nVendor review on 2026-05-30 by CTO.\n'
    })
    expect(readFileSync(join(root, 'vendors/nimbus.yaml'), 'utf8')).toBe(
      hosting
        .replace('received: 2026-02-10\n', 'received: 2026-02-10\n  - type: soc2-type2\n    period_start: 2026-01-01\n    period_end: 2026-03-31\n    received: 2026-05-02\n    auditor: "Reed & Co: Auditors"\n    opinion: qualified\n')
        .replace('last_reviewed: 2026-02-20\n', 'last_reviewed: 2026-05-30\nreviewed_by: CTO\n')
    )
    expect((await charter(['check', ...today, '--format', 'json'], root)).status).toBe(1)
  })

  it('adds an assurance list to a vendor without one, and a questionnaire needs no period', async () => {
    const root = register()
    const run = await charter(['vendors', 'review', 'paperplane', '--assurance', 'questionnaire'], root, {}, {today: '2026-06-01'})
    expect(run.status).toBe(0)
    expect(readFileSync(join(root, 'vendors/paperplane.yaml'), 'utf8')).toBe(
      design.replace('last_reviewed: 2023-05-31\n', 'last_reviewed: 2026-06-01\nreviewed_by: Head of Security\nassurance:\n  - type: questionnaire\n    received: 2026-06-01\n')
    )
    expect((await charter(['check', ...today], root)).stdout).toBe('1 document and 3 vendors checked: no problems found\n')
  })

  it('keeps a quoted value quoted as it was', async () => {
    const root = register()
    const path = join(root, 'vendors/nimbus.yaml')
    writeFileSync(path, hosting.replace('last_reviewed: 2026-02-20\n', 'last_reviewed: "2026-02-20"\nreviewed_by: \'Head of Security\'\n'))
    expect((await charter(['vendors', 'review', 'nimbus', '--date', '2026-05-30', '--by', 'CTO'], root, {}, {today: '2026-06-01'})).status).toBe(0)
    expect(readFileSync(path, 'utf8')).toBe(hosting.replace('last_reviewed: 2026-02-20\n', 'last_reviewed: "2026-05-30"\nreviewed_by: \'CTO\'\n'))
  })

  it('refuses what it cannot record, writing nothing', async () => {
    const root = register()
    const cases: [string[], number, string][] = [
      [['nimbs'], 1, 'charter: vendors review: no vendor in vendors/ has the id `nimbs`; did you mean `nimbus`?\n'],
      [['nimbus', '--date', '2026-06-02'], 2, 'charter: vendors review: --date 2026-06-02 is in the future; a review is recorded once it has happened\n'],
      [['nimbus', '--assurance', 'soc2-type2'], 2, 'charter: vendors review: --assurance soc2-type2 needs --period <start>..<end>, the report\'s period (a certificate: issued..expires)\n'],
      [['nimbus', '--assurance', 'soc2', '--period', '2026-01-01..2026-03-31'], 2, 'charter: vendors review: unknown --assurance `soc2`, expected one of soc2-type1, soc2-type2, iso27001, questionnaire\n'],
      [['nimbus', '--assurance', 'soc2-type2', '--period', '2026-03-31..2026-01-01'], 2, 'charter: vendors review: --period expects <start>..<end> as two real dates, the start first, e.g. 2025-07-01..2026-06-30; got `2026-03-31..2026-01-01`\n'],
      [['nimbus', '--period', '2026-01-01..2026-03-31'], 2, 'charter: vendors review: --period describes a report; pass --assurance <type> with it\n']
    ]
    for (const [args, status, stderr] of cases) expect(await charter(['vendors', 'review', ...args], root, {}, {today: '2026-06-01'}), args.join(' ')).toEqual({status, stdout: '', stderr})
    expect(readFileSync(join(root, 'vendors/nimbus.yaml'), 'utf8')).toBe(hosting)
  })

  it('adds to a flow list and to a file without a final line break', async () => {
    const root = register({'vendors/nimbus.yaml': hosting.replace(/assurance:[\s\S]*?(?=last_reviewed)/, 'assurance: []\n').replace(/\n$/, '')})
    expect((await charter(['vendors', 'review', 'nimbus', '--assurance', 'iso27001', '--period', '2026-01-01..2029-01-01'], root, {}, {today: '2026-06-01'})).status).toBe(0)
    expect(readFileSync(join(root, 'vendors/nimbus.yaml'), 'utf8')).toBe(
      hosting.replace(/assurance:[\s\S]*?(?=last_reviewed)/, 'assurance:\n  - type: iso27001\n    period_start: 2026-01-01\n    period_end: 2029-01-01\n    received: 2026-06-01\n').replace('last_reviewed: 2026-02-20\n', 'last_reviewed: 2026-06-01\nreviewed_by: Head of Security\n')
    )
  })
})

describe('charter vendors import', () => {
  it('adds a vendor file per row of the example export, matching headers by name', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['vendors', 'import', join(projectRoot, 'docs/examples/vendors.csv'), '--root', root], root)
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'Imported 7 vendors into vendors/:',
        ...['nimbusforge-cloud', 'keystone-identity', 'helpwise-support', 'gitgrove', 'planwise', 'pixelcrate', 'bean-leaf-coffee'].map((id) => `  vendors/${id}.yaml`),
        'Run `charter check`, fill in what the sheet did not say, and commit.',
        ''
      ].join('\n')
    })
    expect(readFileSync(join(root, 'vendors/bean-leaf-coffee.yaml'), 'utf8')).toBe(
      'id: bean-leaf-coffee\nname: Bean & Leaf Coffee\nwebsite: https://beanandleaf.example\nowner: Office Manager\nstatus: active\nservices: Office coffee, delivered weekly\ndata: [none]\ntier: low\nsubprocessor: false\nlocation: [United States]\n'
    )
    // What the sheet could not say (assurance reports, a review never held) is what check asks for next.
    const check = await charter(['check', '--today', '2026-12-03', '--format', 'json'], root)
    expect(new Set(JSON.parse(check.stdout).findings.map((finding: {rule: string}) => finding.rule))).toEqual(new Set(['vendor-assurance-current', 'vendor-review-due']))
  })

  it('reports every row it cannot take, with its line, and writes nothing', async () => {
    const root = register()
    const csv = [
      '\uFEFFVendor,Owner,Used for,Status,Data access,Tier,Notes',
      'Nimbus,CTO,Hosting,active,customer-content,critical,"a note',
      'over two lines"',
      'Ledgerly,CFO,Books,actve,employee-pii,high,',
      'Helpdesk Co,Support lead,Tickets,active,customer-pii,low,',
      'Odd Data,CTO,Reports,active,"internal; health",medium,',
      ',CTO,Nothing,active,none,low,',
      'Ledgerly,CFO,Books,active,internal,medium,',
      'Good Co,,Snacks,active,none,low,'
    ].join('\r\n')
    const file = join(makeRepo({'sheet.csv': csv}), 'sheet.csv')
    const run = await charter(['vendors', 'import', file, '--root', root], root)
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr.replaceAll(file, 'sheet.csv')).toBe(
      [
        'sheet.csv:2: column 1 (Vendor): vendor `nimbus` is already in the register (vendors/nimbus.yaml); remove the row, or pass an `id` column to import it under another id',
        'sheet.csv:4: column 4 (Status): Unexpected `status` value `actve`, expected one of `evaluating`, `active`, `offboarding`, `retired`; did you mean `active`?',
        'sheet.csv:5: column 6 (Tier): Unexpected tier `low` below the `critical` its data implies (`customer-pii`); set `tier: critical`, or keep `low` and record why in `tier_justification`',
        'sheet.csv:6: column 5 (Data access): unknown data category `health`; use the categories under vendors.data_categories in the config (customer-content, customer-pii, payment, production-access, employee-pii, source-code, internal, none)',
        'sheet.csv:7: no name; every row needs the vendor\'s name',
        'sheet.csv:8: column 1 (Vendor): vendor `ledgerly` is also on line 4; keep one row per vendor',
        'sheet.csv:9: no `owner`; every row needs it (add the column, pass --map, or fill the cells)',
        'charter: vendors import: 7 problems in sheet.csv; nothing was imported. Fix the rows (or pass --map) and run it again.',
        ''
      ].join('\n')
    )
    expect(readdirSync(join(root, 'vendors')).sort()).toEqual(['nimbus.yaml', 'paperplane.yaml', 'payroll.yaml'])
  })

  it('maps other headers with --map, and refuses a map to no field', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const file = join(makeRepo({'sheet.csv': 'Supplier name,Risk,What for,owner,services,data\nSwagStack,low,Swag,Head of People,Merchandise,none\n'}), 'sheet.csv')
    expect((await charter(['vendors', 'import', file, '--map', 'Supplier name=name', '--map', 'Risk=tier', '--root', root], root)).stdout).toBe(
      'Imported 1 vendor into vendors/:\n  vendors/swagstack.yaml\nColumns not imported: What for (pass --map "<column>=<field>" to keep one).\nRun `charter check`, fill in what the sheet did not say, and commit.\n'
    )
    expect(readFileSync(join(root, 'vendors/swagstack.yaml'), 'utf8')).toBe('id: swagstack\nname: SwagStack\nowner: Head of People\nstatus: active\nservices: Merchandise\ndata: [none]\ntier: low\n')
    expect(await charter(['vendors', 'import', file, '--map', 'Risk=risk', '--root', root], root)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'charter: vendors import: --map expects <column>=<field>, the field one of id, name, website, owner, status, services, data, tier, tier_justification, subprocessor, location, last_reviewed, reviewed_by; got `Risk=risk`\n'
    })
  })

  // A spreadsheet export is hostile input: a quote left open swallows the rest of the file, a
  // row of thousands of cells or a huge cell costs memory, and a formula must stay inert.
  it('refuses a quote left open and an overlong row, and keeps a formula inert when listed back', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const open = join(makeRepo({'sheet.csv': 'name,services\nAcme,"never closed\nMore,rows\n'}), 'sheet.csv')
    expect((await charter(['vendors', 'import', open, '--root', root], root)).stderr.replace(open, 'sheet.csv')).toBe(
      'charter: vendors import: sheet.csv:2: Unexpected end of file inside a quoted cell that starts on line 2; close the quote (a quote inside a cell is written ""); nothing was imported\n'
    )
    const stray = join(makeRepo({'sheet.csv': 'name,services\nAcme,"Mail"er\n'}), 'sheet.csv')
    expect((await charter(['vendors', 'import', stray, '--root', root], root)).stderr.replace(stray, 'sheet.csv')).toBe(
      'charter: vendors import: sheet.csv:2:12: Unexpected `e` after the closing quote of a cell; quote the whole cell and write each quote inside it as ""; nothing was imported\n'
    )
    const wide = join(makeRepo({'sheet.csv': `name\n${'x,'.repeat(300)}\n`}), 'sheet.csv')
    expect((await charter(['vendors', 'import', wide, '--root', root], root)).stderr.replace(wide, 'sheet.csv')).toBe('charter: vendors import: sheet.csv:2: Unexpected row of more than 200 cells on line 2; remove the extra columns; nothing was imported\n')
    const formula = join(makeRepo({'sheet.csv': 'name,id,data,owner,services\n"=cmd|\' /C calc\'!A0",calc,none,CTO,Nothing\n'}), 'sheet.csv')
    expect((await charter(['vendors', 'import', formula, '--root', root], root)).status).toBe(0)
    expect((await charter(['vendors', ...today, '--format', 'csv'], root)).stdout.split('\n')[1]).toBe("calc,'=cmd|' /C calc'!A0,low,low,active,false,,,,,,,,0")
    expect(readdirSync(join(root, 'vendors'))).toEqual(['calc.yaml'])
  })
})
