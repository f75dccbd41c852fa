// The acknowledgement ledger (acknowledgements/<login>.yaml): its schema, positioned problems
// for bad input, and `charter acknowledge`, run in real git repositories in temporary folders.
import {symlinkSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {readAcknowledgementLedger, type AcknowledgementFile} from '../scripts/load/acknowledgements'
import {makeRepo} from './helpers'

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
