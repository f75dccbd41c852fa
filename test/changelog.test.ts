// The revision record as customers and auditors read it, from a real git repository: summaries
// from a Change: trailer, a pull request's title or the subject; approvals from signed trailers
// and GitHub reviews; one changelog entry per change, grouped by release; the Atom feed; and
// authors by role unless publish.show_authors names them.
import {readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {changelogFeed} from '../scripts/bundle/changelog-feed'
import type {ReleaseGroup} from '../scripts/bundle/changelog'
import {startFakeGitHub, type FakeGitHub} from './fixtures/github-server'
import {policy} from './fixtures/documents'
import {makeKey, rosterYaml, signWith} from './fixtures/signing'
import {charter, charterAsync, makeRepo, runGit, type Run} from './helpers'

const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const as = (name: string, date: string) => ({...at(date), GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: `${name.toLowerCase()}@example.test`, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: `${name.toLowerCase()}@example.test`})

const bobKey = makeKey('bob@laptop')
const roster = rosterYaml([
  {name: 'Ann', emails: ['ann@example.test'], roles: ['Head of Security']},
  {name: 'Bob', emails: ['bob@example.test'], github: 'bob', roles: ['CTO', 'Engineer'], keys: [bobKey]}
])
const config = ['organization:', '  name: Example Corp', '  short_name: Example', '  security_contact: security@example.test', 'github:', '  repository: example/policies', ''].join('\n')
const dates = {effective: '2026-01-05', last_reviewed: '2026-01-05'}

interface Repository {
  root: string
  commits: {first: string; approval: string; merge: string; direct: string; config: string}
}

/**
 * Three documents, two public. The first commit is tagged v2026.1. A pull request (#12) revises
 * all three in one change with a Change: trailer, approved by Bob's signed commit; its merge is
 * tagged v2026.2. A direct commit (#15 on GitHub) revises one, with no trailer. Then the config
 * turns show_authors on.
 */
function repository(): Repository {
  const root = makeRepo({
    'charter.config.yaml': config,
    'people.yaml': roster,
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', ...dates}),
    'policies/password.md': policy('password', {title: 'Password Standard', kind: 'standard', ...dates}, '\n## Purpose\n\nText.\n\n## Scope\n\nText.\n\n## Requirements\n\nText.\n\n## Roles and Responsibilities\n\nText.\n\n## Exceptions\n\nText.\n\n## Enforcement\n\nText.\n'),
    'policies/incident.md': policy('incident', {title: 'Incident Response Policy', classification: 'internal', ...dates})
  })
  const head = () => runGit(root, ['rev-parse', 'HEAD']).trim()
  const edit = (path: string, from: string, to: string) => writeFileSync(join(root, path), readFileSync(join(root, path), 'utf8').replace(from, to))
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the first policies'], as('Ann', '2026-01-05T09:00:00Z'))
  const first = head()
  runGit(root, ['tag', 'v2026.1'])

  runGit(root, ['checkout', '-q', '-b', 'feature/keys'])
  for (const path of ['policies/access-control.md', 'policies/password.md', 'policies/incident.md']) edit(path, 'version: 1.0.0', 'version: 1.1.0')
  runGit(root, ['commit', '-q', '-am', 'wip: bump three docs for the keys thing', '--trailer', 'Change: Administrators must use hardware security keys'], as('Cara', '2026-02-02T10:00:00Z'))
  runGit(root, [...signWith(bobKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Approve', '--trailer', 'Approved-by: Bob <bob@example.test>'], as('Bob', '2026-02-03T09:00:00Z'))
  const approval = head()
  runGit(root, ['checkout', '-q', 'main'])
  runGit(root, ['merge', '-q', '--no-ff', 'feature/keys', '-m', 'Merge pull request #12 from example/feature/keys'], as('Dan', '2026-02-03T15:00:00Z'))
  const merge = head()
  runGit(root, ['tag', '-a', 'v2026.2', '-m', 'Second release'], as('Ann', '2026-02-04T09:00:00Z'))

  edit('policies/password.md', 'version: 1.1.0', 'version: 1.1.1')
  runGit(root, ['commit', '-q', '-am', 'Fix typo (#15)'], as('Ann', '2026-03-01T12:00:00Z'))
  const direct = head()
  return {root, commits: {first, approval, merge, direct, config: ''}}
}

let repo: Repository
let github: FakeGitHub
const built: Record<string, {run: Run; file(path: string): string}> = {}

async function build(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const out = join(repo.root, '..', `${name}-${repo.root.split('/').pop()}`)
  const run = await charterAsync(['build', '--no-pdf', '--out', out, ...args], repo.root, env)
  built[name] = {run, file: (path) => readFileSync(join(out, path), 'utf8')}
}

beforeAll(async () => {
  repo = repository()
  github = await startFakeGitHub({
    repository: 'example/policies',
    pulls: [
      {number: 12, author: 'cara', mergedBy: 'dan', mergeCommit: repo.commits.merge},
      {number: 15, title: 'Correct the password length <b>wording</b>', author: 'ann', mergedBy: 'ann', mergeCommit: repo.commits.direct}
    ],
    reviews: {12: [{user: 'bob', state: 'APPROVED'}], 15: [{user: 'bob', state: 'APPROVED'}, {user: 'zed', state: 'APPROVED'}]}
  })
  await build('public')
  await build('internal', ['--audience', 'internal'])
  await build('github', ['--github'], {GITHUB_TOKEN: 'test-token', GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'example/policies', CHARTER_GITHUB_BACKOFF_MS: '5,5'})
  writeFileSync(join(repo.root, 'charter.config.yaml'), `${config}publish:\n  show_authors: true\n`)
  runGit(repo.root, ['commit', '-q', '-am', 'Show authors on the public page'], as('Ann', '2026-03-02T09:00:00Z'))
  repo.commits.config = runGit(repo.root, ['rev-parse', 'HEAD']).trim()
  await build('named')
})
afterAll(() => github.close())

const short = (commit: string) => commit.slice(0, 7)
const anchor = (commit: string) => `change-${commit.slice(0, 12)}`
const mainOf = (page: string) => page.slice(page.indexOf('<main id="main" class="wrap">'), page.indexOf('</main>'))

const lead =
  '<p class="lead">Every change to a published document, newest first, grouped by the release that first published it. One change may revise several documents. <a href="changelog.xml">Subscribe to the Atom feed</a>.</p>'
const head = '<thead><tr><th scope="col">Date</th><th scope="col">Change</th><th scope="col">Documents</th><th scope="col">Author</th><th scope="col">Approval</th></tr></thead>'

/** One release's section of the changelog page, as the template lays it out. */
function release(version: string, date: string, rows: string[]): string[] {
  const id = `release-${version.replace(/[^A-Za-z0-9._-]/g, '-')}`
  return [`<section class="release" aria-labelledby="${id}">`, `  <h2 id="${id}">${version} <span class="release-date">${date}</span></h2>`, '  <table class="changelog">', `    ${head}`, '    <tbody>', ...rows, '    </tbody>', '  </table>', '</section>']
}

function row(commit: string, date: string, summary: string, documents: string, author: string, approval: string): string {
  return [
    `      <tr id="${anchor(commit)}">`,
    `        <td data-label="Date" class="date">${date}</td>`,
    `        <th scope="row">${summary}</th>`,
    `        <td data-label="Documents"><ul class="changed-documents">${documents}</ul></td>`,
    `        <td data-label="Author">${author}</td>`,
    `        <td data-label="Approval">${approval}</td>`,
    '      </tr>'
  ].join('\n')
}

const access = (version: string) => `<li><a href="documents/access-control.html">Access Control Policy</a> ${version}</li>`
const password = (version: string) => `<li><a href="documents/password.html">Password Standard</a> ${version}</li>`
const incident = (version: string) => `<li><a href="documents/incident.html">Incident Response Policy</a> ${version}</li>`
const bundleOf = (commit: string, day: string) => `${day.replaceAll('-', '.')}+${short(commit)}`

describe('the changelog page', () => {
  it('lists one change across several documents as one entry, grouped by release, newest first', () => {
    const {merge, direct, first, approval} = repo.commits
    const version = bundleOf(direct, '2026-03-01')
    expect(built.public!.run.stderr).toBe('')
    expect(built.public!.run.status).toBe(0)
    expect(mainOf(built.public!.file('site/changelog.html'))).toBe(
      [
        '<main id="main" class="wrap">',
        '<h1>Changes</h1>',
        lead,
        ...release(version, 'this bundle, 2026-03-01', [row(direct, '2026-03-01', 'Fix typo (#15)', password('1.1.1'), 'Head of Security', 'No verified approval')]),
        ...release('v2026.2', '2026-02-03', [
          row(merge, '2026-02-03', 'Administrators must use hardware security keys', access('1.1.0') + password('1.1.0'), 'Contributor', `Approved by CTO on 2026-02-03 (signed commit ${short(approval)})`)
        ]),
        ...release('v2026.1', '2026-01-05', [row(first, '2026-01-05', 'Add the first policies', access('1.0.0') + password('1.0.0'), 'Head of Security', 'No verified approval')]),
        '',
        ''
      ].join('\n')
    )
  })

  it('names people, shows every document and repeats unverified claims only in the internal edition', () => {
    const {merge, direct, first, approval} = repo.commits
    const page = mainOf(built.internal!.file('site/changelog.html'))
    expect(page).toContain(row(merge, '2026-02-03', 'Administrators must use hardware security keys', access('1.1.0') + incident('1.1.0') + password('1.1.0'), 'Cara', `Approved by Bob on 2026-02-03 (signed commit ${short(approval)})`))
    expect(page).toContain(row(direct, '2026-03-01', 'Fix typo (#15)', password('1.1.1'), 'Ann', 'none'))
    expect(page).toContain(row(first, '2026-01-05', 'Add the first policies', access('1.0.0') + incident('1.0.0') + password('1.0.0'), 'Ann', 'none'))
  })

  it('with publish.show_authors, the public edition names authors and approvers', () => {
    const {merge, direct, approval} = repo.commits
    const page = mainOf(built.named!.file('site/changelog.html'))
    expect(page).toContain(row(direct, '2026-03-01', 'Fix typo (#15)', password('1.1.1'), 'Ann', 'No verified approval'))
    expect(page).toContain(row(merge, '2026-02-03', 'Administrators must use hardware security keys', access('1.1.0') + password('1.1.0'), 'Cara', `Approved by Bob on 2026-02-03 (signed commit ${short(approval)})`))
    expect(page).not.toContain('Head of Security</td>')
    // Without it, no name of a person reaches the public pages or feed.
    const pages = ['site/changelog.html', 'site/changelog.xml', 'site/documents/password.html', 'site/documents/access-control.html'].map((path) => built.public!.file(path)).join('')
    for (const name of ['Ann', 'Bob', 'Cara', 'Dan', 'bob@example.test']) expect(pages).not.toContain(name)
  })

  it('with --github: approvals from the reviews, dated and linked; the pull request title when no trailer', () => {
    const {merge, direct, approval} = repo.commits
    expect(built.github!.run.stderr).toBe('')
    const page = mainOf(built.github!.file('site/changelog.html'))
    const review = (pull: number, id: number) => `https://github.com/example/policies/pull/${pull}#pullrequestreview-${id}`
    expect(page).toContain(
      row(
        direct,
        '2026-03-01',
        'Correct the password length &lt;b&gt;wording&lt;/b&gt;',
        password('1.1.1'),
        'Head of Security',
        `<a href="${review(15, 1)}">Approved by CTO on 2026-03-01 (PR #15 approval)</a>; <a href="${review(15, 2)}">Approved by a reviewer on 2026-03-01 (PR #15 approval)</a>`
      )
    )
    // The Change: trailer wins over the pull request's title ("Pull 12").
    expect(page).toContain(
      row(
        merge,
        '2026-02-03',
        'Administrators must use hardware security keys',
        access('1.1.0') + password('1.1.0'),
        'Contributor',
        `Approved by CTO on 2026-02-03 (signed commit ${short(approval)}); <a href="${review(12, 1)}">Approved by CTO on 2026-03-01 (PR #12 approval)</a>; <a href="https://github.com/example/policies/pull/12">Merged by a reviewer on 2026-03-01 (PR #12 merged by someone other than its author)</a>`
      )
    )
    expect(github.requests).toContain(`GET /repos/example/policies/commits/${merge}/pulls?per_page=100`)
  })

  it("each document's revision table shows the same summaries, people and approvals, and the date on one line", () => {
    const {approval} = repo.commits
    const table = built.public!.file('site/documents/password.html')
    expect(table).toContain(
      '<tr><td data-label="Date" class="date">2026-03-01</td><td data-label="Version">1.1.1</td><td data-label="Change">Fix typo (#15)</td><td data-label="Author">Head of Security</td><td data-label="Approval">No verified approval</td></tr>'
    )
    expect(table).toContain(
      `<tr><td data-label="Date" class="date">2026-02-03</td><td data-label="Version">1.1.0</td><td data-label="Change">Administrators must use hardware security keys</td><td data-label="Author">Contributor</td><td data-label="Approval">Approved by CTO on 2026-02-03 (signed commit ${short(approval)})</td></tr>`
    )
    expect(built.public!.file('site/style.css')).toContain('td.date { white-space: nowrap; }')
  })
})

describe('the Atom feed', () => {
  const uuid = /<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>/g

  it('lists each change once, with dates from the commits and the release it is in', () => {
    const {merge, direct, first, approval} = repo.commits
    const feed = built.public!.file('site/changelog.xml')
    const ids = feed.match(uuid)!
    expect(ids).toHaveLength(4)
    expect(new Set(ids).size).toBe(4)
    // The feed's id is a version 5 UUID of its name (checked against Python's uuid.uuid5).
    expect(ids[0]).toBe('<id>urn:uuid:4d9bded2-f820-5290-bb01-d3b64a11454f</id>')
    const version = bundleOf(direct, '2026-03-01')
    const entry = (commit: string, title: string, updated: string, author: string, category: string, content: string) => [
      '  <entry>',
      '    <id>…</id>',
      `    <title type="text">${title}</title>`,
      `    <updated>${updated}</updated>`,
      `    <link rel="alternate" type="text/html" href="changelog.html#${anchor(commit)}"/>`,
      `    <author><name>${author}</name></author>`,
      `    <category term="${category}"/>`,
      `    <content type="text">${content}</content>`,
      '  </entry>'
    ]
    expect(feed.replace(uuid, '<id>…</id>')).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        '  <id>…</id>',
        '  <title>Example security policy changes</title>',
        '  <updated>2026-03-01T12:00:00+00:00</updated>',
        '  <author><name>Example Corp</name></author>',
        '  <link rel="alternate" type="text/html" href="changelog.html"/>',
        ...entry(direct, 'Fix typo (#15)', '2026-03-01T12:00:00+00:00', 'Head of Security', version, `Document: Password Standard 1.1.1.\nIn this bundle: ${version}.\nApproval: No verified approval.`),
        ...entry(
          merge,
          'Administrators must use hardware security keys',
          '2026-02-03T15:00:00+00:00',
          'Contributor',
          'v2026.2',
          `Documents: Access Control Policy 1.1.0, Password Standard 1.1.0.\nRelease: v2026.2.\nApproval: Approved by CTO on 2026-02-03 (signed commit ${short(approval)}).`
        ),
        ...entry(first, 'Add the first policies', '2026-01-05T09:00:00+00:00', 'Head of Security', 'v2026.1', 'Documents: Access Control Policy 1.0.0, Password Standard 1.0.0.\nRelease: v2026.1.\nApproval: No verified approval.'),
        '</feed>',
        ''
      ].join('\n')
    )
  })

  it('keeps its entry ids across builds and audiences, and gives each audience its own feed id', () => {
    const ids = (name: string) => built[name]!.file('site/changelog.xml').match(uuid)!
    expect(ids('github').slice(1)).toEqual(ids('public').slice(1))
    expect(ids('internal').slice(1)).toEqual(ids('public').slice(1))
    expect(ids('internal')[0]).not.toBe(ids('public')[0])
  })

  it('is linked from the changelog page, named in the manifest, and verified with the bundle', async () => {
    const page = built.public!.file('site/changelog.html')
    expect(page).toContain('<link rel="alternate" type="application/atom+xml" title="Example security policy changes (Atom)" href="changelog.xml">\n</head>')
    expect(built.public!.file('site/index.html')).not.toContain('application/atom+xml')
    const manifest = JSON.parse(built.public!.file('manifest.json'))
    expect(manifest.feed).toBe('site/changelog.xml')
    expect(Object.keys(manifest.files)).toContain('site/changelog.xml')
  })

  it('writes the same bytes for the same commit', async () => {
    await build('again')
    for (const path of ['site/changelog.xml', 'site/changelog.html', 'site/documents/password.html']) expect(built.again!.file(path)).toBe(built.named!.file(path))
  })

  it('escapes text for XML, drops what XML cannot carry, and names its address when the config gives one', () => {
    const groups: ReleaseGroup[] = [
      {
        version: 'v1',
        date: '2026-01-05',
        anchor: 'release-v1',
        unreleased: false,
        changes: [
          {
            commit: 'a'.repeat(40),
            anchor: `change-${'a'.repeat(12)}`,
            date: '2026-01-05',
            timestamp: '2026-01-05T09:00:00+01:00',
            summary: 'Use <b>keys</b> & "tokens"',
            author: 'Head of Security',
            approvals: [],
            approval: 'No verified approval',
            documents: [{title: 'A \u0007bell\ud800 & <b>', page: 'documents/a.html', version: '1.0.0'}]
          }
        ]
      }
    ]
    const feed = changelogFeed(groups, {siteName: 'R&D', organization: 'R&D <Corp>', audience: 'internal', url: 'https://security.example.org/', bundleDate: '2026-01-06T00:00:00Z'})
    expect(feed).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="https://security.example.org/site/">',
        // Both ids checked against Python's uuid.uuid5(uuid.NAMESPACE_URL, name).
        '  <id>urn:uuid:a7d0c18e-f251-55cc-991d-fd9778d0bba8</id>',
        '  <title>R&amp;D security policy changes</title>',
        '  <updated>2026-01-05T09:00:00+01:00</updated>',
        '  <author><name>R&amp;D &lt;Corp&gt;</name></author>',
        '  <link rel="alternate" type="text/html" href="changelog.html"/>',
        '  <link rel="self" type="application/atom+xml" href="changelog.xml"/>',
        '  <entry>',
        '    <id>urn:uuid:f006d518-6f7a-58fd-a566-9f68ae0b177f</id>',
        '    <title type="text">Use &lt;b&gt;keys&lt;/b&gt; &amp; "tokens"</title>',
        '    <updated>2026-01-05T09:00:00+01:00</updated>',
        `    <link rel="alternate" type="text/html" href="changelog.html#change-${'a'.repeat(12)}"/>`,
        '    <author><name>Head of Security</name></author>',
        '    <category term="v1"/>',
        '    <content type="text">Document: A bell &amp; &lt;b&gt; 1.0.0.\nRelease: v1.\nApproval: No verified approval.</content>',
        '  </entry>',
        '</feed>',
        ''
      ].join('\n')
    )
  })
})

describe('the Change: trailer charter review suggests', () => {
  it('is what the revision record shows for the review', async () => {
    const review = await charter(['review', 'password', '--date', '2026-03-05'], repo.root, {}, {today: '2026-03-05'})
    expect(review.status).toBe(0)
    // The commit message is what follows the blank line after the explanation.
    const message = review.stdout.split('\n\n').slice(2).join('\n\n')
    expect(message).toBe('Review password\n\nPeriodic review on 2026-03-05.\n- password: reviewed, no change (1.1.1)\n\nChange: Periodic review of the Password Standard\n')
    runGit(repo.root, ['commit', '-q', '-am', message], as('Ann', '2026-03-05T09:00:00Z'))
    const [history] = JSON.parse((await charter(['history', 'password', '--format', 'json'], repo.root)).stdout)
    expect(history.revisions[0].summary).toBe('Periodic review of the Password Standard')
    expect(history.revisions[0].subject).toBe('Review password')
  })
})
