// Hostile content in a pull request's documents and in the options CI passes: front matter that
// tries to run code or build objects, links that try to leave the repository, markup that tries
// to reach the page, refs that try to become git options. Each case names the attack above it.
import {cpSync, existsSync, readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, projectRoot, runGit} from '../helpers'

const today = ['--today', '2026-06-01']

/** Checks a repository holding `policies/bad.md` (and `extra` files); returns the exit status and each finding as one line. */
async function check(bad: string, extra: Record<string, string> = {}, args: string[] = []): Promise<{status: number | null; lines: string[]; stderr: string}> {
  const root = makeRepo({'policies/bad.md': bad, ...extra})
  const run = await charter(['check', ...today, '--format', 'json', ...args], root)
  const report = JSON.parse(run.stdout || '{"findings": []}') as {findings: {file: string; line: number; column: number; severity: string; rule: string; message: string}[]}
  return {status: run.status, stderr: run.stderr, lines: report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule} ${finding.message}`)}
}

const schemaKeys = '`id`, `title`, `kind`, `version`, `status`, `owner`, `approvers`, `classification`, `effective`, `last_reviewed`, `review_interval`, `order`, `controls`, `related`, `acknowledge`, or a key starting with `x-` to keep it as it is'

describe('front matter that tries to run code or build objects', () => {
  // gray-matter evaluates `---js` front matter as JavaScript: code execution from a pull request
  // in CI. Charter reads YAML only, so the block is not front matter at all and nothing runs.
  it('`---js` front matter is not evaluated', async () => {
    const root = makeRepo({
      'policies/bad.md': `---js\n{id: 'bad', x: require('fs').writeFileSync('pwned', 'ran')}\n---\n\n## Purpose\n`
    })
    const run = await charter(['check', ...today, '--format', 'json'], root)
    expect(run.status).toBe(1)
    expect(JSON.parse(run.stdout).findings.map((finding: {message: string}) => finding.message)).toEqual([
      'Missing front matter, expected the file to start with a `---` line, the YAML keys (`id`, `title`, `kind`, …) and a closing `---`'
    ])
    expect(existsSync(join(root, 'pwned'))).toBe(false)
  })

  // js-yaml's old full schema built functions from `!!js/function`; a reader that honours tags
  // turns text into code or objects.
  it('a `!!js/function` tag is refused', async () => {
    expect(await check(policy('bad', {title: '!!js/function "function () { return process.env }"'}))).toEqual({
      status: 1,
      stderr: '',
      lines: ['policies/bad.md:3:8 error frontmatter-schema Unexpected YAML tag `!!js/function`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)']
    })
  })

  // The verbatim form of the same tag, which a filter looking for `!!js` would miss.
  it('a verbatim `!<tag:yaml.org,2002:js/regexp>` tag is refused', async () => {
    expect((await check(policy('bad', {owner: '!<tag:yaml.org,2002:js/regexp> /.*/'}))).lines).toEqual([
      'policies/bad.md:7:8 error frontmatter-schema Unexpected YAML tag `!<tag:yaml.org,2002:js/regexp>`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)'
    ])
  })

  // `!!binary` makes bytes out of base64, so a value no reviewer can read lands in a field.
  it('a `!!binary` tag is refused', async () => {
    expect((await check(policy('bad', {owner: '!!binary SGVhZCBvZiBTZWN1cml0eQ=='}))).lines).toEqual([
      'policies/bad.md:7:8 error frontmatter-schema Unexpected YAML tag `!!binary`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)'
    ])
  })

  // A local tag on a mapping asks for an application-defined type.
  it('a local `!custom` tag on a mapping is refused', async () => {
    expect((await check(policy('bad', {controls: '!custom {soc2: [CC6.1]}'}))).lines).toEqual([
      'policies/bad.md:12:11 error frontmatter-schema Unexpected YAML tag `!custom`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)'
    ])
  })

  // A tag in the config is refused the same way: the config is untrusted in a pull request too.
  it('a tag in charter.config.yaml is refused', async () => {
    const result = await check(policy('bad'), {'charter.config.yaml': 'organization:\n  name: !!js/undefined x\n'})
    expect(result.status).toBe(1)
    expect(result.lines).toEqual([
      'charter.config.yaml:2:9 error config-schema Unexpected YAML tag `!!js/undefined`, expected a plain value; remove the tag (front matter and config hold text, lists and mappings only)'
    ])
  })

  // Billion laughs: a few lines of anchors and aliases that expand to millions of nodes.
  it('an alias bomb in a list is refused at the first alias', async () => {
    const bomb = ['l0: &l0 [a, a, a, a, a, a, a, a]', ...Array.from({length: 8}, (_, level) => `l${level + 1}: &l${level + 1} [${Array(8).fill(`*l${level}`).join(', ')}]`)]
    const bad = policy('bad').replace('\n---\n\n', `\n${bomb.join('\n')}\n---\n\n`)
    expect((await check(bad)).lines).toEqual([
      'policies/bad.md:13:10 error frontmatter-schema Unexpected YAML aliases that expand to more than 50 nodes (an alias bomb); write the values out instead of using anchors (&) and aliases (*)'
    ])
  })

  // A YAML 1.1 merge key copies another mapping's keys in, hiding what a field holds.
  it('a `<<` merge key is not merged', async () => {
    const bad = policy('bad').replace('\n---\n\n', '\nhidden: &hidden {status: approved}\n<<: *hidden\n---\n\n')
    expect((await check(bad)).lines).toEqual([
      `policies/bad.md:12:1 error frontmatter-schema Unexpected key \`hidden\`, expected one of ${schemaKeys}`,
      `policies/bad.md:13:1 error frontmatter-schema Unexpected key \`<<\`, expected one of ${schemaKeys}; did you mean \`id\`?`
    ])
  })

  // Prototype pollution: `__proto__` and `constructor` keys aimed at the objects the reader builds.
  it('`__proto__` and `constructor` keys inside `controls` are refused', async () => {
    expect((await check(policy('bad', {controls: '{__proto__: [CC6.1], constructor: {prototype: {polluted: true}}}'}))).lines).toEqual([
      'policies/bad.md:12:12 error frontmatter-schema Unexpected key `__proto__` in `controls`, expected one of `soc2`, `iso27001`',
      'policies/bad.md:12:32 error frontmatter-schema Unexpected key `constructor` in `controls`, expected one of `soc2`, `iso27001`'
    ])
  })

  // Deep nesting aimed at the YAML reader's recursion, to crash the check without a position.
  it('flow lists nested 5,000 deep give a positioned error', async () => {
    const result = await check(policy('bad', {title: `${'['.repeat(5000)}${']'.repeat(5000)}`}))
    expect(result.status).toBe(1)
    expect(result.lines).toHaveLength(1)
    expect(result.lines[0]).toMatch(/^policies\/bad\.md:3:\d+ error frontmatter-schema Unexpected lists or mappings nested too deeply to read; flatten the value \(YAML RESOURCE_EXHAUSTION\)$/)
  })

  // Two `id:` keys: a reviewer sees the first, a reader that keeps the last uses the second.
  it('a second `id:` key is refused rather than silently winning', async () => {
    expect((await check(policy('bad').replace('\n---\n\n', '\nid: index\n---\n\n'))).lines).toEqual([
      'policies/bad.md:12:1 error frontmatter-schema Unexpected duplicate key `id` (first at line 2); keep one and delete the other'
    ])
  })
})

describe('front matter that does not parse, read for the body rules', () => {
  // The body rules still run on a front matter with YAML problems, from the keys clear of every
  // problem. An author who writes `status: draft`, then `status: approved` lower down, must not
  // get either value into a rule (a reviewer reads the first, a YAML reader keeps the last); nor
  // may a tagged or aliased value slip past the reader that refuses it. The TODO below is an
  // error only in an approved document: no finding for it means no rule took a status.
  const body = '\n## Scope\n\nTODO: who.\n'
  const missing = (line: number, title: string, where: string) => `policies/bad.md:${line}:1 error required-sections Missing section \`## ${title}\`, required for kind \`policy\`; add it ${where} (order: Purpose, Scope, Policy, Roles and Responsibilities, Exceptions, Enforcement)`
  const sectionsAfterScope = (line: number) => [
    missing(line, 'Enforcement', 'after `## Exceptions`'),
    missing(line, 'Exceptions', 'after `## Roles and Responsibilities`'),
    missing(line, 'Policy', 'after `## Scope`'),
    missing(line, 'Roles and Responsibilities', 'after `## Policy`')
  ]

  it('a duplicated key, a tag or an alias gives the body rules nothing', async () => {
    const front = policy('bad', {kind: '!!str policy', status: 'draft\nstatus: approved', owner: '&o Head of Security', approvers: '[*o]'}, body)
    const duplicate = 'policies/bad.md:7:1 error frontmatter-schema Unexpected duplicate key `status` (first at line 6); keep one and delete the other'
    expect((await check(front)).lines).toEqual([duplicate])
    // Without the tag, the kind is clear of every problem, and the sections are judged.
    expect((await check(front.replace('!!str ', ''))).lines).toEqual([duplicate, missing(15, 'Purpose', 'before `## Scope`'), ...sectionsAfterScope(17)])
  })

  // The key on the line of a syntax error, or on the line above it (an unclosed bracket is
  // noticed on the next line), is not used, nor anything after it; the keys above are.
  it('a syntax error gives the body rules only the keys above it', async () => {
    expect((await check(policy('bad', {status: 'approved\n  draft: no'}, body))).lines).toEqual([
      'policies/bad.md:6:9 error frontmatter-schema Unexpected text where a key was expected; check the indentation and that each line is `key: value` (YAML BLOCK_AS_IMPLICIT_KEY)',
      missing(15, 'Purpose', 'before `## Scope`'),
      ...sectionsAfterScope(17)
    ])
  })
})

describe('an `order` aimed at the order of the published documents', () => {
  // `.nan` or `.inf` would make the bundle's sort inconsistent, so that the order of the pages
  // depended on the order files were read in; a huge number or a fraction has no use but that.
  it('only a whole number within bounds is accepted', async () => {
    const lines = await Promise.all(['.nan', '-.inf', '1e9', '"1"', '1.5'].map(async (order) => (await check(policy('bad', {order}))).lines))
    expect(lines).toEqual([
      ['policies/bad.md:12:8 error frontmatter-schema Unexpected number `NaN` for `order`, expected a whole number'],
      ['policies/bad.md:12:8 error frontmatter-schema Unexpected number `-Infinity` for `order`, expected a whole number'],
      ['policies/bad.md:12:8 error frontmatter-schema Unexpected `order` value `1000000000`, expected a number from -1000000 to 1000000'],
      ['policies/bad.md:12:8 error frontmatter-schema Unexpected text `1` for `order`, expected a whole number'],
      ['policies/bad.md:12:8 error frontmatter-schema Unexpected number `1.5` for `order`, expected a whole number']
    ])
  })
})

describe('links that try to leave the repository', () => {
  const linking = (link: string) => `${policy('bad')}\nSee ${link}.\n`

  // A relative path up and out of the repository, to publish the runner's files.
  it('`../../etc/passwd` is refused', async () => {
    expect((await check(linking('[users](../../etc/passwd)'))).lines).toEqual([
      'policies/bad.md:38:5 error links Unexpected link to `../../etc/passwd` outside policies/: the published bundle holds documents only; link with a full https:// URL instead'
    ])
  })

  // The same traversal percent-encoded, which a check on the raw text would miss.
  it('percent-encoded `%2e%2e/` traversal is refused', async () => {
    expect((await check(linking('[users](%2e%2e/%2e%2e/etc/passwd)'))).lines).toEqual([
      'policies/bad.md:38:5 error links Unexpected link to `%2e%2e/%2e%2e/etc/passwd` outside policies/: the published bundle holds documents only; link with a full https:// URL instead'
    ])
  })

  // An encoded slash, so the path looks like one segment to a naive splitter.
  it('an encoded slash `..%2f` is refused', async () => {
    expect((await check(linking('[config](..%2fcharter.config.yaml)'))).lines).toEqual([
      'policies/bad.md:38:5 error links Unexpected link to `..%2fcharter.config.yaml` outside policies/: the published bundle holds documents only; link with a full https:// URL instead'
    ])
  })

  // An absolute path to a file on the runner.
  it('an absolute path is refused', async () => {
    expect((await check(linking('[users](/etc/passwd)'))).lines).toEqual([
      'policies/bad.md:38:5 error links Unexpected absolute path `/etc/passwd`; link to documents with a relative path such as `access-control.md`'
    ])
  })

  // A path that goes out and back in through the folder's own name.
  it('`policies/../../x.md` is refused', async () => {
    expect((await check(linking('[x](policies/../../x.md)'))).lines).toEqual([
      'policies/bad.md:38:5 error links Unexpected link to `policies/../../x.md` outside policies/: the published bundle holds documents only; link with a full https:// URL instead'
    ])
  })
})

describe('markup aimed at the security page', () => {
  // Every front matter field, the config and the body carry HTML and Handlebars meant to run
  // on the page: values are escaped and raw HTML is dropped, so the page shows them as text.
  it('HTML and Handlebars in every field reach the page as text, never as markup', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>{{#with this}}{{lookup . "constructor"}}{{/with}}'
    const quoted = JSON.stringify(hostile)
    const root = makeRepo({
      'charter.config.yaml': `organization:\n  name: ${quoted}\n  short_name: ${quoted}\n  security_contact: "javascript:alert(3)"\n`,
      'policies/bad.md': `${policy('bad', {title: quoted, owner: quoted, approvers: `[${quoted}]`})}\n<script>alert(4)</script>\n\n<iframe src="https://example.com"></iframe>\n\n[click](javascript:alert(5)) [data](data:text/html,<script>alert(6)</script>) [file](file:///etc/passwd)\n\n{{constructor.constructor "alert(7)"}}\n`
    })
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add a policy'])
    // The check refuses these values; --allow-errors builds anyway, so the page is what is tested.
    const run = await charter(['build', '--no-pdf', '--allow-errors'], root)
    expect(run.status).toBe(0)
    const pages = listHtml(join(root, 'dist'))
    expect(pages.length).toBeGreaterThan(3)
    for (const page of pages) {
      // The search page's own script, the one the build allows there, set aside.
      const html = readFileSync(page, 'utf8').replace(page.endsWith('/site/search.html') ? '<script type="module" src="search.js"></script>' : /$^/, '')
      // No element a policy wrote, no event handler and no script or file address in any attribute.
      expect(html, page).not.toMatch(/<(script|iframe|img)\b|<[^>]*\son[a-z]+\s*=|(href|src)\s*=\s*["']?\s*(javascript|data|file):/i)
    }
    const documentPage = pages.map((page) => readFileSync(page, 'utf8')).find((html) => html.includes('alert(7)'))!
    expect(documentPage).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(2)&gt;{{#with this}}')
    expect(documentPage).toContain('<p>{{constructor.constructor "alert(7)"}}</p>')
  })
})

function listHtml(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name))
}

describe('refs and clones aimed at git', () => {
  function repository(): string {
    const root = makeRepo({'policies/good.md': policy('good')})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Add a policy'], {GIT_COMMITTER_DATE: '2026-06-01T10:00:00Z'})
    return root
  }

  // `--base` is passed to git; a value starting with `-` would be read as one of git's options
  // (`--output=<file>` writes a file anywhere the runner can).
  it('a --base that starts with a dash is refused before git sees it', async () => {
    const root = repository()
    const run = await charter(['check', ...today, '--base=--output=written-by-git'], root)
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('charter: check: Unexpected --base `--output=written-by-git`, expected a git ref such as `origin/main`; a ref never starts with `-`\n')
    expect(existsSync(join(root, 'written-by-git'))).toBe(false)
  })

  // A ref that names a tree or a blob rather than a commit, to read documents from elsewhere.
  it('a --base naming a tree instead of a commit is refused', async () => {
    const run = await charter(['check', ...today, '--base', 'HEAD:policies'], repository())
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('charter: the base ref `HEAD:policies` does not exist here; fetch it first (in GitHub Actions: checkout with `fetch-depth: 0`)\n')
  })

  // A shallow clone shows a one-commit history, hiding every earlier change and its approval.
  it('a shallow clone is refused by check --base and by build', async () => {
    const holder = makeRepo({})
    runGit(holder, ['clone', '-q', '--depth', '1', `file://${repository()}`, 'clone'])
    const clone = join(holder, 'clone')
    for (const args of [['check', ...today, '--base', 'HEAD'], ['build', '--no-pdf']]) {
      const run = await charter(args, clone)
      expect(run.status, args.join(' ')).toBe(1)
      expect(run.stderr, args.join(' ')).toBe('charter: history is shallow; fetch full history (in GitHub Actions: `fetch-depth: 0`)\n')
    }
    expect(existsSync(join(clone, 'dist'))).toBe(false)
  })
})

describe('file names aimed at the CI log', () => {
  // A file name with a line break and a workflow command, to forge an annotation or a command
  // (`::add-mask::`, `::stop-commands::`) in GitHub Actions' log.
  it('a line break in a file name cannot start a workflow command', async () => {
    const root = makeRepo({'policies/x\n::error file=policies/good.md::forged.md': policy('x')})
    const run = await charter(['check', ...today, '--format', 'github'], root)
    expect(run.status).toBe(1)
    const lines = run.stdout.split('\n').filter(Boolean)
    expect(lines.every((line) => line.startsWith('::error file=policies/x%0A%3A%3Aerror file=policies/good.md%3A%3Aforged.md,') || line.startsWith('charter: '))).toBe(true)
    expect(lines.at(-1)).toBe('charter: 1 document checked, 1 error, 0 warnings')
  })

  // init lists a repository's own documents, one a line, before it refuses to render the seed
  // library beside them; a name with a line break would add a line of its own to that list.
  it('a line break in a file name cannot add a line to the documents init lists', async () => {
    const root = makeRepo({'policies/own\n  policies/access-control.md': policy('own')})
    cpSync(join(projectRoot, 'charter.config.yaml'), join(root, 'charter.config.yaml'))
    const run = await charter(['init', '--name', 'Acme Inc'], root)
    expect(run.status).toBe(1)
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      `charter: init: policies/ holds 1 document of your own and none rendered from the seed library; init would add ${readdirSync(join(projectRoot, 'templates/policies')).filter((name) => name.endsWith('.md.hbs')).length} seed documents beside them:`,
      '  policies/own\\u000a  policies/access-control.md',
      'Nothing was written. To set the organization, contacts and roles in charter.config.yaml and leave policies/ as it is, run `charter init --config-only`; to convert policies kept in another folder or site, run `charter import <dir>`.'
    ])
  })
})

describe('site templates from the pull request', () => {
  /** A committed repository whose templates/site/layout.hbs is the shipped one edited by `edit`. */
  function withLayout(edit: (layout: string) => string): string {
    const layout = readFileSync(join(projectRoot, 'templates/site/layout.hbs'), 'utf8')
    const root = makeRepo({'policies/good.md': policy('good'), 'templates/site/layout.hbs': edit(layout)})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Own layout'], {GIT_COMMITTER_DATE: '2026-06-01T10:00:00Z'})
    return root
  }

  // A layout that names a partial that does not exist: the build used to stop with "internal
  // error". `check` now refuses it first (below); --allow-errors shows the build's own message.
  const bodyLine = readFileSync(join(projectRoot, 'templates/site/layout.hbs'), 'utf8').split('\n').findIndex((line) => line.includes('<body>')) + 1

  it('a missing partial is named with the template', async () => {
    const run = await charter(['build', '--no-pdf', '--allow-errors'], withLayout((layout) => layout.replace('<body>', '<body>{{> nope}}')))
    expect(run.stderr).toBe(`charter: templates/site/layout.hbs:${bodyLine}:1: Unexpected template error: The partial nope could not be found; fix the template, or delete it to use the one Charter ships\n`)
    expect(run.status).toBe(1)
  })

  // An unclosed block: Handlebars' parse error, with its line, instead of a stack trace.
  it('an unclosed block is named with its line', async () => {
    const root = withLayout((layout) => layout.replace('<body>', '<body>{{#if site}}'))
    // Handlebars reports the end of the file, the line after the last line break.
    const line = readFileSync(join(root, 'templates/site/layout.hbs'), 'utf8').split('\n').length
    const run = await charter(['build', '--no-pdf', '--allow-errors'], root)
    expect(run.stderr).toBe(
      `charter: templates/site/layout.hbs:${line}:1: Unexpected template error: Parse error on line ${line}: Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'; fix the template, or delete it to use the one Charter ships\n`
    )
    expect(run.status).toBe(1)
    expect(existsSync(join(root, 'dist'))).toBe(false)
  })

  // The same template is reported by `check`, so CI stops the pull request before the merge
  // rather than the publish job failing after it.
  it('check reports the broken template at its line', async () => {
    const root = withLayout((layout) => layout.replace('<body>', '<body>{{> nope}}'))
    const run = await charter(['check', '--today', '2026-06-01', '--format', 'github'], root)
    expect(run.stdout).toBe(
      `::error file=templates/site/layout.hbs,line=${bodyLine},col=1,endLine=${bodyLine},endColumn=1,title=site-templates::Unexpected template error: The partial nope could not be found; fix the template, or delete it to use the one Charter ships\ncharter: 1 document checked, 1 error, 0 warnings\n`
    )
    expect(run.status).toBe(1)
  })

  // A helper Charter does not register, called with arguments.
  it('a missing helper is named with the template', async () => {
    const run = await charter(['build', '--no-pdf', '--allow-errors'], withLayout((layout) => layout.replace('<body>', '<body>{{nosuchhelper site site}}')))
    expect(run.stderr).toBe(`charter: templates/site/layout.hbs:${bodyLine}:1: Unexpected template error: Missing helper: "nosuchhelper"; fix the template, or delete it to use the one Charter ships\n`)
    expect(run.status).toBe(1)
  })
})

describe('a repository a new user has just made', () => {
  // `git init` and a policy, nothing committed yet: the build used to print git's own error.
  it('build before the first commit says to commit first', async () => {
    const root = makeRepo({'policies/good.md': policy('good')})
    runGit(root, ['init', '-q', '-b', 'main'])
    const run = await charter(['build', '--no-pdf'], root)
    expect(run.stderr).toBe('charter: no commits yet: the bundle version and its dates come from the commit; commit the documents, then build\n')
    expect(run.status).toBe(1)
  })
})
