// charter remind and charter codeowners against a local stand-in for the GitHub API.
import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {startFakeGitHub, type FakeGitHub} from './fixtures/github-server'
import {policy} from './fixtures/documents'
import {charter, charterAsync, makeRepo, runGit} from './helpers'

const config = ['github:', '  repository: example/policies', '  handles:', '    Head of Security: "@sec-lead"', '    CTO: "@example/engineering"', ''].join('\n')

function repository(): string {
  return makeRepo({
    'charter.config.yaml': config,
    'policies/overdue.md': policy('overdue', {title: 'Overdue Policy', effective: '2024-01-01', last_reviewed: '2025-01-10'}),
    'policies/soon.md': policy('soon', {title: 'Soon Policy', owner: 'CTO', effective: '2024-01-01', last_reviewed: '2025-06-20'}),
    'policies/fresh.md': policy('fresh', {title: 'Fresh Policy'})
  })
}

let github: FakeGitHub
let root: string
const env = () => ({GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies', CHARTER_GITHUB_BACKOFF_MS: '5,5'})
const remind = (...extra: string[]) => charterAsync(['remind', '--today', '2026-06-01', ...extra], root, env())

beforeEach(async () => {
  root = repository()
  github = await startFakeGitHub({repository: 'example/policies', pulls: [], reviews: {}, pageSize: 2, movedFrom: 'example/old-policies'})
})
afterEach(() => github.close())

describe('charter remind', () => {
  it('opens one assigned, labelled issue per due document and closes the one no longer due', async () => {
    github.issues.push(
      {number: 7, title: 'Policy review due: Fresh Policy (fresh)', body: '<!-- charter:review-reminder fresh -->\nold', state: 'open', labels: ['policy-review'], assignees: [], comments: []},
      {number: 8, title: 'Unrelated bug', body: 'nothing to do with policies', state: 'open', labels: [], assignees: [], comments: []},
      {number: 9, title: 'A pull request', body: '<!-- charter:review-reminder soon -->', state: 'open', labels: [], assignees: [], comments: [], pull_request: {url: 'x'}}
    )
    const run = await remind()
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Review reminders in example/policies (due within 30d): 2 opened, 0 updated, 1 closed, 0 unchanged.',
        '  open   Policy review due: Overdue Policy (overdue)',
        '  open   Policy review due: Soon Policy (soon)',
        '  close  #7 (fresh no longer due)',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(0)
    const [overdue, soon] = github.issues.filter((issue) => issue.number >= 100)
    expect(overdue).toMatchObject({title: 'Policy review due: Overdue Policy (overdue)', labels: ['policy-review'], assignees: ['sec-lead'], state: 'open'})
    expect(overdue!.body).toContain('is due on **2026-01-10** (142 days overdue)')
    expect(overdue!.body).toContain('charter review overdue')
    expect(soon).toMatchObject({labels: ['policy-review'], assignees: [], state: 'open'})
    expect(soon!.body).toContain('- Owner: CTO (@example/engineering)')
    const closed = github.issues.find((issue) => issue.number === 7)!
    expect(closed.state).toBe('closed')
    expect(closed.comments).toEqual(['The review of `fresh` is recorded, or the document is gone: it is no longer due. Closing.'])
    expect(github.labels).toEqual(['policy-review'])
    expect(github.issues.find((issue) => issue.number === 9)!.state).toBe('open')
  })

  it('changes nothing when run again, and closes an issue once its review is recorded', async () => {
    await remind()
    const writes = () => github.requests.filter((request) => !request.startsWith('GET')).length
    const before = writes()
    const again = await remind()
    expect(again.stdout.split('\n')[0]).toBe('Review reminders in example/policies (due within 30d): 0 opened, 0 updated, 0 closed, 2 unchanged.')
    expect(writes()).toBe(before)
    expect((await charter(['review', 'overdue', '--date', '2026-06-01'], root, {}, {today: '2026-06-01'})).status).toBe(0)
    const after = await remind()
    expect(after.stdout.split('\n')[0]).toBe('Review reminders in example/policies (due within 30d): 0 opened, 0 updated, 1 closed, 1 unchanged.')
    expect(github.issues.filter((issue) => issue.state === 'open').map((issue) => issue.title)).toEqual(['Policy review due: Soon Policy (soon)'])
  })

  it('updates an open issue whose text is out of date instead of filing another', async () => {
    await remind()
    const later = await charterAsync(['remind', '--today', '2026-06-08'], root, env())
    expect(later.stdout.split('\n')[0]).toBe('Review reminders in example/policies (due within 30d): 0 opened, 2 updated, 0 closed, 0 unchanged.')
    expect(github.issues.filter((issue) => issue.state === 'open')).toHaveLength(2)
    expect(github.issues.find((issue) => issue.title.includes('Overdue'))!.body).toContain('(149 days overdue)')
  })

  it('names the missing permission and writes nothing with a read-only token', async () => {
    github.readOnly(true)
    const run = await remind()
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: GitHub refused POST /repos/example/policies/labels (403: Resource not accessible by integration); the token needs the permission issues=write\n')
    expect(github.issues).toEqual([])
    expect(github.labels).toEqual([])
  })

  it('says which token is missing', async () => {
    const run = await charterAsync(['remind'], root, {...env(), GITHUB_TOKEN: ''})
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: charter remind needs a token in GITHUB_TOKEN with the issues: write permission\n')
  })

  it('gives up on a failing API after bounded retries, and the next run puts everything right', async () => {
    github.failWritesAfter(2)
    const failed = await remind()
    expect(failed.status).toBe(2)
    expect(failed.stderr).toBe('charter: GitHub answered 502 after 3 attempts, after 1 of 2 issue changes; run charter remind again to finish\n')
    expect(github.issues.filter((issue) => issue.state === 'open')).toHaveLength(1)
    github.failWritesAfter(undefined)
    const next = await remind()
    expect(next.stdout.split('\n')[0]).toBe('Review reminders in example/policies (due within 30d): 1 opened, 0 updated, 0 closed, 1 unchanged.')
    expect(github.issues.filter((issue) => issue.state === 'open').map((issue) => issue.title).sort()).toEqual(['Policy review due: Overdue Policy (overdue)', 'Policy review due: Soon Policy (soon)'])
  })

  it('prints the plan and writes nothing with --dry-run', async () => {
    const run = await remind('--dry-run')
    expect(run.stdout.split('\n')[0]).toBe('Would change in example/policies: 2 to open, 0 to update, 0 to close, 0 unchanged.')
    expect(github.requests.filter((request) => !request.startsWith('GET'))).toEqual([])
  })
})

describe('charter codeowners', () => {
  it('writes CODEOWNERS from owners and approvers, and lists roles without a handle', async () => {
    writeFileSync(join(root, 'policies/people.md'), policy('people', {owner: 'Head of People', approvers: '[Head of People]'}))
    const run = await charter(['codeowners'], root)
    expect(run.stdout).toBe(
      [
        'Wrote .github/CODEOWNERS: 3 documents with required reviewers, 1 document with none; the gate reviewed by @sec-lead, @example/engineering.',
        'No GitHub handle for these roles (add them under github.handles in charter.config.yaml):',
        '  the gate (config, roster, workflows, toolkit, new documents and vendors): Head of People',
        '  policies/people.md: Head of People',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(1)
    expect(readFileSync(join(root, '.github/CODEOWNERS'), 'utf8')).toBe(
      [
        "# Generated by `charter codeowners` from each document's owner and approvers and",
        "# each vendor's owner, the roster and github.handles in charter.config.yaml. Change",
        '# those, then run it again; `charter check` reports this file when it no longer matches.',
        '',
        '# The gate, and any document or vendor added: the roles that approve config changes.',
        '/.ci/ @sec-lead @example/engineering',
        '/.github/ @sec-lead @example/engineering',
        '/bin/ @sec-lead @example/engineering',
        '/charter.config.yaml @sec-lead @example/engineering',
        '/package-lock.json @sec-lead @example/engineering',
        '/package.json @sec-lead @example/engineering',
        '/people.yaml @sec-lead @example/engineering',
        '/policies/ @sec-lead @example/engineering',
        '/schemas/ @sec-lead @example/engineering',
        '/scripts/ @sec-lead @example/engineering',
        '/templates/ @sec-lead @example/engineering',
        '/tools/ @sec-lead @example/engineering',
        '',
        '# Each document: its owner and approvers.',
        '/policies/fresh.md @sec-lead @example/engineering',
        '/policies/overdue.md @sec-lead @example/engineering',
        '/policies/soon.md @example/engineering',
        ''
      ].join('\n')
    )
  })

  it('is reported by check once it drifts from the documents', async () => {
    expect((await charter(['codeowners'], root)).status).toBe(0)
    expect((await charter(['codeowners', '--check'], root)).status).toBe(0)
    writeFileSync(join(root, 'policies/soon.md'), readFileSync(join(root, 'policies/soon.md'), 'utf8').replace('approvers: [CTO]', 'approvers: [CTO, Head of Security]'))
    const check = await charter(['check', '--today', '2026-06-01', '--format', 'json'], root)
    const drift = JSON.parse(check.stdout).findings.filter((finding: {rule: string}) => finding.rule === 'codeowners')
    expect(drift).toEqual([
      {
        file: '.github/CODEOWNERS',
        line: 22,
        column: 1,
        endLine: 22,
        endColumn: 1,
        severity: 'error',
        rule: 'codeowners',
        message:
          "Unexpected `/policies/soon.md @example/engineering`, expected `/policies/soon.md @example/engineering @sec-lead`: the owners, approvers, the roster's config_approvers or github.handles changed; run `charter codeowners` and commit the file"
      }
    ])
    expect(check.status).toBe(1)
    const checkOnly = await charter(['codeowners', '--check'], root)
    expect(checkOnly.stdout).toBe('.github/CODEOWNERS differs from the documents from line 22; run `charter codeowners`\n')
    expect(checkOnly.status).toBe(1)
  })

  // A pull request could otherwise edit the workflow, the checker or the roster, or add a vendor
  // naming its own owner, with nobody's review: the gate goes to the roster's config approvers.
  it('gives the gate to the roster\'s config approvers and each vendor to its owner, and check agrees with the file', async () => {
    writeFileSync(join(root, 'people.yaml'), ['config_approvers: [Head of Security]', 'people:', '  - name: Ann Example', '    emails: [ann@example.test]', '    roles: [Head of Security]', ''].join('\n'))
    mkdirSync(join(root, 'vendors'))
    const vendor = (id: string, owner: string, status: string) => [`id: ${id}`, `name: ${id}`, `website: https://${id}.example`, `owner: ${owner}`, `status: ${status}`, 'services: Mail', 'data: [none]', 'location: [Ireland]', ''].join('\n')
    writeFileSync(join(root, 'vendors/mailer.yaml'), vendor('mailer', 'CTO', 'active'))
    writeFileSync(join(root, 'vendors/swag.yaml'), vendor('swag', 'Head of People', 'active'))
    writeFileSync(join(root, 'vendors/gone.yaml'), vendor('gone', 'CTO', 'retired').replace('status: retired', 'status: retired\noffboarded: {date: 2026-01-05, data_deleted: true}'))
    const run = await charter(['codeowners'], root)
    expect(run.stdout).toBe(
      [
        'Wrote .github/CODEOWNERS: 3 documents with required reviewers; 1 vendor with required reviewers, 1 vendor with none; the gate reviewed by @sec-lead.',
        'No GitHub handle for these roles (add them under github.handles in charter.config.yaml):',
        '  vendors/swag.yaml: Head of People',
        ''
      ].join('\n')
    )
    const text = readFileSync(join(root, '.github/CODEOWNERS'), 'utf8').split('\n')
    expect(text.slice(4, 19)).toEqual([
      '# The gate, and any document or vendor added: the roles that approve config changes.',
      ...['.ci/', '.github/', 'bin/', 'charter.config.yaml', 'package-lock.json', 'package.json', 'people.yaml', 'policies/', 'schemas/', 'scripts/', 'templates/', 'tools/', 'vendors/'].map((path) => `/${path} @sec-lead`),
      ''
    ])
    expect(text.slice(-4)).toEqual(['', '# Each vendor: its owner.', '/vendors/mailer.yaml @example/engineering', ''])
    const check = await charter(['check', '--today', '2026-06-01', '--format', 'json'], root)
    expect(JSON.parse(check.stdout).findings.filter((finding: {rule: string}) => finding.rule === 'codeowners')).toEqual([])
    writeFileSync(join(root, 'vendors/mailer.yaml'), vendor('mailer', 'Head of Security', 'active'))
    const drift = await charter(['check', '--today', '2026-06-01', '--format', 'json'], root)
    expect(JSON.parse(drift.stdout).findings.filter((finding: {rule: string}) => finding.rule === 'codeowners').map((finding: {line: number; message: string}) => `${finding.line}: ${finding.message}`)).toEqual([
      "26: Unexpected `/vendors/mailer.yaml @example/engineering`, expected `/vendors/mailer.yaml @sec-lead`: the owners, approvers, the roster's config_approvers or github.handles changed; run `charter codeowners` and commit the file"
    ])
  })

  it('asks for handles when there are none', async () => {
    writeFileSync(join(root, 'charter.config.yaml'), '# no handles\n')
    const run = await charter(['codeowners'], root)
    expect(run.status).toBe(1)
    expect(run.stderr.split('\n')[0]).toBe('github.handles in charter.config.yaml is empty; map each owner and approver role to a GitHub user or team, e.g.')
  })
})

describe('the GitHub client', () => {
  /** The repository as a git work tree with one commit, for charter audit --github. */
  function committed(): string {
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add the policies'])
    return runGit(root, ['rev-parse', 'HEAD']).trim()
  }
  const audit = (extra: Record<string, string>) => charterAsync(['audit', '--github', '--today', '2026-01-06', '--format', 'json'], root, {...env(), CHARTER_CACHE_DIR: '', GITHUB_ACTIONS: '', ...extra})
  const cached = (folder: string) => (existsSync(folder) ? readdirSync(folder).map((key) => readdirSync(join(folder, key)).length) : [])

  it('caches answers in the user cache directory, one folder per repository, never in the work tree', async () => {
    committed()
    const home = makeRepo({})
    const first = await audit({XDG_CACHE_HOME: home})
    expect(first.stderr).toBe('')
    expect(first.status).toBe(0)
    // One folder for example/policies, holding the commit's pull requests.
    expect(cached(join(home, 'charter/github'))).toEqual([1])
    expect(existsSync(join(root, '.charter'))).toBe(false)
    const before = github.requests.length
    expect((await audit({XDG_CACHE_HOME: home})).stdout).toBe(first.stdout)
    expect(github.requests.length).toBe(before)
    // Another repository on the same API shares nothing: it asks again, into its own folder.
    await audit({XDG_CACHE_HOME: home, GITHUB_REPOSITORY: 'example/old-policies'})
    expect(github.requests.length).toBeGreaterThan(before)
    expect(cached(join(home, 'charter/github'))).toEqual([1, 1])
  })

  it('caches answers in RUNNER_TEMP in GitHub Actions', async () => {
    committed()
    const runnerTemp = makeRepo({})
    const home = makeRepo({})
    const run = await audit({GITHUB_ACTIONS: 'true', RUNNER_TEMP: runnerTemp, XDG_CACHE_HOME: home})
    expect(run.status).toBe(0)
    expect(cached(join(runnerTemp, 'charter-cache/github'))).toEqual([1])
    expect(existsSync(join(home, 'charter'))).toBe(false)
    expect(existsSync(join(root, '.charter'))).toBe(false)
  })

  // A guard for the client's own redirect handling (fetch no longer follows redirects itself).
  it('follows a renamed repository to its new name on the same origin, with the token', async () => {
    const run = await charterAsync(['remind', '--today', '2026-06-01'], root, {...env(), GITHUB_REPOSITORY: 'example/old-policies'})
    expect(run.stderr).toBe('')
    expect(run.stdout.split('\n')[0]).toBe('Review reminders in example/old-policies (due within 30d): 2 opened, 0 updated, 0 closed, 0 unchanged.')
    expect(run.status).toBe(0)
    expect(github.requests.slice(0, 2)).toEqual(['GET /repos/example/old-policies/issues?state=open&per_page=100', 'GET /repos/example/policies/issues?state=open&per_page=100'])
    expect(github.issues.map((issue) => issue.title)).toEqual(['Policy review due: Overdue Policy (overdue)', 'Policy review due: Soon Policy (soon)'])
  })

  it('refuses a GITHUB_API_URL that is not an http(s) URL', async () => {
    const run = await charterAsync(['remind', '--today', '2026-06-01'], root, {...env(), GITHUB_API_URL: 'api.github.com'})
    expect(run.stderr).toBe("charter: Unexpected GITHUB_API_URL `api.github.com`, expected an http(s) URL such as https://api.github.com; set it to your GitHub API's address or unset it\n")
    expect(run.status).toBe(1)
    expect(github.requests).toEqual([])
  })
})
