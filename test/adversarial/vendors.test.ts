// Hostile vendor files in a pull request: files too large to read, YAML that expands or builds
// objects, links out of the repository, ids that try to name another file, and text that tries
// to drive the terminal. Each is refused with a positioned finding; nothing is followed or run.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {charter, makeRepo, runGit} from '../helpers'
import {policy} from '../fixtures/documents'

const today = ['--today', '2026-06-01']
const vendor = (id: string, extra = '') => `id: ${id}\nname: ${id}\nowner: Head of Security\nstatus: evaluating\nservices: Testing\ndata: [none]\n${extra}`

/** Checks a repository with one valid policy and `files`; each finding as one line. */
async function check(files: Record<string, string>, prepare?: (root: string) => void): Promise<{status: number | null; lines: string[]; stdout: string}> {
  const root = makeRepo({'policies/alpha.md': policy('alpha'), ...files})
  prepare?.(root)
  const run = await charter(['check', ...today, '--format', 'json'], root)
  const report = JSON.parse(run.stdout || '{"findings": []}') as {findings: {file: string; line: number; column: number; severity: string; rule: string; message: string}[]}
  return {status: run.status, stdout: run.stdout, lines: report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`)}
}

describe('hostile vendor files', () => {
  // A second file for a vendor's id, in a subfolder, would answer to the same name in the
  // listing, the reminders and the history as the first.
  it('a second file with the same id in a subfolder is an error at its id', async () => {
    expect(await check({'vendors/acme.yaml': vendor('acme'), 'vendors/more/acme.yaml': vendor('acme')})).toMatchObject({
      status: 1,
      lines: ['vendors/more/acme.yaml:1:5 error vendor-schema Unexpected second vendor file for id `acme`, also vendors/acme.yaml; keep one file per vendor, and merge or remove this one']
    })
  })

  // A file of many megabytes would be read whole into memory and parsed on every check.
  it('a file over 1 MB is refused unread', async () => {
    expect(await check({'vendors/huge.yaml': vendor('huge', `services_note: ${'x'.repeat(1024 * 1024 + 10)}\n`)})).toMatchObject({
      status: 1,
      lines: ['vendors/huge.yaml:1:1 error vendor-schema Unexpected 1.0 MB file, expected a vendor file under 1 MB; keep the reports themselves out of the register']
    })
  })

  // The "billion laughs": each alias doubles the one before, so a few lines expand to gigabytes.
  it('an alias bomb is refused where its first alias stands', async () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, index) => `${String.fromCharCode(98 + index)}: &${String.fromCharCode(98 + index)} [*${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}, *${String.fromCharCode(97 + index)}]`)].join('\n')
    expect((await check({'vendors/bomb.yaml': `${bomb}\n`})).lines).toEqual([
      'vendors/bomb.yaml:2:8 error vendor-schema Unexpected YAML aliases that expand to more than 50 nodes (an alias bomb); write the values out instead of using anchors (&) and aliases (*)'
    ])
  })

  // A tag asks the reader to build something other than text, a list or a mapping.
  it('an explicit tag is refused', async () => {
    expect((await check({'vendors/tagged.yaml': vendor('tagged').replace('name: tagged', 'name: !!js/function "function () { return process.env }"')})).lines).toEqual([
      'vendors/tagged.yaml:2:7 error vendor-schema Unexpected YAML tag `!!js/function`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)'
    ])
  })

  // A link would have check (and later the bundle) read whatever it points at: a CI runner's secrets.
  it('a vendor file that is a symbolic link out of the repository is not followed', async () => {
    const outside = makeRepo({'secret.yaml': vendor('secret')})
    const result = await check({}, (root) => {
      mkdirSync(join(root, 'vendors'))
      symlinkSync(join(outside, 'secret.yaml'), join(root, 'vendors/secret.yaml'))
    })
    expect(result.lines).toEqual(['vendors/secret.yaml:1:1 error vendor-schema Unexpected symbolic link to a file outside the repository; copy the vendor file into the repository instead of linking to it'])
  })

  it('a vendors folder that is a symbolic link is not walked', async () => {
    const outside = makeRepo({'secret.yaml': vendor('secret')})
    const result = await check({}, (root) => symlinkSync(outside, join(root, 'vendors')))
    expect(result.lines).toEqual(['vendors:1:1 error vendor-schema Unexpected symbolic link at `vendors`, expected the vendors folder itself inside the repository; replace the link with the folder'])
  })

  // An id is the name other files and commands use for the vendor; one naming another file, or
  // climbing out of the folder, is refused by its shape before anything uses it.
  it('an id that does not match the file name, or tries a path, is refused', async () => {
    expect(
      (await check({'vendors/acme.yaml': vendor('paperplane'), 'vendors/climb.yaml': vendor('"../../etc/passwd"'), 'vendors/Two Words.yaml': vendor('two-words')})).lines
    ).toEqual([
      'vendors/Two Words.yaml:1:5 error vendor-schema Unexpected id `two-words` in `Two Words.yaml`, expected the file name; rename the file to `two-words.yaml` or set `id: Two Words`',
      'vendors/acme.yaml:1:5 error vendor-schema Unexpected id `paperplane` in `acme.yaml`, expected the file name; rename the file to `paperplane.yaml` or set `id: acme`',
      'vendors/climb.yaml:1:5 error vendor-schema Unexpected `id` value `../../etc/passwd`, expected kebab-case: lowercase letters, digits and single hyphens, e.g. `cloudnimbus`'
    ])
  })

  // A name or category holding an escape sequence could clear the reviewer's terminal or hide a finding.
  it('control characters in a vendor file are shown escaped, never sent to the terminal', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha'), 'vendors/ansi.yaml': vendor('ansi').replace('data: [none]', 'data: ["\\e[2Jnone"]')})
    const run = await charter(['check', ...today], root)
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('\u001b')
    expect(run.stdout).toContain('Unexpected data category `\\u001b[2Jnone`')
  })

  // Binary content or bytes that are not UTF-8 are refused with the place of the first bad byte.
  it('a binary file and bytes that are not UTF-8 are refused', async () => {
    const result = await check({}, (root) => {
      mkdirSync(join(root, 'vendors'))
      writeFileSync(join(root, 'vendors/binary.yaml'), Buffer.from([0x69, 0x64, 0x3a, 0x00]))
      writeFileSync(join(root, 'vendors/latin.yaml'), Buffer.concat([Buffer.from('id: latin\nname: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]))
    })
    expect(result.lines).toEqual([
      'vendors/binary.yaml:1:1 error vendor-schema Unexpected binary file (it contains NUL bytes), expected YAML text; move it out of the vendors folder',
      'vendors/latin.yaml:1:1 error vendor-schema Unexpected bytes that are not UTF-8 at line 2, column 10; re-save the file as UTF-8'
    ])
  })
})

// What `charter vendors import` and `vendors new` are given: a spreadsheet export or a name from
// outside, each refused with its place and nothing written, never waited on or run as YAML.
describe('hostile vendor imports and names', () => {
  const imported = async (csv: Buffer | string | undefined, prepare?: (root: string) => void, name = 'sheet.csv') => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    if (csv !== undefined) writeFileSync(join(root, name), csv)
    prepare?.(root)
    const run = await charter(['vendors', 'import', name], root)
    return {...run, vendors: existsSync(join(root, 'vendors')) ? readdirSync(join(root, 'vendors')) : []}
  }

  // A named pipe opened for reading waits for a writer that never comes.
  it('a named pipe is refused at once, not waited on', async () => {
    const run = await imported(undefined, (root) => spawnSync('mkfifo', [join(root, 'sheet.csv')]))
    expect(run).toEqual({status: 1, stdout: '', stderr: 'charter: vendors import: sheet.csv:1: Unexpected special file, expected a CSV file; nothing was imported\n', vendors: []})
  })

  it('a missing file is the user\'s mistake, not a bug', async () => {
    expect(await imported(undefined)).toEqual({status: 1, stdout: '', stderr: 'charter: vendors import: sheet.csv:1: Unexpected missing file; check the path of the CSV export; nothing was imported\n', vendors: []})
  })

  it('bytes that are not UTF-8 are placed on their line', async () => {
    const run = await imported(Buffer.concat([Buffer.from('name,services\nAcme,Hosting\n'), Buffer.from([0xe9]), Buffer.from('t,Mail\n')]))
    expect(run).toEqual({status: 1, stdout: '', stderr: 'charter: vendors import: sheet.csv:3: Unexpected bytes that are not UTF-8; export the sheet as "CSV UTF-8"; nothing was imported\n', vendors: []})
  })

  // A header named after a property every object has must not map to it.
  it('a column named `constructor` or `__proto__` is no field', async () => {
    const run = await imported('Name,constructor,__proto__,Services\nAcme,x,y,Hosting\n')
    expect(run).toEqual({
      status: 1,
      stdout: '',
      stderr: 'sheet.csv:2: no `owner`, `data`; every row needs them (add the columns, pass --map, or fill the cells)\ncharter: vendors import: 1 problem in sheet.csv; nothing was imported. Fix the rows (or pass --map) and run it again.\n',
      vendors: []
    })
  })

  // Every row is turned into a file and checked: hundreds of thousands of rows fit under the size cap.
  it('a sheet of more rows than one import takes is refused before any row is read as a vendor', async () => {
    const rows = Array.from({length: 2001}, (_, index) => `V${index},CTO,Testing,none`)
    expect(await imported(`name,owner,services,data\n${rows.join('\n')}\n`)).toEqual({
      status: 1,
      stdout: '',
      stderr: 'charter: vendors import: sheet.csv has 2001 rows, more than the 2000 one import takes; split the sheet and import each part\n',
      vendors: []
    })
  })

  // The name is written into the new file's first comment: a line break would add keys of its own.
  it('a name with a line break is refused before anything is written', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha')})
    const run = await charter(['vendors', 'new', 'Acme\nsubprocessor: true'], root)
    expect(run).toEqual({status: 2, stdout: '', stderr: 'charter: vendors new: unexpected control character or line break in the name; give the name on one line\n'})
    expect(existsSync(join(root, 'vendors'))).toBe(false)
  })
})

// The subprocessor page and its feed publish a vendor's name, purpose and location to customers:
// markup, a script, a javascript: website and control characters must stay inert text, and
// hostile files in the vendors folder's past must neither stop the build nor reach the page.
describe('hostile vendors on the subprocessor page and in the feed', () => {
  const at = (date: string) => ({GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date})
  const hostile = [
    'id: evil',
    'name: "<script>alert(1)</script><b onmouseover=alert(2)>Evil</b> \\e[31mRed\\u202eetouq\\x00"',
    'website: "javascript:alert(3)"',
    'owner: Head of Security',
    'status: active',
    'services: "Hosting ]]> & <img src=x onerror=alert(4)>\\n\\n  folded"',
    'data: [none]',
    'subprocessor: true',
    'location: ["<i>EU</i>", "\\u0007Bell"]',
    ''
  ].join('\n')

  it('shows them as escaped text, links no javascript: address, and skips a past file too large or a link', async () => {
    const root = makeRepo({'policies/alpha.md': policy('alpha', {last_reviewed: '2026-05-01'}), '.gitignore': 'dist/\n'})
    runGit(root, ['init', '-q', '-b', 'main'])
    mkdirSync(join(root, 'vendors'))
    // In the past: a vendor file over 1 MB, and one that is a symbolic link out of the repository.
    writeFileSync(join(root, 'vendors/huge.yaml'), `${vendor('huge').replace('status: evaluating', 'status: active')}subprocessor: true\nx-note: ${'x'.repeat(1024 * 1024 + 10)}\n`)
    symlinkSync('/etc/passwd', join(root, 'vendors/linked.yaml'))
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Hostile past'], at('2026-05-01T09:00:00Z'))
    runGit(root, ['rm', '-q', 'vendors/huge.yaml', 'vendors/linked.yaml'])
    mkdirSync(join(root, 'vendors'), {recursive: true})
    writeFileSync(join(root, 'vendors/evil.yaml'), hostile)
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add the evil vendor'], at('2026-05-02T09:00:00Z'))
    // The website fails the schema, so only --allow-errors builds, as a fork's CI might.
    const run = await charter(['build', '--no-pdf', '--allow-errors'], root)
    expect(run.status, run.stderr).toBe(0)
    const page = readFileSync(join(root, 'dist/site/subprocessors.html'), 'utf8')
    const row = page.slice(page.indexOf('<tbody>'), page.indexOf('</tbody>'))
    expect(row).toBe(
      [
        '<tbody>',
        '      <tr>',
        '        <th scope="row">&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover&#x3D;alert(2)&gt;Evil&lt;/b&gt; \\u001b[31mRed\\u202eetouq\\u0000</th>',
        '        <td data-label="Purpose">Hosting ]]&gt; &amp; &lt;img src&#x3D;x onerror&#x3D;alert(4)&gt; folded</td>',
        '        <td data-label="Location">&lt;i&gt;EU&lt;/i&gt;, \\u0007Bell</td>',
        '      </tr>',
        '    '
      ].join('\n')
    )
    expect(page).not.toContain('javascript:')
    expect(page).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e]/)
    const feed = readFileSync(join(root, 'dist/site/changelog.xml'), 'utf8')
    expect(feed).toContain(
      '    <title type="text">Added &lt;script&gt;alert(1)&lt;/script&gt;&lt;b onmouseover=alert(2)&gt;Evil&lt;/b&gt; \\u001b[31mRed\\u202eetouq\\u0000 (Hosting ]]&gt; &amp; &lt;img src=x onerror=alert(4)&gt; folded, &lt;i&gt;EU&lt;/i&gt;, \\u0007Bell)</title>'
    )
    // Neither the file over 1 MB nor the link was read as a vendor: the only notice is the evil one.
    expect(feed.match(/<category term="subprocessors"\/>/g)).toHaveLength(1)
    expect(feed).not.toContain('huge')
    expect(feed).not.toContain('root:')
    expect((await charter(['verify', 'dist'], root)).status).toBe(0)
  })
})
