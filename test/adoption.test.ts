// A record that starts at adoption: a fork made with `charter init` shows none of the toolkit's
// own commits, and documents moved into the documents folder from elsewhere in the repository
// keep their earlier revisions, marked before Charter. Real git repositories with fixed dates.
import {appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

/** Git's environment for a commit by `name` at `date`. */
const as = (name: string, date: string) => ({
  GIT_AUTHOR_NAME: name,
  GIT_AUTHOR_EMAIL: `${name.toLowerCase().replace(/ /g, '.')}@example.test`,
  GIT_COMMITTER_NAME: name,
  GIT_COMMITTER_EMAIL: `${name.toLowerCase().replace(/ /g, '.')}@example.test`,
  GIT_AUTHOR_DATE: date,
  GIT_COMMITTER_DATE: date
})

const commitAll = (root: string, message: string, by: string, date: string) => {
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', message], as(by, date))
  return runGit(root, ['rev-parse', 'HEAD']).trim()
}

const upstreamSubjects = ['Core of charter check: parse once, report every finding', 'Seed library: say who checks the MFA settings', 'Explain the review window in the config']
const acme = ['--name', 'Acme Inc', '--short-name', 'Acme', '--security-contact', 'security@acme.test', '--date', '2026-01-05']

interface Fork {
  root: string
  /** The toolkit's commits, oldest first; the last is where the fork stood at init. */
  upstream: string[]
  init: {stdout: string; status: number | null}
  /** init run again once the company had committed: HEAD has moved on since the adoption. */
  again: {stdout: string; status: number | null}
  /** The config as the first init wrote it. */
  config: string
}

/** A fork of the toolkit: its own development commits, then `charter init` and the company's commits. */
async function fork(): Promise<Fork> {
  const root = makeRepo({'scripts/check.ts': '// The check.\n'})
  for (const path of ['templates', 'policies', 'charter.config.yaml']) cpSync(join(projectRoot, path), join(root, path), {recursive: true})
  runGit(root, ['init', '-q', '-b', 'main'])
  const upstream = [commitAll(root, upstreamSubjects[0]!, 'Toolkit Author', '2025-10-01T10:00:00Z')]
  // A seed document changed upstream, with its template, as the toolkit's authors do.
  for (const path of ['templates/policies/access-control.md.hbs', 'policies/access-control.md']) appendFileSync(join(root, path), '- The MFA settings are checked by the identity team.\n')
  upstream.push(commitAll(root, upstreamSubjects[1]!, 'Toolkit Author', '2025-11-01T10:00:00Z'))
  writeFileSync(join(root, 'charter.config.yaml'), `# The review window decides how early reviews are announced.\n${readFileSync(join(root, 'charter.config.yaml'), 'utf8')}`)
  upstream.push(commitAll(root, upstreamSubjects[2]!, 'Toolkit Author', '2025-12-01T10:00:00Z'))
  const init = await charter(['init', ...acme], root)
  const config = readFileSync(join(root, 'charter.config.yaml'), 'utf8')
  commitAll(root, "Make the policies Acme's", 'Ann', '2026-01-05T12:00:00Z')
  const again = await charter(['init', ...acme], root)
  const path = join(root, 'policies/access-control.md')
  writeFileSync(path, readFileSync(path, 'utf8').replace('version: 1.0.0', 'version: 1.1.0').replace('- The MFA settings are checked', '- Administrators use hardware keys.\n- The MFA settings are checked'))
  commitAll(root, 'Require hardware keys for administrators', 'Ann', '2026-02-02T10:00:00Z')
  return {root, upstream, init, again, config}
}

describe('a fork made with charter init', () => {
  let made: Fork
  beforeAll(async () => {
    made = await fork()
  })

  it('records the commit it stood at as the adoption commit, keeping the config as it was', async () => {
    const {root, upstream, init, again, config} = made
    const seeds = readdirSync(join(root, 'templates/policies')).length
    expect(init.stdout).toBe(
      [
        `Seed library for Acme Inc in policies/: 0 created, ${seeds} updated, 0 unchanged.`,
        'Wrote the organization and role values to charter.config.yaml.',
        "Removed 2 certifications under trust: in charter.config.yaml, issued to Example Corp; list Acme Inc's own reports there.",
        `Recorded the adoption commit ${upstream[2]!.slice(0, 7)} in charter.config.yaml: history, the changelog and the audit begin after it.`,
        'Next: read the documents, adjust what does not fit, run `charter check`, then commit.',
        ''
      ].join('\n')
    )
    expect(config.startsWith('# The review window decides how early reviews are announced.\n# Charter settings for this repository.')).toBe(true)
    expect(config.endsWith(
      `\n\n# The commit this repository stood at when Charter was adopted: history, the changelog and\n# the audit begin after it. Written once, by \`charter init\` or \`charter import\`.\nadoption: ${upstream[2]}\n`
    )).toBe(true)
    // Once recorded, it stays: init run again at a later commit changes nothing.
    expect(again.stdout).toBe(`Seed library for Acme Inc in policies/: 0 created, 0 updated, ${seeds} unchanged.\ncharter.config.yaml already had these values.\nNothing changed.\n`)
    expect(runGit(root, ['show', 'HEAD~1:charter.config.yaml'])).toBe(config)
  })

  it('history begins after the adoption commit: none of the toolkit\'s commits are shown', async () => {
    const run = await charter(['history', 'access-control'], made.root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'access-control: Access Control Policy (policies/access-control.md)',
        '  version  date        author  change                                    approval',
        '  1.1.0    2026-02-02  Ann     Require hardware keys for administrators  none',
        "  1.0.0    2026-01-05  Ann     Make the policies Acme's                  none",
        ''
      ].join('\n')
    )
    const all = JSON.parse((await charter(['history', '--format', 'json'], made.root)).stdout) as {revisions: {subject: string; author: {name: string}}[]}[]
    const revisions = all.flatMap((document) => document.revisions)
    expect(revisions.length).toBe(all.length + 1)
    expect(revisions.filter((revision) => revision.author.name !== 'Ann')).toEqual([])
  })

  it("the bundle's pages and changelog begin after it too", async () => {
    const out = join(makeRepo({}), 'dist')
    const run = await charter(['build', '--no-pdf', '--audience', 'internal', '--out', out], made.root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const site = join(out, 'site')
    const changelog = readFileSync(join(site, 'changelog.html'), 'utf8')
    const page = readFileSync(join(site, 'documents/access-control.html'), 'utf8')
    expect(changelog).toContain('Require hardware keys for administrators')
    for (const text of [...upstreamSubjects, 'Toolkit Author']) {
      expect(changelog).not.toContain(text)
      expect(page).not.toContain(text)
    }
  })

  it('the audit leaves the earlier changes out and says so; --since brings them back', async () => {
    const {root, upstream} = made
    const run = await charter(['audit', '--today', '2026-02-03'], root)
    const lines = run.stdout.split('\n')
    expect(lines[1]).toBe(`Changes before the adoption commit ${upstream[2]!.slice(0, 7)} (2025-12-01) are out of scope; pass --since to include them.`)
    expect(lines[2]).toMatch(/^ {2}2026-02-02 {2}[0-9a-f]{7} {2}policies\/access-control\.md/)
    expect(lines.slice(2).filter((line) => line !== '' && !line.includes('2026-01-05') && !line.includes('2026-02-02'))).toEqual([])
    expect(run.status).toBe(1)

    const since = await charter(['audit', '--today', '2026-02-03', '--since', '2025-01-01'], root)
    expect(since.stdout.split('\n')[1]).toBe(`Changes before the adoption commit ${upstream[2]!.slice(0, 7)} (2025-12-01) are included, as --since 2025-01-01 asks.`)
    for (const commit of upstream) expect(since.stdout).toContain(`  ${commit.slice(0, 7)}  `)

    // --within counts back from today but never past the adoption commit.
    const within = await charter(['audit', '--today', '2026-02-03', '--within', '1y'], root)
    expect(within.stdout.split('\n').slice(0, 2).join('\n')).toBe(`${lines[0]!.replace('Changes to controlled documents,', 'Changes to controlled documents since 2025-02-03,')}\n${lines[1]}`)
    for (const commit of upstream) expect(within.stdout.split('\n').slice(2).join('\n')).not.toContain(commit.slice(0, 7))
    const recent = await charter(['audit', '--today', '2026-02-03', '--within', '2w'], root)
    expect(recent.stdout.split('\n').slice(0, 3)).toEqual([
      'Changes to controlled documents since 2026-01-20, newest first. 1 change: 0 approved, 0 reviewed after the fact, 1 waiting for review, 0 overdue.',
      expect.stringMatching(/^ {2}2026-02-02 {2}[0-9a-f]{7} {2}policies\/access-control\.md {2}no approval evidence; review it by 2026-02-04/),
      ''
    ])
  })

  it('the audit in JSON and Markdown carries the same fact', async () => {
    const {root, upstream} = made
    const json = JSON.parse((await charter(['audit', '--today', '2026-02-03', '--format', 'json'], root)).stdout)
    expect(json.adoption).toEqual({commit: upstream[2], date: '2025-12-01T10:00:00+00:00', earlier_changes: 'out-of-scope'})
    const included = JSON.parse((await charter(['audit', '--today', '2026-02-03', '--since', '2025-01-01', '--format', 'json'], root)).stdout)
    expect(included.adoption).toEqual({commit: upstream[2], date: '2025-12-01T10:00:00+00:00', earlier_changes: 'included'})
    const markdown = (await charter(['audit', '--today', '2026-02-03', '--format', 'markdown'], root)).stdout.split('\n')
    expect(markdown.slice(0, 6)).toEqual([
      '### Approval audit',
      '',
      '21 changes: 0 approved, 0 reviewed after the fact, 1 waiting for review, 20 overdue.',
      '',
      `Changes before the adoption commit ${upstream[2]!.slice(0, 7)} (2025-12-01) are out of scope; pass --since to include them.`,
      ''
    ])
  })

  it('refuses --since with --within, and a period it cannot read', async () => {
    const both = await charter(['audit', '--since', '2026-01-01', '--within', '30d'], made.root)
    expect([both.status, both.stderr]).toEqual([2, 'charter: audit: pass --since or --within, not both\n'])
    const bad = await charter(['audit', '--within', 'a while'], made.root)
    expect([bad.status, bad.stderr]).toEqual([2, 'charter: audit: --within expects a period such as 90d, 12w, 3m, 1y or "90 days", got `a while`\n'])
  })
})

describe('a document unchanged since the adoption commit', () => {
  it('history says so, rather than that it has no history', async () => {
    const root = makeRepo({'policies/a.md': policy('a')})
    runGit(root, ['init', '-q', '-b', 'main'])
    const adoption = commitAll(root, 'Add a', 'Ann', '2026-01-05T09:00:00Z')
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${adoption}\n`)
    commitAll(root, 'Adopt Charter', 'Ann', '2026-01-06T09:00:00Z')
    const run = await charter(['history', 'a'], root)
    expect(run.stdout).toBe(`a: a policy (policies/a.md)\n  no change since the adoption commit ${adoption.slice(0, 7)}\n`)
  })
})

describe('a repository without a commit', () => {
  it('init records no adoption commit', async () => {
    const root = makeRepo({'charter.config.yaml': '# Settings.\n'})
    cpSync(join(projectRoot, 'templates'), join(root, 'templates'), {recursive: true})
    mkdirSync(join(root, 'policies'))
    runGit(root, ['init', '-q', '-b', 'main'])
    const run = await charter(['init', ...acme], root)
    expect(run.stdout).not.toContain('adoption')
    expect(readFileSync(join(root, 'charter.config.yaml'), 'utf8')).not.toContain('adoption')
  })
})

/** Hugo-style handbook pages, as a team kept them before Charter. */
const hugoPage = (title: string, body: string) => `---\ntitle: ${title}\nweight: 1\n---\n\n${body}`
const accessBody = '### Purpose\n\nWhy access is controlled.\n\n### Scope\n\nEveryone with an account.\n\n### Policy\n\nUse MFA.\n'
const incidentBody = '### Purpose\n\nHow incidents are handled.\n\n### Scope\n\nEvery system that holds customer data.\n\n### Plan\n\nPage the on-call engineer.\n'

interface Imported {
  root: string
  adoption: string
  move: string
}

/**
 * Years of handbook/<topic>/index.md (one page moved there from handbook/<topic>.md on the way),
 * then Charter adopted, the pages moved into policies/ with `git mv`, and given front matter.
 */
function importedRepository(): Imported {
  const root = makeRepo({'handbook/access/index.md': hugoPage('Access', accessBody), 'handbook/incident.md': hugoPage('Incidents', incidentBody), 'handbook/about.md': 'About this handbook.\n'})
  runGit(root, ['init', '-q', '-b', 'main'])
  commitAll(root, 'Write the access and incident pages', 'Cid', '2023-05-01T09:00:00Z')
  mkdirSync(join(root, 'handbook/incident'))
  runGit(root, ['mv', 'handbook/incident.md', 'handbook/incident/index.md'])
  commitAll(root, 'Make the incident page a bundle', 'Bea', '2024-03-01T09:00:00Z')
  writeFileSync(join(root, 'handbook/access/index.md'), hugoPage('Access', accessBody.replace('Use MFA.', 'Use MFA everywhere.')))
  const adoption = commitAll(root, 'Tighten the MFA wording', 'Bea', '2024-06-01T09:00:00Z')
  writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${adoption}\n`)
  commitAll(root, 'Adopt Charter', 'Ann', '2026-01-05T09:00:00Z')
  mkdirSync(join(root, 'policies'))
  runGit(root, ['mv', 'handbook/access/index.md', 'policies/access-control.md'])
  runGit(root, ['mv', 'handbook/incident/index.md', 'policies/incident-response.md'])
  const move = commitAll(root, 'Move the handbook into policies/', 'Ann', '2026-01-05T10:00:00Z')
  const dates = {effective: '2026-01-05', last_reviewed: '2026-01-05'}
  writeFileSync(join(root, 'policies/access-control.md'), policy('access-control', {...dates, title: 'Access'}, `\n${accessBody.replaceAll('###', '##').replace('Use MFA.', 'Use MFA everywhere.')}\n## Roles and Responsibilities\n\nText.\n\n## Exceptions\n\nText.\n\n## Enforcement\n\nText.\n`))
  writeFileSync(join(root, 'policies/incident-response.md'), policy('incident-response', {...dates, title: 'Incidents', kind: 'plan'}, `\n${incidentBody.replaceAll('###', '##').replace('## Plan', '## Roles and Responsibilities\n\nText.\n\n## Plan')}\n## Testing and Maintenance\n\nText.\n`))
  commitAll(root, 'Give the policies Charter front matter', 'Ann', '2026-01-06T10:00:00Z')
  return {root, adoption, move}
}

describe('documents moved into the documents folder from elsewhere in the repository', () => {
  let made: Imported
  beforeAll(() => {
    made = importedRepository()
  })

  it('history follows them back through their old paths, marked before Charter', async () => {
    const run = await charter(['history'], made.root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'access-control: Access (policies/access-control.md)',
        '  version         date        author  change                                                                    approval',
        '  1.0.0           2026-01-06  Ann     Give the policies Charter front matter                                    none',
        '  —               2026-01-05  Ann     Move the handbook into policies/ (renamed from handbook/access/index.md)  none',
        '  before Charter  2024-06-01  Bea     Tighten the MFA wording                                                   none',
        '  before Charter  2023-05-01  Cid     Write the access and incident pages                                       none',
        '',
        'incident-response: Incidents (policies/incident-response.md)',
        '  version         date        author  change                                                                      approval',
        '  1.0.0           2026-01-06  Ann     Give the policies Charter front matter                                      none',
        '  —               2026-01-05  Ann     Move the handbook into policies/ (renamed from handbook/incident/index.md)  none',
        '  before Charter  2024-03-01  Bea     Make the incident page a bundle (renamed from handbook/incident.md)         none',
        '  before Charter  2023-05-01  Cid     Write the access and incident pages                                         none',
        ''
      ].join('\n')
    )
    const [access] = JSON.parse((await charter(['history', 'access-control', '--format', 'json'], made.root)).stdout)
    expect(access.revisions.map((revision: {version: string | null; before_charter?: boolean; path: string; change: string}) => [revision.version, revision.before_charter ?? false, revision.path, revision.change])).toEqual([
      ['1.0.0', false, 'policies/access-control.md', 'modified'],
      [null, false, 'policies/access-control.md', 'renamed'],
      [null, true, 'handbook/access/index.md', 'modified'],
      [null, true, 'handbook/access/index.md', 'added']
    ])
    const markdown = (await charter(['history', 'incident-response', '--format', 'markdown'], made.root)).stdout.split('\n')
    expect(markdown).toContain('| before Charter | 2024-03-01 | Make the incident page a bundle (renamed from handbook/incident.md) | Bea | none |')
  })

  it('the bundle shows the revisions before Charter in the revision table', async () => {
    const out = join(makeRepo({}), 'dist')
    const run = await charter(['build', '--no-pdf', '--audience', 'internal', '--out', out], made.root)
    expect(run.stderr).toBe('')
    const page = readFileSync(join(out, 'site/documents/access-control.html'), 'utf8')
    expect(page).toContain('<tr><td data-label="Date" class="date">2024-06-01</td><td data-label="Version">before Charter</td><td data-label="Change">Tighten the MFA wording</td><td data-label="Author">Bea</td><td data-label="Approval">none</td></tr>')
  })

  it('the audit leaves them out of scope and says so; --since includes them', async () => {
    const {root, adoption, move} = made
    const run = await charter(['audit', '--today', '2026-01-07'], root)
    expect(run.stdout).toBe(
      [
        'Changes to controlled documents, newest first. 5 changes: 0 approved, 0 reviewed after the fact, 5 waiting for review, 0 overdue.',
        `Changes before the adoption commit ${adoption.slice(0, 7)} (2024-06-01) are out of scope; pass --since to include them.`,
        ...run.stdout.split('\n').slice(2, 7),
        ''
      ].join('\n')
    )
    expect(run.stdout).toMatch(new RegExp(`\\n {2}2026-01-05 {2}${move.slice(0, 7)} {2}policies/access-control\\.md +no approval evidence`))
    expect(run.stdout).not.toMatch(/ 202[34]-/)
    expect(run.status).toBe(0)
    const since = await charter(['audit', '--today', '2026-01-07', '--since', '2023-01-01'], root)
    expect(since.stdout.split('\n').slice(0, 2)).toEqual([
      'Changes to controlled documents since 2023-01-01, newest first. 9 changes: 0 approved, 0 reviewed after the fact, 5 waiting for review, 4 overdue.',
      `Changes before the adoption commit ${adoption.slice(0, 7)} (2024-06-01) are included, as --since 2023-01-01 asks.`
    ])
    expect(since.stdout).toMatch(new RegExp(`\\n {2}2024-06-01 {2}${adoption.slice(0, 7)} {2}policies/access-control\\.md +OVERDUE`))
    expect(since.status).toBe(1)
  })
})
