// Hostile vendor files against the internal edition's register page: a vendor file linked to a
// file outside the repository, thousands of findings in one file, names that repeat or mimic
// the page's own headings, and terminal escapes and NUL in names. Built with --allow-errors, as
// a maintainer might to see a broken register: nothing outside the repository is published, and
// the page stays whole, unique in its ids, and text.
import {mkdtempSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {commitDate, copyProjectConfig} from '../fixtures/bundle-repo'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, runGit} from '../helpers'

const vendor = (id: string, name: string, extra = '') => `id: ${id}\nname: ${JSON.stringify(name)}\nowner: CTO\nstatus: active\nservices: Testing\ndata: [none]\nlast_reviewed: 2026-10-01\n${extra}`

/** Commits `files` beside one policy and the project's config, builds the internal edition without PDFs, and gives the register page. */
async function registerPage(files: Record<string, string>, prepare?: (root: string) => void): Promise<{page: string; stderr: string}> {
  const root = makeRepo({'policies/access-control.md': policy('access-control', {title: 'Access Control Policy', last_reviewed: '2026-11-02'}), '.gitignore': 'dist/\n.charter/\n', ...files})
  copyProjectConfig(root)
  prepare?.(root)
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Register'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  const run = await charter(['build', '--no-pdf', '--allow-errors', '--audience', 'internal'], root)
  expect(run.status, run.stderr).toBe(0)
  return {page: readFileSync(join(root, 'dist/site/vendors.html'), 'utf8'), stderr: run.stderr}
}

describe('the vendor register page against hostile vendor files', () => {
  it('publishes nothing a vendor file linked out of the repository points at, and lists no vendor for it', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'charter-outside-')), 'secret.yaml')
    writeFileSync(outside, vendor('linked', 'SECRET-TOKEN-1234'))
    const {page} = await registerPage({'vendors/plain.yaml': vendor('plain', 'Plain Vendor')}, (root) => symlinkSync(outside, join(root, 'vendors/linked.yaml')))
    expect(page).not.toContain('SECRET-TOKEN')
    expect(page).not.toContain('linked')
    expect(page).toContain('<dd>1 (0 critical, 0 high, 0 medium, 1 low)</dd>')
  })

  it('shows every one of 3,000 findings in one file, the page whole', async () => {
    const findings = Array.from({length: 3000}, (_, index) => `  - summary: Finding ${index + 1}\n    due: 2027-01-01\n`).join('')
    const {page} = await registerPage({'vendors/many.yaml': vendor('many', 'Many Findings', `findings:\n${findings}`)})
    expect(page.match(/<td>Finding \d+<\/td>/g)).toHaveLength(3000)
    expect(page).toContain('<td>Finding 3000</td>\n<td>2027-01-01</td>\n<td>due in 42 days</td>')
    expect(page.trimEnd().endsWith('</html>')).toBe(true)
  })

  it('gives each heading its own id when names repeat or copy a tier heading, so every contents link lands once', async () => {
    const {page} = await registerPage({
      'vendors/one.yaml': vendor('one', 'Low tier (2 vendors)'),
      'vendors/two.yaml': vendor('two', 'Low tier (2 vendors)'),
      'vendors/three.yaml': vendor('three', 'Low tier (2 vendors)')
    })
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((match) => match[1])
    expect(ids.length).toBeGreaterThan(10)
    expect(new Set(ids).size).toBe(ids.length)
    const links = [...page.matchAll(/<nav class="toc"[\s\S]*?<\/nav>/g)][0]![0].match(/href="#([^"]+)"/g)!.map((link) => link.slice(7, -1))
    for (const id of links) expect(ids, id).toContain(id)
  })

  it('shows terminal escapes, NUL and bidirectional overrides in a name as visible escapes, never the characters', async () => {
    const {page} = await registerPage({'vendors/escape.yaml': vendor('escape', 'Red \u001b[31mAlert\u0000 \u2066Mirror\u2069')})
    expect(page).toContain('<td>Red \\u001b[31mAlert\\u0000 \\u2066Mirror\\u2069</td>')
    expect(page).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u2066-\u2069]/)
  })
})
