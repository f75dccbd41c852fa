// The reader thread: large checks read files and front matter in a second thread, and report
// exactly what a check on one thread reports; a thread that fails is replaced by reading here.
import {existsSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {documentText} from '../bench/corpus.js'
import {readDocument, startReaderThread, threadFrom} from '../scripts/load/reader'
import {charterBinary, makeRepo, projectRoot} from './helpers'

const count = threadFrom
const program = join(projectRoot, 'lib/reader-thread.cjs')
const paths = Array.from({length: count}, (_, index) => `policies/policy-${String(index).padStart(4, '0')}.md`)

function corpus(): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {}
  paths.forEach((path, index) => (files[path] = documentText(index, count)))
  // One of each kind of problem, so positions found later (after the thread) are checked too.
  files[paths[3]!] = documentText(3, count).replace('kind: policy', 'kind: policy\nkind: policy')
  files[paths[10]!] = documentText(10, count).replace('id: policy-0010', 'id: policy-0011')
  files[paths[20]!] = documentText(20, count).replace('related: [policy-0021]', 'related: [policy-0021, policy-9999]')
  files[paths[30]!] = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01])
  files[paths[40]!] = documentText(40, count).replace('last_reviewed: 2026-03-01', 'last_reviewed: 2026-12-30')
  return files
}

describe('charter check on more than the thread threshold', () => {
  it('reports the same bytes with and without the reader thread, with every position', async () => {
    const root = makeRepo(corpus())
    // The installed program: only it has the compiled thread program beside it.
    const threaded = await charterBinary(['check', '--today', '2026-12-01', '--format', 'json'], root)
    const single = await charterBinary(['check', '--today', '2026-12-01', '--format', 'json'], root, {CHARTER_READER_THREAD: 'off'})
    expect(threaded.stderr).toBe('')
    expect(threaded.status).toBe(1)
    expect(single).toEqual(threaded)
    const report = JSON.parse(threaded.stdout) as {findings: {file: string; line: number; column: number; rule: string; message: string}[]}
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`)).toEqual([
      // A duplicate key leaves policy-0003 without an id, so the link to it breaks too.
      'policies/policy-0002.md:15:11 links Unexpected related id `policy-0003`: no document has it; did you mean `policy-0000`?',
      'policies/policy-0003.md:5:1 frontmatter-schema Unexpected duplicate key `kind` (first at line 4); keep one and delete the other',
      'policies/policy-0009.md:15:11 links Unexpected related id `policy-0010`: no document has it; did you mean `policy-0011`?',
      'policies/policy-0010.md:2:5 id-matches-filename Unexpected id `policy-0011` in `policy-0010.md`, expected `policy-0010`; rename the file to `policy-0011.md` or set `id: policy-0010`',
      'policies/policy-0011.md:2:5 unique-id Unexpected duplicate id `policy-0011`, also used by policies/policy-0010.md; give this document its own id and file name',
      'policies/policy-0020.md:15:24 links Unexpected related id `policy-9999`: no document has it; did you mean `policy-0099`?',
      'policies/policy-0029.md:15:11 links Unexpected related id `policy-0030`: no document has it; did you mean `policy-0031`?',
      'policies/policy-0029.md:47:9 links Unexpected anchor `#scope`: no heading in policies/policy-0030.md has it',
      'policies/policy-0030.md:1:1 file-readable Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of policies/ or give it a different extension',
      'policies/policy-0040.md:11:16 review-due Unexpected last_reviewed 2026-12-30 in the future (today is 2026-12-01); set it to the date the review took place'
    ])
  })
})

describe('startReaderThread', () => {
  it('hands over every document in order, as reading it here would', async () => {
    const root = makeRepo(corpus())
    const thread = startReaderThread(root, paths, {program})
    expect(thread).toBeDefined()
    try {
      paths.forEach((path, index) => {
        // Everything but the YAML Document, which cannot cross threads.
        const {read, frontMatter} = readDocument(root, path)
        expect(thread!.take(index), path).toEqual(frontMatter ? {read, frontMatter: {fields: frontMatter.fields}} : {read})
      })
    } finally {
      thread!.stop()
    }
  })

  it('does not start without its compiled program', async () => {
    expect(startReaderThread(makeRepo({}), paths, {program: join(projectRoot, 'lib/missing.cjs')})).toBeUndefined()
  })

  it('gives up at once on a thread that says it failed', async () => {
    const failing = join(makeRepo({}), 'failing.cjs')
    writeFileSync(failing, "const {state} = require('node:worker_threads').workerData\nAtomics.store(state, 0, -1)\nAtomics.notify(state, 0)\n")
    // A patience longer than the test may run: waiting it out instead of giving up would fail the test.
    const thread = startReaderThread(makeRepo({}), paths, {program: failing, patienceMs: 600_000})!
    expect(thread.take(0)).toBeUndefined()
    expect(thread.take(1)).toBeUndefined()
    thread.stop()
  })

  it('gives up on a thread that stops answering, after its patience', async () => {
    const root = makeRepo(corpus())
    const oneThenQuiet = join(makeRepo({}), 'quiet.cjs')
    const sent = join(makeRepo({}), 'sent')
    writeFileSync(
      oneThenQuiet,
      `const {workerData} = require('node:worker_threads')\nworkerData.port.postMessage({read: {problem: 'first'}})\nAtomics.add(workerData.state, 0, 1)\nAtomics.notify(workerData.state, 0)\nrequire('node:fs').writeFileSync(${JSON.stringify(sent)}, '')\n`
    )
    const thread = startReaderThread(root, paths, {program: oneThenQuiet, patienceMs: 300})!
    // Starting a thread on a busy machine can take longer than the patience: wait until the first
    // document is sent (10 s at most), so only the second wait can run out.
    const pause = new Int32Array(new SharedArrayBuffer(4))
    for (let waited = 0; !existsSync(sent) && waited < 10_000; waited += 10) Atomics.wait(pause, 0, 0, 10)
    expect(thread.take(0)).toEqual({read: {problem: 'first'}})
    expect(thread.take(1)).toBeUndefined()
    thread.stop()
  })
})
