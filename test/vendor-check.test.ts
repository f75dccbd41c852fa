// `charter check` on a repository with a vendor register: every format's summary counts the vendor
// files beside the documents, and says exactly what it said before when there is no register.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo} from './helpers'

const today = ['--today', '2026-06-01']

const swag = `id: swagstack
name: SwagStack
owner: Head of People
status: active
services: Company merchandise
data: [none]
last_reviewed: 2025-09-01
`
const overdue = `id: nimbus
name: Nimbus Cloud
owner: CTO
status: active
services: Production hosting
data: [none]
last_reviewed: 2022-01-10
`

describe('check with a vendor register', () => {
  it('counts the vendor files in the pretty, github, json and summary outputs', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/swagstack.yaml': swag})
    expect(await charter(['check', ...today], root)).toEqual({status: 0, stdout: '1 document and 1 vendor checked: no problems found\n', stderr: ''})
    expect((await charter(['check', ...today, '--format', 'github'], root)).stdout).toBe('charter: 1 document and 1 vendor checked, 0 errors, 0 warnings\n')
    expect((await charter(['check', ...today, '--format', 'json'], root)).stdout).toBe('{\n  "documents": 1,\n  "vendors": 1,\n  "errors": 0,\n  "warnings": 0,\n  "findings": []\n}\n')
    const summary = join(root, '..', `${root.split('/').at(-1)}-summary.md`)
    expect((await charter(['check', ...today, '--summary', summary], root)).status).toBe(0)
    expect(readFileSync(summary, 'utf8').split('\n').slice(0, 3)).toEqual(['## Policy check', '', '1 document and 1 vendor checked: no problems found.'])
  })

  it('counts them beside the findings', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/swagstack.yaml': swag, 'vendors/nimbus.yaml': overdue})
    const github = await charter(['check', ...today, '--format', 'github'], root)
    expect(github.status).toBe(1)
    expect(github.stdout.split('\n').slice(-2)).toEqual(['charter: 1 document and 2 vendors checked, 1 error, 0 warnings', ''])
    const summary = join(root, '..', `${root.split('/').at(-1)}-summary.md`)
    await charter(['check', ...today, '--summary', summary], root)
    expect(readFileSync(summary, 'utf8').split('\n')[2]).toBe('1 document and 2 vendors checked: 1 error, 0 warnings.')
    expect(JSON.parse((await charter(['check', ...today, '--format', 'json'], root)).stdout)).toMatchObject({documents: 1, vendors: 2, errors: 1, warnings: 0})
  })

  it('says what it said before without a register, with an empty vendors folder, and with every vendor rule off', async () => {
    const expected = {status: 0, stdout: '1 document checked: no problems found\n', stderr: ''}
    const json = '{\n  "documents": 1,\n  "errors": 0,\n  "warnings": 0,\n  "findings": []\n}\n'
    const none = makeRepo({'policies/alpha.md': policy('alpha')})
    expect(await charter(['check', ...today], none)).toEqual(expected)
    expect((await charter(['check', ...today, '--format', 'json'], none)).stdout).toBe(json)
    expect((await charter(['check', ...today, '--format', 'github'], none)).stdout).toBe('charter: 1 document checked, 0 errors, 0 warnings\n')
    const empty = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/README.md': 'The register.\n'})
    expect(await charter(['check', ...today], empty)).toEqual(expected)
    expect((await charter(['check', ...today, '--format', 'json'], empty)).stdout).toBe(json)
    const vendorRules = ['vendor-schema', 'vendor-data-known', 'vendor-review-due', 'vendor-assurance-current', 'vendor-cuecs', 'vendor-findings-due', 'vendor-offboarding']
    const off = makeRepo({
      'policies/alpha.md': policy('alpha'),
      'vendors/nimbus.yaml': overdue,
      'charter.config.yaml': `organization:\n  security_contact: security@acme.test\nrules:\n${vendorRules.map((rule) => `  ${rule}: off\n`).join('')}`
    })
    expect(await charter(['check', ...today], off)).toEqual(expected)
  })
})
