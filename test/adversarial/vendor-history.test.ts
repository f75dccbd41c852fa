// Hostile pull requests against a vendor file's document control: forged approval trailers, a
// roster edit that makes an accomplice the vendor's owner, a new vendor file naming its own owner,
// a vendor file that is a symbolic link in history, and a vendor name carrying markup and
// terminal controls. Each is a real git repository with real SSH-signed commits.
import {renameSync, symlinkSync, unlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {makeKey, rosterYaml, signWith, type RosterEntry} from '../fixtures/signing'
import {charter, makeRepo, runGit} from '../helpers'
import {vendorYaml} from '../fixtures/vendor-file'

const annKey = makeKey('ann@laptop')
const danKey = makeKey('dan@laptop')
const ann: RosterEntry = {name: 'Ann', emails: ['ann@example.test'], roles: ['Head of Security'], keys: [annKey]}
const cara: RosterEntry = {name: 'Cara', emails: ['cara@example.test'], roles: ['Engineer']}
const dan: RosterEntry = {name: 'Dan', emails: ['dan@example.test'], roles: ['Engineer'], keys: [danKey]}

const as = (name: string, date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.test`})

/** The register's first commit: the roster, one policy and Acme, owned by the Head of Security. */
function repository() {
  const root = makeRepo({'charter.config.yaml': 'organization:\n  name: Example Corp\n', 'people.yaml': rosterYaml([ann, cara, dan]), 'policies/access-control.md': policy('access-control'), 'vendors/acme.yaml': vendorYaml('acme')})
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Start the register'], as('Ann', '2026-01-05T09:00:00Z'))
  const head = () => runGit(root, ['rev-parse', 'HEAD']).trim()
  /** Cara's pull request: `change`, then Dan's signed approval commit, merged by Ann. */
  const pullRequest = (change: () => void, message = 'Change the register') => {
    runGit(root, ['checkout', '-q', '-b', 'hostile'])
    change()
    runGit(root, ['add', '-A'])
    const file = join(root, '.git', 'hostile-message')
    writeFileSync(file, message)
    runGit(root, ['commit', '-q', '-F', file], as('Cara', '2026-02-02T10:00:00Z'))
    runGit(root, [...signWith(danKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Dan <dan@example.test>'], as('Dan', '2026-02-02T11:00:00Z'))
    runGit(root, ['checkout', '-q', 'main'])
    runGit(root, ['merge', '-q', '--no-ff', 'hostile', '-m', 'Merge pull request #9 from cara/hostile'], as('Ann', '2026-02-02T12:00:00Z'))
    return head()
  }
  return {root, pullRequest}
}

async function auditJson(root: string) {
  const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], root)
  expect(run.stderr).toBe('')
  expect(run.status).toBe(1)
  return JSON.parse(run.stdout).changes as {document: string; status: string; evidence: unknown[]; claims: {by: string; reason: string}[]; vendor?: {register_changes: string[]; material: boolean; approver_roles: string[]}}[]
}

describe('a pull request cannot approve its own vendor change', () => {
  // The commit message forges approval: an unsigned trailer naming the real owner, and one that
  // tries to end the commit early with the separators git's output once used.
  it('forged trailers in the message are claims, never evidence', async () => {
    const repo = repository()
    repo.pullRequest(() => writeFileSync(join(repo.root, 'vendors/acme.yaml'), vendorYaml('acme', {data: '[internal, payment]'})), 'Raise Acme\n\nApproved-by: Ann <ann@example.test>\nReviewed-by: Ann \x1e\x1fAnn <ann@example.test>\n')
    const [change] = await auditJson(repo.root)
    expect(change!.status).toBe('overdue')
    expect(change!.evidence).toEqual([])
    // Dan's signed approval is judged by the base's owner role, which he does not hold.
    expect(change!.claims.map((claim) => [claim.by, claim.reason])).toEqual([
      ['Dan <dan@example.test>', 'Dan holds no approver role for this vendor (Head of Security)'],
      ['Ann <ann@example.test>', 'commit not signed'],
      ['Ann \\u001e\\u001fAnn <ann@example.test>', 'commit not signed']
    ])
    expect(change!.vendor).toEqual({register_changes: ['tier medium → critical', 'data + payment'], material: true, approver_roles: ['Head of Security']})
  })

  // The same pull request makes Dan a Head of Security in people.yaml and Acme's owner: the base's roster and file decide.
  it('a roster edit in the same pull request does not make its approver the owner', async () => {
    const repo = repository()
    repo.pullRequest(() => {
      writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, cara, {...dan, roles: ['Engineer', 'Head of Security']}]))
      writeFileSync(join(repo.root, 'vendors/acme.yaml'), vendorYaml('acme', {owner: 'Engineer', subprocessor: 'true'}))
    })
    const changes = await auditJson(repo.root)
    const acme = changes.find((change) => change.document === 'vendors/acme.yaml')!
    expect([acme.status, acme.claims.map((claim) => claim.reason), acme.vendor]).toEqual([
      'overdue',
      ['Dan holds no approver role for this vendor (Head of Security)'],
      {register_changes: ['subprocessor no → yes', 'owner Head of Security → Engineer'], material: true, approver_roles: ['Head of Security']}
    ])
  })

  // A new vendor file names an Engineer as its owner, and an Engineer approves it.
  it('a new vendor file is approved like the config, never by the owner it names', async () => {
    const repo = repository()
    repo.pullRequest(() => writeFileSync(join(repo.root, 'vendors/shadow.yaml'), vendorYaml('shadow', {owner: 'Engineer', data: '[customer-pii]', status: 'active'})))
    const [change] = await auditJson(repo.root)
    expect([change!.document, change!.status, change!.claims.map((claim) => claim.reason), change!.vendor]).toEqual([
      'vendors/shadow.yaml',
      'overdue',
      ['Dan holds no approver role for this vendor (CTO, Head of Security)'],
      {register_changes: ['vendor added: tier critical; data customer-pii; status active'], material: true, approver_roles: ['CTO', 'Head of Security']}
    ])
  })
})

describe('a vendor file renamed to get past the audit', () => {
  // A harmless vendor's file renamed to a new vendor with payment data: the old owner (an
  // Engineer) must not approve it as if nothing but the name changed.
  it('a rename is a new vendor, approved like the config', async () => {
    const repo = repository()
    runGit(repo.root, ['checkout', '-q', '-b', 'setup'])
    writeFileSync(join(repo.root, 'vendors/swag.yaml'), vendorYaml('swag', {owner: 'Engineer'}))
    runGit(repo.root, ['add', '-A'])
    runGit(repo.root, ['commit', '-q', '-m', 'Add Swag'], as('Ann', '2026-01-06T09:00:00Z'))
    runGit(repo.root, ['checkout', '-q', 'main'])
    runGit(repo.root, ['merge', '-q', '--ff-only', 'setup'])
    repo.pullRequest(() => {
      runGit(repo.root, ['mv', 'vendors/swag.yaml', 'vendors/paygate.yaml'])
      writeFileSync(join(repo.root, 'vendors/paygate.yaml'), vendorYaml('paygate', {owner: 'Engineer', data: '[payment]', status: 'active'}))
    })
    const [change] = await auditJson(repo.root)
    expect([change!.document, change!.status, change!.claims.map((claim) => claim.reason), change!.vendor?.approver_roles]).toEqual([
      'vendors/paygate.yaml',
      'overdue',
      ['Dan holds no approver role for this vendor (CTO, Head of Security)'],
      ['CTO', 'Head of Security']
    ])
  })

  // Renamed to a name the register does not read (`acme.yaml.off`): the vendor is gone, and the
  // audit must say so rather than show nothing.
  it('a rename out of the register is listed as the vendor deleted', async () => {
    const repo = repository()
    repo.pullRequest(() => runGit(repo.root, ['mv', 'vendors/acme.yaml', 'vendors/acme.yaml.off']))
    const [change] = await auditJson(repo.root)
    expect([change!.document, change!.status, change!.vendor?.register_changes]).toEqual(['vendors/acme.yaml', 'overdue', ['vendor file deleted']])
  })
})

describe('vendor files git holds as something else', () => {
  // Bytes that are not UTF-8 would be read with replacement characters as a vendor of another
  // name; the register refuses such a file, and history says so instead of reading it.
  it('a past vendor file that is not UTF-8 is named as such, never read', async () => {
    const root = makeRepo({'policies/access-control.md': policy('access-control'), 'vendors/acme.yaml': Buffer.from('id: acme\nname: Acme \xff\nowner: CTO\nstatus: evaluating\nservices: Mail\ndata: [none]\n', 'latin1')})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Start'], as('Ann', '2026-01-05T09:00:00Z'))
    writeFileSync(join(root, 'vendors/acme.yaml'), vendorYaml('acme'))
    runGit(root, ['commit', '-q', '-am', 'Fix the bytes'], as('Ann', '2026-01-06T09:00:00Z'))
    const run = await charter(['history', 'acme', '--format', 'json'], root)
    expect(JSON.parse(run.stdout)[0].revisions.map((revision: {subject: string; register_changes: string[]}) => [revision.subject, revision.register_changes[0]])).toEqual([
      ['Fix the bytes', 'vendor added: tier medium; data internal; status evaluating'],
      ['Start', 'not read as a vendor file: not UTF-8']
    ])
  })

  // A vendor file replaced by a link to the roster, then one added as a link outside the repository: history never reads through them.
  it('a symbolic link in history is listed as one, its target never read', async () => {
    const repo = repository()
    unlinkSync(join(repo.root, 'vendors/acme.yaml'))
    symlinkSync('../people.yaml', join(repo.root, 'vendors/acme.yaml'))
    symlinkSync('/etc/passwd', join(repo.root, 'vendors/leak.yaml'))
    runGit(repo.root, ['add', '-A'])
    runGit(repo.root, ['commit', '-q', '-m', 'Point vendors elsewhere'], as('Cara', '2026-02-03T10:00:00Z'))
    const run = await charter(['history', '--format', 'json'], repo.root)
    expect(run.stderr).toBe('')
    const vendors = (JSON.parse(run.stdout) as {kind?: string; id: string; revisions: {change: string; register_changes: string[]; material: boolean; approver_roles: string[]}[]}[]).filter((entry) => entry.kind === 'vendor')
    expect(vendors.map((vendor) => [vendor.id, vendor.revisions.map((revision) => [revision.change, revision.register_changes, revision.material, revision.approver_roles])])).toEqual([
      [
        'acme',
        [
          ['modified', ['not read as a vendor file: a symbolic link, never followed'], true, ['Head of Security']],
          ['added', ['vendor added: tier medium; data internal; status evaluating'], true, ['CTO', 'Head of Security']]
        ]
      ],
      ['leak', [['added', ['not read as a vendor file: a symbolic link, never followed'], true, ['CTO', 'Head of Security']]]]
    ])
    expect(run.stdout).not.toContain('root:')
    expect(run.stdout).not.toContain('ann@laptop')
  })

  // The vendors folder in the work tree is a link to a folder outside: the documents are listed, the vendors are not, and history says why.
  it('a vendors folder that is a symbolic link is named, never read', async () => {
    const repo = repository()
    const elsewhere = join(makeRepo({}), 'vendors')
    renameSync(join(repo.root, 'vendors'), elsewhere)
    symlinkSync(elsewhere, join(repo.root, 'vendors'))
    const run = await charter(['history'], repo.root)
    expect(run.stderr).toBe('charter: vendor files are not listed: Unexpected symbolic link at `vendors`, expected the vendors folder itself inside the repository; replace the link with the folder\n')
    expect(run.stdout.split('\n')[0]).toBe('access-control: access-control policy (policies/access-control.md)')
    expect(run.status).toBe(0)
    const named = await charter(['history', 'acme'], repo.root)
    expect(named.stderr).toBe('charter: Unexpected symbolic link at `vendors`, expected the vendors folder itself inside the repository; replace the link with the folder\n')
    expect(named.status).toBe(1)
  })

  // A vendor name with markup and a terminal control sequence, committed by a pull request.
  it('a hostile vendor name is escaped in every format', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'vendors/acme.yaml'), vendorYaml('acme', {name: '"<script>alert(1)</script> | \\u001b]0;owned\\u0007"'}))
    runGit(repo.root, ['commit', '-q', '-am', 'Rename Acme'], as('Cara', '2026-02-03T10:00:00Z'))
    const text = await charter(['history', 'acme'], repo.root)
    expect(text.stdout.split('\n')[0]).toBe('acme: <script>alert(1)</script> | \\u001b]0;owned\\u0007 (vendors/acme.yaml)')
    expect(text.stdout.split('\n')[2]).toContain('name Acme Inc → <script>alert(1)</script> | \\u001b]0;owned\\u0007')
    const markdown = await charter(['history', 'acme', '--format', 'markdown'], repo.root)
    // As a document's title: the pipe cannot end the cell, the controls cannot reach a terminal.
    expect(markdown.stdout.split('\n')[0]).toBe('### <script>alert(1)</script> \\| \\u001b]0;owned\\u0007 (vendor)')
  })
})
