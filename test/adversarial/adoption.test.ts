// Hostile changes to where the record begins: a pull request that sets or moves `adoption` to
// hide history, an adoption commit that is not the branch's own, and files renamed into the
// documents folder to borrow another file's past. Real git repositories; exact messages.
import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy, policyBody} from '../fixtures/documents'
import {makeKey, rosterYaml, signWith} from '../fixtures/signing'
import {charter, makeRepo, runGit} from '../helpers'

const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
const dates = {effective: '2026-01-05', last_reviewed: '2026-01-05'}

/** A repository with three commits to one policy; returns them oldest first. */
function repository(): {root: string; commits: string[]} {
  const root = makeRepo({'policies/alpha.md': policy('alpha', dates)})
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add alpha'], at('2026-01-05T10:00:00Z'))
  const commits = [runGit(root, ['rev-parse', 'HEAD']).trim()]
  for (const [version, date] of [['1.1.0', '2026-02-01'], ['1.2.0', '2026-03-01']] as const) {
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha', {...dates, version}, `\n${policyBody.replace('Text for purpose.', `Changed for ${version}.`)}`))
    runGit(root, ['commit', '-q', '-am', `Unreviewed change to alpha ${version}`], at(`${date}T10:00:00Z`))
    commits.push(runGit(root, ['rev-parse', 'HEAD']).trim())
  }
  return {root, commits}
}

const tail = 'a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts'

describe('a pull request cannot hide history by setting or moving `adoption`', () => {
  it('setting it where the base had none is an error at the key', async () => {
    const {root, commits} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${commits[2]}\norganization:\n  security_contact: security@acme.test\n`)
    const run = await charter(['check', '--today', '2026-03-02', '--format', 'github', '--base', 'main'], root)
    expect(run.stdout).toBe(
      `::error file=charter.config.yaml,line=1,col=11,endLine=1,endColumn=51,title=config-weakened::Unexpected \`adoption\` commit \`${commits[2]!.slice(0, 12)}\`, not set at main: history, the changelog and the audit would leave out the commits before it; ${tail}\ncharter: 1 document checked, 1 error, 0 warnings\n`
    )
    expect(run.status).toBe(1)
  })

  it('moving it to a later commit is an error naming both', async () => {
    const {root, commits} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${commits[0]}\norganization:\n  security_contact: security@acme.test\n`)
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Adopt Charter'], at('2026-03-02T10:00:00Z'))
    runGit(root, ['checkout', '-q', '-b', 'hide'])
    writeFileSync(join(root, 'charter.config.yaml'), `# Nothing to see.\nadoption: ${commits[2]}\norganization:\n  security_contact: security@acme.test\n`)
    const run = await charter(['check', '--today', '2026-03-02', '--format', 'github', '--base', 'main'], root)
    expect(run.stdout).toBe(
      `::error file=charter.config.yaml,line=2,col=11,endLine=2,endColumn=51,title=config-weakened::Unexpected \`adoption\` commit \`${commits[2]!.slice(0, 12)}\`, expected \`${commits[0]!.slice(0, 12)}\` as at main: history, the changelog and the audit would leave out the commits before it; ${tail}\ncharter: 1 document checked, 1 error, 0 warnings\n`
    )
    expect(run.status).toBe(1)
    // What the move would have hidden: both unreviewed changes are in the audit at the base's adoption.
    runGit(root, ['checkout', '-q', '--', '.'])
    const audit = await charter(['audit', '--today', '2026-03-10'], root)
    expect(audit.stdout.split('\n')[0]).toBe('Changes to controlled documents, newest first. 3 changes: 0 approved, 0 reviewed after the fact, 0 waiting for review, 3 overdue.')
  })

  it('removing it shows more history, never less, and is no finding', async () => {
    const {root, commits} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${commits[0]}\norganization:\n  security_contact: security@acme.test\n`)
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Adopt Charter'], at('2026-03-02T10:00:00Z'))
    writeFileSync(join(root, 'charter.config.yaml'), '# Every default.\n')
    const run = await charter(['check', '--today', '2026-03-02', '--base', 'main'], root)
    expect([run.status, run.stdout]).toEqual([0, '1 document checked: no problems found\n'])
  })
})

describe('an adoption commit that is not the branch\'s own is refused, never taken as a cut', () => {
  it('a commit that is not in the repository', async () => {
    const {root} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${'deadbeef'.repeat(5)}\n`)
    const message = 'charter: the adoption commit deadbeefdead (`adoption` in the config) is not in this repository; set `adoption` to the commit Charter was adopted at, or remove it to show every change\n'
    for (const args of [['history'], ['audit', '--today', '2026-03-02'], ['build', '--no-pdf', '--out', join(makeRepo({}), 'dist')]]) {
      const run = await charter(args, root)
      expect(run.stderr, args[0]).toBe(message)
      expect(run.status, args[0]).toBe(1)
    }
  })

  // A commit on another branch that merges the whole history reaches every commit: as a cut it would hide them all.
  it('a commit of another branch that reaches the whole history', async () => {
    const {root, commits} = repository()
    runGit(root, ['checkout', '-q', '-b', 'elsewhere'])
    runGit(root, ['commit', '-q', '--allow-empty', '-m', 'Reach everything'], at('2026-03-03T10:00:00Z'))
    const elsewhere = runGit(root, ['rev-parse', 'HEAD']).trim()
    runGit(root, ['checkout', '-q', 'main'])
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${elsewhere}\n`)
    const run = await charter(['history'], root)
    expect(run.stderr).toBe(`charter: the adoption commit ${elsewhere.slice(0, 12)} (\`adoption\` in the config) is not in the history of ${commits[2]!.slice(0, 12)}; set \`adoption\` to a commit of this branch, or remove it to show every change\n`)
    expect(run.status).toBe(1)
  })
})

describe('a file renamed into the documents folder', () => {
  // Its past is shown for what it is: revisions before Charter, no version, never approvals.
  it("borrows no approved history: the file's past is marked before Charter and the move itself is audited", async () => {
    const {root, commits} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${commits[2]}\norganization:\n  security_contact: security@acme.test\n`)
    writeFileSync(join(root, 'NOTES.md'), policy('beta', dates))
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Adopt Charter, and some notes', '-m', 'Approved-by: Somebody <somebody@example.test>'], at('2026-03-02T10:00:00Z'))
    runGit(root, ['mv', 'NOTES.md', 'policies/beta.md'])
    runGit(root, ['commit', '-q', '-m', 'Make the notes a policy'], at('2026-03-03T10:00:00Z'))
    const history = await charter(['history', 'beta'], root)
    expect(history.stdout).toBe(
      [
        'beta: beta policy (policies/beta.md)',
        '  version         date        author       change                                           approval',
        '  1.0.0           2026-03-03  Test Author  Make the notes a policy (renamed from NOTES.md)  none',
        '  before Charter  2026-03-02  Test Author  Adopt Charter, and some notes                    none; claimed, not verified: approved by Somebody <somebody@example.test> (Approved-by trailer: no roster (people.yaml) on the base it landed on)',
        ''
      ].join('\n')
    )
    const audit = await charter(['audit', '--today', '2026-03-04'], root)
    expect(audit.stdout).toMatch(/\n {2}2026-03-03 {2}[0-9a-f]{7} {2}policies\/beta\.md +no approval evidence; review it by 2026-03-05/)
    // The notes' own commit is no change to a controlled document in the audit; only the config's part of it is.
    expect(audit.stdout.split('\n')[0]).toBe('Changes to controlled documents, newest first. 2 changes: 0 approved, 0 reviewed after the fact, 2 waiting for review, 0 overdue.')
    expect(audit.stdout).not.toMatch(/policies\/beta\.md .*approved by Somebody/)
  })

  // The rename records come from git with paths between NUL bytes; a name that looks like a
  // commit id, holds a line break, or reads as a pathspec's magic is still a path.
  it('follows names that look like commit ids, hold line breaks or look like pathspec magic', async () => {
    const {root, commits} = repository()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${commits[2]}\norganization:\n  security_contact: security@acme.test\n`)
    const hex = 'ab'.repeat(20)
    mkdirSync(join(root, 'old'))
    writeFileSync(join(root, `old/${hex}`), policy('gamma', dates))
    writeFileSync(join(root, 'old/line\nbreak.md'), policy('delta', dates))
    writeFileSync(join(root, ':(exclude)epsilon.md'), policy('epsilon', dates))
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Keep two old pages'], at('2026-03-02T10:00:00Z'))
    runGit(root, ['mv', `old/${hex}`, 'policies/gamma.md'])
    runGit(root, ['mv', 'old/line\nbreak.md', 'policies/delta.md'])
    runGit(root, ['--literal-pathspecs', 'mv', ':(exclude)epsilon.md', 'policies/epsilon.md'])
    runGit(root, ['commit', '-q', '-m', 'Move the old pages in'], at('2026-03-03T10:00:00Z'))
    const [delta, epsilon, gamma] = JSON.parse((await charter(['history', 'delta', 'epsilon', 'gamma', '--format', 'json'], root)).stdout)
    const paths = (document: {revisions: {path: string; before_charter?: boolean}[]}) => document.revisions.map((revision) => [revision.path, revision.before_charter ?? false])
    expect(paths(gamma)).toEqual([['policies/gamma.md', false], [`old/${hex}`, true]])
    expect(paths(delta)).toEqual([['policies/delta.md', false], ['old/line\nbreak.md', true]])
    expect(paths(epsilon)).toEqual([['policies/epsilon.md', false], [':(exclude)epsilon.md', true]])
  })
})

describe('the roster before the adoption commit', () => {
  // The roster's trust is rooted in its first version, however late the adoption commit: a
  // roster change after it that nobody approved must not become the root and let its own
  // newcomer sign off an unreviewed change.
  it('still roots the trust: a reviewer added after it without approval reviews nothing', async () => {
    const bob = {name: 'Bob', emails: ['bob@example.test'], roles: ['CTO'], keys: [makeKey('bob@laptop')]}
    const ann = {name: 'Ann', emails: ['ann@example.test'], roles: ['Head of Security']}
    const malloryKey = makeKey('mallory@laptop')
    const asAnn = (date: string) => ({...at(date), GIT_AUTHOR_NAME: 'Ann', GIT_AUTHOR_EMAIL: 'ann@example.test'})
    const root = makeRepo({'people.yaml': rosterYaml([ann, bob]), 'policies/alpha.md': policy('alpha', dates)})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add alpha and the roster'], asAnn('2026-01-05T10:00:00Z'))
    const adoption = runGit(root, ['rev-parse', 'HEAD']).trim()
    writeFileSync(join(root, 'charter.config.yaml'), `adoption: ${adoption}\n`)
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Adopt Charter'], asAnn('2026-01-06T10:00:00Z'))
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha', {...dates, version: '1.1.0'}, `\n${policyBody.replace('Text for purpose.', 'Anything goes.')}`))
    runGit(root, ['commit', '-q', '-am', 'Loosen alpha'], asAnn('2026-02-02T10:00:00Z'))
    const change = runGit(root, ['rev-parse', 'HEAD']).trim()
    writeFileSync(join(root, 'people.yaml'), rosterYaml([ann, bob, {name: 'Mallory', emails: ['mallory@example.test'], roles: ['CTO'], keys: [malloryKey]}]))
    runGit(root, ['commit', '-q', '-am', 'Tidy the roster'], asAnn('2026-02-02T11:00:00Z'))
    runGit(root, [...signWith(malloryKey), 'commit', '-q', '-S', '--allow-empty', '-m', 'Review alpha', '-m', `Reviews: ${change.slice(0, 10)}`, '-m', 'Approved-by: Mallory <mallory@example.test>'], {
      ...at('2026-02-03T10:00:00Z'),
      GIT_AUTHOR_NAME: 'Mallory',
      GIT_AUTHOR_EMAIL: 'mallory@example.test'
    })
    const run = await charter(['audit', '--today', '2026-02-20', '--format', 'json'], root)
    const changes = JSON.parse(run.stdout).changes.map((entry: {commit: string; document: string; status: string; claims: {reason: string}[]}) => [entry.commit === change, entry.document, entry.status, entry.claims.map((claim) => claim.reason)])
    expect(changes).toContainEqual([true, 'policies/alpha.md', 'overdue', ['not on the roster']])
    expect(run.status).toBe(1)
  })
})
