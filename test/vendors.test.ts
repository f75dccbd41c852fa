// `charter vendors`: the register listed in each format, a vendor scaffolded, a review recorded
// with only the changed bytes moving. Real repositories in temporary folders, run in-process.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo} from './helpers'

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
    expect(await charter(['vendors', 'remove', 'nimbus'], root)).toEqual({status: 2, stdout: '', stderr: 'charter: vendors: unknown action `remove`, expected list, new or review (see `charter vendors --help`)\n'})
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
    expect((await charter(['check', ...today], root)).stdout).toBe('1 document checked: no problems found\n')
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
    expect((await charter(['check', ...today], root)).stdout).toBe('1 document checked: no problems found\n')
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
