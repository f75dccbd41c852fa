// Hostile entries in the people register: a login that tries to name a file outside
// acknowledgements/, a login borrowed from someone else so that their acknowledgements would be
// read as one's own, and groups that try to reach into the config. Each is refused at its place.
import {describe, expect, it} from 'vitest'
import {charter, makeRepo} from '../helpers'
import {policy} from '../fixtures/documents'

async function rosterFindings(people: string): Promise<{status: number | null; lines: string[]}> {
  const root = makeRepo({'charter.config.yaml': 'acknowledgements:\n  groups:\n    engineering: [alpha]\n', 'people.yaml': people, 'policies/alpha.md': policy('alpha')})
  const run = await charter(['check', '--today', '2026-06-01', '--format', 'json'], root)
  const report = JSON.parse(run.stdout) as {findings: {file: string; line: number; column: number; rule: string; message: string}[]}
  return {status: run.status, lines: report.findings.filter((finding) => finding.file === 'people.yaml').map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule} ${finding.message}`)}
}

const entry = (name: string, email: string, extra: string[]) => [`  - name: ${name}`, `    emails: [${email}]`, '    roles: []', ...extra.map((line) => `    ${line}`)]

describe('hostile people entries', () => {
  // The login names the person's acknowledgement file; `../` would point it out of the folder.
  it('a login with a path in it is refused', async () => {
    expect(await rosterFindings(['people:', ...entry('Ann', 'ann@example.test', ['login: ../../etc/passwd']), ''].join('\n'))).toEqual({
      status: 1,
      lines: ["people.yaml:5:12 config-schema Unexpected `people[0].login` value `../../etc/passwd`, expected a short lowercase name such as `dana-example`: letters, digits and `-`"]
    })
  })

  // A second person claiming the first one's GitHub login as their own login would share, and so
  // borrow, the first one's acknowledgements.
  it('a login that is another person\'s GitHub login is refused as a second identity', async () => {
    const people = ['people:', ...entry('Ann', 'ann@example.test', ['github: ann-example']), ...entry('Mallory', 'mallory@example.test', ['login: ann-example']), ''].join('\n')
    expect(await rosterFindings(people)).toEqual({
      status: 1,
      lines: ['people.yaml:9:12 config-schema Unexpected duplicate login `ann-example`: also listed for Ann (line 2); one person is one entry, so merge the two or remove it from one']
    })
  })

  // A group named like an object key must not reach the config's prototype.
  it('a group named __proto__ is an unknown group, not a key of the config', async () => {
    expect(await rosterFindings(['people:', ...entry('Ann', 'ann@example.test', ['groups: [__proto__, constructor]']), ''].join('\n'))).toEqual({
      status: 1,
      lines: ["people.yaml:5:14 config-schema Unexpected `people[0].groups[0]` value `__proto__`, expected a group name such as `engineering`"]
    })
  })
})
