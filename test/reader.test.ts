// Reading documents: a check of 300 documents reads each file and its front matter in path order,
// and reports every problem at its position, early and late in the set alike.
import {describe, expect, it} from 'vitest'
import {documentText} from '../bench/corpus.js'
import {charter, makeRepo} from './helpers'

const count = 300
const paths = Array.from({length: count}, (_, index) => `policies/policy-${String(index).padStart(4, '0')}.md`)

function corpus(): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {}
  paths.forEach((path, index) => (files[path] = documentText(index, count)))
  // One of each kind of problem, so positions found in every part of the set are checked.
  files[paths[3]!] = documentText(3, count).replace('kind: policy', 'kind: policy\nkind: policy')
  files[paths[10]!] = documentText(10, count).replace('id: policy-0010', 'id: policy-0011')
  files[paths[20]!] = documentText(20, count).replace('related: [policy-0021]', 'related: [policy-0021, policy-9999]')
  files[paths[30]!] = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0x00, 0x01])
  files[paths[40]!] = documentText(40, count).replace('last_reviewed: 2026-03-01', 'last_reviewed: 2026-12-30')
  return files
}

describe('charter check on 300 documents', () => {
  it('reports every problem at its position', async () => {
    const root = makeRepo(corpus())
    const run = await charter(['check', '--today', '2026-12-01', '--format', 'json'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as {findings: {file: string; line: number; column: number; rule: string; message: string}[]}
    expect(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`)).toEqual([
      // A duplicate key costs policy-0003 only that key: its id stands, so the link to it holds.
      'policies/policy-0003.md:5:1 frontmatter-schema Unexpected duplicate key `kind` (first at line 4); keep one and delete the other',
      'policies/policy-0009.md:15:11 links Unexpected related id `policy-0010`: no document has it; did you mean `policy-0011`?',
      'policies/policy-0010.md:2:5 id-matches-filename Unexpected id `policy-0011` in `policy-0010.md`, expected `policy-0010`; set `id: policy-0010` (`policy-0011.md` is already the name of policies/policy-0011.md)',
      'policies/policy-0011.md:2:5 unique-id Unexpected duplicate id `policy-0011`, also used by policies/policy-0010.md; give this document its own id and file name',
      'policies/policy-0020.md:15:24 links Unexpected related id `policy-9999`: no document has it; did you mean `policy-0099`?',
      'policies/policy-0029.md:15:11 links Unexpected related id `policy-0030`: no document has it; did you mean `policy-0031`?',
      'policies/policy-0029.md:47:9 links Unexpected anchor `#scope`: no heading in policies/policy-0030.md has it',
      'policies/policy-0030.md:1:1 file-readable Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of the documents folder or give it a different extension',
      'policies/policy-0040.md:11:16 review-due Unexpected last_reviewed 2026-12-30 in the future (today is 2026-12-01); set it to the date the review took place'
    ])
  })
})
