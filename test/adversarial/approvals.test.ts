// Hostile approval evidence: trailers that name an approver without that approver's signed
// consent. Each case is a real git repository with real SSH-signed commits; a trailer counts
// only when a roster person other than the author, holding one of the document's approver
// roles on the base, signed the commit carrying it with a key the base's roster lists for them.
import {cpSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {gpgSignWith, makeGpgKey, makeKey, rosterYaml, signWith, type RosterEntry} from '../fixtures/signing'
import {charter, makeRepo, projectRoot, runGit} from '../helpers'

const annKey = makeKey('ann@laptop')
const bobKey = makeKey('bob@laptop')
const caraKey = makeKey('cara@laptop')
const fakeKey = makeKey('fake@laptop')

const ann: RosterEntry = {name: 'Ann', emails: ['ann@example.test', 'ann@home.example'], roles: ['Head of Security', 'CTO'], keys: [annKey]}
const bob: RosterEntry = {name: 'Bob', emails: ['bob@example.test'], github: 'bob', roles: ['CTO'], keys: [bobKey]}
const cara: RosterEntry = {name: 'Cara', emails: ['cara@example.test'], roles: ['Engineer'], keys: [caraKey]}

const when = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const asAnn = {...when('2026-02-02T10:00:00Z'), GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.test', GIT_COMMITTER_NAME: 'Ann', GIT_COMMITTER_EMAIL: 'ann@example.test'}
const asBob = {...when('2026-02-03T10:00:00Z'), GIT_AUTHOR_NAME: 'Bob', GIT_AUTHOR_EMAIL: 'bob@example.test', GIT_COMMITTER_NAME: 'Bob', GIT_COMMITTER_EMAIL: 'bob@example.test'}

/** A repository whose first commit holds the config, the roster (Ann, Bob, Cara) and one policy approved by the CTO. */
function repository(people: RosterEntry[] = [ann, bob, cara]) {
  const root = makeRepo({'charter.config.yaml': 'organization:\n  name: Example Corp\n  security_contact: security@acme.test\n', 'people.yaml': rosterYaml(people), 'policies/access-control.md': policy('access-control', {effective: '2026-01-01', last_reviewed: '2026-01-02'})})
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies'], {...asAnn, ...when('2026-01-05T09:00:00Z')})
  const edit = (from: string, to: string, path = 'policies/access-control.md') => writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(from, to))
  const head = (short = true) => runGit(root, ['rev-parse', ...(short ? ['--short=7'] : []), 'HEAD']).trim()
  /** Ann's change to the policy, committed with `message` lines and `options` before `commit`. */
  const change = (message: string[], options: string[] = [], env: Record<string, string> = asAnn) => {
    edit('Text for policy.', 'Every login uses MFA.')
    edit('version: 1.0.0', 'version: 1.1.0')
    runGit(root, [...options, 'commit', '-q', '-a', ...message.flatMap((line) => ['-m', line])], env)
    return head()
  }
  return {root, edit, head, change}
}

/** `charter audit` over the changes after the first commit, measured on a day past every review window. */
const audit = (root: string) => charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02'], root)

const heading = (counts: string) => `Changes to controlled documents since 2026-02-01, newest first. ${counts}.`
const overdue = 'OVERDUE: no approval evidence, and no review by 2026-02-04 (2 business days)'

describe('approval trailers an author can write alone', () => {
  // The author names the real approver in a trailer on an unsigned commit.
  it('an unsigned trailer naming a real approver is claimed, not verified', async () => {
    const repo = repository()
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'])
    const run = await audit(repo.root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Bob <bob@example.test> (Approved-by trailer: commit not signed)\n`
    )
    expect(run.status).toBe(1)
  })

  // The author signs the commit with their own key and names someone else as approver.
  it("a trailer naming another person but signed with the author's own key is not that person's approval", async () => {
    const repo = repository()
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'], [...signWith(annKey), '-c', 'commit.gpgsign=true'])
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Bob <bob@example.test> (Approved-by trailer: signed by a key that is not Bob's)\n`
    )
    expect(run.status).toBe(1)
  })

  // The author, who also holds the approver role, approves their own change from a second email address.
  it('an author approving from their second email is the same person', async () => {
    const repo = repository()
    const commit = repo.change(['Require MFA', 'Approved-by: Ann Private <ann@home.example>'], [...signWith(annKey), '-c', 'commit.gpgsign=true'])
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Ann Private <ann@home.example> (Approved-by trailer: names the change's author)\n`
    )
    expect(run.status).toBe(1)
  })

  // A real roster person with a real key, but without the document's approver role, approves.
  it('a signed approval from someone without an approver role for the document does not count', async () => {
    const repo = repository()
    const commit = repo.change(['Require MFA', 'Approved-by: Cara <cara@example.test>'], [...signWith(caraKey), '-c', 'commit.gpgsign=true'])
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Cara <cara@example.test> (Approved-by trailer: Cara holds no approver role for this document (CTO))\n`
    )
    expect(run.status).toBe(1)
  })

  // A pull request changes the document's approvers to a role its friend holds, and the friend approves.
  it("approver roles come from the document before the change, not from the change's own front matter", async () => {
    const repo = repository()
    repo.edit('approvers: [CTO]', 'approvers: [Engineer]')
    const commit = repo.change(['Let engineers approve', 'Approved-by: Cara <cara@example.test>'], [...signWith(caraKey), '-c', 'commit.gpgsign=true'])
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Cara <cara@example.test> (Approved-by trailer: Cara holds no approver role for this document (CTO))\n`
    )
    expect(run.status).toBe(1)
  })
})

describe('names shown for authors', () => {
  // A change adds its author's email to another person's roster entry, unapproved, hoping
  // history and audit show its commits under that person's name.
  it('an email added to someone else by an unapproved roster change does not rename its author', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([{...ann, emails: [...ann.emails, 'mallory@example.test']}, bob, cara]))
    const mallory = {...asAnn, GIT_AUTHOR_NAME: 'Mallory', GIT_AUTHOR_EMAIL: 'mallory@example.test'}
    repo.change(['Require MFA'], [], mallory)
    const [history] = JSON.parse((await charter(['history', 'access-control', '--format', 'json'], repo.root)).stdout)
    expect([history.revisions[0].author.name, history.revisions[0].person]).toEqual(['Mallory', null])
    const audit = JSON.parse((await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)).stdout)
    expect(audit.changes.map((change: {document: string; person: string | null}) => [change.document, change.person])).toEqual([
      ['people.yaml', null],
      ['policies/access-control.md', null]
    ])
  })
})

describe('approvals on a merged branch', () => {
  // Bob signs an approval of the branch as it was; the author then makes a material change on
  // the same branch and merges it. The approval saw none of that change, so it is stale.
  it('an approval before a later change on the branch does not count for the merge', async () => {
    const repo = repository()
    runGit(repo.root, ['checkout', '-q', '-b', 'feature'])
    repo.edit('Text for scope.', 'Text for the scope of this policy.')
    runGit(repo.root, ['commit', '-q', '-a', '-m', 'Fix a typo'], asAnn)
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Bob <bob@example.test>'], asBob)
    repo.change(['Drop MFA'])
    runGit(repo.root, ['checkout', '-q', 'main'])
    runGit(repo.root, ['merge', '-q', '--no-ff', 'feature', '-m', 'Merge pull request #9 from example/feature'], {...asAnn, ...when('2026-02-03T12:00:00Z')})
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)
    expect(JSON.parse(run.stdout).changes.map((change: {document: string; status: string; evidence: unknown[]}) => [change.document, change.status, change.evidence])).toEqual([['policies/access-control.md', 'overdue', []]])
    expect(run.status).toBe(1)
  })

  // Control: the same approval signed after the last change counts.
  it('an approval after the last change on the branch counts for the merge', async () => {
    const repo = repository()
    runGit(repo.root, ['checkout', '-q', '-b', 'feature'])
    repo.change(['Require MFA'])
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Bob <bob@example.test>'], asBob)
    runGit(repo.root, ['checkout', '-q', 'main'])
    runGit(repo.root, ['merge', '-q', '--no-ff', 'feature', '-m', 'Merge pull request #9 from example/feature'], {...asAnn, ...when('2026-02-03T12:00:00Z')})
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)
    expect(JSON.parse(run.stdout).changes.map((change: {document: string; status: string}) => [change.document, change.status])).toEqual([['policies/access-control.md', 'approved']])
    expect(run.status).toBe(0)
  })
})

describe('a pull request that rewrites the roster', () => {
  // The pull request adds a fake approver with the CTO role to people.yaml, and signs its approval with the fake key.
  it('a fake approver added by the change itself is not on the trusted roster', async () => {
    const repo = repository()
    runGit(repo.root, ['checkout', '-q', '-b', 'feature'])
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, bob, cara, {name: 'Fake Approver', emails: ['fake@example.test'], roles: ['CTO'], keys: [fakeKey]}]))
    repo.change(['Require MFA'])
    runGit(repo.root, [...signWith(fakeKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Fake Approver <fake@example.test>'], {...asAnn, GIT_AUTHOR_NAME: 'Fake Approver', GIT_AUTHOR_EMAIL: 'fake@example.test'})
    runGit(repo.root, ['checkout', '-q', 'main'])
    runGit(repo.root, ['merge', '-q', '--no-ff', 'feature', '-m', 'Merge pull request #7 from example/feature'], {...asAnn, ...when('2026-02-03T12:00:00Z')})
    const merge = repo.head()
    const run = await audit(repo.root)
    const claim = 'claimed, not verified: approved by Fake Approver <fake@example.test> (Approved-by trailer: not on the roster)'
    expect(run.stdout).toBe(
      `${heading('2 changes: 0 approved, 0 reviewed after the fact, 0 waiting for review, 2 overdue')}\n` +
        `  2026-02-03  ${merge}  people.yaml                 OVERDUE: no approval evidence, and no review by 2026-02-05 (2 business days); ${claim}\n` +
        `  2026-02-03  ${merge}  policies/access-control.md  OVERDUE: no approval evidence, and no review by 2026-02-05 (2 business days); ${claim}\n`
    )
    expect(run.status).toBe(1)
  })

  // The pull request replaces the real approver's key in people.yaml with its own, then signs in the approver's name.
  it("a key swapped into the approver's roster entry by the change itself is not the approver's key", async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, {...bob, keys: [fakeKey]}, cara]))
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'], [...signWith(fakeKey), '-c', 'commit.gpgsign=true'])
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)
    expect(run.status).toBe(1)
    const json = JSON.parse(run.stdout)
    expect(json.changes.map((change: {document: string; status: string; claims: {reason: string}[]}) => [change.document, change.status, change.claims.map((claim) => claim.reason)])).toEqual([
      ['people.yaml', 'overdue', ["signed by a key that is not Bob's"]],
      ['policies/access-control.md', 'overdue', ["signed by a key that is not Bob's"]]
    ])
    expect(json.changes[0].commit.slice(0, 7)).toBe(commit)
  })

  // The key is swapped in an earlier commit that no one approves, and a later commit (a direct
  // push, or a rebase merge) signs in the approver's name with it: the swap is never trusted.
  it('a key swapped in by an earlier unapproved commit approves nothing later', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, {...bob, keys: [fakeKey]}, cara]))
    runGit(repo.root, ['commit', '-q', '-a', '-m', 'Tidy the roster'], asAnn)
    const swap = repo.head()
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'], [...signWith(fakeKey), '-c', 'commit.gpgsign=true'])
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)
    expect(run.status).toBe(1)
    const json = JSON.parse(run.stdout)
    expect(json.changes.map((change: {commit: string; document: string; status: string; claims: {reason: string}[]}) => [change.commit.slice(0, 7), change.document, change.status, change.claims.map((claim) => claim.reason)])).toEqual([
      [swap, 'people.yaml', 'overdue', []],
      [commit, 'policies/access-control.md', 'overdue', ["signed by a key that is not Bob's"]]
    ])
  })

  // Control: Ann's roster change, which Bob approves by signing it with his key on the roster
  // before it, is trusted, so the CTO role it gives Cara counts for her later approval.
  it('a roster change approved under the roster before it is trusted afterwards', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, bob, {...cara, roles: ['CTO']}]))
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '-a', '-m', 'Cara becomes CTO', '-m', 'Approved-by: Bob <bob@example.test>'], asAnn)
    const rosterChange = repo.head()
    const commit = repo.change(['Require MFA', 'Approved-by: Cara <cara@example.test>'], [...signWith(caraKey), '-c', 'commit.gpgsign=true'])
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-02', '--format', 'json'], repo.root)
    const json = JSON.parse(run.stdout)
    expect(json.changes.map((change: {commit: string; document: string; status: string}) => [change.commit.slice(0, 7), change.document, change.status])).toEqual([
      [rosterChange, 'people.yaml', 'approved'],
      [commit, 'policies/access-control.md', 'approved']
    ])
    expect(run.status).toBe(0)
  })
})

describe('OpenPGP signatures', () => {
  const bobGpg = makeGpgKey('Bob <bob@example.test>')
  const annGpg = makeGpgKey('Ann <ann@example.test>')

  // Control: the approver signs with the OpenPGP key the roster lists for them.
  it('a trailer signed with the approver\'s OpenPGP key on the roster is approval', async () => {
    const repo = repository([ann, {...bob, keys: [], gpgKeys: [bobGpg]}, cara])
    const sign = gpgSignWith(bobGpg)
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'], [...sign.options, '-c', 'commit.gpgsign=true'], {...asAnn, ...sign.env})
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 1 approved, 0 reviewed after the fact, 0 waiting for review, 0 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  approved by Bob <bob@example.test> (Approved-by trailer, signed)\n`
    )
    expect(run.status).toBe(0)
  })

  // The author signs with an OpenPGP key of their own that carries the approver's name and email, which the roster does not list.
  it("an OpenPGP key made in the approver's name but not on the roster is not the approver's key", async () => {
    const lookalike = makeGpgKey('Bob <bob@example.test>')
    const repo = repository([ann, {...bob, keys: [], gpgKeys: [bobGpg]}, {...cara, gpgKeys: [annGpg]}])
    const sign = gpgSignWith(lookalike)
    const commit = repo.change(['Require MFA', 'Approved-by: Bob <bob@example.test>'], [...sign.options, '-c', 'commit.gpgsign=true'], {...asAnn, ...sign.env})
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Bob <bob@example.test> (Approved-by trailer: signed by a key that is not Bob's)\n`
    )
    expect(run.status).toBe(1)
  })
})

describe('after-the-fact reviews', () => {
  // After an emergency push, its author records the "review" of their own change with a signed Reviews: commit.
  it('a Reviews: follow-up by the change\'s author does not close the review', async () => {
    const repo = repository()
    const commit = repo.change(['Hotfix: require MFA'])
    runGit(repo.root, [...signWith(annKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review the hotfix', '-m', `Reviews: ${commit}`, '-m', 'Approved-by: Ann <ann@home.example>'], {...asAnn, ...when('2026-02-03T10:00:00Z')})
    const review = repo.head()
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  ${overdue}; claimed, not verified: approved by Ann <ann@home.example> (Approved-by trailer of review ${review}: names the change's author)\n`
    )
    expect(run.status).toBe(1)
  })

  // Control: the same follow-up, signed by the approver, closes it.
  it('a Reviews: follow-up signed by the approver closes the review', async () => {
    const repo = repository()
    const commit = repo.change(['Hotfix: require MFA'])
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review the hotfix', '-m', `Reviews: ${commit}`, '-m', 'Approved-by: Bob <bob@example.test>'], asBob)
    const review = repo.head()
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 1 reviewed after the fact, 0 waiting for review, 0 overdue')}\n` +
        `  2026-02-02  ${commit}  policies/access-control.md  reviewed after the fact in ${review} on 2026-02-03: approved by Bob <bob@example.test> (Approved-by trailer of review ${review}, signed)\n`
    )
    expect(run.status).toBe(0)
  })
})

describe('hostile text in trailers', () => {
  // A trailer's name carries terminal escape sequences and HTML, to drive the terminal or a page that shows it.
  it('control characters and HTML in a trailer name are escaped and never counted', async () => {
    const repo = repository()
    repo.change(['Require MFA', 'Approved-by: \x1b]0;owned\x07<script>alert(1)</script> Bob'])
    const run = await charter(['history', 'access-control'], repo.root)
    expect(run.stdout.split('\n')[2]).toBe(
      '  1.1.0    2026-02-02  Ann     Require MFA         none; claimed, not verified: approved by \\u001b]0;owned\\u0007<script>alert(1)</script> Bob (Approved-by trailer: not on the roster)'
    )
    expect(run.stdout).not.toContain('\x1b')
    expect(run.status).toBe(0)
  })
})

describe('commit messages that imitate git output', () => {
  // Charter splits git's output on control characters. A subject holding them could end its own
  // commit early and pose as a commit the approver really signed, with an Approved-by trailer of its own.
  it("a subject carrying the log's separators cannot borrow another commit's signature", async () => {
    const repo = repository()
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Sign off the quarter'], {...asBob, ...when('2026-01-20T10:00:00Z')})
    const signed = repo.head(false)
    const initial = runGit(repo.root, ['rev-parse', 'HEAD~1']).trim()
    const forged = ['Require MFA', signed, initial, 'Someone', 'someone@example.test', '2026-02-02T10:00:00+00:00', 'Require MFA', 'Approved-by: Bob <bob@example.test>']
    const commit = repo.change([`${forged[0]}\x1e${forged.slice(1).join('\x1f')}`])
    const run = await audit(repo.root)
    expect(run.stdout).toBe(`${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n  2026-02-02  ${commit}  policies/access-control.md  ${overdue}\n`)
    expect(run.status).toBe(1)
  })
})

describe('the published revision table', () => {
  // The author's unsigned trailer names the approver with HTML, hoping the page shows it as approved, or runs it.
  it('shows an unsigned trailer as claimed, not verified, with its HTML escaped, and never to the public', async () => {
    const repo = repository()
    cpSync(join(projectRoot, 'templates'), join(repo.root, 'templates'), {recursive: true})
    runGit(repo.root, ['add', 'templates'])
    repo.change(['Require MFA', 'Approved-by: <img src=x onerror=alert(1)> Bob <bob@example.test>'])
    const cellsOf = async (audience: string) => {
      const run = await charter(['build', '--no-pdf', '--audience', audience, '--out', `dist-${audience}`], repo.root)
      expect(run.stderr).toBe('')
      expect(run.status).toBe(0)
      const site = join(repo.root, `dist-${audience}`, 'site')
      const pages = readdirSync(site, {recursive: true, encoding: 'utf8'}).filter((path) => path.endsWith('.html')).map((path) => readFileSync(join(site, path), 'utf8'))
      expect(pages.join('')).not.toContain('<img src=x')
      return pages.flatMap((page) => [...page.matchAll(/<td data-label="Approval">([^<]*)<\/td>/g)].map((match) => match[1]))
    }
    expect(await cellsOf('internal')).toContain(
      'none; claimed, not verified: approved by &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; Bob &lt;bob@example.test&gt; (Approved-by trailer: commit not signed)'
    )
    // A customer reads only what was verified; a claim is not repeated to them.
    const publicCells = await cellsOf('public')
    expect(publicCells).toContain('No verified approval')
    expect(publicCells.join('')).not.toContain('Bob')
  })
})

describe('the roster file', () => {
  // A roster lists one email under two people, so one of them could approve as the other.
  it('an email listed for two people is an error at the second, naming the first', async () => {
    const repo = repository([ann, bob, {...cara, emails: ['cara@example.test', 'BOB@example.test']}])
    const run = await charter(['check', '--today', '2026-03-02'], repo.root)
    expect(run.stdout).toBe(
      [
        'people.yaml',
        '14:33-14:49 error Unexpected duplicate email `BOB@example.test`: also listed for Bob (line 7); one person is one entry, so merge the two or remove it from one config-schema charter',
        '',
        '✖ 1 error',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
  })

  // A roster with an unknown key (a misspelt signing_keys) would silently drop a person's keys.
  it('an unknown key in a roster entry is an error at the key', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), 'people:\n  - name: Bob\n    emails: [bob@example.test]\n    roles: [CTO]\n    signing_key: ssh-ed25519 AAAA\n')
    const run = await charter(['check', '--today', '2026-03-02', '--format', 'json'], repo.root)
    const findings = JSON.parse(run.stdout).findings as {file: string; line: number; column: number; endColumn: number; rule: string; message: string}[]
    expect(findings.map((finding) => `${finding.file}:${finding.line}:${finding.column}-${finding.endColumn} ${finding.rule} ${finding.message}`)).toEqual([
      'people.yaml:5:5-16 config-schema Unexpected key `signing_key` in `people[0]`, expected one of `name`, `emails`, `github`, `login`, `roles`, `start`, `end`, `employment`, `groups`, `signing_keys`, `gpg_keys`; did you mean `signing_keys`?'
    ])
    expect(run.status).toBe(1)
  })
})

describe('changes to the config', () => {
  // A direct push edits charter.config.yaml; it needs the same approval as a policy change.
  it('a config change without signed approval is overdue like a document change', async () => {
    const repo = repository()
    repo.edit('Example Corp', 'Example Inc', 'charter.config.yaml')
    runGit(repo.root, ['commit', '-q', '-am', 'Rename the organization', '-m', 'Approved-by: Cara <cara@example.test>'], asAnn)
    const commit = repo.head()
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 0 approved, 0 reviewed after the fact, 0 waiting for review, 1 overdue')}\n` +
        `  2026-02-02  ${commit}  charter.config.yaml  ${overdue}; claimed, not verified: approved by Cara <cara@example.test> (Approved-by trailer: Cara holds no approver role for this document (CTO, Head of Security))\n`
    )
    expect(run.status).toBe(1)
  })

  // Control: the approver signs the config change.
  it("a config change signed by a holder of a document's approver role is approved", async () => {
    const repo = repository()
    repo.edit('Example Corp', 'Example Inc', 'charter.config.yaml')
    runGit(repo.root, [...signWith(bobKey), 'commit', '-q', '-S', '-am', 'Rename the organization', '-m', 'Approved-by: Bob <bob@example.test>'], {...asBob, GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.test', ...when('2026-02-02T10:00:00Z')})
    const commit = repo.head()
    const run = await audit(repo.root)
    expect(run.stdout).toBe(
      `${heading('1 change: 1 approved, 0 reviewed after the fact, 0 waiting for review, 0 overdue')}\n` +
        `  2026-02-02  ${commit}  charter.config.yaml  approved by Bob <bob@example.test> (Approved-by trailer, signed)\n`
    )
    expect(run.status).toBe(0)
  })
})
