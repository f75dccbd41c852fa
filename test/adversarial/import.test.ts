// Hostile sources given to `charter import`: a repository to adopt is untrusted text, like a pull
// request. The command's cases: links that lead out of the folder, front matter built to
// exhaust the reader, names built to escape the documents folder or the terminal, a folder far
// larger than any policy set, ids that clash, and a source repository whose git settings try to
// run a program; nothing is ever written outside the documents folder and the config. The
// body's cases (normaliseBody) follow. Each case names the attack above it.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Nodes} from 'mdast'
import {describe, expect, it} from 'vitest'
import {parseDocument} from '../../scripts/load/parse'
import {normaliseBody, type BodyContext} from '../../scripts/scaffold/import/body'
import {policy} from '../fixtures/documents'
import {charter, makeRepo, runGit} from '../helpers'

const today = '2026-06-01'
const fill = ['--classification', 'internal', '--effective', '2026-01-05', '--last-reviewed', '2026-02-02']
const config = {'charter.config.yaml': 'organization:\n  name: Fixture Corp\n'}

/** Every file under `root`, by path, with its content: what "nothing was written" compares. */
function tree(root: string): Record<string, string> {
  const found: Record<string, string> = {}
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.name === '.git') continue
      const path = `${prefix}${entry.name}`
      if (entry.isDirectory()) walk(join(dir, entry.name), `${path}/`)
      else found[path] = entry.isSymbolicLink() ? '(link)' : entry.isFile() ? readFileSync(join(dir, entry.name), 'utf8') : '(special)'
    }
  }
  walk(root, '')
  return found
}

async function importInto(root: string, args: string[]) {
  return charter(['import', ...args], root, {}, {today})
}

describe('links in the folder', () => {
  // A link inside the source folder could make import read, copy and publish any file the
  // person running it can read: an SSH key, another repository's secrets.
  it('a link to a file outside the folder is refused, never read, and nothing is written', async () => {
    const outside = makeRepo({'secret.md': '---\ntitle: TOP-SECRET-VALUE\n---\nTOP-SECRET-BODY\n'})
    const root = makeRepo({...config, 'legacy/fine.md': '# Fine\n\n## Purpose\n\nText.\n'})
    symlinkSync(join(outside, 'secret.md'), join(root, 'legacy/secret.md'))
    const before = tree(root)
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe(
      'legacy/secret.md:1:1: Unexpected symbolic link, expected a regular file or folder; import never follows a link, so copy what it points to into the folder, or delete the link\nNothing was written: 1 problem in legacy; fix it and run import again.\n'
    )
    expect(tree(root)).toEqual(before)
  })

  // A linked folder is the same attack for a whole tree.
  it('a link to a folder outside is refused, and its files are not walked', async () => {
    const outside = makeRepo({'a.md': '# A\n', 'b.md': '# B\n'})
    const root = makeRepo({...config, 'legacy/fine.md': '# Fine\n'})
    symlinkSync(outside, join(root, 'legacy/elsewhere'))
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/elsewhere:1:1: Unexpected symbolic link, expected a regular file or folder; import never follows a link, so copy what it points to into the folder, or delete the link')
    expect(existsSync(join(root, 'policies'))).toBe(false)
  })

  // The folder given may itself be a link, into the repository or out of it.
  it('a source folder that is a link is refused', async () => {
    const outside = makeRepo({'a.md': '# A\n'})
    const root = makeRepo(config)
    symlinkSync(outside, join(root, 'legacy'))
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('charter: import: legacy is a symbolic link; import never follows a link, so give the folder itself\n')
  })

  // A documents folder that is a link would take every write wherever it points.
  it('a documents folder that is a link is refused, and nothing is written through it', async () => {
    const outside = makeRepo({})
    const root = makeRepo({...config, 'legacy/a.md': '# A\n\n## Purpose\n\nText.\n'})
    symlinkSync(outside, join(root, 'policies'))
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('charter: import: policies/ is a symbolic link, expected the folder itself inside the repository; replace the link with the documents\n')
    expect(readdirSync(outside)).toEqual([])
  })
})

describe('folders that overlap the documents', () => {
  // Importing the documents folder into itself would rewrite every existing document.
  it('the documents folder itself is refused', async () => {
    const root = makeRepo({...config, 'policies/alpha.md': policy('alpha')})
    const before = tree(root)
    const run = await importInto(root, ['policies', ...fill])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe(
      'charter: import: policies is the documents folder (policies/) itself; import reads policies from another folder. To convert files already in policies/, move them out first (git mv policies/<file> legacy/) and import that folder\n'
    )
    expect(tree(root)).toEqual(before)
  })

  // The repository root holds the documents, the README and every other Markdown file.
  it('a folder holding the documents folder is refused', async () => {
    const root = makeRepo({...config, 'policies/alpha.md': policy('alpha'), 'README.md': '# Readme\n'})
    const run = await importInto(root, ['.', ...fill])
    expect(run.status).toBe(2)
    expect(run.stderr).toBe('charter: import: . holds the documents folder (policies/); give the folder of the policies to import, e.g. content/policies\n')
  })
})

describe('front matter built to exhaust the reader', () => {
  // A billion-laughs YAML: a few lines that expand to millions of nodes.
  it('YAML aliases that expand without bound are refused at the alias', async () => {
    const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]', '---', '# Bomb', ''].join('\n')
    const root = makeRepo({...config, 'legacy/bomb.md': bomb})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe(
      'legacy/bomb.md:3:8: Unexpected YAML aliases that expand to more than 50 nodes (an alias bomb); write the values out instead of using anchors (&) and aliases (*)'
    )
    expect(existsSync(join(root, 'policies'))).toBe(false)
  })

  // TOML's inline arrays nest without a limit in the grammar.
  it('TOML arrays nested thousands deep are refused', async () => {
    const root = makeRepo({...config, 'legacy/deep.md': `+++\na = ${'['.repeat(5000)}${']'.repeat(5000)}\n+++\n# Deep\n`})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/deep.md:2:37: Unexpected TOML syntax: document contains excessively nested structures. aborting.; fix the front matter between the `+++` lines')
  })

  // A table header of many dotted keys nests as deep without any bracket.
  it('TOML tables nested through a long dotted header are refused', async () => {
    const root = makeRepo({...config, 'legacy/deep.md': `+++\n[${Array.from({length: 2000}, () => 'a').join('.')}]\nb = 1\n+++\n# Deep\n`})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/deep.md:2:1: Unexpected lists or mappings nested more than 32 deep in the front matter; flatten the value')
  })

  // The same depth in YAML's flow style.
  it('YAML lists nested thousands deep are refused', async () => {
    const root = makeRepo({...config, 'legacy/deep.md': `---\na: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n# Deep\n`})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toMatch(/^legacy\/deep\.md:2:\d+: Unexpected lists or mappings nested too deeply to read; flatten the value \(YAML RESOURCE_EXHAUSTION\)$/)
  })

  // gray-matter runs `---js` front matter as code. Import reads YAML and TOML only: this is text.
  it('`---js` front matter is not run, and stays text in the body', async () => {
    const root = makeRepo({...config, 'legacy/code.md': "---js\n{title: require('fs').writeFileSync('pwned', 'ran')}\n---\n\n# Code\n"})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.stderr).toBe('')
    expect(existsSync(join(root, 'pwned'))).toBe(false)
    expect(readFileSync(join(root, 'policies/code.md'), 'utf8')).toContain("\n---js\n{title: require('fs').writeFileSync('pwned', 'ran')}\n")
  })

  // A file of many megabytes would be read, parsed and copied whole.
  it('a file over 1 MB is refused unread', async () => {
    const root = makeRepo({...config, 'legacy/huge.md': `# Huge\n\n${'word '.repeat(300_000)}\n`})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/huge.md:1:1: Unexpected 1.4 MB file, expected a document under 1 MB; split it, or move it out of the folder')
  })
})

describe('names built to escape', () => {
  // A slug or file name with `..` or `/` must never become a path out of the documents folder.
  it('`..` and slashes in a slug or a file name never leave the documents folder', async () => {
    const root = makeRepo({
      ...config,
      'legacy/a..evil.md': '# Dots\n',
      'legacy/a..b/index.md': '# Bundle\n',
      'legacy/slug.md': '---\ntitle: Slug\nslug: ../../../../etc/passwd\n---\n',
      'legacy/nul.md': '---\ntitle: Nul\nslug: "a\\0b"\n---\n'
    })
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.stderr).toBe('')
    expect(readdirSync(join(root, 'policies')).sort()).toEqual(['a-b.md', 'a-evil.md', 'etc-passwd.md', 'nul.md'])
    expect(Object.keys(tree(root)).filter((path) => !path.startsWith('legacy/') && !path.startsWith('policies/'))).toEqual(['charter.config.yaml'])
  })

  // Control characters in a file name would reach the terminal (clear the screen, fake a line).
  it('a file name with control characters is refused, and printed escaped', async () => {
    const root = makeRepo({...config, 'legacy/\u001b[2Jfake\u0007.md': '# Fake\n'})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/\\u001b[2Jfake\\u0007.md:1:1: Unexpected control character in a file or folder name; rename it with printable characters only')
  })

  // A title is printed in the summary: escape sequences in it stay inert there.
  it('escape sequences in a title are printed escaped', async () => {
    const root = makeRepo({...config, 'legacy/title.md': '---\ntitle: "Policy\\e]0;owned\\a"\n---\n\n## Purpose\n\nText.\n'})
    const run = await importInto(root, ['legacy', ...fill, '--dry-run'])
    expect(run.stdout).not.toMatch(/[\u0007\u001b]/)
  })

  // `__proto__` as a slug, or as a key, must not reach an object's prototype.
  it('`__proto__` as a slug or a key is an id and a key like any other', async () => {
    const root = makeRepo({
      ...config,
      'legacy/proto.md': '---\ntitle: Proto\nslug: __proto__\n__proto__:\n  polluted: yes\n---\n',
      'legacy/toml.md': '+++\ntitle = "Toml"\n[__proto__]\npolluted = "yes"\n+++\n'
    })
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.stderr).toBe('')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(readFileSync(join(root, 'policies/proto.md'), 'utf8')).toContain('\nx-hugo:\n  __proto__:\n    polluted: yes\n')
    expect(readFileSync(join(root, 'policies/toml.md'), 'utf8')).toContain('\nx-hugo:\n  __proto__:\n    polluted: yes\n')
  })

  // A source key named as import's own (`x-<layout>`, `x-imported-from`) would be overwritten by
  // what import writes there, and lost without a word: it is kept under x-<layout> instead.
  it('a source key named `x-<layout>` or `x-imported-from` is kept, not overwritten', async () => {
    const root = makeRepo({...config, 'legacy/own.md': '---\ntitle: Own\nfaq: yes\nx-markdown:\n  mine: kept\nx-imported-from: elsewhere/page.md\nx-team: {lead: Ops}\n---\n\n## Purpose\n\nText.\n'})
    const run = await importInto(root, ['legacy', '--from', 'markdown', ...fill])
    expect(run.stdout).toContain('  kept       x-team, x-markdown.faq, x-markdown.x-markdown, x-markdown.x-imported-from\n')
    expect(readFileSync(join(root, 'policies/own.md'), 'utf8')).toContain(
      '\nx-team:\n  lead: Ops\nx-markdown:\n  faq: yes\n  x-markdown:\n    mine: kept\n  x-imported-from: elsewhere/page.md\nx-imported-from: legacy/own.md\n---\n'
    )
  })
})

describe('ids that clash', () => {
  // An imported document must never replace one already in the repository.
  it('an id an existing document holds is not taken: the existing document stays byte for byte', async () => {
    const existing = policy('access-control', {title: 'Access Control Policy'})
    const root = makeRepo({...config, 'policies/access-control.md': existing, 'legacy/access-control.md': '# Access Control Policy\n\n## Purpose\n\nOurs.\n'})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.stdout).toContain('  id         the id `access-control` is taken by policies/access-control.md; this document is `access-control-policy`\n')
    expect(readFileSync(join(root, 'policies/access-control.md'), 'utf8')).toBe(existing)
    expect(readFileSync(join(root, 'policies/access-control-policy.md'), 'utf8')).toContain('\nid: access-control-policy\n')
  })

  // Two source files that make the same id get one each.
  it('two sources with one slug get different ids, and the summary says so', async () => {
    const root = makeRepo({...config, 'legacy/a.md': '---\ntitle: Backup\nslug: backup\n---\n', 'legacy/b.md': '---\ntitle: Backup\nslug: backup\n---\n'})
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.stdout).toContain('  id         the id `backup` is taken by legacy/a.md; this document is `b`\n')
    expect(readdirSync(join(root, 'policies')).sort()).toEqual(['b.md', 'backup.md'])
  })
})

describe('folders far larger than a policy set', () => {
  // One file past the bound: refused before any is read, instead of reading, parsing and copying all.
  it('more than 5,000 Markdown files are refused, and nothing is written', async () => {
    const root = makeRepo(config)
    mkdirSync(join(root, 'legacy'))
    for (let index = 0; index <= 5_000; index++) writeFileSync(join(root, 'legacy', `p${index}.md`), '# P\n')
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe(
      'legacy: Unexpected more than 5,000 Markdown files in the source folder, expected a set of policies; point import at the folder that holds them, or import it in parts\nNothing was written: 1 problem in legacy; fix it and run import again.\n'
    )
    expect(existsSync(join(root, 'policies'))).toBe(false)
  })

  // A named pipe would make a reader wait for ever.
  it('a named pipe is refused without being opened', async () => {
    const root = makeRepo({...config, 'legacy/a.md': '# A\n'})
    spawnSync('mkfifo', [join(root, 'legacy/pipe.md')])
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stdout.split('\n')[0]).toBe('legacy/pipe.md:1:1: Unexpected special file (a pipe, socket or device), expected a regular file; delete it')
  })
})

describe('settings that are not to be trusted', () => {
  // A config that does not load is reported as check reports it, before anything is read or written.
  it('an invalid config stops the import, and nothing is written', async () => {
    const root = makeRepo({'charter.config.yaml': 'documents: ../elsewhere\n', 'legacy/a.md': '# A\n'})
    const before = tree(root)
    const run = await importInto(root, ['legacy', ...fill])
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('charter: fix charter.config.yaml first; `charter check` reports the same problems\n')
    expect(tree(root)).toEqual(before)
  })

  // --config pointing outside the repository would have import write there.
  it('a config outside the repository is never written', async () => {
    const outside = makeRepo({'outside.yaml': 'organization:\n  name: Elsewhere\n'})
    const root = makeRepo({'legacy/a.md': '# A\n\n## Purpose\n\nText.\n'})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Start'])
    const before = tree(root)
    const run = await importInto(root, ['legacy', ...fill, '--config', join('..', outside.split('/').pop()!, 'outside.yaml')])
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/^charter: Unexpected path `\.\.\/charter-test-[^`]+\/outside\.yaml` outside the repository, expected a file inside it; nothing was written\n$/)
    expect(readFileSync(join(outside, 'outside.yaml'), 'utf8')).toBe('organization:\n  name: Elsewhere\n')
    expect(tree(root)).toEqual(before)
  })

  // A source repository's own git settings could name programs to run on a diff or a status.
  it("the source repository's git settings run nothing", async () => {
    const source = makeRepo({'content/a.md': '# A\n\n## Purpose\n\nText.\n'})
    runGit(source, ['init', '-q', '-b', 'main'])
    runGit(source, ['add', '-A'])
    runGit(source, ['commit', '-q', '-m', 'Add a'])
    writeFileSync(join(source, 'content/a.md'), '# A\n\n## Purpose\n\nChanged.\n')
    runGit(source, ['commit', '-q', '-am', 'Change a'])
    runGit(source, ['config', 'diff.external', `touch ${join(source, 'pwned-diff')}`])
    runGit(source, ['config', 'core.fsmonitor', `touch ${join(source, 'pwned-monitor')}`])
    const root = makeRepo(config)
    const run = await importInto(root, [join(source, 'content'), '--classification', 'internal'])
    expect(run.stderr).toBe('')
    expect(readdirSync(source).sort()).toEqual(['.git', 'content'])
    expect(readFileSync(join(root, 'policies/a.md'), 'utf8')).toContain('\neffective: 2026-01-05\nlast_reviewed: 2026-01-05\n')
  })
})

describe('normaliseBody', () => {
  const context: BodyContext = {title: 'Incident Response Policy', siteBases: ['https://example.com/security-policies/'], idForSlug: () => undefined}
  const kept = 'kept as HTML (the page and PDF render it sanitized)'
  const normalise = (body: string, given: Partial<BodyContext> = {}) => normaliseBody(body, {...context, ...given})

  /** Every raw HTML node Charter's parser reads in a body. */
  function rawHtml(body: string): string[] {
    const found: string[] = []
    const walk = (node: Nodes) => {
      if (node.type === 'html') found.push(node.value)
      if ('children' in node) node.children.forEach(walk)
    }
    walk(parseDocument('body.md', `---\n---\n${body}`).tree)
    return found
  }

  // A parser that recurses per nested element runs out of stack: 10,000 tables one inside another.
  it('10,000 nested tables on one line', () => {
    const body = `${'<table><tr><td>'.repeat(10_000)}x${'</td></tr></table>'.repeat(10_000)}\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table with a table inside it, ${kept}`}]})
  })

  // The same, one tag per line: past the parser's line bound, so the body is left whole.
  it('10,000 nested tables, one tag per line', () => {
    const body = `${'<table><tr><td>\n'.repeat(10_000)}x\n${'</td></tr></table>\n'.repeat(10_000)}`
    expect(normalise(body)).toEqual({
      text: body,
      changed: [],
      unconverted: [{line: 19_999, column: 1, text: 'the body was left as it is: Unexpected more than 20,000 lines at line 19,999, expected at most 20,000; split the document into smaller ones'}]
    })
  })

  // A cell past the 32 KB bound, every character Markdown or a table would read as syntax: as one
  // GFM row it would cost the parser more than linear time, so it stays HTML, parsed as raw text.
  it('a 40 KB cell of `*|<_`', () => {
    const body = `<table><tr><th>Cell</th></tr><tr><td>${'*|<_'.repeat(10_240)}</td></tr></table>\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table of more than 32 KB as a Markdown table, ${kept}`}]})
  })

  // Just under the bound, the same characters convert, each escaped, and nothing becomes markup.
  it('a 6 KB cell of `*|<_`', () => {
    const result = normalise(`<table><tr><th>Cell</th></tr><tr><td>${'*|<_'.repeat(1_536)}</td></tr></table>\n`)
    expect(result).toEqual({text: `| Cell |\n| --- |\n| ${'\\*\\|\\<\\_'.repeat(1_536)} |\n`, changed: ['converted 1 HTML table to a Markdown table'], unconverted: []})
    expect(rawHtml(result.text)).toEqual([])
  })

  // A `<table>` never closed would, read naively, swallow the rest of the body.
  it('`<table>` never closed', () => {
    const body = '<table>\n<tr><td>x\n\n## Scope\n\n<table><tr><th>A</th></tr></table>\n\nText.\n'
    expect(normalise(body)).toEqual({
      text: '<table>\n<tr><td>x\n\n## Scope\n\n| A |\n| --- |\n\nText.\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [{line: 1, column: 1, text: `an HTML table not closed by \`</table>\`, ${kept}`}]
    })
  })

  // Thousands of unclosed tables, each its own block: each is noted once, in one pass.
  it('9,000 tables never closed', () => {
    const body = '<table>\n\n'.repeat(9_000)
    const result = normalise(body)
    expect(result.text).toBe(body)
    expect(result.unconverted.length).toBe(9_000)
    expect(result.unconverted[8_999]).toEqual({line: 17_999, column: 1, text: `an HTML table not closed by \`</table>\`, ${kept}`})
  })

  // A script in a cell must not become live HTML in a GFM cell: the table stays HTML, which the
  // page sanitizes as it did before the import, and the summary says so.
  it('`<script>` and other active elements in a cell', () => {
    for (const [cell, element] of [
      ['<script>alert(1)</script>', 'script'],
      ['<img src=x onerror=alert(1)>', 'img'],
      ['<iframe src="https://evil.example/"></iframe>', 'iframe'],
      ['<svg onload=alert(1)></svg>', 'svg'],
      ['<style>body{display:none}</style>', 'style']
    ]) {
      const body = `<table><tr><th>A</th></tr><tr><td>${cell}</td></tr></table>\n`
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table whose cells hold \`<${element}>\`, ${kept}`}]})
    }
  })

  // Markup written as text (`&lt;script&gt;`) is text in HTML, and must stay text in Markdown.
  it('an escaped `<script>` and an attribute that tries to close its quotes', () => {
    const body = '<table><tr><th>&lt;script&gt;alert(1)&lt;/script&gt;</th></tr><tr><td><a href="https://example.com/" title="&quot;><script>alert(1)</script>">x</a></td></tr></table>\n'
    const result = normalise(body)
    expect(result.text).toBe('| \\<script>alert(1)\\</script> |\n| --- |\n| [x](https://example.com/ "\\">\\<script>alert(1)\\</script>") |\n')
    expect(rawHtml(result.text)).toEqual([])
  })

  // A `javascript:` link in a cell stays in an HTML table, in every spelling a browser accepts.
  it('a `javascript:` or `data:` link in a cell', () => {
    for (const [href, scheme] of [
      ['javascript:alert(1)', 'javascript'],
      ['  JaVaScRiPt:alert(1)', 'javascript'],
      ['java&#x09;script:alert(1)', 'javascript'],
      ['java\nscript:alert(1)', 'javascript'],
      ['data:text/html,<script>alert(1)</script>', 'data'],
      ['vbscript:msgbox(1)', 'vbscript']
    ]) {
      const body = `<table><tr><th><a href="${href}">x</a></th></tr></table>\n`
      expect(normalise(body).unconverted).toEqual([{line: 1, column: 1, text: `an HTML table with a \`${scheme}:\` link, ${kept}`}])
      expect(normalise(body).text).toBe(body)
    }
  })

  // A lookup that is a plain object answers `__proto__` and `constructor` with what it inherits.
  it('a link whose slug is `__proto__`, `constructor` or `toString`', () => {
    const ids: Record<string, string> = {'access-control': 'access-control'}
    const body = '[a](/security-policies/__proto__/) [b](/constructor/) [c](https://example.com/security-policies/toString/)\n\n<table><tr><th><a href="/__proto__/">d</a></th></tr></table>\n'
    const result = normalise(body, {idForSlug: (slug) => ids[slug]})
    expect(result).toEqual({
      text: '[a](/security-policies/__proto__/) [b](/constructor/) [c](https://example.com/security-policies/toString/)\n\n| [d](/__proto__/) |\n| --- |\n',
      changed: ['converted 1 HTML table to a Markdown table'],
      unconverted: [
        {line: 1, column: 1, text: 'a link to `/security-policies/__proto__/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 1, column: 36, text: 'a link to `/constructor/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 1, column: 55, text: 'a link to `https://example.com/security-policies/toString/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'},
        {line: 3, column: 1, text: 'a link to `/__proto__/` on the old site, which matches no imported document; kept as it is: point it at a document, or at an address that stays online'}
      ]
    })
  })

  // An id that is not an id (a path, markup) never reaches the text, whatever the lookup answers.
  it('a lookup that answers with something other than an id', () => {
    for (const answer of ['../../etc/passwd', 'a b', 'x)](javascript:alert(1)', '', 'Access-Control']) {
      const body = '[a](/security-policies/access-control/)\n'
      expect(normalise(body, {idForSlug: () => answer}).text).toBe(body)
    }
  })

  // A slug with a broken percent-escape must not throw where it is decoded.
  it('a slug with a broken percent-escape', () => {
    const seen: string[] = []
    const body = '[a](/security-policies/%E0%A4%A/) [b](/%2e%2e/)\n'
    expect(normalise(body, {idForSlug: (slug) => void seen.push(slug)}).text).toBe(body)
    expect(seen).toEqual(['%E0%A4%A', '..'])
  })

  // Formatting nested deeper than the Markdown parser accepts would make an unreadable document.
  it('10,000 nested `<b>` in a cell', () => {
    const body = `<table><tr><th>${'<b>'.repeat(10_000)}x${'</b>'.repeat(10_000)}</th></tr></table>\n`
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table with formatting nested more than 32 deep, ${kept}`}]})
  })

  // Collections bigger than a function call takes arguments: 300,000 words in an anchor without a
  // destination, 300,000 backtick runs in a code cell. Spread into one call, either overflowed the stack.
  it('300,000 words in an anchor, 300,000 backtick runs in code', () => {
    for (const cell of [`<a name="x">${'w '.repeat(300_000)}</a>`, `<code>${'`a'.repeat(300_000)}</code>`]) {
      const body = `<table><tr><th>${cell}</th></tr></table>\n`
      expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table of more than 32 KB as a Markdown table, ${kept}`}]})
    }
  })

  // A cell that ends in a backslash tries to escape the pipe that closes it.
  it('a cell ending in a backslash', () => {
    const result = normalise('<table><tr><th>a\\</th><th>b</th></tr></table>\n')
    expect(result.text).toBe('| a\\\\ | b |\n| --- | --- |\n')
  })

  // GFM cannot write `\|` inside a code span in a table: the conversion is read back, and refused.
  it('a code cell holding `\\|`', () => {
    const body = '<table><tr><th><code>a\\|b</code></th></tr></table>\n'
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: [{line: 1, column: 1, text: `an HTML table whose cells have no exact Markdown form, ${kept}`}]})
  })

  // Line breaks in a cell would end the row and start a forged one.
  it('a cell whose text tries to start a new row', () => {
    const result = normalise('<table><tr><th>a\n| --- |\n| forged |</th></tr></table>\n')
    expect(result.text).toBe('| a \\| --- \\| \\| forged \\| |\n| --- |\n')
  })

  // A heading made of punctuation: compared with the title without retrying from every mark.
  it('a leading heading of 20,000 punctuation marks', () => {
    const body = `# ${'!'.repeat(20_000)}a\n\nText.\n`
    expect(normalise(body, {title: `${'!'.repeat(20_000)}a`}).text).toBe('Text.\n')
    expect(normalise(body)).toEqual({text: body, changed: [], unconverted: []})
  })

  // Site bases that are not web addresses are ignored, not followed.
  it('a `--site-base` that is not an http(s) address', () => {
    const body = '[a](javascript:alert(1)/x/) [b](file:///etc/x/)\n'
    const ids = () => 'x'
    expect(normalise(body, {siteBases: ['javascript:alert(1)', 'file:///etc/', 'not a url'], idForSlug: ids})).toEqual({text: body, changed: [], unconverted: []})
  })

  // Many edits in one body: each is spliced in once, not by copying the text per edit.
  it('600 headings and 400 tables', () => {
    const body = `${'### H\n'.repeat(600)}${'<table>\n\n<tr><th>A</th></tr>\n\n</table>\n\n'.repeat(400)}`
    const result = normalise(body)
    expect(result.changed).toEqual(['raised 600 headings one level', 'converted 400 HTML tables to Markdown tables'])
    expect(result.text).toBe(`${'## H\n'.repeat(600)}${'| A |\n| --- |\n\n'.repeat(400)}`)
  })

  // Each table grows by a line as Markdown: 7,000 of them would take the body past the parser's
  // line bound, and a body `check` cannot read is worse than tables kept as HTML.
  it('7,000 tables whose Markdown would pass the line bound', () => {
    const body = '<table><tr><th>A</th></tr></table>\n\n'.repeat(7_000)
    const result = normalise(body)
    expect(result.text).toBe(body)
    expect(result.changed).toEqual([])
    expect(result.unconverted.length).toBe(7_000)
    expect(result.unconverted[6_999]).toEqual({line: 13_999, column: 1, text: `an HTML table whose Markdown form would leave the body unreadable, ${kept}`})
  })
})
