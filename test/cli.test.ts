// `charter` as a user runs it: real files, exact output and exit status; in-process, and usage
// errors through the installed program.
import {readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {rules} from '../scripts/lint/rules/index'
import {policy} from './fixtures/documents'
import {charter, charterBinary, makeRepo, projectRoot} from './helpers'

const today = ['--today', '2026-06-01']

describe('charter', () => {
  it('prints help and the version', async () => {
    const help = await charter(['--help'], projectRoot)
    expect(help.status).toBe(0)
    expect(help.stdout).toContain('Usage: charter <command> [options]')
    expect(help.stdout).toMatch(/^ {2}check {5}Check every document: schema, sections/m)
    const bare = await charter([], projectRoot)
    expect(bare.status).toBe(2)
    expect(bare.stdout).toBe(help.stdout)
    const version = await charter(['--version'], projectRoot)
    expect(version.stdout).toBe(`${JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')).version}\n`)
  })

  it('explains every check option and lists every rule', async () => {
    const help = await charter(['check', '--help'], projectRoot)
    expect(help.status).toBe(0)
    for (const option of ['--format <name>', '--today <date>', '--max-warnings <n>', '--root <dir>', '--config <file>', '-h, --help']) {
      expect(help.stdout).toContain(`  ${option}`)
    }
    for (const format of ['pretty', 'json', 'github', 'sarif']) expect(help.stdout).toMatch(new RegExp(`^ +${format} +\\S`, 'm'))
    for (const rule of rules) expect(help.stdout).toContain(`  ${rule.id.padEnd(30)} ${rule.severity.padEnd(6)} ${rule.summary}`)
  })

  it.each([
    [['chek'], 'charter: unknown command `chek`; did you mean `check`? (see `charter --help`)'],
    [['check', '--fromat', 'json'], 'charter: check: unknown option `--fromat`; did you mean `--format`? (see `charter check --help`)'],
    [['check', '--format', 'xml'], 'charter: check: unknown --format `xml`, expected one of pretty, json, github, sarif'],
    [['check', '--today', '2025-02-29'], 'charter: check: --today expects a real date as YYYY-MM-DD, got `2025-02-29`'],
    [['check', '--max-warnings', 'ten'], 'charter: check: --max-warnings expects a whole number, got `ten`'],
    [['check', 'policies/a.md'], 'charter: check: unexpected argument `policies/a.md`; charter checks the whole documents folder, see `charter check --help`']
  ])('refuses %j with exit 2 and a clear message', async (args, message) => {
    // The installed program, so the exit status is the process's own.
    const run = await charterBinary(args, projectRoot)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(`${message}\n`)
    expect(run.stdout).toBe('')
  })

  it('passes the library shipped in policies/', async () => {
    const count = readdirSync(join(projectRoot, 'policies')).length
    expect(count).toBeGreaterThanOrEqual(19)
    const vendors = readdirSync(join(projectRoot, 'vendors')).length
    expect(vendors).toBeGreaterThanOrEqual(12)
    const run = await charter(['check', '--today', '2026-11-24'], projectRoot)
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(`${count} documents and ${vendors} vendors checked: no problems found\n`)
    expect(run.status).toBe(0)
  })

  it('says where to run it when there is no policies/ folder', async () => {
    const root = makeRepo({'README.md': '# not a policy repo\n'})
    const run = await charter(['check'], root)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(`charter: check: no policies/ folder in ${root}; run charter from the repository root, or pass --root <dir>\n`)
  })

  it('fails when policies/ holds no document', async () => {
    const root = makeRepo({'policies/notes.txt': 'nothing here\n'})
    const run = await charter(['check'], root)
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: no documents (*.md) found under policies/; add one, e.g. copy an existing policy\n')
  })

  it('checks another folder with --root', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['check', ...today, '--root', root], projectRoot)
    expect(run.stdout).toBe('1 document checked: no problems found\n')
    expect(run.status).toBe(0)
  })
})

describe('exit status and severities', () => {
  const overdue = policy('alpha', {effective: '2024-01-15', last_reviewed: '2025-01-10'})
  const dueSoon = policy('beta', {effective: '2024-01-15', last_reviewed: '2025-06-20'})

  it('exits 1 on an error and 0 on warnings alone', async () => {
    expect((await charter(['check', ...today], makeRepo({'policies/alpha.md': overdue}))).status).toBe(1)
    expect((await charter(['check', ...today], makeRepo({'policies/beta.md': dueSoon}))).status).toBe(0)
  })

  it('fails on more warnings than --max-warnings allows', async () => {
    const root = makeRepo({'policies/beta.md': dueSoon})
    const over = await charter(['check', ...today, '--max-warnings', '0'], root)
    expect(over.status).toBe(1)
    expect(over.stderr).toBe('charter: 1 warning, more than --max-warnings 0\n')
    expect((await charter(['check', ...today, '--max-warnings', '1'], root)).status).toBe(0)
  })

  it('takes per-rule severity from config', async () => {
    const asWarning = makeRepo({'policies/alpha.md': overdue, 'charter.config.yaml': 'rules:\n  review-due: warn\norganization:\n  security_contact: security@acme.test\n'})
    const run = await charter(['check', ...today, '--format', 'json'], asWarning)
    expect(run.status).toBe(0)
    expect(JSON.parse(run.stdout).findings.map((finding: {severity: string; rule: string}) => `${finding.severity} ${finding.rule}`)).toEqual(['warning review-due'])
    const off = makeRepo({'policies/alpha.md': overdue, 'charter.config.yaml': 'rules:\n  review-due: off\norganization:\n  security_contact: security@acme.test\n'})
    expect((await charter(['check', ...today], off)).stdout).toBe('1 document checked: no problems found\n')
  })

  it('reports a broken config at its position and checks no document', async () => {
    const root = makeRepo({'policies/alpha.md': overdue, 'charter.config.yaml': 'review:\n  warn_windw: 30 days\n'})
    const run = await charter(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout)).toEqual({
      documents: 0,
      errors: 1,
      warnings: 0,
      findings: [
        {
          file: 'charter.config.yaml',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 13,
          severity: 'error',
          rule: 'config-schema',
          message: 'Unexpected key `warn_windw` in `review`, expected one of `warn_window`, `interval`; did you mean `warn_window`?'
        }
      ]
    })
  })

  it('refuses a --config file that does not exist', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['check', ...today, '--config', 'other.yaml', '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout).findings[0].message).toBe('Unexpected ENOENT while reading the file; check that it exists and is readable')
  })
})

describe('bad input: a positioned message, exit 1, no stack trace, the other files still checked', () => {
  const valid = policy('valid')
  // The neighbour always carries one known error, proving it was checked too.
  const neighbour = policy('neighbour', {last_reviewed: '2026-06-02'})
  const neighbourLine =
    'policies/neighbour.md:11:16 error review-due Unexpected last_reviewed 2026-06-02 in the future (today is 2026-06-01); set it to the date the review took place'

  async function checkWith(files: Record<string, string | Uint8Array>, setup?: (root: string) => void): Promise<string[]> {
    const root = makeRepo({'policies/neighbour.md': neighbour, ...files})
    setup?.(root)
    const run = await charter(['check', ...today, '--format', 'json'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const report = JSON.parse(run.stdout) as {findings: {file: string; line: number; column: number; severity: string; rule: string; message: string}[]}
    const lines = report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`)
    expect(lines).toContain(neighbourLine)
    return lines.filter((line) => line !== neighbourLine)
  }

  it.each([
    ['no front matter', '## Purpose\n\nText.\n', 'policies/bad.md:1:1 error frontmatter-schema Missing front matter, expected the file to start with a `---` line, the YAML keys (`id`, `title`, `kind`, …) and a closing `---`'],
    ['unclosed front matter', '---\nid: bad\ntitle: Bad\n\n## Purpose\n', 'policies/bad.md:1:1 error frontmatter-schema Unexpected end of file in front matter: the opening `---` is never closed; add a line `---` after the last key'],
    ['an empty file', '', 'policies/bad.md:1:1 error frontmatter-schema Unexpected empty file, expected a document starting with `---` front matter; see any other document for the shape'],
    ['invalid YAML', valid.replace('approvers: [CTO]', 'approvers: [CTO').replace('id: valid', 'id: bad'), 'policies/bad.md:9:1 error frontmatter-schema Unexpected indentation; align keys of the same mapping and close every bracket (YAML BAD_INDENT)'],
    ['tabs as indentation', valid.replace('id: valid', 'id: bad').replace('owner: Head of Security', 'owner:\n\tHead of Security'), 'policies/bad.md:8:1 error frontmatter-schema Unexpected tab used as indentation, expected spaces; indent YAML with spaces only (YAML TAB_AS_INDENT)'],
    ['a duplicate key', valid.replace('id: valid', 'id: bad').replace('approvers: [CTO]', 'approvers: [CTO]\nowner: CTO'), 'policies/bad.md:9:1 error frontmatter-schema Unexpected duplicate key `owner` (first at line 7); keep one and delete the other'],
    ['a __proto__ key', valid.replace('id: valid', '__proto__: {polluted: true}\nid: bad'), 'policies/bad.md:2:1 error frontmatter-schema Unexpected key `__proto__`, expected one of `id`, `title`, `kind`, `version`, `status`, `owner`, `approvers`, `classification`, `effective`, `last_reviewed`, `review_interval`, `order`, `controls`, `related`, `acknowledge`, or a key starting with `x-` to keep it as it is'],
    ['a version given as a number', valid.replace('id: valid', 'id: bad').replace('version: 1.0.0', 'version: 1.10'), 'policies/bad.md:5:10 error frontmatter-schema Unexpected number `1.1` for `version`, expected text; quote it: `version: "1.10"`'],
    ['an impossible date', valid.replace('id: valid', 'id: bad').replace('effective: 2026-01-15', 'effective: 2025-02-30'), 'policies/bad.md:10:12 error frontmatter-schema Unexpected `effective` value `2025-02-30`: not a real calendar date; use an existing date as YYYY-MM-DD'],
    ['an id that is not kebab-case', valid.replace('id: valid', 'id: Bad_File'), 'policies/bad.md:2:5 error frontmatter-schema Unexpected `id` value `Bad_File`, expected kebab-case: lowercase letters, digits and single hyphens, e.g. `access-control`']
  ])('%s', async (_, content, expected) => {
    expect(await checkWith({'policies/bad.md': content})).toEqual([expected])
  })

  // Unbounded, these aliases expand to billions of nodes; the message shows the bound stopped it.
  it('a YAML alias bomb', async () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]']
    for (let level = 1; level < 10; level++) lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`)
    const found = await checkWith({'policies/bad.md': policy('bad').replace('---\n\n', `${lines.join('\n')}\n---\n\n`)})
    expect(found).toEqual([
      'policies/bad.md:13:10 error frontmatter-schema Unexpected YAML aliases that expand to more than 50 nodes (an alias bomb); write the values out instead of using anchors (&) and aliases (*)'
    ])
  })

  it('a binary file', async () => {
    expect(await checkWith({'policies/logo.md': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])})).toEqual([
      'policies/logo.md:1:1 error file-readable Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of the documents folder or give it a different extension'
    ])
  })

  it('a file that is not UTF-8', async () => {
    const latin1 = Buffer.from(valid.replace('id: valid', 'id: bad').replace('Text for scope.', 'Text for sc\u00f6pe.'), 'latin1')
    expect(await checkWith({'policies/bad.md': latin1})).toEqual([
      'policies/bad.md:20:12 error file-readable Unexpected bytes that are not UTF-8 at line 20, column 12; re-save the file as UTF-8'
    ])
  })

  it('a 5 MB file named .md', async () => {
    expect(await checkWith({'policies/huge.md': '#'.repeat(5 * 1024 * 1024)})).toEqual([
      'policies/huge.md:1:1 error file-readable Unexpected 5.0 MB file, expected a document under 1 MB; split it into smaller documents or move it out of the documents folder'
    ])
  })

  it('a symbolic link to a file outside the repository', async () => {
    const outside = makeRepo({'secret.md': valid})
    const found = await checkWith({}, (root) => symlinkSync(join(outside, 'secret.md'), join(root, 'policies/linked.md')))
    expect(found).toEqual([
      'policies/linked.md:1:1 error file-readable Unexpected symbolic link to a file outside the repository; copy the document into the repository instead of linking to it'
    ])
  })

  // A link lets a pull request change what a document says by changing another file.
  it('a symbolic link inside the repository is refused too', async () => {
    const found = await checkWith({'shared/linked.md': policy('linked')}, (root) => symlinkSync(join(root, 'shared/linked.md'), join(root, 'policies/linked.md')))
    expect(found).toEqual([
      'policies/linked.md:1:1 error file-readable Unexpected symbolic link to `shared/linked.md`, expected the document itself; replace the link with the file (move or copy it here)'
    ])
  })

  it('a broken symbolic link', async () => {
    const found = await checkWith({}, (root) => symlinkSync(join(root, 'nowhere.md'), join(root, 'policies/broken.md')))
    expect(found).toEqual(['policies/broken.md:1:1 error file-readable Unexpected broken symbolic link; point it at an existing document or delete it'])
  })

  it('accepts CRLF line endings and a byte order mark, with positions still right', async () => {
    const crlf = `\uFEFF${policy('bad', {last_reviewed: '2026-06-03'})}`.replaceAll('\n', '\r\n')
    expect(await checkWith({'policies/bad.md': crlf})).toEqual([
      'policies/bad.md:11:16 error review-due Unexpected last_reviewed 2026-06-03 in the future (today is 2026-06-01); set it to the date the review took place'
    ])
  })
})

describe('formats', () => {
  const files = {
    'policies/alpha.md': policy('alpha', {effective: '2024-01-15', last_reviewed: '2025-01-10'}),
    'policies/beta.md': `${policy('beta')}\n#### Deep, with: a colon\n\nText.\n`
  }
  const overdue = 'last_reviewed 2025-01-10 is 142 days past its 12-month review interval (due 2026-01-10); once reviewed, run `charter review alpha`'
  const skipped = 'Unexpected heading rank `4`, expected rank `3`; do not skip heading levels'

  it('pretty groups messages by file, with line:column, severity, message and rule', async () => {
    const run = await charter(['check', ...today], makeRepo(files))
    expect(run.status).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe('policies/alpha.md')
    expect(lines[1]).toMatch(new RegExp(`^11:16-11:26 +error +${overdue.replace(/[()[\]`.?]/g, '\\$&')} +review-due +charter$`))
    expect(lines[3]).toBe('policies/beta.md')
    expect(lines[4]).toMatch(/^38:1-38:25 +warning +Unexpected heading rank `4`, expected rank `3`; do not skip heading levels +heading-increment +charter$/)
    expect(lines[6]).toBe('2 messages (✖ 1 error, ⚠ 1 warning)')
  })

  it('json holds counts and every finding', async () => {
    const run = await charter(['check', ...today, '--format', 'json'], makeRepo(files))
    expect(JSON.parse(run.stdout)).toEqual({
      documents: 2,
      errors: 1,
      warnings: 1,
      findings: [
        {file: 'policies/alpha.md', line: 11, column: 16, endLine: 11, endColumn: 26, severity: 'error', rule: 'review-due', message: overdue},
        {file: 'policies/beta.md', line: 38, column: 1, endLine: 38, endColumn: 25, severity: 'warning', rule: 'heading-increment', message: skipped}
      ]
    })
  })

  it('github prints workflow annotations with escaped properties', async () => {
    const run = await charter(['check', ...today, '--format', 'github'], makeRepo(files))
    expect(run.stdout).toBe(
      [
        `::error file=policies/alpha.md,line=11,col=16,endLine=11,endColumn=26,title=review-due::${overdue}`,
        `::warning file=policies/beta.md,line=38,col=1,endLine=38,endColumn=25,title=heading-increment::${skipped}`,
        'charter: 2 documents checked, 1 error, 1 warning',
        ''
      ].join('\n')
    )
    const escaped = await charter(['check', ...today, '--format', 'github'], makeRepo({'policies/a,b%c.md': policy('a,b%c')}))
    expect(escaped.stdout.split('\n')[0]).toMatch(/^::error file=policies\/a%2Cb%25c\.md,line=2,col=5,endLine=2,endColumn=10,title=frontmatter-schema::Unexpected `id` value `a,b%25c`/)
  })

  it('sarif 2.1.0 lists one rule per rule id, with help, and each result', async () => {
    const run = await charter(['check', ...today, '--format', 'sarif'], makeRepo({...files, 'charter.config.yaml': 'rules:\n  links: off\norganization:\n  security_contact: security@acme.test\n'}))
    const log = JSON.parse(run.stdout)
    expect(log.version).toBe('2.1.0')
    const driver = log.runs[0].tool.driver
    expect(driver.name).toBe('charter')
    expect(driver.rules.map((rule: {id: string}) => rule.id)).toEqual(rules.map((rule) => rule.id))
    const links = driver.rules.find((rule: {id: string}) => rule.id === 'links')
    const linksDoc = rules.find((rule) => rule.id === 'links')!
    expect(links).toEqual({
      id: 'links',
      shortDescription: {text: linksDoc.summary},
      fullDescription: {text: linksDoc.description},
      help: {text: linksDoc.description},
      defaultConfiguration: {level: 'none'}
    })
    expect(log.runs[0].results).toEqual([
      {
        ruleId: 'review-due',
        ruleIndex: rules.findIndex((rule) => rule.id === 'review-due'),
        level: 'error',
        message: {text: overdue},
        locations: [{physicalLocation: {artifactLocation: {uri: 'policies/alpha.md', uriBaseId: '%SRCROOT%'}, region: {startLine: 11, startColumn: 16, endLine: 11, endColumn: 26}}}]
      },
      {
        ruleId: 'heading-increment',
        ruleIndex: rules.findIndex((rule) => rule.id === 'heading-increment'),
        level: 'warning',
        message: {text: skipped},
        locations: [{physicalLocation: {artifactLocation: {uri: 'policies/beta.md', uriBaseId: '%SRCROOT%'}, region: {startLine: 38, startColumn: 1, endLine: 38, endColumn: 25}}}]
      }
    ])
  })

  it('gives the same bytes for the same input', async () => {
    const root = makeRepo(files)
    writeFileSync(join(root, 'policies/gamma.md'), policy('gamma'))
    const first = (await charter(['check', ...today, '--format', 'sarif'], root)).stdout
    expect((await charter(['check', ...today, '--format', 'sarif'], root)).stdout).toBe(first)
  })
})
