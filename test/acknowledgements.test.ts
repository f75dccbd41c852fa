// The acknowledgement ledger (acknowledgements/<login>.yaml): its schema, positioned problems
// for bad input, and `charter acknowledge`, run in real git repositories in temporary folders.
import {existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readAcknowledgementLedger, type AcknowledgementFile} from '../scripts/load/acknowledgements'
import {charter, makeRepo, runGit} from './helpers'
import {policy} from './fixtures/documents'

const commit = 'a'.repeat(40)

/** Each problem as `path:line:column reason`, the way check prints positions. */
function problems(file: AcknowledgementFile): string[] {
  return file.problems.map((problem) => {
    const before = (file.text ?? '').slice(0, problem.start).split('\n')
    return `${file.path}:${before.length}:${before.at(-1)!.length + 1} ${problem.reason}`
  })
}

describe('the acknowledgement ledger', () => {
  it('reads each entry with where it starts, keeping the order of the file', () => {
    const root = makeRepo({'acknowledgements/ann.yaml': `# Ann's acknowledgements\nacknowledgements:\n  - document: alpha\n    version: 1.0.0\n    commit: ${commit}\n  - document: beta\n    version: 2.1.0\n    commit: ${'b'.repeat(40)}\n`})
    const [file] = readAcknowledgementLedger(root).files
    expect(file!.login).toBe('ann')
    expect(file!.entries).toEqual([
      {document: 'alpha', version: '1.0.0', commit},
      {document: 'beta', version: '2.1.0', commit: 'b'.repeat(40)}
    ])
    expect(file!.problems).toEqual([])
  })

  it('has no ledger without the folder', () => {
    expect(readAcknowledgementLedger(makeRepo({}))).toEqual({files: []})
  })

  it('refuses a typed date, a short commit, a version as a number, an unknown key and a repeat, each at its place', () => {
    const root = makeRepo({
      'acknowledgements/ann.yaml': [
        'acknowledgements:',
        '  - document: alpha',
        '    version: 1.0.0',
        `    commit: ${commit}`,
        '    date: 2020-01-01',
        '  - document: beta',
        '    version: 1.0',
        '    commit: abc123',
        '  - document: gamma',
        '    version: 1.0.0',
        `    commit: ${commit}`,
        '    signed: yes',
        '  - document: delta',
        '    version: 1.0.0',
        `    commit: ${commit}`,
        '  - document: delta',
        '    version: 1.0.0',
        `    commit: ${commit}`,
        ''
      ].join('\n')
    })
    const [file] = readAcknowledgementLedger(root).files
    expect(problems(file!)).toEqual([
      'acknowledgements/ann.yaml:5:5 Unexpected `date` in an acknowledgement: its date is the commit date of the signed commit that adds it, so a date typed here would be a claim no one can check; remove the line',
      'acknowledgements/ann.yaml:7:14 Unexpected number `1` for `acknowledgements[1].version`, expected text; quote it: `acknowledgements[1].version: "1.0"`',
      'acknowledgements/ann.yaml:8:13 Unexpected `acknowledgements[1].commit` value `abc123`, expected a full 40-character commit hash in lowercase hex',
      'acknowledgements/ann.yaml:12:5 Unexpected key `signed` in `acknowledgements[2]`, expected one of `document`, `version`, `commit`',
      'acknowledgements/ann.yaml:16:5 Unexpected second acknowledgement of `delta` 1.0.0: already on line 13; remove this entry'
    ])
    expect(file!.entries.map((entry) => entry.document)).toEqual(['delta'])
  })

  it('refuses an empty file, a list at the top, a bad file name, a nested folder and a symbolic link', () => {
    const root = makeRepo({
      'acknowledgements/ann.yaml': '',
      'acknowledgements/bob.yaml': '- document: alpha\n',
      'acknowledgements/Carl.yaml': 'acknowledgements: []\n',
      'acknowledgements/team/dee.yaml': 'acknowledgements: []\n',
      'elsewhere.yaml': 'acknowledgements: []\n'
    })
    symlinkSync(join(root, 'elsewhere.yaml'), join(root, 'acknowledgements/eve.yaml'))
    expect(readAcknowledgementLedger(root).files.flatMap(problems)).toEqual([
      'acknowledgements/Carl.yaml:1:1 Unexpected file name `Carl.yaml`, expected `<login>.yaml` with the login from people.yaml (lowercase letters, digits and `-`); rename it',
      'acknowledgements/ann.yaml:1:1 Unexpected empty acknowledgements file, expected `acknowledgements:` with a list of entries; `charter acknowledge <id>` writes them',
      'acknowledgements/bob.yaml:1:1 Unexpected list as acknowledgements file, expected a mapping of `key: value` lines',
      'acknowledgements/eve.yaml:1:1 Unexpected symbolic link to `elsewhere.yaml`, expected the acknowledgements file itself; replace the link with the file (move or copy it here)',
      'acknowledgements/team/dee.yaml:1:1 Unexpected folder in `acknowledgements/`, expected only `<login>.yaml` files; move `team/dee.yaml` to `acknowledgements/dee.yaml` or remove it'
    ])
  })

  it('reads nothing in an acknowledgements folder that is a symbolic link', () => {
    const root = makeRepo({'real/ann.yaml': 'acknowledgements: []\n'})
    symlinkSync(join(root, 'real'), join(root, 'acknowledgements'))
    expect(readAcknowledgementLedger(root)).toEqual({
      files: [],
      folderProblem: 'Unexpected symbolic link at `acknowledgements`, expected the acknowledgements folder itself inside the repository; replace the link with the folder'
    })
  })
})

const gitEnv = {GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1'}
const roster = [
  'people:',
  '  - name: Ann Example',
  '    emails: [ann@example.test]',
  '    roles: [Head of Security]',
  '    login: ann',
  '  - name: Bob Example',
  '    emails: [bob@example.test]',
  '    roles: [Engineer]',
  '    github: Bob-Example',
  '    groups: [engineering]',
  '  - name: Cy Example',
  '    emails: [cy@example.test]',
  '    roles: [Engineer]',
  ''
].join('\n')

/** A committed repository with four documents: alpha for everyone, beta for engineering, a draft and one no one acknowledges. */
function repository(files: Record<string, string> = {}): {root: string; head: string} {
  const root = makeRepo({
    'charter.config.yaml': 'acknowledgements:\n  groups:\n    engineering: [beta]\n',
    'people.yaml': roster,
    'policies/alpha.md': policy('alpha', {version: '2.1.0'}),
    'policies/beta.md': policy('beta'),
    'policies/gamma.md': policy('gamma', {status: 'draft'}),
    'policies/delta.md': policy('delta', {acknowledge: 'false'}),
    ...files
  })
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '.'])
  runGit(root, ['commit', '-qm', 'Documents'])
  return {root, head: runGit(root, ['rev-parse', 'HEAD']).trim()}
}

const as = (root: string, email: string) => runGit(root, ['config', 'user.email', email])
const acknowledge = (root: string, ...args: string[]) => charter(['acknowledge', ...args], root, gitEnv)
const ledger = (root: string, login: string) => readFileSync(join(root, `acknowledgements/${login}.yaml`), 'utf8')

describe('charter acknowledge', () => {
  it('appends the named documents with their version and the commit that last changed them, and says what to do next', async () => {
    const {root, head} = repository()
    as(root, 'Ann@Example.test')
    const run = await acknowledge(root, 'alpha')
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      [
        'Added 1 acknowledgement to acknowledgements/ann.yaml:',
        `  alpha 2.1.0  commit ${head.slice(0, 12)}`,
        '',
        'Next: commit it yourself, signed, and open a pull request. An acknowledgement counts only when',
        'the commit that adds it is authored by you and signed with a key of yours on the roster; its',
        "date is that commit's date.",
        '',
        '  git add acknowledgements/ann.yaml',
        '  git commit -S -m "Acknowledge alpha 2.1.0"',
        ''
      ].join('\n')
    )
    expect(run.status).toBe(0)
    expect(ledger(root, 'ann')).toBe(`acknowledgements:\n  - document: alpha\n    version: 2.1.0\n    commit: ${head}\n`)
  })

  it('with --all, adds what the person owes: approved, not `acknowledge: false`, a group\'s documents only for its members', async () => {
    const {root, head} = repository()
    as(root, 'ann@example.test')
    expect((await acknowledge(root, '--all')).status).toBe(0)
    expect(ledger(root, 'ann')).toBe(`acknowledgements:\n  - document: alpha\n    version: 2.1.0\n    commit: ${head}\n`)
    as(root, 'bob@example.test')
    expect((await acknowledge(root, '--all')).stdout.split('\n').slice(0, 3)).toEqual(['Added 2 acknowledgements to acknowledgements/bob-example.yaml:', `  alpha 2.1.0  commit ${head.slice(0, 12)}`, `  beta 1.0.0   commit ${head.slice(0, 12)}`])
    const again = await acknowledge(root, '--all')
    expect(again.stdout).toBe('Nothing to acknowledge: acknowledgements/bob-example.yaml holds every approved document you owe at its current version.\n')
  })

  it('reports a document already acknowledged at its version rather than adding it twice, and keeps comments and order when appending', async () => {
    const {root, head} = repository()
    const before = `# Ann's acknowledgements: written by charter acknowledge\nacknowledgements:\n  # onboarding\n  - document: alpha\n    version: 2.1.0\n    commit: ${head}\n`
    mkdirSync(join(root, 'acknowledgements'))
    writeFileSync(join(root, 'acknowledgements/ann.yaml'), before)
    as(root, 'ann@example.test')
    const run = await acknowledge(root, 'alpha', 'beta')
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      'Added 1 acknowledgement to acknowledgements/ann.yaml:',
      `  beta 1.0.0   commit ${head.slice(0, 12)}`,
      'Already acknowledged at the current version (not added again):',
      `  alpha 2.1.0  commit ${head.slice(0, 12)}`,
      ''
    ])
    expect(ledger(root, 'ann')).toBe(`${before}  - document: beta\n    version: 1.0.0\n    commit: ${head}\n`)
    const only = await acknowledge(root, 'alpha')
    expect(only.stdout).toBe(`Already acknowledged at the current version (not added again):\n  alpha 2.1.0  commit ${head.slice(0, 12)}\nNothing added.\n`)
    expect(ledger(root, 'ann')).toBe(`${before}  - document: beta\n    version: 1.0.0\n    commit: ${head}\n`)
  })

  it('names the commit that last changed each document, not HEAD', async () => {
    const {root, head} = repository()
    writeFileSync(join(root, 'policies/beta.md'), policy('beta', {version: '1.1.0'}))
    runGit(root, ['commit', '-qam', 'Beta 1.1'])
    const later = runGit(root, ['rev-parse', 'HEAD']).trim()
    as(root, 'bob@example.test')
    await acknowledge(root, 'alpha', 'beta')
    expect(ledger(root, 'bob-example')).toBe(`acknowledgements:\n  - document: alpha\n    version: 2.1.0\n    commit: ${head}\n  - document: beta\n    version: 1.1.0\n    commit: ${later}\n`)
  })

  it('refuses an unknown id with the closest ids, a draft, a document no one acknowledges and an uncommitted change, writing nothing', async () => {
    const {root} = repository()
    as(root, 'ann@example.test')
    const cases: [string[], string][] = [
      [['alhpa'], 'charter: no document in policies/ has the id `alhpa`; did you mean `alpha`?\n'],
      [['gamma'], 'charter: acknowledge: `gamma` is draft; only approved documents are acknowledged, so wait until it is approved\n'],
      [['delta'], 'charter: acknowledge: `delta` is marked `acknowledge: false` in policies/delta.md; no one acknowledges it\n']
    ]
    for (const [args, stderr] of cases) {
      const run = await acknowledge(root, ...args)
      expect([run.status, run.stdout, run.stderr]).toEqual([1, '', stderr])
    }
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha', {version: '2.2.0'}))
    const run = await acknowledge(root, 'alpha')
    expect([run.status, run.stderr]).toEqual([1, 'charter: acknowledge: `policies/alpha.md` differs from the last commit; an acknowledgement names a committed revision, so update your branch from the default branch (or discard the local change) and run the command again\n'])
    expect(existsSync(join(root, 'acknowledgements'))).toBe(false)
  })

  it('finds who is running it from git, and says how to fix an email off the roster, no email, or no login', async () => {
    const {root} = repository()
    const refused = async (stderr: string) => {
      const run = await acknowledge(root, 'alpha')
      expect([run.status, run.stdout, run.stderr]).toEqual([1, '', stderr])
    }
    await refused('charter: acknowledge: git has no user.email here; set it to your email on the roster with `git config user.email <you@example.com>`, then run the command again\n')
    as(root, 'mallory@example.test')
    await refused('charter: acknowledge: your git email `mallory@example.test` is not on the roster (people.yaml); set `git config user.email` to the email listed for you there, or ask the security lead to add this one to your entry\n')
    as(root, 'cy@example.test')
    await refused('charter: acknowledge: Cy Example has no login in people.yaml; add `login:` (or `github:`) to their entry, so their acknowledgements have a file\n')
    expect(existsSync(join(root, 'acknowledgements'))).toBe(false)
  })

  it('refuses to write through a symbolic link, or into a file with problems', async () => {
    const {root} = repository({'elsewhere.yaml': 'acknowledgements: []\n'})
    as(root, 'ann@example.test')
    mkdirSync(join(root, 'acknowledgements'))
    symlinkSync(join(root, 'elsewhere.yaml'), join(root, 'acknowledgements/ann.yaml'))
    const linked = await acknowledge(root, 'alpha')
    expect([linked.status, linked.stderr]).toEqual([
      1,
      'acknowledge: acknowledgements/ann.yaml has problems; fix them first (`charter check` reports the same), then run the command again:\n  acknowledgements/ann.yaml:1:1 Unexpected symbolic link to `elsewhere.yaml`, expected the acknowledgements file itself; replace the link with the file (move or copy it here)\n'
    ])
    expect(readFileSync(join(root, 'elsewhere.yaml'), 'utf8')).toBe('acknowledgements: []\n')
    rmSync(join(root, 'acknowledgements/ann.yaml'))
    writeFileSync(join(root, 'acknowledgements/ann.yaml'), 'acknowledgements:\n  - document: alpha\n    date: 2020-01-01\n')
    const dated = await acknowledge(root, 'alpha')
    expect(dated.stderr).toContain('acknowledgements/ann.yaml:3:5 Unexpected `date` in an acknowledgement')
  })

  it('needs an id or --all', async () => {
    const {root} = repository()
    const run = await acknowledge(root)
    expect([run.status, run.stderr]).toEqual([2, 'charter: acknowledge: name at least one document id, or pass --all (see `charter acknowledge --help`)\n'])
  })
})
