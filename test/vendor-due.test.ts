// `charter due` and `charter remind` with a vendor register: vendor reviews and expiring assurance
// beside the documents' reviews, in every format, and as GitHub issues against a local stand-in.
import {writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {startFakeGitHub, type FakeGitHub} from './fixtures/github-server'
import {charter, charterAsync, makeRepo} from './helpers'

const today = ['--today', '2026-06-01']

// Critical: reviewed a year ago less 11 days; its SOC 2 period ended 2025-06-30, so it is current until 2026-06-30.
const nimbus = `id: nimbus
name: Nimbus Cloud
owner: CTO
status: active
services: Production hosting
data: [customer-content]
assurance:
  - type: soc2-type2
    period_start: 2024-07-01
    period_end: 2025-06-30
    received: 2025-08-02
last_reviewed: 2025-06-20
`
// Low: reviewed every 36 months, one day overdue; low needs no assurance.
const paperplane = `id: paperplane
name: Paper Plane
owner: Head of Marketing
status: active
services: Design assets
data: [none]
last_reviewed: 2023-05-31
`
// High, with an old report but a recent bridge letter: current until 2026-08-10.
const payroll = `id: payroll
name: Payroll Pine
owner: Head of People
status: active
services: Payroll
data: [employee-pii]
assurance:
  - type: soc2-type2
    period_end: 2024-12-31
    bridge_letter: 2026-05-10
last_reviewed: 2026-01-05
`
// Evaluating: on no cadence, never listed.
const trial = `id: trial
name: Trial Tool
owner: CTO
status: evaluating
services: A trial
data: [customer-pii]
`

function register(extra: Record<string, string> = {}): string {
  return makeRepo({
    'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2025-05-20'}),
    'policies/beta.md': policy('beta'),
    'vendors/nimbus.yaml': nimbus,
    'vendors/paperplane.yaml': paperplane,
    'vendors/payroll.yaml': payroll,
    'vendors/trial.yaml': trial,
    ...extra
  })
}

describe('charter due with a vendor register', () => {
  it('lists document reviews, vendor reviews and expiring assurance together, soonest first, saying what each is and what to do', async () => {
    const run = await charter(['due', ...today], register())
    expect(run).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '4 items overdue or due by 2026-07-01 (within 30 days of 2026-06-01):',
        '  document review   alpha       Head of Security   2026-05-20  12 days overdue  review the document, then run `charter review alpha`',
        '  vendor review     paperplane  Head of Marketing  2026-05-31  1 day overdue    review the vendor, then run `charter vendors review paperplane`',
        '  vendor review     nimbus      CTO                2026-06-20  in 19 days       review the vendor, then run `charter vendors review nimbus`',
        '  vendor assurance  nimbus      CTO                2026-06-30  in 29 days       request the current report or a bridge letter, then run `charter vendors review nimbus --assurance <type> --period <start>..<end> --received <date>`',
        ''
      ].join('\n')
    })
  })

  it('gives every row a kind in JSON, keeping the document fields as they were, and counts a bridge letter', async () => {
    const run = await charter(['due', ...today, '--within', '90d', '--format', 'json'], register())
    expect(run.status).toBe(0)
    const listing = JSON.parse(run.stdout)
    expect(listing.reviews.map((row: {kind: string; id: string}) => `${row.kind} ${row.id}`)).toEqual(['document-review alpha', 'vendor-review paperplane', 'vendor-review nimbus', 'vendor-assurance nimbus', 'vendor-assurance payroll'])
    expect(listing.reviews[0]).toEqual({
      kind: 'document-review',
      id: 'alpha',
      title: 'Alpha Policy',
      path: 'policies/alpha.md',
      owner: 'Head of Security',
      last_reviewed: '2025-05-20',
      due: '2026-05-20',
      days_left: -12,
      overdue: true,
      action: 'review the document, then run `charter review alpha`'
    })
    expect(listing.reviews[1]).toEqual({
      kind: 'vendor-review',
      id: 'paperplane',
      title: 'Paper Plane',
      path: 'vendors/paperplane.yaml',
      owner: 'Head of Marketing',
      tier: 'low',
      last_reviewed: '2023-05-31',
      due: '2026-05-31',
      days_left: -1,
      overdue: true,
      action: 'review the vendor, then run `charter vendors review paperplane`'
    })
    expect(listing.reviews[4]).toEqual({
      kind: 'vendor-assurance',
      id: 'payroll',
      title: 'Payroll Pine',
      path: 'vendors/payroll.yaml',
      owner: 'Head of People',
      tier: 'high',
      assurance: 'soc2-type2',
      period_end: '2024-12-31',
      bridge_letter: '2026-05-10',
      due: '2026-08-10',
      days_left: 70,
      overdue: false,
      action: 'request the current report or a bridge letter, then run `charter vendors review payroll --assurance <type> --period <start>..<end> --received <date>`'
    })
  })

  it('prints a table and checklist in Markdown, a hostile vendor name shown as text', async () => {
    const hostile = paperplane.replace('name: Paper Plane', 'name: "<script>x</script> | [a](javascript:1)"')
    const run = await charter(['due', ...today, '--format', 'markdown'], register({'vendors/paperplane.yaml': hostile}))
    expect(run.stdout).toBe(
      [
        '### Reviews and vendor assurance due by 2026-07-01',
        '',
        '| What | Item | Owner | Due | Status |',
        '| --- | --- | --- | --- | --- |',
        '| document review | [Alpha Policy](policies/alpha.md) | Head of Security | 2026-05-20 | **12 days overdue** |',
        '| vendor review | [\\<script\\>x\\</script\\> \\| \\[a\\](javascript:1)](vendors/paperplane.yaml) | Head of Marketing | 2026-05-31 | **1 day overdue** |',
        '| vendor review | [Nimbus Cloud](vendors/nimbus.yaml) | CTO | 2026-06-20 | in 19 days |',
        '| vendor assurance | [Nimbus Cloud](vendors/nimbus.yaml) | CTO | 2026-06-30 | in 29 days |',
        '',
        'When an item is done, record it and commit:',
        '',
        '- [ ] Alpha Policy (document review): review the document, then run `charter review alpha`',
        '- [ ] \\<script\\>x\\</script\\> \\| \\[a\\](javascript:1) (vendor review): review the vendor, then run `charter vendors review paperplane`',
        '- [ ] Nimbus Cloud (vendor review): review the vendor, then run `charter vendors review nimbus`',
        '- [ ] Nimbus Cloud (vendor assurance): request the current report or a bridge letter, then run `charter vendors review nimbus --assurance <type> --period <start>..<end> --received <date>`',
        ''
      ].join('\n')
    )
  })

  it('says nothing is due in words that name the vendors too', async () => {
    const run = await charter(['due', '--today', '2025-07-01'], register())
    expect(run.stdout).toBe('No review or vendor assurance is overdue or due by 2025-07-31 (within 30 days of 2025-07-01).\n')
    const markdown = await charter(['due', '--today', '2025-07-01', '--format', 'markdown'], register())
    expect(markdown.stdout).toBe('No review or vendor assurance is overdue or due by 2025-07-31.\n')
  })

  it('counts an ISO certificate to its expiry and a questionnaire to its age limit', async () => {
    const iso = nimbus.replace(/assurance:[\s\S]*?last_reviewed/, 'assurance:\n  - type: iso27001\n    period_end: 2026-06-15\nlast_reviewed')
    const questionnaire = payroll.replace(/assurance:[\s\S]*?last_reviewed/, 'assurance:\n  - type: questionnaire\n    received: 2025-06-10\nlast_reviewed')
    const run = await charter(['due', ...today, '--format', 'json'], register({'vendors/nimbus.yaml': iso, 'vendors/payroll.yaml': questionnaire}))
    const rows = JSON.parse(run.stdout).reviews.filter((row: {kind: string}) => row.kind === 'vendor-assurance')
    expect(rows.map((row: {id: string; due: string; action: string}) => [row.id, row.due, row.action])).toEqual([
      ['payroll', '2026-06-10', 'send the vendor a new questionnaire or request its SOC 2 report, then run `charter vendors review payroll --assurance <type> --period <start>..<end> --received <date>`'],
      ['nimbus', '2026-06-15', 'request the renewed certificate, then run `charter vendors review nimbus --assurance <type> --period <start>..<end> --received <date>`']
    ])
    expect(rows[0].received).toBe('2025-06-10')
  })

  it('refuses a register with a broken vendor file instead of skipping the vendor', async () => {
    const run = await charter(['due', ...today], register({'vendors/broken.yaml': 'id: broken\nname: [unclosed\n'}))
    expect(run).toEqual({status: 1, stdout: '', stderr: 'charter: due: vendors/broken.yaml has problems; fix them first (`charter check` shows where)\n'})
  })

  it('prints as before, with no kind, in a repository without vendors', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2025-05-20'})})
    expect((await charter(['due', ...today], root)).stdout).toBe('1 review overdue or due by 2026-07-01 (within 30 days of 2026-06-01):\n  alpha  Head of Security  2026-05-20  12 days overdue\n')
    expect(JSON.parse((await charter(['due', ...today, '--format', 'json'], root)).stdout).reviews[0]).not.toHaveProperty('kind')
  })
})

describe('charter remind with a vendor register', () => {
  const config = ['github:', '  repository: example/policies', '  handles:', '    CTO: "@cto-login"', '    Head of Marketing: "@example/marketing"', ''].join('\n')
  let github: FakeGitHub
  let root: string
  const env = () => ({GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies', CHARTER_GITHUB_BACKOFF_MS: '5,5'})
  const remind = (...extra: string[]) => charterAsync(['remind', ...today, ...extra], root, env())

  beforeEach(async () => {
    // A document with the same id as a vendor: their issues must not be taken for each other's.
    root = register({'charter.config.yaml': config, 'policies/nimbus.md': policy('nimbus', {title: 'Nimbus Policy', last_reviewed: '2025-05-25'})})
    github = await startFakeGitHub({repository: 'example/policies', pulls: [], reviews: {}, pageSize: 2})
  })
  afterEach(() => github.close())

  it('opens one labelled, assigned issue per vendor review and expiring assurance, beside the documents', async () => {
    const run = await remind()
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Review reminders in example/policies (due within 30d): 5 opened, 0 updated, 0 closed, 0 unchanged.',
        '  open   Policy review due: Alpha Policy (alpha)',
        '  open   Policy review due: Nimbus Policy (nimbus)',
        '  open   Vendor review due: Paper Plane (paperplane)',
        '  open   Vendor review due: Nimbus Cloud (nimbus)',
        '  open   Vendor assurance due: Nimbus Cloud (nimbus)',
        ''
      ].join('\n')
    )
    expect(github.labels).toEqual(['policy-review', 'vendor-review'])
    const issue = (title: string) => github.issues.find((entry) => entry.title === title)!
    expect(issue('Vendor review due: Paper Plane (paperplane)')).toMatchObject({labels: ['vendor-review'], assignees: [], state: 'open'})
    expect(issue('Vendor review due: Nimbus Cloud (nimbus)').body).toBe(
      [
        '<!-- charter:vendor-review-reminder nimbus -->',
        'The review of vendor **Nimbus Cloud** (`vendors/nimbus.yaml`) is due on **2026-06-20** (in 19 days).',
        '',
        '- Owner: CTO (@cto-login)',
        '- Tier: critical',
        '- Last reviewed: 2025-06-20',
        '- Review interval: 12 months',
        '',
        'Review the vendor: its services and the data it reaches, its tier, its latest assurance and open findings. When the review is done, record it and commit:',
        '',
        '```sh',
        'charter vendors review nimbus',
        '```',
        '',
        'This issue is closed by `charter remind` once the vendor is no longer due.'
      ].join('\n')
    )
    expect(issue('Vendor assurance due: Nimbus Cloud (nimbus)')).toMatchObject({labels: ['vendor-review'], assignees: ['cto-login']})
    expect(issue('Vendor assurance due: Nimbus Cloud (nimbus)').body.split('\n').slice(0, 6)).toEqual([
      '<!-- charter:vendor-assurance-reminder nimbus -->',
      'The SOC 2 Type II report of vendor **Nimbus Cloud** (`vendors/nimbus.yaml`) is current until **2026-06-30** (in 29 days): its period ended on 2025-06-30.',
      '',
      '- Owner: CTO (@cto-login)',
      '- Tier: critical',
      ''
    ])
  })

  it('files nothing twice on a re-run, and closes a vendor issue once the review is recorded', async () => {
    await remind()
    const writes = () => github.requests.filter((request) => !request.startsWith('GET')).length
    const before = writes()
    const again = await remind()
    expect(again.stdout).toBe('Review reminders in example/policies (due within 30d): 0 opened, 0 updated, 0 closed, 5 unchanged.\n')
    expect(writes()).toBe(before)
    writeFileSync(join(root, 'vendors/paperplane.yaml'), paperplane.replace('last_reviewed: 2023-05-31', 'last_reviewed: 2026-06-01'))
    const after = await remind()
    expect(after.stdout).toBe('Review reminders in example/policies (due within 30d): 0 opened, 0 updated, 1 closed, 4 unchanged.\n  close  #102 (vendor review paperplane no longer due)\n')
    const closed = github.issues.find((issue) => issue.number === 102)!
    expect(closed).toMatchObject({state: 'closed', comments: ['The review of vendor `paperplane` is recorded, or the vendor is gone or no longer active: it is no longer due. Closing.']})
    expect(github.issues.filter((issue) => issue.state === 'open')).toHaveLength(4)
  })

  it('closes an assurance issue once current assurance is recorded, leaving the document of the same id alone', async () => {
    await remind()
    writeFileSync(join(root, 'vendors/nimbus.yaml'), nimbus.replace('period_end: 2025-06-30', 'period_end: 2026-03-31'))
    const after = await remind()
    expect(after.stdout).toBe('Review reminders in example/policies (due within 30d): 0 opened, 0 updated, 1 closed, 4 unchanged.\n  close  #104 (vendor assurance nimbus no longer due)\n')
    expect(github.issues.find((issue) => issue.number === 104)!.comments).toEqual(['Current assurance for vendor `nimbus` is recorded, or the vendor is gone or no longer needs it: it is no longer due. Closing.'])
  })
})
