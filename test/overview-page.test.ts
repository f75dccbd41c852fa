// The overview page (site/index.html) built from `trust:` for each audience, and the register of
// documents beside it: a real repository of three documents, one internal, built once per audience.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {smallBundleRepository} from './fixtures/bundle-repo'
import {charter} from './helpers'

let root: string
const page = (audience: 'public' | 'internal', path: string) => readFileSync(join(root, `dist-${audience}/site`, path), 'utf8')

beforeAll(async () => {
  root = smallBundleRepository()
  for (const audience of ['public', 'internal'] as const) {
    const run = await charter(['build', '--no-pdf', '--audience', audience, '--out', `dist-${audience}`], root)
    if (run.status !== 0) throw new Error(run.stderr)
  }
})

describe('the overview page', () => {
  it('opens with the statement and leads to the policies, coverage and changes', () => {
    const html = page('public', 'index.html')
    expect(html).toContain('<title>Overview · Example security</title>')
    expect(html).toContain('<h1>Security at Example Corp</h1>\n<p class="lead">Example Corp keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.</p>\n')
    expect(html).toContain('<p class="overview-links"><a href="documents.html">Read the 2 published policies</a> · <a href="controls.html">control coverage</a> · <a href="changelog.html">changes</a></p>')
    expect(html).toContain('<li><a href="index.html" aria-current="page">Overview</a></li>\n        <li><a href="documents.html">Policies</a></li>')
  })

  it('links a tile to the public documents behind it, and names an internal one only as internal', () => {
    const html = page('public', 'index.html')
    expect(html).toContain(
      '<h3>Access</h3>\n      <p>Access to production needs single sign-on with a second factor.</p>\n      <p class="tile-refs">Policies: <a href="documents/access-control.html">Access Control Policy</a>; also an internal policy, available on request</p>\n      <p class="tile-refs">Controls: <a href="controls.html#control-soc2-CC6.1" title="Logical access safeguards for protected information assets">CC6.1</a>, <a href="controls.html#control-iso27001-A.5.15" title="Access rules based on business and security needs">A.5.15</a></p>'
    )
    expect(html).toContain('<h3>Incident response</h3>\n      <p>Customers hear of a breach that affects them within 72 hours.</p>\n      <p class="tile-refs">Policies: an internal policy, available on request</p>')
    // Neither the internal document's title nor its id reaches any public page.
    for (const path of ['index.html', 'documents.html', 'controls.html', 'changelog.html']) {
      expect(page('public', path)).not.toMatch(/Incident Response Plan|incident-response\.html/)
    }
  })

  it('links every tile document on the internal edition', () => {
    expect(page('internal', 'index.html')).toContain('<p class="tile-refs">Policies: <a href="documents/incident-response.html">Incident Response Plan</a></p>')
  })

  it('lists certifications with how to request each, saying where an NDA applies', () => {
    const html = page('public', 'index.html')
    expect(html).toContain('<h3>SOC 2 Type II</h3>\n      <p>Period: 1 January 2026 to 30 June 2026</p>\n      <p>Issued by: Example Assurance LLP</p>\n      <p>To request it: <a href="mailto:security@example.com">write to security@example.com</a>. Shared under a non-disclosure agreement.</p>')
    expect(html).toContain('<p>To request it: <a href="https://example.com/security/reports">https://example.com/security/reports</a></p>')
  })

  it('answers the FAQ and names the security contact', () => {
    const html = page('public', 'index.html')
    expect(html).toContain('<h2 id="faq">Frequently asked questions</h2>\n  <h3>Do you encrypt customer data at rest?</h3>\n  <p>Yes. Every data store')
    expect(html).toContain('<h2 id="contact">Security contact</h2>\n  <p>To report a vulnerability or ask about our security: <a href="mailto:security@example.com">security@example.com</a>.</p>')
  })

  it('gives each control on the controls page the id the tiles link to', () => {
    expect(page('public', 'controls.html')).toContain('<tr>\n        <th scope="row" id="control-soc2-CC6.1">CC6.1</th>')
    expect(page('public', 'controls.html')).toContain('<tr>\n        <th scope="row" id="control-iso27001-A.5.15">A.5.15</th>')
  })
})

describe('the register of documents', () => {
  it('lists every document of the audience on documents.html, marked current in the navigation', () => {
    const html = page('internal', 'documents.html')
    expect(html).toContain('<li><a href="index.html">Overview</a></li>\n        <li><a href="documents.html" aria-current="page">Policies</a></li>')
    expect([...html.matchAll(/<th scope="row"><a href="(documents\/[a-z-]+\.html)">/g)].map((match) => match[1])).toEqual([
      'documents/acceptable-use.html',
      'documents/access-control.html',
      'documents/incident-response.html'
    ])
  })

  it('is linked from every document page, whose brand still leads to the overview', () => {
    const html = page('public', 'documents/access-control.html')
    expect(html).toContain('<a class="brand" href="../index.html">')
    expect(html).toContain('<li><a href="../documents.html">Policies</a></li>')
  })
})
