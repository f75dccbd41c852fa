// charter coverage: only approved documents count, scope comes from config, every format.
import {describe, expect, it} from 'vitest'
import {policy} from './fixtures/documents'
import {charter, makeRepo} from './helpers'

const files = {
  'policies/alpha.md': policy('alpha', {controls: '{soc2: [CC6.1, A1.2], iso27001: [A.5.15]}'}),
  'policies/beta.md': policy('beta', {status: 'draft', controls: '{soc2: [CC6.2], iso27001: [A.5.16]}'}),
  'policies/gamma.md': policy('gamma', {controls: '{soc2: [CC6.1]}'})
}
const config = [
  'soc2:',
  '  categories: [security]',
  'iso27001:',
  '  controls:',
  '    A.7.4:',
  '      applicable: false',
  '      justification: "No premises of our own: hosting is with cloud providers, staff work remotely."',
  ''
].join('\n')

describe('charter coverage', () => {
  it('counts approved documents only, in the configured scope, and fails on gaps when asked', async () => {
    const root = makeRepo({...files, 'charter.config.yaml': config})
    const run = await charter(['coverage', '--framework', 'soc2'], root)
    expect(run.status).toBe(0)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('SOC 2 Trust Services Criteria (2017): 33 in scope, 1 covered, 32 gaps')
    const row = (id: string) => lines.find((line) => line.startsWith(`  ${id} `))?.replace(/ {2,}/g, ' | ')
    expect(row('CC6.1')).toBe(' | CC6.1 | Logical access safeguards for protected information assets | alpha, gamma')
    expect(row('CC6.2')).toMatch(/^ \| CC6\.2 \| .+ \| GAP$/)
    expect(lines.some((line) => line.startsWith('  A1.2'))).toBe(false)
    expect((await charter(['coverage', '--framework', 'soc2', '--fail-on-gaps'], root)).status).toBe(1)
  })

  it('doubles as a draft Statement of Applicability for ISO/IEC 27001', async () => {
    const root = makeRepo({...files, 'charter.config.yaml': config})
    const markdown = (await charter(['coverage', '--framework', 'iso27001', '--format', 'markdown'], root)).stdout.split('\n')
    expect(markdown.slice(0, 5)).toEqual([
      '## Statement of Applicability (draft): ISO/IEC 27001:2022 Annex A',
      '',
      'ISO/IEC 27001:2022 Annex A: 92 in scope, 1 covered, 91 gaps',
      '',
      '| Control | Title | Applicable | Justification | Documents |'
    ])
    expect(markdown).toContain('| A.5.15 | Access rules based on business and security needs | yes | Addressed by alpha | alpha |')
    expect(markdown).toContain('| A.5.16 | Identities managed across their lifecycle | yes | Not yet addressed by an approved document | **gap** |')
    expect(markdown).toContain('| A.7.4 | Premises watched for unauthorized physical access | no | No premises of our own: hosting is with cloud providers, staff work remotely. | — |')
  })

  it('prints json and csv', async () => {
    const root = makeRepo({...files, 'charter.config.yaml': config})
    const [soc2] = JSON.parse((await charter(['coverage', '--framework', 'soc2', '--format', 'json'], root)).stdout)
    expect(soc2.controls.find((control: {id: string}) => control.id === 'CC6.1')).toEqual({id: 'CC6.1', title: 'Logical access safeguards for protected information assets', in_scope: true, documents: ['alpha', 'gamma']})
    expect(soc2.gaps).toHaveLength(32)
    const csv = (await charter(['coverage', '--format', 'csv'], root)).stdout.split('\n')
    expect(csv[0]).toBe('framework,control,title,in_scope,justification,documents,gap')
    expect(csv).toContain('soc2,CC6.1,Logical access safeguards for protected information assets,yes,,alpha gamma,no')
    expect(csv).toContain('iso27001,A.7.4,Premises watched for unauthorized physical access,no,"No premises of our own: hosting is with cloud providers, staff work remotely.",,no')
  })

  it('refuses an unknown framework, and one the config does not enable', async () => {
    const root = makeRepo({...files, 'charter.config.yaml': 'frameworks: [soc2]\n'})
    const unknown = await charter(['coverage', '--framework', 'nist'], root)
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toBe('charter: coverage: unknown --framework `nist`, expected one of soc2, iso27001\n')
    const disabled = await charter(['coverage', '--framework', 'iso27001'], root)
    expect(disabled.status).toBe(1)
    expect(disabled.stderr).toBe('charter: iso27001 is not enabled; add it to `frameworks:` in charter.config.yaml (enabled: soc2)\n')
  })
})
