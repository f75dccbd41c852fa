// The bundle's .well-known/security.txt: its exact bytes, Expires from the commit date and
// capped at a year, listed in the manifest and verified, and left out for a contact it can't name.
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {expires} from '../scripts/bundle/security-txt'
import {policy} from './fixtures/documents'
import {charter, makeRepo, runGit} from './helpers'

/** A one-policy repository with `config`, committed at `date`. */
function repository(config: string, date = '2026-11-20T12:34:56+02:00'): string {
  const root = makeRepo({
    'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', effective: date.slice(0, 10), last_reviewed: date.slice(0, 10)}),
    'charter.config.yaml': config,
    '.gitignore': 'dist/\n'
  })
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the policy'], {GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
  return root
}

const securityTxt = (root: string) => readFileSync(join(root, 'dist/.well-known/security.txt'), 'utf8')

describe('security.txt', () => {
  it('names every configured field, with Expires from the commit date, and is in the manifest', async () => {
    const root = repository(
      'organization:\n  security_contact: security@acme.test\nsecurity_txt:\n  url: https://security.acme.test/\n  policy: https://acme.test/disclosure\n  expires: 6 months\n  languages: [en, de-CH]\n'
    )
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(securityTxt(root)).toBe(
      'Contact: mailto:security@acme.test\nExpires: 2027-05-20T10:34:56Z\nPolicy: https://acme.test/disclosure\nCanonical: https://security.acme.test/.well-known/security.txt\nPreferred-Languages: en, de-CH\n'
    )
    const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'))
    expect(manifest.files['.well-known/security.txt']).toBe(createHash('sha256').update(securityTxt(root)).digest('hex'))
    expect((await charter(['verify', 'dist'], root)).status).toBe(0)
    writeFileSync(join(root, 'dist/.well-known/security.txt'), 'Contact: mailto:attacker@evil.test\n')
    const tampered = await charter(['verify', 'dist'], root)
    expect(tampered.status).toBe(1)
    expect(tampered.stdout + tampered.stderr).toContain('.well-known/security.txt: changed (its SHA-256 differs from the manifest)')
  })

  it('takes the defaults: 11 months, English, no Policy or Canonical; an https contact as it is', async () => {
    const root = repository('organization:\n  security_contact: https://acme.test/report\n', '2026-01-31T23:00:00Z')
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(securityTxt(root)).toBe('Contact: https://acme.test/report\nExpires: 2026-12-31T23:00:00Z\nPreferred-Languages: en\n')
  })

  it('cuts a period longer than a year to one year', async () => {
    const root = repository('organization:\n  security_contact: security@acme.test\nsecurity_txt:\n  expires: 3 years\n', '2028-02-29T08:00:00Z')
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(securityTxt(root)).toBe('Contact: mailto:security@acme.test\nExpires: 2029-02-28T08:00:00Z\nPreferred-Languages: en\n')
    expect(expires('2026-03-01T00:00:00Z', '400 days')).toBe('2027-03-01T00:00:00Z')
    expect(expires('2026-03-01T00:00:00Z', '52 weeks')).toBe('2027-02-28T00:00:00Z')
  })

  it('gives the same bytes for the same commit', async () => {
    const root = repository('organization:\n  security_contact: security@acme.test\n')
    await charter(['build', '--no-pdf'], root)
    const first = securityTxt(root)
    await charter(['build', '--no-pdf'], root)
    expect(securityTxt(root)).toBe(first)
  })

  it('leaves the file out, with a warning at the config line, for a contact that is no address', async () => {
    const root = repository('organization:\n  name: Acme Inc\n  security_contact: call the front desk\n')
    const check = await charter(['check', '--today', '2026-11-20'], root)
    expect(check.stdout).toBe(
      'charter.config.yaml\n3:21-3:40 warning Unexpected `organization.security_contact` value `call the front desk`, expected an email address such as `security@example.org` or an https:// URL; security.txt is left out of the bundle until it is one security-contact charter\n\n⚠ 1 warning\n'
    )
    expect(check.status).toBe(0)
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(existsSync(join(root, 'dist/.well-known'))).toBe(false)
  })

  it('warns at `organization` when the contact is not set', async () => {
    const root = repository('organization:\n  name: Acme Inc\n')
    const check = await charter(['check', '--today', '2026-11-20'], root)
    expect(check.stdout).toBe(
      'charter.config.yaml\n1:1-1:13 warning Unexpected missing `organization.security_contact`, expected the email address or https:// URL where security reports go: security.txt and the pages would name `security@example.com`; set it in charter.config.yaml security-contact charter\n\n⚠ 1 warning\n'
    )
  })
})
