// The documents folder set by `documents` in the config: every command reads and writes there,
// and a folder that is missing or reached through a symbolic link is refused with its name.
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

const config = 'documents: docs/security\norganization:\n  security_contact: security@acme.test\n'
const dates = {effective: '2026-01-02', last_reviewed: '2026-01-02'}

/** A repository whose documents live in docs/security/, with two commits; a stray policies/ folder beside it is not read. */
function repository(): string {
  const root = makeRepo({
    'charter.config.yaml': config,
    'docs/security/access-control.md': policy('access-control', {...dates, related: '[password]'}, `\n## Purpose\n\nSee [the password policy](password.md#scope).\n\n## Scope\n\nText.\n\n## Policy\n\nText.\n\n## Roles and Responsibilities\n\nText.\n\n## Exceptions\n\nText.\n\n## Enforcement\n\nText.\n`),
    'docs/security/password.md': policy('password', dates),
    'docs/security/files/diagram.txt': 'a diagram\n',
    // Not the documents folder: its broken document is never checked or published.
    'policies/broken.md': 'no front matter\n'
  })
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the policies'])
  const path = join(root, 'docs/security/password.md')
  writeFileSync(path, readFileSync(path, 'utf8').replace('version: 1.0.0', 'version: 1.1.0').replace('Text for scope.', 'Every account.'))
  runGit(root, ['commit', '-q', '-am', 'Widen the password scope'], {GIT_AUTHOR_DATE: '2026-02-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-02-01T10:00:00Z'})
  return root
}

describe('documents: docs/security', () => {
  it('check reads the configured folder, and only it', async () => {
    const root = repository()
    const run = await charter(['check', '--today', '2026-03-02'], root)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe('2 documents checked: no problems found\n')
    expect(run.status).toBe(0)
    writeFileSync(join(root, 'docs/security/password.md'), policy('password', {}, '\nSee [nothing](missing.md).\n'))
    const broken = await charter(['check', '--today', '2026-03-02', '--format', 'json'], root)
    const messages = JSON.parse(broken.stdout).findings.map((finding: {file: string; rule: string; message: string}) => `${finding.file} ${finding.rule} ${finding.message}`)
    expect(messages).toContain('docs/security/password.md links Unexpected link to `missing.md`: no such file in docs/security/')
  })

  it('history lists the revisions at their paths in the configured folder', async () => {
    const root = repository()
    const run = await charter(['history', 'password'], root)
    expect(run.stdout).toBe(
      [
        'password: password policy (docs/security/password.md)',
        '  version  date        author       change                    approval',
        '  1.1.0    2026-02-01  Test Author  Widen the password scope  none',
        '  1.0.0    2026-01-05  Test Author  Add the policies          none',
        ''
      ].join('\n')
    )
    const missing = await charter(['history', 'passwords'], root)
    expect(missing.stderr).toBe('charter: no document in docs/security/ has the id `passwords`; did you mean `password`?\n')
    expect(missing.status).toBe(1)
  })

  it('build publishes the configured folder, its links and its attachments', async () => {
    const root = repository()
    writeFileSync(join(root, 'docs/security/password.md'), readFileSync(join(root, 'docs/security/password.md'), 'utf8').replace('Every account.', 'Every account; see [the diagram](files/diagram.txt).'))
    runGit(root, ['commit', '-q', '-am', 'Link the diagram'], {GIT_AUTHOR_DATE: '2026-02-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-02-02T10:00:00Z'})
    const out = join(makeRepo({}), 'dist')
    const run = await charter(['build', '--no-pdf', '--out', out], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const site = join(out, 'site')
    expect(readdirSync(join(site, 'documents')).sort()).toEqual(['access-control.html', 'password.html'])
    expect(readFileSync(join(site, 'files/files/diagram.txt'), 'utf8')).toBe('a diagram\n')
    expect(readFileSync(join(site, 'documents/password.html'), 'utf8')).toContain('<a href="../files/files/diagram.txt">the diagram</a>')
    expect(readFileSync(join(site, 'documents/access-control.html'), 'utf8')).toContain('<a href="password.html#scope">the password policy</a>')
  })

  it('new writes into the configured folder', async () => {
    const root = repository()
    mkdirSync(join(root, 'templates'))
    cpSync(join(projectRoot, 'templates/new'), join(root, 'templates/new'), {recursive: true})
    const run = await charter(['new', 'standard', 'Logging Standard', '--date', '2026-03-02'], root)
    expect(run.stdout.split('\n')[0]).toBe('Created docs/security/logging-standard.md (standard, draft 0.1.0).')
    expect(existsSync(join(root, 'docs/security/logging-standard.md'))).toBe(true)
    expect(existsSync(join(root, 'policies/logging-standard.md'))).toBe(false)
  })

  it('init renders the seed library into the configured folder', async () => {
    const root = makeRepo({'charter.config.yaml': config, 'docs/security/.keep': ''})
    cpSync(join(projectRoot, 'templates'), join(root, 'templates'), {recursive: true})
    const seeds = readdirSync(join(projectRoot, 'templates/policies')).length
    const run = await charter(['init', '--name', 'Acme Inc', '--short-name', 'Acme', '--security-contact', 'security@acme.test', '--date', '2026-06-01'], root)
    expect(run.stdout.split('\n')[0]).toBe(`Seed library for Acme Inc in docs/security/: ${seeds} created, 0 updated, 0 unchanged.`)
    expect(readdirSync(join(root, 'docs/security')).filter((name) => name.endsWith('.md'))).toHaveLength(seeds)
    expect(existsSync(join(root, 'policies'))).toBe(false)
    const check = await charter(['check', '--today', '2026-06-01'], root)
    expect(check.stdout).toBe(`${seeds} documents checked: no problems found\n`)
  })
})

describe('a documents folder that is not a folder of the repository', () => {
  it('is named when it is missing', async () => {
    const root = makeRepo({'charter.config.yaml': config, 'policies/a.md': policy('a')})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add a'])
    for (const command of ['check', 'build']) {
      const run = await charter([command], root)
      expect(run.stderr).toBe(`charter: ${command}: no docs/security/ folder in ${root} (the documents folder set by \`documents\` in the config); run charter from the repository root, or pass --root <dir>\n`)
      expect(run.status).toBe(2)
    }
    const history = await charter(['history'], root)
    expect(history.stderr).toBe(`charter: no docs/security/ folder in ${root} (the documents folder set by \`documents\` in the config); run charter from the repository root, or pass --root <dir>\n`)
    expect(history.status).toBe(2)
  })

  it('is refused when a folder on its way is a symbolic link, which could lead out of the repository', async () => {
    const outside = makeRepo({'security/a.md': policy('a')})
    const root = makeRepo({'charter.config.yaml': config})
    symlinkSync(outside, join(root, 'docs'))
    const run = await charter(['check'], root)
    expect(run.stderr).toBe('charter: check: docs/ (the way to docs/security/) is a symbolic link, expected the folder itself inside the repository; replace the link with the documents\n')
    expect(run.status).toBe(2)
    expect(run.stdout).toBe('')
  })

  it('is refused by the schema when it climbs out of the repository', async () => {
    const root = makeRepo({'charter.config.yaml': 'documents: ../elsewhere\n', 'policies/a.md': policy('a')})
    const run = await charter(['check', '--format', 'json'], root)
    const [finding] = JSON.parse(run.stdout).findings
    expect([finding.file, finding.line, finding.column, finding.rule]).toEqual(['charter.config.yaml', 1, 12, 'config-schema'])
    expect(finding.message).toMatch(/^Unexpected `documents` value `\.\.\/elsewhere`/)
    expect(run.status).toBe(1)
  })
})
