// Hostile `trust:` values in a pull request's config: the overview page publishes them to every
// customer, so each is text on the page, links go only to http(s) and mailto, and a tile can't
// be used to name an internal document on the public page.
import {cpSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {checkRepository} from '../../scripts/lint/repository'
import {parseDay} from '../../scripts/model/dates'
import {requestHref} from '../../scripts/model/trust-links'
import {policy} from '../fixtures/documents'
import {commitDate} from '../fixtures/bundle-repo'
import {charter, findingLines, makeRepo, projectRoot, runGit} from '../helpers'

const baseConfig = 'organization:\n  name: Example Corp\n  short_name: Example\n  security_contact: security@example.test\n'
const today = parseDay('2026-11-20')!

/** One public and one internal document, and `trust` (YAML under `trust:`) in the config. */
function repository(trust: string): string {
  return makeRepo({
    'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2026-11-02'}),
    'policies/secret-plan.md': policy('secret-plan', {title: 'Secret Breach Plan', classification: 'internal', last_reviewed: '2026-11-02'}),
    'charter.config.yaml': `${baseConfig}trust:\n${trust}`
  })
}

/** The repository committed at the bundle tests' date, as build reads it. */
function committed(root: string): string {
  writeFileSync(join(root, '.gitignore'), 'dist/\n')
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the policies'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
  return root
}

const findingsOf = (root: string) => findingLines(checkRepository(root, {configPath: 'charter.config.yaml', today}).files)

describe('hostile trust: values', () => {
  // A link on a page customers trust is a phishing or script vector: only an email address or an
  // http(s) address may be a certification's request link, whatever the letter case.
  it.each([
    ['javascript:alert(1)', 'charter.config.yaml:8:16-8:37'],
    ['JavaScript://x.test/%0Aalert(1)', 'charter.config.yaml:8:16-8:49'],
    ['data:text/html,<script>alert(1)</script>', 'charter.config.yaml:8:16-8:58'],
    ['mailto:a@b.test?body=x', 'charter.config.yaml:8:16-8:40']
  ])('refuses %j as a request address, at its place', (request, place) => {
    const root = repository(`  certifications:\n    - name: SOC 2\n      request: "${request}"\n`)
    expect(findingsOf(root)).toEqual([
      `${place} error config-schema Unexpected \`trust.certifications[0].request\` value \`${request}\`, expected an email address such as \`security@example.com\` or an https:// address`
    ])
    expect(requestHref(request)).toBeUndefined()
  })

  it('keeps the page link to http(s) and mailto even for a config that skipped the schema', () => {
    expect(requestHref('security@acme.test')).toBe('mailto:security@acme.test')
    expect(requestHref('https://acme.test/reports')).toBe('https://acme.test/reports')
    expect(requestHref('http://acme.test/reports')).toBe('http://acme.test/reports')
    for (const request of ['javascript:alert(1)', 'vbscript:x', 'https://acme.test/a b', 'https://acme.test/\nSet-Cookie: x', '//acme.test', 'file:///etc/passwd']) expect(requestHref(request)).toBeUndefined()
  })

  // An escape sequence in the statement would repaint the terminal of whoever runs check on the
  // pull request; a line break or tab in a title would split a line of the page's text.
  it('refuses control characters in the text, printed escaped', () => {
    const root = repository('  statement: "Safe\\u001b[2J\\u0007"\n  practices:\n    - {title: "Tab\\tbed", summary: One sentence.}\n')
    expect(findingsOf(root)).toEqual([
      'charter.config.yaml:6:14-6:35 error config-schema Unexpected `trust.statement` value `Safe\\u001b[2J\\u0007`, expected text without control characters (line breaks are fine)',
      'charter.config.yaml:8:15-8:25 error config-schema Unexpected `trust.practices[0].title` value `Tab\\u0009bed`, expected one line of text, without control characters'
    ])
  })

  it('refuses a path or a URL where a document id goes', () => {
    const root = repository('  practices:\n    - {title: Access, summary: One sentence., documents: [../../etc/passwd]}\n')
    expect(findingsOf(root)).toEqual([
      'charter.config.yaml:7:59-7:75 error config-schema Unexpected `trust.practices[0].documents[0]` value `../../etc/passwd`, expected the kebab-case id of a document, e.g. `cryptography`'
    ])
  })

  it('publishes markup, Markdown and quotes in every field as text, and a quote in a link cannot leave its attribute', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const root = repository(
      [
        `  statement: '${hostile} [click](javascript:alert(3))'`,
        '  practices:',
        `    - {title: '${hostile}', summary: '<a href="javascript:alert(4)">four</a>', documents: [alpha], controls: [CC6.1]}`,
        '  certifications:',
        `    - {name: '"><svg onload=alert(5)>', period: '${hostile}', auditor: '${hostile}', request: 'https://acme.test/"onmouseover="alert(6)'}`,
        '  faq:',
        `    - {question: '${hostile}', answer: "<iframe src=https://evil.test></iframe>\\n\\n**bold** <b>six</b>"}`,
        ''
      ].join('\n')
    )
    const run = await charter(['build', '--no-pdf'], committed(root))
    expect(run.stderr).toBe('')
    const html = readFileSync(join(root, 'dist/site/index.html'), 'utf8')
    expect(html).not.toMatch(/<script|<img|<svg|<iframe|<b>|href="javascript|onerror=|onmouseover="/)
    expect(html).toContain('<p class="lead">&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt; [click](javascript:alert(3))</p>')
    expect(html).toContain('<a href="https://acme.test/&quot;onmouseover&#x3D;&quot;alert(6)">https://acme.test/&quot;onmouseover&#x3D;&quot;alert(6)</a>')
    expect(html).toContain('<p>&lt;iframe src&#x3D;https://evil.test&gt;&lt;/iframe&gt;</p>\n  <p>**bold** &lt;b&gt;six&lt;/b&gt;</p>')
  })

  // A tile on the public page must not become a way to publish an internal document's title or
  // a link to it: the document is named only as "an internal policy, available on request".
  it('names an internal document in a public tile only as internal', async () => {
    const root = repository('  practices:\n    - {title: Incidents, summary: We answer within a day., documents: [secret-plan, alpha]}\n')
    const run = await charter(['build', '--no-pdf'], committed(root))
    expect(run.stderr).toBe('')
    const html = readFileSync(join(root, 'dist/site/index.html'), 'utf8')
    expect(html).toContain('<p class="tile-refs">Policies: <a href="documents/alpha.html">Alpha Policy</a>; also an internal policy, available on request</p>')
    expect(html).not.toMatch(/secret|Secret/)
  })

  // A name is filled into the seed's texts after they are read as YAML, and set through the YAML
  // library: a name holding template syntax or YAML can neither run a helper nor add a key.
  it('keeps an organization name with template and YAML syntax as text in the seed it writes', async () => {
    const root = makeRepo({})
    for (const path of ['templates', 'policies', 'charter.config.yaml']) cpSync(join(projectRoot, path), join(root, path), {recursive: true})
    const name = 'Evil {{roles.executive}}"\nrules: {links: off}'
    const run = await charter(['init', '--name', name, '--date', '2026-06-01'], root)
    expect(run.stderr).toBe('')
    const config = parse(readFileSync(join(root, 'charter.config.yaml'), 'utf8'))
    expect(config.trust.statement).toBe(`${name} keeps its security policies in writing, each approved by named people and reviewed every year. This page sums up what they require of us.`)
    expect(config.rules).toEqual({})
  })
})
