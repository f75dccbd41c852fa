// Hostile acknowledgements: entries someone tries to make count for another person, or for a
// date of their choosing. Each case is a real git repository with real SSH-signed commits; an
// entry a pull request adds counts only when its commit is authored by the file's person and
// signed with one of their keys on the roster at the base.
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {makeKey, rosterYaml, signWith, type RosterEntry} from '../fixtures/signing'
import {charter, makeRepo, runGit} from '../helpers'

const annKey = makeKey('ann@laptop')
const bobKey = makeKey('bob@laptop')
const mallorysKey = makeKey('mallory@laptop')

const ann: RosterEntry = {name: 'Ann', emails: ['ann@example.test'], github: 'ann', roles: ['Engineer'], keys: [annKey]}
const bob: RosterEntry = {name: 'Bob', emails: ['bob@example.test'], github: 'bob', roles: ['CTO'], keys: [bobKey]}

const as = (name: string, email: string) => ({GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: '2026-02-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-02-02T10:00:00Z'})

/** A repository on `main` with the roster (Ann, Bob) and one approved policy, and a branch `ack` checked out. */
function repository() {
  const root = makeRepo({'people.yaml': rosterYaml([ann, bob]), 'policies/alpha.md': policy('alpha')})
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies'], as('Bob', 'bob@example.test'))
  const document = runGit(root, ['rev-parse', 'HEAD']).trim()
  runGit(root, ['checkout', '-q', '-b', 'ack'])
  /** Writes `text` as `login`'s file and commits it with `options` (signing) as `env`'s author; returns the short commit. */
  const commit = (login: string, text: string, options: string[], env: Record<string, string>) => {
    mkdirSync(join(root, 'acknowledgements'), {recursive: true})
    writeFileSync(join(root, `acknowledgements/${login}.yaml`), text)
    runGit(root, ['add', '-A'])
    runGit(root, [...options, 'commit', '-q', '-m', `Acknowledge for ${login}`], env)
    return runGit(root, ['rev-parse', '--short=7', 'HEAD']).trim()
  }
  return {root, document, commit}
}

const entry = (commit: string, extra = '') => `acknowledgements:\n  - document: alpha\n    version: 1.0.0\n    commit: ${commit}\n${extra}`

/** The ledger rule's findings of `charter check --base main`. */
async function findings(root: string): Promise<string[]> {
  const run = await charter(['check', '--base', 'main', '--today', '2026-03-01', '--format', 'json'], root)
  return (JSON.parse(run.stdout).findings as {file: string; line: number; column: number; rule: string; message: string}[])
    .filter((finding) => finding.rule === 'acknowledgement-ledger')
    .map(({file, line, column, message}) => `${file}:${line}:${column} ${message}`)
}

describe('acknowledgements someone else tries to make', () => {
  it("counts the person's own signed commit", async () => {
    const repo = repository()
    repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(annKey)], as('Ann', 'ann@example.test'))
    expect(await findings(repo.root)).toEqual([])
  })

  it('refuses an entry added by someone else, in their own name, though signed with their own key', async () => {
    const repo = repository()
    const short = repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(bobKey)], as('Bob', 'bob@example.test'))
    expect(await findings(repo.root)).toEqual([
      `acknowledgements/ann.yaml:2:5 Unexpected acknowledgement for ann added by commit ${short} authored by Bob <bob@example.test>; only Ann can acknowledge for themselves: remove the entry, and ask them to run \`charter acknowledge alpha\` and commit it signed`
    ])
  })

  it("refuses a forged author: the person's email on a commit signed by another key", async () => {
    const repo = repository()
    const short = repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(mallorysKey)], as('Ann', 'ann@example.test'))
    expect(await findings(repo.root)).toEqual([
      `acknowledgements/ann.yaml:2:5 Unexpected acknowledgement for ann added by commit ${short}: signed by a key that is not Ann's; an acknowledgement counts only in a commit signed with Ann's key on the roster at main, so amend it with \`git commit --amend -S\` (set up signing as the fork guide says) and push again`
    ])
  })

  it('refuses an unsigned commit, even by the person', async () => {
    const repo = repository()
    const short = repo.commit('ann', entry(repo.document), [], as('Ann', 'ann@example.test'))
    expect(await findings(repo.root)).toEqual([
      `acknowledgements/ann.yaml:2:5 Unexpected acknowledgement for ann added by commit ${short}: commit not signed; an acknowledgement counts only in a commit signed with Ann's key on the roster at main, so amend it with \`git commit --amend -S\` (set up signing as the fork guide says) and push again`
    ])
  })

  it('refuses an entry added in someone else\'s file by a signed commit of the one who added it', async () => {
    const repo = repository()
    repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(annKey)], as('Ann', 'ann@example.test'))
    const short = repo.commit('bob', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(annKey)], as('Ann', 'ann@example.test'))
    expect(await findings(repo.root)).toEqual([
      `acknowledgements/bob.yaml:2:5 Unexpected acknowledgement for bob added by commit ${short} authored by Ann <ann@example.test>; only Bob can acknowledge for themselves: remove the entry, and ask them to run \`charter acknowledge alpha\` and commit it signed`
    ])
  })

  it("refuses someone else rewriting the commit in a person's existing entry", async () => {
    const repo = repository()
    repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(annKey)], as('Ann', 'ann@example.test'))
    const short = repo.commit('ann', entry('b'.repeat(40)), ['-c', 'commit.gpgsign=true', ...signWith(bobKey)], as('Bob', 'bob@example.test'))
    expect(await findings(repo.root)).toEqual([
      `acknowledgements/ann.yaml:2:5 Unexpected acknowledgement for ann added by commit ${short} authored by Bob <bob@example.test>; only Ann can acknowledge for themselves: remove the entry, and ask them to run \`charter acknowledge alpha\` and commit it signed`
    ])
  })

  it('refuses a key the pull request adds to the roster for itself: the roster is read at the base', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([{...ann, keys: [annKey, mallorysKey]}, bob]))
    const short = repo.commit('ann', entry(repo.document), ['-c', 'commit.gpgsign=true', ...signWith(mallorysKey)], as('Ann', 'ann@example.test'))
    expect((await findings(repo.root))[0]).toBe(
      `acknowledgements/ann.yaml:2:5 Unexpected acknowledgement for ann added by commit ${short}: signed by a key that is not Ann's; an acknowledgement counts only in a commit signed with Ann's key on the roster at main, so amend it with \`git commit --amend -S\` (set up signing as the fork guide says) and push again`
    )
  })

  it('refuses a backdated date typed into the file, whoever commits it', async () => {
    const repo = repository()
    repo.commit('ann', entry(repo.document, '    date: 2025-01-01\n'), ['-c', 'commit.gpgsign=true', ...signWith(annKey)], as('Ann', 'ann@example.test'))
    expect(await findings(repo.root)).toEqual([
      'acknowledgements/ann.yaml:5:5 Unexpected `date` in an acknowledgement: its date is the commit date of the signed commit that adds it, so a date typed here would be a claim no one can check; remove the line'
    ])
  })

  it('refuses a login with a path in it, on the roster and as a file name', async () => {
    const repo = repository()
    writeFileSync(join(repo.root, 'people.yaml'), rosterYaml([ann, bob]).replace('    github: ann\n', '    github: ann\n    login: ../ann\n'))
    const run = await charter(['check', '--today', '2026-03-01', '--format', 'json'], repo.root)
    const messages = (JSON.parse(run.stdout).findings as {file: string; message: string}[]).filter((finding) => finding.file === 'people.yaml').map((finding) => finding.message)
    expect(messages).toEqual(['Unexpected `people[0].login` value `../ann`, expected a short lowercase name such as `dana-example`: letters, digits and `-`'])
    runGit(repo.root, ['checkout', '-q', 'people.yaml'])
    mkdirSync(join(repo.root, 'acknowledgements'))
    writeFileSync(join(repo.root, 'acknowledgements/ann..yaml'), entry(repo.document))
    expect(await findings(repo.root)).toEqual([
      'acknowledgements/ann..yaml:1:1 Unexpected file name `ann..yaml`, expected `<login>.yaml` with the login from people.yaml (lowercase letters, digits and `-`); rename it'
    ])
  })

  it('refuses a symbolic link as an acknowledgements file, and reads nothing through it', async () => {
    const repo = repository()
    mkdirSync(join(repo.root, 'acknowledgements'))
    writeFileSync(join(repo.root, 'elsewhere.yaml'), entry(repo.document))
    symlinkSync(join(repo.root, 'elsewhere.yaml'), join(repo.root, 'acknowledgements/ann.yaml'))
    expect(await findings(repo.root)).toEqual([
      'acknowledgements/ann.yaml:1:1 Unexpected symbolic link to `elsewhere.yaml`, expected the acknowledgements file itself; replace the link with the file (move or copy it here)'
    ])
  })
})
