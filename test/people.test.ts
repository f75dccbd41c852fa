// The people register (people.yaml): start and end dates, employment, groups and login, each
// checked with a positioned error, and the config's acknowledgement settings guarded by --base.
import {writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {charter, makeRepo, runGit} from './helpers'
import {policy} from './fixtures/documents'

const check = (root: string, ...extra: string[]) => charter(['check', '--today', '2026-06-01', '--format', 'json', ...extra], root)
const findings = async (root: string, ...extra: string[]) =>
  (JSON.parse((await check(root, ...extra)).stdout).findings as {file: string; line: number; column: number; rule: string; message: string}[])
    .filter((finding) => finding.rule === 'config-schema' || finding.rule === 'config-weakened')
    .map(({file, line, column, message}) => `${file}:${line}:${column} ${message}`)

const person = (lines: string[]) => ['  - name: Ann Example', '    emails: [ann@example.test]', '    roles: [Head of Security]', ...lines.map((line) => `    ${line}`)]
const roster = (...people: string[][]) => ['people:', ...people.flat(), ''].join('\n')
const config = 'acknowledgements:\n  groups:\n    engineering: [alpha]\n'

describe('the people register', () => {
  it('takes start, end, employment, groups and login', async () => {
    const root = makeRepo({
      'charter.config.yaml': config,
      'people.yaml': roster(person(['login: ann', 'start: 2025-02-03', 'end: 2026-04-30', 'employment: contractor', 'groups: [engineering]'])),
      'policies/alpha.md': policy('alpha')
    })
    expect(await findings(root)).toEqual([])
  })

  it('reports a last day before the first, a date that does not exist, an unknown employment and a login used twice, each at its place', async () => {
    const root = makeRepo({
      'people.yaml': roster(
        person(['start: 2026-03-02', 'end: 2026-01-31', 'employment: intern']),
        ['  - name: Bob Example', '    emails: [bob@example.test]', '    roles: []', '    github: ann', '    start: 2026-02-30']
      ),
      'policies/alpha.md': policy('alpha')
    })
    expect(await findings(root)).toEqual([
      "people.yaml:7:17 Unexpected `people[0].employment` value `intern`, expected one of `employee`, `contractor`",
      'people.yaml:12:12 Unexpected `people[1].start` value `2026-02-30`: not a real calendar date; use an existing date as YYYY-MM-DD'
    ])
    const fixed = makeRepo({
      'people.yaml': roster(
        person(['login: ann', 'start: 2026-03-02', 'end: 2026-01-31']),
        ['  - name: Bob Example', '    emails: [bob@example.test]', '    roles: []', '    github: Ann']
      ),
      'policies/alpha.md': policy('alpha')
    })
    expect(await findings(fixed)).toEqual([
      "people.yaml:7:10 Unexpected `end` 2026-01-31 before `start` 2026-03-02; a person's last day comes on or after their first, so correct one of the two",
      'people.yaml:11:13 Unexpected duplicate login `Ann`: also listed for Ann Example (line 2); one person is one entry, so merge the two or remove it from one'
    ])
  })

  it('reports a group the config does not define, with the closest one, and keeps the roster in use', async () => {
    const root = makeRepo({'charter.config.yaml': config, 'people.yaml': roster(person(['groups: [enginering]'])), 'policies/alpha.md': policy('alpha')})
    expect(await findings(root)).toEqual([
      'people.yaml:5:14 Unexpected group `enginering`: `acknowledgements.groups` in the config has no such group; add it there with the documents its members owe, or use one of `engineering`; did you mean `engineering`?'
    ])
    const none = makeRepo({'people.yaml': roster(person(['groups: [sales]'])), 'policies/alpha.md': policy('alpha')})
    expect(await findings(none)).toEqual(['people.yaml:5:14 Unexpected group `sales`: `acknowledgements.groups` in the config has no such group; add it there with the documents its members owe'])
  })

  it('reports a document taken out of one of its groups while others keep it, with --base', async () => {
    const root = makeRepo({'charter.config.yaml': 'acknowledgements:\n  groups:\n    engineering: [alpha]\n    support: [alpha]\n', 'policies/alpha.md': policy('alpha')})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add the policies'])
    runGit(root, ['checkout', '-q', '-b', 'change'])
    writeFileSync(`${root}/charter.config.yaml`, 'acknowledgements:\n  groups:\n    engineering: []\n    support: [alpha]\n')
    expect(await findings(root, '--base', 'main')).toEqual([
      'charter.config.yaml:3:18 Unexpected empty list for `acknowledgements.groups.engineering`, expected at least 1 item; e.g. `acknowledgements.groups.engineering: […]`'
    ])
    writeFileSync(`${root}/charter.config.yaml`, 'acknowledgements:\n  groups:\n    support: [alpha]\n')
    expect(await findings(root, '--base', 'main')).toEqual([
      "charter.config.yaml:3:5 Unexpected removal of `alpha` from `acknowledgements.groups.engineering`, while other groups still list it: the members of `engineering` owed its acknowledgement at main and would no longer; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts"
    ])
    // Out of every group: everyone owes it now, which is stricter.
    writeFileSync(`${root}/charter.config.yaml`, 'acknowledgements:\n  within: 14 days\n')
    expect(await findings(root, '--base', 'main')).toEqual([])
  })
})
