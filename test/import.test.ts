// charter import on repositories of each source layout (test/fixtures/import-sources.ts): the
// files it writes, byte for byte (test/fixtures/import/<layout>/expected/), what it prints, its
// exit status, a second run that changes nothing, --dry-run, a write that fails half way, and
// the history from before the import. After a deliberate change, `UPDATE_EXPECTED=1 npx vitest
// run test/import.test.ts` rewrites the expected files; read the diff before committing.
import {cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {importGit} from '../scripts/cli/import'
import {loadConfig} from '../scripts/load/config'
import {moveTracked} from '../scripts/history/source-history'
import {planImport} from '../scripts/scaffold/import/import-plan'
import {writeImport} from '../scripts/scaffold/import/import-write'
import {charter, makeRepo, projectRoot, runGit} from './helpers'
import {charterRepository, hugoPolicyCount, sourceFolders, sourceRepository, type SourceLayout} from './fixtures/import-sources'

const today = '2026-06-01'
const update = Boolean(process.env.UPDATE_EXPECTED)
const expectedRoot = join(projectRoot, 'test/fixtures/import')

/** The options each layout needs: what its source cannot say. */
const options: Record<SourceLayout, string[]> = {
  hugo: ['--classification', 'public'],
  comply: ['--classification', 'internal', '--site-base', 'https://comply.example.test/'],
  markdown: ['--classification', 'internal', '--owner', 'CISO', '--approvers', 'CTO, CEO']
}

/** Every file under `folder` of `root`, by path relative to it. */
function filesIn(root: string, folder: string): Record<string, string> {
  const found: Record<string, string> = {}
  const walk = (dir: string) => {
    if (!existsSync(dir)) return
    for (const entry of readdirSync(dir, {withFileTypes: true})) {
      if (entry.name === '.git') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else found[relative(join(root, folder), path)] = readFileSync(path, 'utf8')
    }
  }
  walk(join(root, folder))
  return found
}

/** The whole work tree, the index and the status: what "unchanged" means for a repository. */
function snapshot(root: string): {files: Record<string, string>; index: string; status: string} {
  return {files: filesIn(root, '.'), index: runGit(root, ['ls-files', '-s']), status: runGit(root, ['status', '--porcelain'])}
}

/** Asserts (or with UPDATE_EXPECTED, rewrites) the documents and the output of a layout. */
function expectMatches(layout: SourceLayout, documents: Record<string, string>, output: string): void {
  const dir = join(expectedRoot, layout)
  if (update) {
    rmSync(join(dir, 'expected'), {recursive: true, force: true})
    mkdirSync(join(dir, 'expected'), {recursive: true})
    for (const [name, text] of Object.entries(documents)) writeFileSync(join(dir, 'expected', name), text)
    writeFileSync(join(dir, 'output.txt'), output)
  }
  expect(documents).toEqual(filesIn(dir, 'expected'))
  expect(output).toBe(readFileSync(join(dir, 'output.txt'), 'utf8'))
}

describe.each(['hugo', 'comply', 'markdown'] as const)('charter import, %s layout', (layout) => {
  it('moves the sources inside the repository with git mv and writes the expected documents and summary', async () => {
    const root = sourceRepository(layout, {charter: true})
    const run = await charter(['import', sourceFolders[layout], ...options[layout]], root, {}, {today})
    expect(run.stderr).toBe('')
    expectMatches(layout, filesIn(root, 'policies'), run.stdout)
    // Findings remain in every fixture: sections the sources never had, reviews long past.
    expect(run.status).toBe(1)
    const staged = runGit(root, ['diff', '--cached', '--name-status', '-M'])
    expect(staged.split('\n').filter((line) => line.startsWith('R100')).length).toBe(Object.keys(filesIn(root, 'policies')).length)
    expect(readFileSync(join(root, 'charter.config.yaml'), 'utf8')).toMatch(/\nadoption: [0-9a-f]{40}\n$/)
  })

  it('copies from outside, writes the same documents, and changes nothing the second time', async () => {
    const source = sourceRepository(layout)
    const root = charterRepository()
    const dir = join(source, sourceFolders[layout])
    const first = await charter(['import', dir, ...options[layout]], root, {}, {today})
    expect(first.stderr).toBe('')
    expect(first.stdout).toContain(`Wrote ${Object.keys(filesIn(root, 'policies')).length} documents to policies/ (`)
    expect(filesIn(root, 'policies')).toEqual(filesIn(join(expectedRoot, layout), 'expected'))
    // Nothing left the source.
    expect(runGit(source, ['status', '--porcelain'])).toBe('')
    const before = snapshot(root)
    const second = await charter(['import', dir, ...options[layout]], root, {}, {today})
    expect(second.stdout).toContain(`\nNothing changed: the ${Object.keys(before.files).filter((path) => path.startsWith('policies/')).length} documents in policies/ are as this import writes them.\n`)
    expect(second.status).toBe(first.status)
    expect(snapshot(root)).toEqual(before)
  })
})

describe('charter import on a fresh fork', () => {
  it('leaves the seed library alone, and gives way where a seed document has the id', async () => {
    const root = charterRepository()
    for (const path of ['templates', 'policies', 'charter.config.yaml']) cpSync(join(projectRoot, path), join(root, path), {recursive: true})
    const seed = filesIn(root, 'policies')
    const run = await charter(['import', join(sourceRepository('hugo'), sourceFolders.hugo), '--classification', 'public'], root, {}, {today})
    expect(run.stderr).toBe('')
    const ids = run.stdout.split('\n').filter((line) => line.startsWith('  id '))
    expect(ids).toEqual(
      ['acceptable-use', 'access-control', 'asset-management', 'business-continuity', 'change-management', 'cryptography', 'data-classification', 'incident-response', 'risk-management', 'vendor-management', 'vulnerability-management'].map((id) => `  id         the id \`${id}\` is taken by policies/${id}.md; this document is \`${id}-policy\``)
    )
    const after = filesIn(root, 'policies')
    for (const [name, text] of Object.entries(seed)) expect(after[name], name).toBe(text)
    expect(Object.keys(after).length).toBe(Object.keys(seed).length + hugoPolicyCount + 1)
  })
})

describe('charter import, a folder inside the documents folder', () => {
  it('moves its files up into the documents folder, and takes no id from them as taken', async () => {
    const root = makeRepo({'charter.config.yaml': 'organization:\n  name: Fixture Corp\n', 'policies/legacy/backup.md': '# Backup Policy\n\n## Purpose\n\nText.\n', 'policies/legacy/nested/backup-restore.md': '# Backup and Restore\n'})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'Copy the old pages in'])
    const run = await charter(['import', 'policies/legacy', '--classification', 'internal'], root, {}, {today})
    expect(run.stderr).toBe('')
    expect(run.stdout).toContain('\npolicies/backup.md ← policies/legacy/backup.md (created, moved with git mv)\n')
    expect(run.stdout).toContain('\npolicies/backup-restore.md ← policies/legacy/nested/backup-restore.md (created, moved with git mv)\n')
    expect(Object.keys(filesIn(root, 'policies')).sort()).toEqual(['backup-restore.md', 'backup.md'])
  })
})

describe('charter import, Jekyll layout', () => {
  it("takes a post's id and date from its file name, and `published: false` as a draft", async () => {
    const source = makeRepo({
      '_config.yml': 'title: Policies\n',
      '_posts/2024-05-06-remote-work.md': '---\nlayout: policy\ntitle: Remote Work Policy\npermalink: /policies/remote-work/\npublished: false\n---\n\n## Purpose\n\nWork from home safely.\n'
    })
    const root = charterRepository()
    const run = await charter(['import', source, '--classification', 'internal', '--effective', '2024-01-02'], root, {}, {today})
    expect(run.stdout.split('\n').slice(0, 7)).toEqual([
      `Read 1 document from ${source} (layout jekyll: _posts/2024-05-06-remote-work.md is in _posts/).`,
      '',
      `policies/remote-work.md ← ${source}/_posts/2024-05-06-remote-work.md (created, copied)`,
      "  mapped     title (`title`), id (the file name), last_reviewed (the file name's date),",
      '             status (`published`)',
      '  filled     kind, version, owner, approvers, classification, effective',
      '  kept       x-jekyll.layout, x-jekyll.permalink'
    ])
    expect(readFileSync(join(root, 'policies/remote-work.md'), 'utf8')).toBe(
      `---\nid: remote-work\ntitle: Remote Work Policy\nkind: policy\nversion: 0.1.0\nstatus: draft\nowner: Head of Security\napprovers: [CTO]\nclassification: internal\neffective: 2024-01-02\nlast_reviewed: 2024-05-06\nx-jekyll:\n  layout: policy\n  permalink: /policies/remote-work/\nx-imported-from: ${source.split('/').pop()}/_posts/2024-05-06-remote-work.md\n---\n\n## Purpose\n\nWork from home safely.\n`
    )
  })
})

describe('charter import --dry-run', () => {
  it('prints the plan and writes nothing', async () => {
    const root = sourceRepository('hugo', {charter: true})
    const before = snapshot(root)
    const run = await charter(['import', sourceFolders.hugo, '--classification', 'public', '--dry-run'], root, {}, {today})
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('policies/incident-response.md ← content/security-policies/incident-response/index.md (created, moved with git mv)\n')
    expect(run.stdout.trimEnd().split('\n').pop()).toMatch(
      new RegExp(`^Dry run, nothing was written\\. Import would write ${hugoPolicyCount + 1} documents to policies/ \\(${hugoPolicyCount + 1} created, 0 updated, 0 unchanged\\), moving ${hugoPolicyCount + 1} files from content/security-policies, and record the adoption commit [0-9a-f]{12} in charter\\.config\\.yaml\\.$`)
    )
    expect(snapshot(root)).toEqual(before)
  })
})

describe('charter import, filling', () => {
  it('writes nothing while a required field has no value, and names the option that gives it', async () => {
    const root = sourceRepository('hugo', {charter: true})
    const before = snapshot(root)
    const run = await charter(['import', sourceFolders.hugo], root, {}, {today})
    expect(run.status).toBe(1)
    expect(run.stdout).toContain(
      '\nMissing: nothing was written, because these required fields have no value in the source and no option gave one:\n  classification  15 documents  pass --classification public|internal|confidential\n'
    )
    expect(snapshot(root)).toEqual(before)
  })

  it('lists at most five filled-in values to confirm for the Hugo site, and check then finds only what the source lacks', async () => {
    const root = sourceRepository('hugo', {charter: true})
    const run = await charter(['import', sourceFolders.hugo, '--classification', 'public'], root, {}, {today})
    const confirm = /\nFilled in from defaults, for you to confirm \((\d+)\):\n/.exec(run.stdout)
    expect(Number(confirm?.[1])).toBeLessThanOrEqual(5)
    const lacking = run.stdout.split('\nThe source lacks this:\n')[1]?.split('\n\n')[0]?.split('\n') ?? []
    expect(lacking.map((line) => line.replace(/^ {2}(\S+?):\d+:\d+ .* (\S+)$/, '$1 $2'))).toEqual([
      'policies/acceptable-use.md required-sections',
      'policies/logging.md required-sections',
      'policies/password.md review-due',
      'policies/security-policies.md review-due'
    ])
    // The one table with a rowspan stays HTML, which the page and the PDF render: a note, no finding.
    expect(run.stdout.split('\nImport could not convert this:\n')[1]?.split('\n\n')[0]).toBe(
      '  content/security-policies/vendor-management/index.md:23:1  an HTML table with rowspan, kept as HTML (the page and PDF render it sanitized)'
    )
  })

  it('reports a date it cannot read instead of guessing, and keeps the value', async () => {
    const root = makeRepo({
      'legacy/backup.md': '---\ntitle: Backup Policy\nlast_updated: 03/04/2025\n---\n\n## Purpose\n\nText.\n',
      'charter.config.yaml': 'organization:\n  name: Fixture Corp\n'
    })
    const run = await charter(['import', 'legacy', '--classification', 'internal', '--effective', '2025-01-02', '--last-reviewed', '2025-05-06'], root, {}, {today})
    expect(run.stdout).toContain(
      '\nImport could not convert this:\n  legacy/backup.md:3:1  Unexpected `last_updated: 03/04/2025`, expected a date such as 2024-03-01 or March 1, 2024; it is kept under x-markdown.last_updated. Set last_reviewed by hand, or pass --last-reviewed\n'
    )
    const written = readFileSync(join(root, 'policies/backup.md'), 'utf8')
    expect(written).toContain('\neffective: 2025-01-02\nlast_reviewed: 2025-05-06\nx-markdown:\n  last_updated: 03/04/2025\nx-imported-from: legacy/backup.md\n')
  })
})

describe('charter import, dates', () => {
  it('takes effect no later than the last update the source states, when that predates the first commit', async () => {
    const source = makeRepo({'site/backup.md': '---\ntitle: Backup Policy\nlast_updated: 2025-11-03\n---\n\n## Purpose\n\nText.\n'})
    runGit(source, ['init', '-q', '-b', 'main'])
    runGit(source, ['add', '-A'])
    runGit(source, ['commit', '-q', '-m', 'Move the site into git'])
    const root = charterRepository()
    const run = await charter(['import', join(source, 'site'), '--classification', 'internal'], root, {}, {today})
    expect(run.stdout).toContain('  mapped     title (`title`), id (the file name), last_reviewed (`last_updated`),\n             effective (`last_updated`, which predates the first commit)\n')
    expect(readFileSync(join(root, 'policies/backup.md'), 'utf8')).toContain('\neffective: 2025-11-03\nlast_reviewed: 2025-11-03\n')
  })
})

describe('charter import, all or nothing', () => {
  const request = (root: string) => {
    const configPath = 'charter.config.yaml'
    const config = loadConfig(root, configPath, []).config!
    return planImport({root, dir: join(root, sourceFolders.hugo), dirLabel: sourceFolders.hugo, from: 'auto', siteBases: [], values: {classification: 'public'}, config, configPath, git: importGit})
  }

  it('leaves the repository as it was when a move fails half way', () => {
    const root = sourceRepository('hugo', {charter: true})
    const before = snapshot(root)
    let moves = 0
    const failing = (from: string, to: string) => {
      if (++moves === 6) throw new Error('simulated failure of the sixth move')
      moveTracked(root, from, to)
    }
    expect(() => writeImport(root, request(root), {moveTracked: failing})).toThrow('simulated failure of the sixth move')
    expect(snapshot(root)).toEqual(before)
    expect(existsSync(join(root, 'policies'))).toBe(false)
  })

  it('leaves the repository as it was when a write fails after every move', () => {
    const root = sourceRepository('hugo', {charter: true})
    const before = snapshot(root)
    let renames = 0
    const rename = (from: string, to: string) => {
      if (++renames === 9) throw new Error('simulated failure of the ninth write')
      writeFileSync(to, readFileSync(from))
      rmSync(from)
    }
    expect(() => writeImport(root, request(root), {moveTracked: (from, to) => moveTracked(root, from, to), rename})).toThrow('simulated failure of the ninth write')
    expect(snapshot(root)).toEqual(before)
  })
})

describe('charter import, history', () => {
  it('keeps the commits from before the import in the history of each document', async () => {
    const root = sourceRepository('hugo', {charter: true})
    await charter(['import', sourceFolders.hugo, '--classification', 'public'], root, {}, {today})
    runGit(root, ['commit', '-q', '-m', 'Move the policies to policies/'], {GIT_AUTHOR_DATE: '2026-05-04T09:00:00Z', GIT_COMMITTER_DATE: '2026-05-04T09:00:00Z'})
    runGit(root, ['add', 'policies', 'charter.config.yaml'])
    runGit(root, ['commit', '-q', '-m', 'Adopt the policies with Charter'], {GIT_AUTHOR_DATE: '2026-05-04T09:05:00Z', GIT_COMMITTER_DATE: '2026-05-04T09:05:00Z'})
    const run = await charter(['history', 'password', '--format', 'json'], root, {}, {today})
    expect(run.stderr).toBe('')
    const [history] = JSON.parse(run.stdout) as {revisions: {subject: string}[]}[]
    expect(history!.revisions.map((revision) => revision.subject)).toEqual([
      'Adopt the policies with Charter',
      'Move the policies to policies/',
      'Yearly review of the security policies',
      'Rename the passwords bundle to password',
      'Publish the first security policies'
    ])
    const text = await charter(['history', 'password'], root, {}, {today})
    expect(text.stdout).toContain('before Charter')
  })
})
