// Vendor files under document control, from a real git repository with fixed dates: a tier raised
// by an approved pull request, a direct push with no approval, a pull request that names its own
// approver in the file it changes, a renamed vendor file and a deleted one; approvals signed with
// real SSH keys listed in the roster.
import {unlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startFakeGitHub, type FakeGitHub} from './fixtures/github-server'
import {policy} from './fixtures/documents'
import {makeKey, rosterYaml, signWith, type SigningKey} from './fixtures/signing'
import {vendorYaml} from './fixtures/vendor-file'
import {charter, charterAsync, makeRepo, runGit} from './helpers'

const as = (name: string, date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.test`})

const annKey = makeKey('ann@laptop')
const bobKey = makeKey('bob@laptop')
const danKey = makeKey('dan@laptop')
const roster = rosterYaml([
  {name: 'Ann', emails: ['ann@example.test'], roles: ['Head of Security'], keys: [annKey]},
  {name: 'Bob', emails: ['bob@example.test'], roles: ['CTO'], keys: [bobKey]},
  {name: 'Cara', emails: ['cara@example.test'], roles: ['Engineer']},
  {name: 'Dan', emails: ['dan@example.test'], roles: ['Engineer'], keys: [danKey]}
])

interface Built {
  root: string
  commits: Record<string, string>
}

function buildRepository(): Built {
  const root = makeRepo({
    'charter.config.yaml': 'github:\n  repository: example/policies\n',
    'people.yaml': roster,
    'policies/access-control.md': policy('access-control'),
    'vendors/acme.yaml': vendorYaml('acme'),
    'vendors/pixel.yaml': vendorYaml('pixel', {owner: 'CTO'}),
    'vendors/gone.yaml': vendorYaml('gone', {owner: 'CTO'})
  })
  const commits: Record<string, string> = {}
  const head = () => runGit(root, ['rev-parse', 'HEAD']).trim()
  const write = (path: string, text: string) => writeFileSync(join(root, path), text)
  /** A pull request: `change` on a branch by `author`, an empty approval commit signed by `approver`, merged by Ann. */
  const pullRequest = (number: number, branch: string, author: string, date: string, change: () => void, approver: {name: string; key: SigningKey}) => {
    runGit(root, ['checkout', '-q', '-b', branch])
    change()
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', `Change ${branch}`], as(author, `${date}T10:00:00Z`))
    runGit(root, [...signWith(approver.key), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', `Approved-by: ${approver.name} <${approver.name.toLowerCase()}@example.test>`], as(approver.name, `${date}T11:00:00Z`))
    runGit(root, ['checkout', '-q', 'main'])
    runGit(root, ['merge', '-q', '--no-ff', branch, '-m', `Merge pull request #${number} from example/${branch}`], as('Ann', `${date}T12:00:00Z`))
    return head()
  }
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Start the register'], as('Ann', '2026-01-05T09:00:00Z'))
  commits.initial = head()

  // Acme can now reach payment data: tier medium → critical, and it goes live. Ann, its owner, approves.
  commits.tier = pullRequest(21, 'acme-payments', 'Cara', '2026-02-02', () => write('vendors/acme.yaml', vendorYaml('acme', {status: 'active', data: '[internal, payment]'})), {name: 'Ann', key: annKey})

  // A direct push with no approval at all: Acme becomes a subprocessor.
  write('vendors/acme.yaml', vendorYaml('acme', {status: 'active', data: '[internal, payment]', subprocessor: 'true'}))
  runGit(root, ['commit', '-q', '-am', 'Acme processes personal data'], as('Cara', '2026-02-09T10:00:00Z'))
  commits.push = head()

  // The change names its own approver: the file now says Engineer owns Acme, and Dan (an Engineer) signs. The base said Head of Security.
  commits.selfNamed = pullRequest(
    22,
    'acme-owner',
    'Cara',
    '2026-02-16',
    () => write('vendors/acme.yaml', vendorYaml('acme', {owner: 'Engineer', status: 'active', data: '[internal, payment, employee-pii]', subprocessor: 'true'})),
    {name: 'Dan', key: danKey}
  )

  // A rename with a new id, approved by Bob, the owner.
  commits.rename = pullRequest(
    23,
    'pixel-rename',
    'Ann',
    '2026-02-23',
    () => {
      runGit(root, ['mv', 'vendors/pixel.yaml', 'vendors/pixelpress.yaml'])
      write('vendors/pixelpress.yaml', vendorYaml('pixelpress', {owner: 'CTO', name: 'PixelPress Inc'}))
    },
    {name: 'Bob', key: bobKey}
  )

  // A vendor deleted by a direct push.
  unlinkSync(join(root, 'vendors/gone.yaml'))
  runGit(root, ['commit', '-q', '-am', 'Drop Gone from the register'], as('Ann', '2026-03-02T10:00:00Z'))
  commits.deleted = head()
  return {root, commits}
}

let repo: Built
beforeAll(() => {
  repo = buildRepository()
})

const short = (name: string) => repo.commits[name]!.slice(0, 7)

describe('charter history for vendor files', () => {
  it('lists what each change did to the register, and whose approval counted', async () => {
    const run = await charter(['history', 'acme'], repo.root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(
      [
        'acme: Acme Inc (vendors/acme.yaml)',
        '  date        author  change                                             register                                                                       approval',
        '  2026-02-16  Cara    Merge pull request #22 from example/acme-owner     data + employee-pii; owner Head of Security → Engineer (material)              none; claimed, not verified: approved by Dan <dan@example.test> (Approved-by trailer: Dan holds no approver role for this vendor (Head of Security))',
        '  2026-02-09  Cara    Acme processes personal data                       subprocessor no → yes (material)                                               none',
        '  2026-02-02  Cara    Merge pull request #21 from example/acme-payments  tier medium → critical; data + payment; status evaluating → active (material)  approved by Ann <ann@example.test> (Approved-by trailer, signed)',
        '  2026-01-05  Ann     Start the register                                 vendor added: tier medium; data internal; status evaluating (material)         none',
        ''
      ].join('\n')
    )
  })

  it('follows a renamed vendor file, and gives each revision its register changes and approver roles in JSON', async () => {
    const run = await charter(['history', 'pixelpress', '--format', 'json'], repo.root)
    expect(run.stderr).toBe('')
    const [pixel] = JSON.parse(run.stdout)
    expect([pixel.kind, pixel.id, pixel.name, pixel.path]).toEqual(['vendor', 'pixelpress', 'PixelPress Inc', 'vendors/pixelpress.yaml'])
    expect(pixel.revisions.map((revision: {change: string; path: string; previous_path?: string; register_changes: string[]; material: boolean; approver_roles: string[]; evidence: {by: string}[]}) => [revision.change, revision.path, revision.previous_path ?? null, revision.register_changes, revision.material, revision.approver_roles, revision.evidence.map((evidence) => evidence.by)])).toEqual([
      // A file renamed is a vendor with a new id, approved like a new one: not by the old vendor's owner alone.
      ['renamed', 'vendors/pixelpress.yaml', 'vendors/pixel.yaml', ['name Pixel Inc → PixelPress Inc', 'also changed: id'], false, ['CTO', 'Head of Security'], ['Bob <bob@example.test>']],
      // A new vendor file is approved like the config: here every document's owner and approvers.
      ['added', 'vendors/pixel.yaml', null, ['vendor added: tier medium; data internal; status evaluating'], true, ['CTO', 'Head of Security'], []]
    ])
  })

  it('lists vendors after the documents when no id is given, in markdown too', async () => {
    const run = await charter(['history', '--format', 'markdown'], repo.root)
    expect(run.stderr).toBe('')
    const lines = run.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('### '))).toEqual(['### access-control policy', '### Acme Inc (vendor)', '### PixelPress Inc (vendor)'])
    expect(lines).toContain('| 2026-02-09 | Acme processes personal data | subprocessor no → yes (material) | Cara | none |')
  })

  it('refuses an id that is both a document and a vendor, and takes the path instead', async () => {
    writeFileSync(join(repo.root, 'vendors/access-control.yaml'), vendorYaml('access-control'))
    try {
      const both = await charter(['history', 'access-control'], repo.root)
      expect(both.stdout).toBe('')
      expect(both.stderr).toBe(
        'charter: `access-control` is both the document policies/access-control.md and the vendor vendors/access-control.yaml; name the one you mean by its path: `charter history policies/access-control.md` or `charter history vendors/access-control.yaml`\n'
      )
      expect(both.status).toBe(1)
      const byPath = await charter(['history', 'vendors/access-control.yaml'], repo.root)
      expect(byPath.stdout).toBe('access-control: Access-control Inc (vendors/access-control.yaml)\n  no committed history yet\n')
      const document = await charter(['history', 'policies/access-control.md'], repo.root)
      expect(document.stdout.split('\n')[0]).toBe('access-control: access-control policy (policies/access-control.md)')
    } finally {
      unlinkSync(join(repo.root, 'vendors/access-control.yaml'))
    }
  })

  it('names documents and vendors alike for an unknown id', async () => {
    const run = await charter(['history', 'acne'], repo.root)
    expect(run.stderr).toBe('charter: no document in policies/ or vendor in vendors/ has the id `acne`; did you mean `acme`?\n')
    expect(run.status).toBe(1)
  })
})

describe('charter audit for vendor files', () => {
  it('needs the vendor owner on the base to approve, lists a deleted vendor, and says what changed', async () => {
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-03'], repo.root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Changes to controlled documents and vendor files since 2026-02-01, newest first. 5 changes: 2 approved, 0 reviewed after the fact, 1 waiting for review, 2 overdue.',
        `  2026-03-02  ${short('deleted')}  vendors/gone.yaml        no approval evidence; review it by 2026-03-04 (2 business days) [vendor file deleted]`,
        `  2026-02-23  ${short('rename')}  vendors/pixelpress.yaml  approved by Bob <bob@example.test> (Approved-by trailer, signed) [name Pixel Inc → PixelPress Inc; also changed: id]`,
        `  2026-02-16  ${short('selfNamed')}  vendors/acme.yaml        OVERDUE: no approval evidence, and no review by 2026-02-18 (2 business days); claimed, not verified: approved by Dan <dan@example.test> (Approved-by trailer: Dan holds no approver role for this vendor (Head of Security)) [data + employee-pii; owner Head of Security → Engineer (material)]`,
        `  2026-02-09  ${short('push')}  vendors/acme.yaml        OVERDUE: no approval evidence, and no review by 2026-02-11 (2 business days) [subprocessor no → yes (material)]`,
        `  2026-02-02  ${short('tier')}  vendors/acme.yaml        approved by Ann <ann@example.test> (Approved-by trailer, signed) [tier medium → critical; data + payment; status evaluating → active (material)]`,
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
    const json = JSON.parse((await charter(['audit', '--since', '2026-03-01', '--today', '2026-03-03', '--format', 'json'], repo.root)).stdout)
    expect(json.changes.map((change: {document: string; change: string; status: string; vendor: unknown}) => [change.document, change.change, change.status, change.vendor])).toEqual([
      ['vendors/gone.yaml', 'deleted', 'pending', {register_changes: ['vendor file deleted'], material: false, approver_roles: ['CTO']}]
    ])
  })

  it('counts a later signed review by the vendor owner, and not one by a role the change gave itself', async () => {
    const root = buildRepository().root
    const selfNamed = runGit(root, ['log', '--first-parent', '--format=%H', '--grep=acme-owner']).trim()
    runGit(root, [...signWith(danKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review', '-m', `Reviews: ${selfNamed}`, '-m', 'Approved-by: Dan <dan@example.test>'], as('Dan', '2026-02-17T09:00:00Z'))
    runGit(root, [...signWith(annKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review', '-m', `Reviews: ${selfNamed}`, '-m', 'Approved-by: Ann <ann@example.test>'], as('Ann', '2026-02-17T10:00:00Z'))
    const run = await charter(['audit', '--since', '2026-02-16', '--today', '2026-03-03', '--format', 'json'], root)
    const change = JSON.parse(run.stdout).changes.find((entry: {commit: string}) => entry.commit === selfNamed)
    expect(change.status).toBe('reviewed-after')
    expect(change.follow_up.evidence.map((evidence: {by: string}) => evidence.by)).toEqual(['Ann <ann@example.test>'])
    expect(change.claims.map((claim: {reason: string}) => claim.reason)).toEqual(['Dan holds no approver role for this vendor (Head of Security)', 'Dan holds no approver role for this vendor (Head of Security)'])
  })
})

describe('vendor changes with evidence from GitHub', () => {
  let github: FakeGitHub
  const env = () => ({GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies', CHARTER_GITHUB_BACKOFF_MS: '5,5'})
  beforeAll(async () => {
    github = await startFakeGitHub({
      repository: 'example/policies',
      pulls: [{number: 22, author: 'cara', mergedBy: 'cara', mergeCommit: repo.commits.selfNamed!}],
      reviews: {22: [{user: 'ann', state: 'APPROVED'}]}
    })
  })
  afterAll(() => github.close())

  it('counts the pull request approval GitHub reports for the commit, and files a follow-up naming the vendor owner', async () => {
    const root = buildRepository().root
    const selfNamed = runGit(root, ['log', '--first-parent', '--format=%H', '--grep=acme-owner']).trim()
    expect(selfNamed).toBe(repo.commits.selfNamed)
    const run = await charterAsync(['history', 'acme', '--github', '--format', 'json'], root, env())
    expect(run.stderr).toBe('')
    const [acme] = JSON.parse(run.stdout)
    expect(acme.revisions[0].evidence).toEqual([{kind: 'approved', by: 'ann', source: 'github', detail: 'PR #22 approval', login: 'ann', date: '2026-03-01T11:00:00Z', href: 'https://github.com/example/policies/pull/22#pullrequestreview-1'}])
    const audit = await charterAsync(['audit', '--open-issues', '--since', '2026-03-01', '--today', '2026-03-03'], root, env())
    expect(audit.status).toBe(0)
    expect(github.issues.map((issue) => issue.title)).toEqual([`Follow-up review: example/policies@${runGit(root, ['rev-parse', '--short=7', 'HEAD']).trim()} (vendors/gone.yaml)`])
    expect(github.issues[0]!.body).toContain('A change to a controlled vendor file landed on the default branch without approval evidence.')
    expect(github.issues[0]!.body).toContain('- **Vendor file:** `vendors/gone.yaml`: vendor file deleted\n')
    expect(github.issues[0]!.body).toContain("- **Who to ask:** CTO (the vendor's owner before the change, or the config's approvers for a new vendor)")
  })
})
