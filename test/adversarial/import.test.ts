// Hostile folders given to `charter import`: links that lead out of the folder, front matter
// built to exhaust the reader, names built to escape the documents folder or the terminal, a
// folder far larger than any policy set, ids that clash, and a source repository whose git
// settings try to run a program. Each case names the attack above it; nothing is ever written
// outside the documents folder and the config.
import {spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
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
  // Ten thousand files: refused before any is read, instead of reading, parsing and copying all.
  it('more than 5,000 Markdown files are refused, and nothing is written', async () => {
    const root = makeRepo(config)
    mkdirSync(join(root, 'legacy'))
    for (let index = 0; index < 10_000; index++) writeFileSync(join(root, 'legacy', `p${index}.md`), '# P\n')
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
