// Hostile repositories for the streamed history: `git log` and `git cat-file --batch` are read
// as their output arrives, so a commit or a blob may be cut anywhere between two chunks. Odd file
// names, a huge commit message, blobs and subjects that are not UTF-8, a cut that splits a
// commit's start, and a git that fails half-way. Each case names the attack above it.
import {chmodSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {CommitSplitter} from '../../scripts/history/log'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, runGit} from '../helpers'

type Listed = {path: string; revisions: {version: string | null; subject: string; summary: string; change: string; previous_path?: string}[]}

async function history(root: string): Promise<Listed[]> {
  const run = await charter(['history', '--format', 'json'], root)
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout)
}

function commitAll(root: string, message: string | Buffer): void {
  runGit(root, ['add', '-A'])
  const file = join(root, '.git', 'message')
  writeFileSync(file, message)
  runGit(root, ['commit', '-q', '-F', file])
}

describe('file names the log gives back with -z', () => {
  // A path with a line break, a quote, a tab or non-ASCII letters: git would quote it without -z and core.quotePath=false.
  it('each document keeps its own revisions, and a rename between two such names is followed', async () => {
    const names = ['policies/line\nbreak.md', 'policies/quote"d \'one\'.md', 'policies/tab\there.md', 'policies/ünïcødé-ポリシー.md']
    const root = makeRepo(Object.fromEntries(names.map((path, index) => [path, policy(`odd-${index}`)])))
    runGit(root, ['init', '-q', '-b', 'main'])
    commitAll(root, 'Add the documents')
    for (const [index, path] of names.entries()) writeFileSync(join(root, path), policy(`odd-${index}`, {version: '1.1.0'}))
    commitAll(root, 'Edit the documents')
    runGit(root, ['mv', names[3]!, 'policies/ñame-新しい.md'])
    commitAll(root, 'Rename a document')
    const listed = await history(root)
    expect(listed.map((document) => [document.path, document.revisions.map((revision) => [revision.version, revision.change, revision.previous_path ?? null])])).toEqual([
      ['policies/line\nbreak.md', [['1.1.0', 'modified', null], ['1.0.0', 'added', null]]],
      ['policies/quote"d \'one\'.md', [['1.1.0', 'modified', null], ['1.0.0', 'added', null]]],
      ['policies/tab\there.md', [['1.1.0', 'modified', null], ['1.0.0', 'added', null]]],
      ['policies/ñame-新しい.md', [['1.1.0', 'renamed', 'policies/ünïcødé-ポリシー.md'], ['1.1.0', 'modified', null], ['1.0.0', 'added', null]]]
    ])
  })
})

describe('output cut between chunks', () => {
  // A 3 MB commit message spans many chunks of the log; its trailer sits at the very end.
  it('a huge commit message keeps its trailer, and the commits around it stay whole', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'policies/beta.md': policy('beta')})
    runGit(root, ['init', '-q', '-b', 'main'])
    commitAll(root, 'Add the documents')
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha', {version: '1.1.0'}))
    commitAll(root, `Rewrite alpha\n\n${'A line of a very long commit message, repeated. '.repeat(64 * 1024)}\n\nChange: Tightened the access review`)
    writeFileSync(join(root, 'policies/beta.md'), policy('beta', {version: '1.1.0'}))
    commitAll(root, 'Edit beta')
    const listed = await history(root)
    expect(listed.map((document) => document.revisions.map((revision) => [revision.version, revision.subject, revision.summary]))).toEqual([
      [['1.1.0', 'Rewrite alpha', 'Tightened the access review'], ['1.0.0', 'Add the documents', 'Add the documents']],
      [['1.1.0', 'Edit beta', 'Edit beta'], ['1.0.0', 'Add the documents', 'Add the documents']]
    ])
  })

  // A blob of 200 KB that is Latin-1, not UTF-8, read by cat-file before another document's blob: a
  // parser that lost count of its bytes would give the next document no version, or a wrong one.
  it('a large blob that is not UTF-8 keeps its version and leaves the next blob readable', async () => {
    const latin1 = Buffer.concat([Buffer.from(policy('alpha', {version: '3.1.4'}), 'utf8'), Buffer.from('Caf\xe9 r\xe9sum\xe9 \xff\xfe\n'.repeat(12_000), 'latin1')])
    const root = makeRepo({'policies/alpha.md': latin1, 'policies/beta.md': policy('beta', {version: '2.7.1'})})
    runGit(root, ['init', '-q', '-b', 'main'])
    // A subject that is not UTF-8 either, in a commit that declares no encoding: git's log takes it for Latin-1.
    commitAll(root, Buffer.from('Add caf\xe9 policies\n', 'latin1'))
    const listed = await history(root)
    expect(listed.map((document) => [document.path, document.revisions.map((revision) => [revision.version, revision.subject])])).toEqual([
      ['policies/alpha.md', [['3.1.4', 'Add café policies']]],
      ['policies/beta.md', [['2.7.1', 'Add café policies']]]
    ])
  })

  // Every cut of a log's output, a commit's start split between two chunks included, and
  // characters (and bytes that are not UTF-8) split too: the commits come out whole, as one decode gives them.
  it('the splitter gives whole commits for every cut of the output', () => {
    const start = '\x1eTAG'
    const output = Buffer.concat([Buffer.from(`${start}one ポリシー\n`, 'utf8'), Buffer.from('caf\xe9\xff\n', 'latin1'), Buffer.from(`${start}two ñ\0${start}three\0`, 'utf8')])
    for (let size = 1; size <= output.length; size++) {
      const commits: string[] = []
      const splitter = new CommitSplitter((text) => commits.push(...text.split(start).filter(Boolean)), start)
      for (let at = 0; at < output.length; at += size) splitter.take(output.subarray(at, at + size))
      splitter.flush()
      expect(commits).toEqual(['one ポリシー\ncaf\ufffd\ufffd\n', 'two ñ\0', 'three\0'])
    }
  })
})

describe('a git that fails half-way', () => {
  // A damaged commit deep in the history: `git log` fails after printing the commits before it.
  it('is reported with what git said and what to do, never a stack trace', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    runGit(root, ['init', '-q', '-b', 'main'])
    commitAll(root, 'Add alpha')
    writeFileSync(join(root, 'policies/alpha.md'), policy('alpha', {version: '1.1.0'}))
    commitAll(root, 'Edit alpha')
    const parent = runGit(root, ['rev-parse', 'HEAD~1']).trim()
    const object = join(root, '.git', 'objects', parent.slice(0, 2), parent.slice(2))
    chmodSync(object, 0o644)
    writeFileSync(object, 'not a zlib stream')
    const run = await charter(['history', '--format', 'json'], root)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe(
      `charter: git log failed: fatal: loose object ${parent} (stored in .git/objects/${parent.slice(0, 2)}/${parent.slice(2)}) is corrupt; run \`git fsck\` to see whether the repository is damaged\n`
    )
    expect(run.status).toBe(1)
  })
})
