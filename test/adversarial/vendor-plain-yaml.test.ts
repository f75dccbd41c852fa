// Hostile vendor files against the plain YAML reader check uses before the `yaml` package: keys
// that name an object's own machinery, a list as long as the size cap allows, nesting deeper
// than any register, and a finding's position in a file the plain reader read.
import {describe, expect, it} from 'vitest'
import {plainYamlValue} from '../../scripts/load/plain-yaml'
import {parseYaml} from '../../scripts/load/yaml'
import {policy} from '../fixtures/documents'
import {charter, makeRepo} from '../helpers'

const today = ['--today', '2026-06-01']
const vendor = (id: string, extra = '') => `id: ${id}\nname: ${id}\nowner: Head of Security\nstatus: evaluating\nservices: Testing\ndata: [none]\n${extra}`

async function findingLines(files: Record<string, string>): Promise<{status: number | null; lines: string[]}> {
  const run = await charter(['check', ...today, '--format', 'json'], makeRepo({'policies/alpha.md': policy('alpha'), ...files}))
  const report = JSON.parse(run.stdout) as {findings: {file: string; line: number; column: number; severity: string; rule: string; message: string}[]}
  return {status: run.status, lines: report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`)}
}

describe('hostile vendor files, read in plain YAML', () => {
  // `__proto__` would set the object's prototype if assigned; the plain reader leaves it to yaml.
  it('a key of `__proto__` or `constructor` sets no prototype and is refused as an unknown key', async () => {
    expect(plainYamlValue(vendor('proto', '__proto__:\n  polluted: yes\n'))).toBeUndefined()
    const own = plainYamlValue(vendor('proto', 'constructor: x\n'))
    expect(Object.getPrototypeOf(own)).toBe(Object.prototype)
    expect(Object.hasOwn(own!, 'constructor')).toBe(true)
    const {status, lines} = await findingLines({'vendors/proto.yaml': vendor('proto', '__proto__:\n  polluted: yes\nconstructor: x\n')})
    expect(status).toBe(1)
    const known = '`id`, `name`, `website`, `owner`, `status`, `services`, `data`, `tier`, `tier_justification`, `subprocessor`, `location`, `assurance`, `contracts`, `last_reviewed`, `reviewed_by`, `findings`, `offboarded`'
    expect(lines).toEqual([
      `vendors/proto.yaml:7:1 error vendor-schema Unexpected key \`__proto__\`, expected one of ${known}, or a key starting with \`x-\` to keep it as it is`,
      `vendors/proto.yaml:9:1 error vendor-schema Unexpected key \`constructor\`, expected one of ${known}, or a key starting with \`x-\` to keep it as it is; did you mean \`contracts\`?`
    ])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  // A pull request may add a list as long as the size cap allows; the plain reader reads it as yaml does.
  it('a list of 5,000 findings reads as yaml reads it and is checked', async () => {
    const findings = Array.from({length: 5000}, (_, index) => `  - summary: Item ${index}\n    due: 2026-01-01\n    closed: 2026-01-02\n`).join('')
    const text = vendor('long', `findings:\n${findings}`)
    expect(text.length).toBeGreaterThan(250_000)
    expect(plainYamlValue(text)).toEqual(parseYaml(text).value)
    expect(await charter(['check', ...today], makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/long.yaml': text}))).toEqual({status: 0, stdout: '1 document and 1 vendor checked: no problems found\n', stderr: ''})
  })

  it('nesting deeper than any register is left to yaml, and refused by the schema', async () => {
    const deep = `x-deep:\n${Array.from({length: 40}, (_, depth) => `${'  '.repeat(depth + 1)}k${depth}:`).join('\n')} end\n`
    const text = vendor('deep', deep)
    expect(plainYamlValue(text)).toBeUndefined()
    expect(parseYaml(text).problems).toEqual([])
    expect(await findingLines({'vendors/deep.yaml': text})).toEqual({status: 0, lines: []})
  })

  it('a finding in a file the plain reader read is placed as yaml places it', async () => {
    const text = vendor('placed', 'findings:\n  - summary: Ask for the report   # from the last review\n    due: "2026-05-01"\n')
    expect(plainYamlValue(text)).toBeDefined()
    expect(await findingLines({'vendors/placed.yaml': text})).toEqual({
      status: 1,
      lines: ['vendors/placed.yaml:9:10 error vendor-findings-due Finding `Ask for the report` was due 2026-05-01, 31 days ago; close it (set `closed:` to the day it was done) or agree a new due date with its owner']
    })
  })
})
