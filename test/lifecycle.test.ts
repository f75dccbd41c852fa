// review, new and due, run as a user would: the compiled CLI on real files in temporary repositories.
import {mkdirSync, readdirSync, readFileSync, renameSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {writeFilesAtomically} from '../scripts/write/atomic'
import {policy} from './fixtures/documents'
import {charter, makeRepo} from './helpers'

const read = (root: string, path: string) => readFileSync(join(root, path), 'utf8')
// review refuses a --date after today: today is the tests' own, not the machine's.
const clock = {today: '2026-06-15'}

describe('charter review', () => {
  const commented = [
    '---',
    '# Owned by security; reviewed yearly.',
    'id: alpha',
    'title: "Alpha Policy"',
    'kind: policy',
    "version: '2.1.0'   # quoted on purpose",
    'status: approved',
    'owner: Head of Security',
    'approvers: [CTO]',
    'classification: public',
    'effective: 2024-01-15',
    'last_reviewed: 2025-01-10 # last full review',
    '---',
    '',
    policy('x').split('---\n\n')[1]
  ].join('\r\n')

  it('changes only last_reviewed and the version, byte for byte, and prints a commit message', async () => {
    const root = makeRepo({'policies/alpha.md': commented})
    const run = await charter(['review', 'alpha', '--date', '2026-06-01', '--bump', 'minor'], root, {}, clock)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(read(root, 'policies/alpha.md')).toBe(
      commented.replace("version: '2.1.0'", "version: '2.2.0'").replace('last_reviewed: 2025-01-10', 'last_reviewed: 2026-06-01')
    )
    expect(run.stdout).toBe(
      [
        'Recorded the review of 1 document (last_reviewed: 2026-06-01):',
        '  policies/alpha.md  version 2.1.0 → 2.2.0',
        '',
        'Commit it with a message such as the one below. Its last line, the Change: trailer, is what',
        'the security page, the changelog and the PDFs show for this change: write it for the',
        'customers and auditors who read them (one line, plain text).',
        '',
        'Review alpha',
        '',
        'Periodic review on 2026-06-01.',
        '- alpha: 2.1.0 → 2.2.0',
        '',
        'Change: Periodic review of the Alpha Policy',
        ''
      ].join('\n')
    )
    expect((await charter(['check', '--today', '2026-06-01'], root)).status).toBe(0)
  })

  it('bumps major for a material change and leaves the version alone without --bump', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha', {version: '2.1.3'}), 'policies/beta.md': policy('beta')})
    await charter(['review', 'alpha', '--bump', 'major', '--date', '2026-06-01'], root, {}, clock)
    await charter(['review', 'beta', '--date', '2026-06-01'], root, {}, clock)
    expect(read(root, 'policies/alpha.md')).toBe(policy('alpha', {version: '3.0.0', last_reviewed: '2026-06-01'}))
    expect(read(root, 'policies/beta.md')).toBe(policy('beta', {last_reviewed: '2026-06-01'}))
  })

  it('with --all-due reviews exactly the documents that are due', async () => {
    const root = makeRepo({
      'policies/overdue.md': policy('overdue', {effective: '2024-01-01', last_reviewed: '2025-01-10'}),
      'policies/soon.md': policy('soon', {effective: '2024-01-01', last_reviewed: '2025-06-20'}),
      'policies/fresh.md': policy('fresh'),
      'policies/retired.md': policy('retired', {status: 'retired', effective: '2020-01-01', last_reviewed: '2020-01-01'})
    })
    const run = await charter(['review', '--all-due', '--date', '2026-06-01'], root, {}, clock)
    expect(run.status).toBe(0)
    expect(run.stdout.split('\n').slice(0, 3)).toEqual([
      'Recorded the review of 2 documents (last_reviewed: 2026-06-01):',
      '  policies/overdue.md  version 1.0.0 (unchanged)',
      '  policies/soon.md     version 1.0.0 (unchanged)'
    ])
    expect(read(root, 'policies/fresh.md')).toBe(policy('fresh'))
    expect(read(root, 'policies/retired.md')).toContain('last_reviewed: 2020-01-01')
  })

  it('names the close ids for an unknown one and writes nothing', async () => {
    const root = makeRepo({'policies/access-control.md': policy('access-control'), 'policies/access-controls.md': policy('access-controls'), 'policies/backup.md': policy('backup')})
    const run = await charter(['review', 'acess-control', 'backup', '--date', '2026-06-01'], root, {}, clock)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: no document in policies/ has the id `acess-control`; did you mean `access-control`, `access-controls`?\n')
    expect(read(root, 'policies/backup.md')).toBe(policy('backup'))
  })

  it('refuses a document with broken YAML and leaves every file untouched', async () => {
    const broken = policy('broken').replace('approvers: [CTO]', 'approvers: [CTO')
    const root = makeRepo({'policies/broken.md': broken, 'policies/good.md': policy('good')})
    const run = await charter(['review', 'good', 'broken', '--date', '2026-06-01'], root, {}, clock)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      'charter: policies/broken.md: the front matter is not valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ]); fix it, then run the command again; nothing was written\n'
    )
    expect(read(root, 'policies/broken.md')).toBe(broken)
    expect(read(root, 'policies/good.md')).toBe(policy('good'))
  })

  it.each([
    [['review'], 'charter: review: name at least one document id, or pass --all-due (see `charter review --help`)'],
    [['review', 'alpha', '--bump', 'huge'], 'charter: review: unknown --bump `huge`, expected one of patch, minor, major'],
    [['review', 'alpha', '--date', '2026-02-30'], 'charter: review: --date expects a real date as YYYY-MM-DD, got `2026-02-30`'],
    [['review', 'alpha', '--date', '2999-01-01'], 'charter: review: --date 2999-01-01 is in the future; a review is recorded once it has happened']
  ])('refuses %j with exit 2', async (args, message) => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(args, root, {}, clock)
    expect(run.stderr).toBe(`${message}\n`)
    expect(run.status).toBe(2)
    expect(read(root, 'policies/alpha.md')).toBe(policy('alpha'))
  })
})

describe('writing several files', () => {
  it('leaves every file as it was when one cannot be staged', async () => {
    const root = makeRepo({'policies/a.md': 'old a\n', 'policies/c.md': 'old c\n'})
    mkdirSync(join(root, 'policies/b.md'))
    const files = new Map([
      ['policies/a.md', 'new a\n'],
      ['policies/b.md', 'new b\n'],
      ['policies/c.md', 'new c\n'],
      ['policies/d.md', 'new d\n']
    ])
    expect(() => writeFilesAtomically(root, files)).toThrow()
    expect(read(root, 'policies/a.md')).toBe('old a\n')
    expect(read(root, 'policies/c.md')).toBe('old c\n')
    expect(readdirSync(join(root, 'policies')).sort()).toEqual(['a.md', 'b.md', 'c.md'])
  })

  it('puts back what it replaced when a rename fails half way', async () => {
    const root = makeRepo({'policies/a.md': 'old a\n', 'policies/b.md': 'old b\n'})
    const files = new Map([
      ['policies/a.md', 'new a\n'],
      ['policies/new.md', 'new file\n'],
      ['policies/b.md', 'new b\n']
    ])
    let renames = 0
    const failThird = (from: string, to: string) => {
      if (++renames === 3) throw new Error('disk full')
      renameSync(from, to)
    }
    expect(() => writeFilesAtomically(root, files, {rename: failThird})).toThrow('disk full')
    expect(read(root, 'policies/a.md')).toBe('old a\n')
    expect(read(root, 'policies/b.md')).toBe('old b\n')
    expect(readdirSync(join(root, 'policies')).sort()).toEqual(['a.md', 'b.md'])
  })
})

describe('charter new', () => {
  it('scaffolds a draft with the kind\'s required sections, which passes check', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'charter.config.yaml': 'roles:\n  security_lead: CISO\norganization:\n  security_contact: security@acme.test\n'})
    const run = await charter(['new', 'policy', 'Password Policy', '--date', '2026-06-01'], root)
    expect(run.stdout).toBe('Created policies/password-policy.md (policy, draft 0.1.0).\nFill in each section, then set status: approved and version: 1.0.0 once it is approved.\n')
    expect(run.status).toBe(0)
    const created = read(root, 'policies/password-policy.md')
    expect(created.split('\n').slice(0, 12)).toEqual([
      '---',
      'id: password-policy',
      'title: Password Policy',
      'kind: policy',
      'version: 0.1.0',
      'status: draft',
      'owner: CISO',
      'approvers: [CTO]',
      'classification: internal',
      'effective: 2026-06-01',
      'last_reviewed: 2026-06-01',
      '---'
    ])
    expect([...created.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(['Purpose', 'Scope', 'Policy', 'Roles and Responsibilities', 'Exceptions', 'Enforcement'])
    expect(created.endsWith('TODO: say how compliance is checked and what happens when the document is not followed.\n')).toBe(true)
    expect((await charter(['check', '--today', '2026-06-01'], root)).stdout).toBe('2 documents checked: no problems found\n')
  })

  it('uses the sections configured for the kind, and --id and --owner', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'charter.config.yaml': 'kinds:\n  procedure:\n    sections: [Purpose, Steps, Evidence]\n'})
    const run = await charter(['new', 'procedure', 'Laptop Wipe: Steps & Checks', '--id', 'laptop-wipe', '--owner', 'IT: Manager', '--date', '2026-06-01'], root)
    expect(run.status).toBe(0)
    const created = read(root, 'policies/laptop-wipe.md')
    expect(created).toContain('title: "Laptop Wipe: Steps & Checks"\n')
    expect(created).toContain('owner: "IT: Manager"\n')
    expect([...created.matchAll(/^## (.+)$/gm)].map((match) => match[1])).toEqual(['Purpose', 'Steps', 'Evidence'])
    expect(created).toContain('## Steps\n\nTODO: write the Steps section.\n')
  })

  it('refuses an id that exists, and an unknown kind with the valid ones', async () => {
    const root = makeRepo({'policies/team/password-policy.md': policy('password-policy')})
    const taken = await charter(['new', 'policy', 'Password Policy'], root)
    expect(taken.status).toBe(1)
    expect(taken.stderr).toBe('charter: a document with the id `password-policy` already exists (policies/team/password-policy.md); pass a different --id\n')
    const kind = await charter(['new', 'polcy', 'Password Policy'], root)
    expect(kind.status).toBe(2)
    expect(kind.stderr).toBe('charter: new: unknown kind `polcy`, expected one of policy, standard, procedure, plan, overview\n')
  })
})

describe('charter due', () => {
  const files = {
    'policies/overdue.md': policy('overdue', {title: 'Overdue Policy', effective: '2024-01-01', last_reviewed: '2025-01-10'}),
    'policies/soon.md': policy('soon', {title: 'Soon | Piped', owner: 'CTO', effective: '2024-01-01', last_reviewed: '2025-06-20'}),
    'policies/later.md': policy('later', {effective: '2024-01-01', last_reviewed: '2025-07-20'}),
    'policies/fresh.md': policy('fresh'),
    'policies/retired.md': policy('retired', {status: 'retired', effective: '2020-01-01', last_reviewed: '2020-01-01'})
  }

  it('lists overdue and upcoming reviews, soonest first', async () => {
    const run = await charter(['due', '--today', '2026-06-01'], makeRepo(files))
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(
      [
        '2 reviews overdue or due by 2026-07-01 (within 30 days of 2026-06-01):',
        '  overdue  Head of Security  2026-01-10  142 days overdue',
        '  soon     CTO               2026-06-20  in 19 days',
        ''
      ].join('\n')
    )
  })

  it('looks further with --within, and prints json and markdown', async () => {
    const root = makeRepo(files)
    const json = JSON.parse((await charter(['due', '--today', '2026-06-01', '--within', '60d', '--format', 'json'], root)).stdout)
    expect(json.until).toBe('2026-07-31')
    expect(json.reviews.map((review: {id: string; days_left: number; overdue: boolean}) => [review.id, review.days_left, review.overdue])).toEqual([
      ['overdue', -142, true],
      ['soon', 19, false],
      ['later', 49, false]
    ])
    expect(json.reviews[1]).toEqual({id: 'soon', title: 'Soon | Piped', path: 'policies/soon.md', owner: 'CTO', last_reviewed: '2025-06-20', due: '2026-06-20', days_left: 19, overdue: false})
    expect((await charter(['due', '--today', '2026-06-01', '--format', 'markdown'], root)).stdout).toBe(
      [
        '### Policy reviews due by 2026-07-01',
        '',
        '| Document | Owner | Due | Status |',
        '| --- | --- | --- | --- |',
        '| [Overdue Policy](policies/overdue.md) | Head of Security | 2026-01-10 | **142 days overdue** |',
        '| [Soon \\| Piped](policies/soon.md) | CTO | 2026-06-20 | in 19 days |',
        '',
        'When a review is done, record it with `charter review <id>` and commit:',
        '',
        '- [ ] Overdue Policy: `charter review overdue`',
        '- [ ] Soon \\| Piped: `charter review soon`',
        ''
      ].join('\n')
    )
  })

  it('says so when nothing is due, and refuses a bad period', async () => {
    const root = makeRepo({'policies/fresh.md': policy('fresh')})
    expect((await charter(['due', '--today', '2026-06-01'], root)).stdout).toBe('No review is overdue or due by 2026-07-01 (within 30 days of 2026-06-01).\n')
    const bad = await charter(['due', '--within', 'soon'], root)
    expect(bad.status).toBe(2)
    expect(bad.stderr).toBe('charter: due: --within expects a period such as 60d, 8w, 3m, 1y or "60 days", got `soon`\n')
  })
})
