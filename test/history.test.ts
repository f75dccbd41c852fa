// Document control from a real git repository: merges, squashes, a rename, trailers, a direct
// push, an amended author and an after-the-fact review, all with fixed dates; approvals signed
// with real SSH keys listed in the roster; GitHub evidence from a local stand-in for its API.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startFakeGitHub, type FakeGitHub} from './fixtures/github-server'
import {policy} from './fixtures/documents'
import {makeKey, rosterYaml, signWith} from './fixtures/signing'
import {charter, charterAsync, makeRepo, runGit} from './helpers'

const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const as = (name: string, date: string) => ({...at(date), GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.test`})

interface Built {
  root: string
  commits: Record<string, string>
}

const bobKey = makeKey('bob@laptop')
const roster = rosterYaml([
  {name: 'Ann', emails: ['ann@example.test'], roles: ['Head of Security']},
  {name: 'Bob', emails: ['bob@example.test'], github: 'bob', roles: ['CTO'], keys: [bobKey]},
  {name: 'Cara', emails: ['cara@example.test'], roles: ['Engineer']}
])

/** The history every test here reads; commit ids are recorded by name. */
function buildRepository(): Built {
  const root = makeRepo({'charter.config.yaml': 'github:\n  repository: example/policies\n', 'people.yaml': roster, 'policies/.keep': ''})
  const commits: Record<string, string> = {}
  const head = () => runGit(root, ['rev-parse', 'HEAD']).trim()
  const write = (path: string, text: string) => writeFileSync(join(root, path), text)
  const bodyEdit = (path: string, from: string, to: string) => write(path, readFileSync(join(root, path), 'utf8').replace(from, to))
  runGit(root, ['init', '-q', '-b', 'main'])
  write('policies/access-control.md', policy('access-control', {effective: '2026-01-05', last_reviewed: '2026-01-05'}))
  write('policies/incident-response.md', policy('incident-response', {effective: '2026-01-05', last_reviewed: '2026-01-05'}))
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the first policies'], as('Ann', '2026-01-05T09:00:00Z'))
  commits.initial = head()

  // A pull request merged with a merge commit; Bob approves it with an empty commit signed by his key.
  runGit(root, ['checkout', '-q', '-b', 'feature/mfa'])
  bodyEdit('policies/access-control.md', 'Text for policy.', 'Every login uses MFA.')
  bodyEdit('policies/access-control.md', 'version: 1.0.0', 'version: 1.1.0')
  runGit(root, ['commit', '-q', '-am', 'Require MFA everywhere'], as('Cara', '2026-02-02T10:00:00Z'))
  runGit(root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '-m', 'Approved-by: Bob <bob@example.test>'], as('Bob', '2026-02-03T09:00:00Z'))
  runGit(root, ['checkout', '-q', 'main'])
  runGit(root, ['merge', '-q', '--no-ff', 'feature/mfa', '-m', 'Merge pull request #12 from example/feature/mfa'], as('Dan', '2026-02-03T15:00:00Z'))
  commits.merge = head()

  // A squash-merged pull request: the subject ends with (#15). Its author names Bob in an
  // unsigned trailer, which is a claim, not evidence.
  bodyEdit('policies/incident-response.md', 'Text for policy.', 'Severity levels are SEV1 to SEV4.')
  bodyEdit('policies/incident-response.md', 'version: 1.0.0', 'version: 1.1.0')
  runGit(root, ['commit', '-q', '-am', 'Define severity levels (#15)', '-m', 'Approved-by: Bob <bob@example.test>'], as('Cara', '2026-02-10T11:00:00Z'))
  commits.squash = head()

  // A rename through pull request #16 (id and file name change together).
  runGit(root, ['mv', 'policies/incident-response.md', 'policies/incident-plan.md'])
  bodyEdit('policies/incident-plan.md', 'id: incident-response', 'id: incident-plan')
  runGit(root, ['commit', '-q', '-am', 'Rename the incident response plan (#16)'], as('Cara', '2026-02-17T11:00:00Z'))
  commits.rename = head()

  // A direct push with no evidence, reviewed after the fact by Bob three days later.
  bodyEdit('policies/access-control.md', 'Every login uses MFA.', 'Every login uses MFA, with no exceptions.')
  bodyEdit('policies/access-control.md', 'version: 1.1.0', 'version: 1.1.1')
  runGit(root, ['commit', '-q', '-am', 'Hotfix: close the MFA exception'], as('Ann', '2026-03-06T18:00:00Z'))
  commits.hotfix = head()
  // The review lines in two paragraphs, as `-m … -m …` writes them: they still count.
  runGit(root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review the MFA hotfix', '-m', `Reviews: ${commits.hotfix.slice(0, 10)}`, '-m', 'Approved-by: Bob <bob@example.test>'], as('Bob', '2026-03-09T09:00:00Z'))

  // Another direct push, its author amended afterwards; nobody has reviewed it.
  bodyEdit('policies/incident-plan.md', 'Text for scope.', 'All systems that hold customer data.')
  bodyEdit('policies/incident-plan.md', 'version: 1.1.0', 'version: 1.2.0')
  runGit(root, ['commit', '-q', '-am', 'Widen the incident scope'], as('Ann', '2026-03-13T16:00:00Z'))
  runGit(root, ['commit', '-q', '--amend', '--no-edit', '--author', 'Erin <erin@example.test>'], at('2026-03-13T16:00:00Z'))
  commits.amended = head()
  return {root, commits}
}

/** Bob's signed approval commit: the merged branch's tip. */
const approvalCommit = (root: string, merge: string) => runGit(root, ['rev-parse', `${merge}^2`]).trim()

let repo: Built
beforeAll(async () => {
  repo = buildRepository()
})

describe('charter history', () => {
  it('lists revisions newest first with version, date, author, summary and trailer evidence', async () => {
    const run = await charter(['history', 'access-control'], repo.root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toBe(
      [
        'access-control: access-control policy (policies/access-control.md)',
        '  version  date        author  change                                           approval',
        '  1.1.1    2026-03-06  Ann     Hotfix: close the MFA exception                  none',
        '  1.1.0    2026-02-03  Cara    Merge pull request #12 from example/feature/mfa  approved by Bob <bob@example.test> (Approved-by trailer, signed)',
        '  1.0.0    2026-01-05  Ann     Add the first policies                           none',
        ''
      ].join('\n')
    )
  })

  it('follows a rename, reads squash and merge pull request numbers, and shows an amended author', async () => {
    const [plan] = JSON.parse((await charter(['history', 'incident-plan', '--format', 'json'], repo.root)).stdout)
    expect(plan.revisions.map((revision: {version: string; author: {name: string}; pr: number | null; change: string; path: string}) => [revision.version, revision.author.name, revision.pr, revision.change, revision.path])).toEqual([
      ['1.2.0', 'Erin', null, 'modified', 'policies/incident-plan.md'],
      ['1.1.0', 'Cara', 16, 'renamed', 'policies/incident-plan.md'],
      ['1.1.0', 'Cara', 15, 'modified', 'policies/incident-response.md'],
      ['1.0.0', 'Ann', null, 'added', 'policies/incident-response.md']
    ])
    expect(plan.revisions[1].previous_path).toBe('policies/incident-response.md')
  })

  it('records the merger of a merge commit and the trailers of the merged commit', async () => {
    const [access] = JSON.parse((await charter(['history', 'access-control', '--format', 'json'], repo.root)).stdout)
    const merge = access.revisions[1]
    expect(merge.commit).toBe(repo.commits.merge)
    expect(merge.merged_by).toEqual({name: 'Dan', email: 'dan@example.test'})
    expect(merge.date).toBe('2026-02-03T15:00:00+00:00')
    // The approval's commit and date are those of Bob's signed commit on the merged branch.
    expect(merge.evidence).toEqual([{kind: 'approved', by: 'Bob <bob@example.test>', source: 'trailer', detail: 'Approved-by trailer, signed', commit: approvalCommit(repo.root, merge.commit), date: '2026-02-03T09:00:00+00:00'}])
  })

  it('shows an unsigned trailer as claimed, not verified, and never as evidence', async () => {
    const [plan] = JSON.parse((await charter(['history', 'incident-plan', '--format', 'json'], repo.root)).stdout)
    const squash = plan.revisions[2]
    expect(squash.commit).toBe(repo.commits.squash)
    expect(squash.evidence).toEqual([])
    expect(squash.claims).toEqual([{kind: 'approved', by: 'Bob <bob@example.test>', source: 'trailer', detail: 'Approved-by trailer', reason: 'commit not signed'}])
    const markdown = (await charter(['history', 'incident-plan', '--format', 'markdown'], repo.root)).stdout
    expect(markdown.split('\n')).toContain(
      '| 1.1.0 | 2026-02-10 | Define severity levels (#15) | Cara | none; claimed, not verified: approved by Bob <bob@example.test> (Approved-by trailer: commit not signed) |'
    )
  })

  it('shows an author by their roster name, whichever of their emails they committed with', async () => {
    const root = makeRepo({'people.yaml': rosterYaml([{name: 'Ann Example', emails: ['ann@example.test', 'ann@home.example'], roles: ['Head of Security']}]), 'policies/a.md': policy('a')})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add a'], {GIT_AUTHOR_NAME: 'ann-laptop', GIT_AUTHOR_EMAIL: 'ann@home.example'})
    const run = await charter(['history', 'a'], root)
    expect(run.stdout.split('\n').slice(1, 3)).toEqual(['  version  date        author       change  approval', '  1.0.0    2026-01-05  Ann Example  Add a   none'])
    const [a] = JSON.parse((await charter(['history', 'a', '--format', 'json'], root)).stdout)
    expect([a.revisions[0].author, a.revisions[0].person]).toEqual([{name: 'ann-laptop', email: 'ann@home.example'}, 'Ann Example'])
  })

  it('refuses a shallow clone for every command that reads history', async () => {
    const shallow = makeRepo({})
    runGit(shallow, ['clone', '-q', '--depth', '1', `file://${repo.root}`, 'clone'])
    const clone = join(shallow, 'clone')
    for (const args of [['history'], ['audit'], ['check', '--base', 'HEAD']]) {
      const run = await charter(args, clone)
      expect(run.stderr, args.join(' ')).toBe('charter: history is shallow; fetch full history (in GitHub Actions: `fetch-depth: 0`)\n')
      expect(run.status).toBe(1)
    }
  })

  it('says so outside a git repository', async () => {
    const root = makeRepo({'policies/a.md': policy('a')})
    const run = await charter(['history'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe(`charter: ${root} is not a git repository; document history comes from git, so run charter in a clone\n`)
  })
})

describe('charter audit', () => {
  it('waits for the window before calling a review overdue, counting business days', async () => {
    // The hotfix's neighbour landed on Friday 2026-03-13: two business days run to Tuesday the 17th.
    const pending = await charter(['audit', '--since', '2026-03-10', '--today', '2026-03-17'], repo.root)
    expect(pending.stdout.split('\n')[1]).toBe(`  2026-03-13  ${repo.commits.amended!.slice(0, 7)}  policies/incident-plan.md  no approval evidence; review it by 2026-03-17 (2 business days)`)
    expect(pending.status).toBe(0)
    const calendar = await charter(['audit', '--since', '2026-03-10', '--today', '2026-03-17', '--window', '3 days'], repo.root)
    expect(calendar.stdout.split('\n')[1]).toBe(`  2026-03-13  ${repo.commits.amended!.slice(0, 7)}  policies/incident-plan.md  OVERDUE: no approval evidence, and no review by 2026-03-16 (3 days)`)
    expect(calendar.status).toBe(1)
  })

  it('flags the changes without evidence and the after-the-fact review; exit 1 once a review is overdue', async () => {
    const {commits} = repo
    const reviewCommit = runGit(repo.root, ['rev-parse', '--short=7', 'HEAD~1']).trim()
    const run = await charter(['audit', '--since', '2026-02-01', '--today', '2026-03-19'], repo.root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Changes to controlled documents since 2026-02-01, newest first. 5 changes: 1 approved, 1 reviewed after the fact, 0 waiting for review, 3 overdue.',
        `  2026-03-13  ${commits.amended!.slice(0, 7)}  policies/incident-plan.md   OVERDUE: no approval evidence, and no review by 2026-03-17 (2 business days)`,
        `  2026-03-06  ${commits.hotfix!.slice(0, 7)}  policies/access-control.md  reviewed after the fact in ${reviewCommit} on 2026-03-09: approved by Bob <bob@example.test> (Approved-by trailer of review ${reviewCommit}, signed)`,
        `  2026-02-17  ${commits.rename!.slice(0, 7)}  policies/incident-plan.md   OVERDUE: no approval evidence, and no review by 2026-02-19 (2 business days)`,
        `  2026-02-10  ${commits.squash!.slice(0, 7)}  policies/incident-plan.md   OVERDUE: no approval evidence, and no review by 2026-02-12 (2 business days); claimed, not verified: approved by Bob <bob@example.test> (Approved-by trailer: commit not signed)`,
        `  2026-02-03  ${commits.merge!.slice(0, 7)}  policies/access-control.md  approved by Bob <bob@example.test> (Approved-by trailer, signed)`,
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
  })
})

describe('approval evidence from GitHub', () => {
  let github: FakeGitHub
  const env = () => ({GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies', CHARTER_GITHUB_BACKOFF_MS: '5,5'})

  beforeAll(async () => {
    github = await startFakeGitHub({
      repository: 'example/policies',
      pageSize: 1,
      pulls: [
        {number: 12, author: 'cara', mergedBy: 'dan', mergeCommit: repo.commits.merge},
        {number: 15, author: 'cara', mergedBy: 'cara', mergeCommit: repo.commits.squash},
        {number: 16, author: 'cara', mergedBy: 'cara', mergeCommit: repo.commits.rename}
      ],
      reviews: {
        12: [{user: 'cara', state: 'APPROVED'}],
        15: [{user: 'erin', state: 'COMMENTED', body: 'Looks fine'}, {user: 'cara', state: 'COMMENTED', body: 'LGTM'}, {user: 'bob', state: 'APPROVED'}],
        16: [{user: 'dave', state: 'COMMENTED', body: 'lgtm, thanks'}]
      }
    })
  })
  afterAll(() => github.close())

  it('applies the review rules, follows pagination, and answers a second run from the cache', async () => {
    const first = await charterAsync(['audit', '--github', '--today', '2026-03-19', '--format', 'json'], repo.root, env())
    expect(first.stderr).toBe('')
    const changes = JSON.parse(first.stdout).changes as {commit: string; document: string; status: string; evidence: {by: string; detail: string}[]}[]
    const byCommit = (commit: string) => changes.find((change) => change.commit === commit)!
    expect(byCommit(repo.commits.merge!).evidence).toEqual([
      {kind: 'approved', by: 'Bob <bob@example.test>', source: 'trailer', detail: 'Approved-by trailer, signed', commit: approvalCommit(repo.root, repo.commits.merge!), date: '2026-02-03T09:00:00+00:00'},
      {kind: 'merged', by: 'dan', source: 'github', detail: 'PR #12 merged by someone other than its author', login: 'dan', date: '2026-03-01T12:00:00Z', href: 'https://github.com/example/policies/pull/12'}
    ])
    expect(byCommit(repo.commits.squash!).evidence).toEqual([
      {kind: 'approved', by: 'bob', source: 'github', detail: 'PR #15 approval', login: 'bob', date: '2026-03-01T11:00:00Z', href: 'https://github.com/example/policies/pull/15#pullrequestreview-3'}
    ])
    expect(byCommit(repo.commits.rename!).evidence).toEqual([
      {kind: 'approved', by: 'dave', source: 'github', detail: 'PR #16 LGTM review', login: 'dave', date: '2026-03-01T11:00:00Z', href: 'https://github.com/example/policies/pull/16#pullrequestreview-1'}
    ])
    expect(byCommit(repo.commits.hotfix!).status).toBe('reviewed-after')
    expect(byCommit(repo.commits.amended!).status).toBe('overdue')
    expect(github.requests.filter((request) => request.startsWith('GET /repos/example/policies/pulls/15/reviews'))).toEqual([
      'GET /repos/example/policies/pulls/15/reviews?per_page=100',
      'GET /repos/example/policies/pulls/15/reviews?per_page=100&page=2',
      'GET /repos/example/policies/pulls/15/reviews?per_page=100&page=3'
    ])
    const before = github.requests.length
    const second = await charterAsync(['audit', '--github', '--today', '2026-03-19', '--format', 'json'], repo.root, env())
    expect(second.stdout).toBe(first.stdout)
    expect(github.requests.length).toBe(before)
  })

  it('reports a rate limit as GitHub unavailable, never as unapproved', async () => {
    const root = buildRepository().root
    github.rateLimitNext(100)
    const run = await charterAsync(['audit', '--github', '--today', '2026-03-19', '--format', 'json'], root, env())
    github.rateLimitNext(0)
    expect(run.stderr).toBe('charter: GitHub was unavailable (GitHub\'s API rate limit is used up until 2100-01-01 00:00 UTC); changes it would decide are "not assessed"\n')
    const statuses = (JSON.parse(run.stdout).changes as {status: string}[]).map((change) => change.status)
    expect(statuses).not.toContain('pending')
    expect(statuses).not.toContain('overdue')
    // The merge has a signed trailer and the hotfix its follow-up review; GitHub decides the other
    // seven, two of them the first commit's config and roster.
    expect(statuses.filter((status) => status === 'not-assessed')).toHaveLength(7)
    expect(run.status).toBe(2)
  })

  it('reports an unreachable GitHub by name, and judges only what git alone can', async () => {
    const root = buildRepository().root
    const gone = await startFakeGitHub({repository: 'example/policies', pulls: [], reviews: {}})
    await gone.close()
    const run = await charterAsync(['audit', '--github', '--since', '2026-02-01', '--today', '2026-03-19'], root, {...env(), GITHUB_API_URL: gone.url})
    expect(run.stderr).toMatch(/^charter: GitHub was unavailable \(GitHub did not answer \(.+\) after 3 attempts\); changes it would decide are "not assessed"\n$/)
    expect(run.stdout.split('\n')[0]).toBe('Changes to controlled documents since 2026-02-01, newest first. 5 changes: 1 approved, 1 reviewed after the fact, 0 waiting for review, 0 overdue, 3 not assessed.')
    expect(run.status).toBe(2)
  })

  it('retries a server error, then succeeds', async () => {
    const root = buildRepository().root
    github.failNext(2)
    const run = await charterAsync(['history', 'access-control', '--github', '--format', 'json'], root, env())
    expect(run.stderr).toBe('')
    const [access] = JSON.parse(run.stdout)
    expect(access.revisions[1].evidence).toEqual([
      {kind: 'approved', by: 'Bob <bob@example.test>', source: 'trailer', detail: 'Approved-by trailer, signed', commit: approvalCommit(root, access.revisions[1].commit), date: '2026-02-03T09:00:00+00:00'},
      {kind: 'merged', by: 'dan', source: 'github', detail: 'PR #12 merged by someone other than its author', login: 'dan', date: '2026-03-01T12:00:00Z', href: 'https://github.com/example/policies/pull/12'}
    ])
  })

  it('files one follow-up issue per change waiting for review, and never the same one twice', async () => {
    const root = buildRepository().root
    const first = await charterAsync(['audit', '--open-issues', '--since', '2026-03-10', '--today', '2026-03-19'], root, env())
    expect(first.status).toBe(1)
    const titles = github.issues.map((issue) => issue.title)
    const amended = runGit(root, ['rev-parse', '--short=7', 'HEAD']).trim()
    expect(titles).toEqual([`Follow-up review: example/policies@${amended} (incident-plan)`])
    expect(github.issues[0]!.body).toContain('- **Who to ask:** CTO (the document\'s approvers)')
    expect(github.issues[0]!.body).toContain(' policies/incident-plan.md | 4 ++--')
    expect(github.issues[0]!.body).toContain(`--trailer "Reviews: ${runGit(root, ['rev-parse', 'HEAD']).trim()}" --trailer "Approved-by: Name <email>"`)
    const posts = github.requests.filter((request) => request.startsWith('POST')).length
    await charterAsync(['audit', '--open-issues', '--since', '2026-03-10', '--today', '2026-03-19'], root, env())
    expect(github.requests.filter((request) => request.startsWith('POST')).length).toBe(posts)
    expect(github.issues).toHaveLength(1)
  })

  it('names the missing token instead of failing later', async () => {
    const run = await charter(['audit', '--github'], repo.root, {GITHUB_TOKEN: ''})
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: --github needs a token in GITHUB_TOKEN that can read pull requests (and write issues for --open-issues)\n')
  })
})
