// The controls page of a built bundle: the public edition counts coverage from every approved
// document, shows a control only non-public documents cover as covered by an internal policy,
// and names none of them; the internal edition links every document and keeps the real gaps.
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {commitDate} from './fixtures/bundle-repo'
import {copyProjectConfig} from './fixtures/bundle-repo'
import {policy} from './fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from './helpers'

let pages: Record<'public' | 'internal', string>

/** The row of one control, as the page draws it. */
function row(page: string, id: string): string {
  const at = page.indexOf(`<th scope="row" id="control-${id.startsWith('A.') ? 'iso27001' : 'soc2'}-${id}">${id}</th>`)
  expect(at).toBeGreaterThan(-1)
  return page.slice(page.lastIndexOf('<tr', at), page.indexOf('</tr>', at) + '</tr>'.length).replace(/\s*\n\s*/g, '')
}

/** The summary line under a framework's heading. */
function summary(page: string, framework: string): string {
  const at = page.indexOf(`<h2 id="framework-${framework}">`)
  return page.slice(page.indexOf('<p>', at), page.indexOf('</p>', at) + '</p>'.length)
}

beforeAll(async () => {
  const root = makeRepo({
    'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', last_reviewed: '2026-11-02', controls: '{soc2: [CC6.1], iso27001: [A.5.15]}'}),
    'policies/incident-response.md': policy('incident-response', {
      title: 'Incident Response Plan',
      classification: 'internal',
      last_reviewed: '2026-11-02',
      controls: '{soc2: [CC6.1, CC7.3], iso27001: [A.5.24]}'
    }),
    'policies/backup-restore.md': policy('backup-restore', {title: 'Backup Runbook', classification: 'confidential', last_reviewed: '2026-11-02', controls: '{soc2: [A1.2]}'}),
    'policies/monitoring-draft.md': policy('monitoring-draft', {title: 'Monitoring Draft', classification: 'internal', status: 'draft', last_reviewed: '2026-11-02', controls: '{soc2: [CC7.2]}'})
  })
  cpSync(join(projectRoot, 'templates'), join(root, 'templates'), {recursive: true})
  copyProjectConfig(root)
  writeFileSync(join(root, '.gitignore'), 'dist*/\n.charter/\n')
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Adopt the policies', '-m', 'Approved-by: Bob <bob@example.test>'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  const built = {} as Record<'public' | 'internal', string>
  for (const audience of ['public', 'internal'] as const) {
    const run = await charter(['build', '--no-pdf', '--audience', audience, '--out', `dist-${audience}`], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    built[audience] = readFileSync(join(root, `dist-${audience}/site/controls.html`), 'utf8')
  }
  pages = built
})

describe('the public controls page', () => {
  it('counts every approved document, and says how many only an internal policy covers', () => {
    expect(summary(pages.public, 'soc2')).toBe('<p>38 in scope, 3 covered (2 by an internal policy), <strong>35 not yet addressed by a policy</strong>.</p>')
    expect(summary(pages.public, 'iso27001')).toBe('<p>86 in scope, 2 covered (1 by an internal policy), <strong>84 not yet addressed by a policy</strong>.</p>')
  })

  it('links the public document, and says only that an internal policy covers the rest', () => {
    expect(row(pages.public, 'CC6.1')).toBe(
      '<tr><th scope="row" id="control-soc2-CC6.1">CC6.1</th><td>Logical access safeguards for protected information assets</td><td><a href="documents/access-control.html">Access Control Policy</a></td></tr>'
    )
    expect(row(pages.public, 'CC7.3')).toBe(
      '<tr><th scope="row" id="control-soc2-CC7.3">CC7.3</th><td>Security events triaged to identify incidents</td><td><span class="internal">covered by an internal policy (available on request)</span></td></tr>'
    )
    expect(row(pages.public, 'A1.2')).toBe(
      '<tr><th scope="row" id="control-soc2-A1.2">A1.2</th><td>Environmental safeguards, backups and recovery infrastructure in place</td><td><span class="internal">covered by an internal policy (available on request)</span></td></tr>'
    )
    expect(row(pages.public, 'A.5.24')).toBe(
      '<tr><th scope="row" id="control-iso27001-A.5.24">A.5.24</th><td>Incident handling process, roles and plans prepared</td><td><span class="internal">covered by an internal policy (available on request)</span></td></tr>'
    )
  })

  it('calls a control no approved document covers a gap, in a customer’s words', () => {
    expect(row(pages.public, 'CC7.2')).toBe(
      '<tr><th scope="row" id="control-soc2-CC7.2">CC7.2</th><td>System components monitored for anomalous behavior</td><td><span class="gap">not yet addressed by a policy</span></td></tr>'
    )
    expect(pages.public).not.toContain('not covered')
    expect(pages.public).not.toContain('A draft covers nothing')
  })

  it('names no document it does not publish', () => {
    for (const name of ['incident-response', 'Incident Response Plan', 'backup-restore', 'Backup Runbook', 'monitoring-draft', 'Monitoring Draft']) expect(pages.public).not.toContain(name)
  })
})

describe('the internal controls page', () => {
  it('keeps the real gaps', () => {
    expect(summary(pages.internal, 'soc2')).toBe('<p>38 in scope, 3 covered, <strong>35 not yet covered</strong>.</p>')
    expect(row(pages.internal, 'CC7.2')).toBe(
      '<tr><th scope="row" id="control-soc2-CC7.2">CC7.2</th><td>System components monitored for anomalous behavior</td><td><span class="gap">not covered</span></td></tr>'
    )
  })

  it('links every approved document that covers a control', () => {
    expect(row(pages.internal, 'CC6.1')).toBe(
      '<tr><th scope="row" id="control-soc2-CC6.1">CC6.1</th><td>Logical access safeguards for protected information assets</td><td><a href="documents/access-control.html">Access Control Policy</a>, <a href="documents/incident-response.html">Incident Response Plan</a></td></tr>'
    )
    expect(row(pages.internal, 'CC7.3')).toBe(
      '<tr><th scope="row" id="control-soc2-CC7.3">CC7.3</th><td>Security events triaged to identify incidents</td><td><a href="documents/incident-response.html">Incident Response Plan</a></td></tr>'
    )
    expect(row(pages.internal, 'A1.2')).toBe(
      '<tr><th scope="row" id="control-soc2-A1.2">A1.2</th><td>Environmental safeguards, backups and recovery infrastructure in place</td><td><a href="documents/backup-restore.html">Backup Runbook</a></td></tr>'
    )
  })
})
