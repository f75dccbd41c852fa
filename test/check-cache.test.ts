// The check cache: a check that reuses what an earlier check found gives the same bytes as a cold
// one, through a sequence of edits, renames, deletions, config, date and base changes; and it
// really is read, so the comparison means something.
import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cacheFileIn} from './fixtures/check-cache'
import {policy, policyBody} from './fixtures/documents'
import {charter, makeRepo, runGit, type Run} from './helpers'

const library = () => ({
  'policies/access.md': policy('access', {related: '[backup]'}, `\n${policyBody}\nSee [backups](backup.md#policy) and [nowhere](gone.md).\n`),
  'policies/backup.md': policy('backup', {}, `\n<!-- lint disable heading-increment -->\n${policyBody}\n#### Skipped a level\n`),
  'policies/crypto.md': policy('crypto', {last_reviewed: '2025-01-10'}),
  'policies/data.md': policy('data', {kind: 'standard'}, '\n## Purpose\n\nOnly a purpose.\n')
})

describe('a check with the cache gives the bytes of a check without it', () => {
  it('through edits, renames, deletions, config, date and base changes', async () => {
    const root = makeRepo(library())
    const cacheDir = makeRepo({})
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '-m', 'The library'])
    let today = '2026-06-01'
    const extra: string[] = []
    // Every format at the first and last step; JSON, which lists every finding's place, at each.
    const both = async (step: string, formats = ['json']) => {
      const results: Run[] = []
      for (const format of formats) {
        const args = ['check', '--today', today, '--format', format, ...extra]
        const cached = await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})
        const cold = await charter([...args, '--no-cache'], root, {CHARTER_CACHE_DIR: cacheDir})
        expect(cached, `${step}, ${format}`).toEqual(cold)
        results.push(cached)
      }
      return results[0]!
    }
    const steps: [string, () => void][] = [
      ['nothing changed', () => {}],
      ['a body edited', () => writeFileSync(join(root, 'policies/crypto.md'), policy('crypto', {last_reviewed: '2025-01-10'}, `\n${policyBody}\n[broken](#nope)\n`))],
      ['a document renamed', () => renameSync(join(root, 'policies/data.md'), join(root, 'policies/standard.md'))],
      ['a linked document deleted', () => rmSync(join(root, 'policies/backup.md'))],
      ['a document restored as it was', () => writeFileSync(join(root, 'policies/backup.md'), library()['policies/backup.md'])],
      ['the config changed', () => writeFileSync(join(root, 'charter.config.yaml'), 'rules:\n  heading-increment: error\n  links: warn\n')],
      ['another day', () => (today = '2027-04-01')],
      [
        'compared with a base',
        () => {
          writeFileSync(join(root, 'policies/access.md'), library()['policies/access.md'].replace('Text for scope.', 'Text for a wider scope.'))
          extra.push('--base', 'main')
        }
      ],
      ['a lint comment added', () => writeFileSync(join(root, 'policies/crypto.md'), `${readFileSync(join(root, 'policies/crypto.md'), 'utf8')}\n<!-- lint disable links -->\n`)]
    ]
    const first = await both('cold', ['json', 'pretty', 'sarif'])
    // The library has something for every stage to find: document, corpus and repository rules.
    expect(JSON.parse(first.stdout).findings.map((finding: {rule: string}) => finding.rule)).toEqual(
      expect.arrayContaining(['links', 'review-due', 'required-sections'])
    )
    const changed: string[] = []
    let previous = first.stdout
    for (const [step, change] of steps) {
      change()
      const {stdout} = await both(step, step === steps.at(-1)![0] ? ['json', 'pretty', 'sarif'] : ['json'])
      if (stdout !== previous) changed.push(step)
      previous = stdout
    }
    // Each step but the first changed what the check finds, so each comparison was of a new report.
    expect(changed).toEqual(steps.slice(1).map(([step]) => step))
  })

  it('reads what the last check kept: an entry changed in the cache shows in the next check', async () => {
    const root = makeRepo(library())
    const cacheDir = makeRepo({})
    const args = ['check', '--today', '2026-06-01', '--format', 'json']
    const cold = await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})
    const file = cacheFileIn(cacheDir)
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('Unexpected last_reviewed', 'Kept from the cache: last_reviewed'))
    const reused = await charter(args, root, {CHARTER_CACHE_DIR: cacheDir})
    expect(reused.stdout).toBe(cold.stdout.replace('Unexpected last_reviewed', 'Kept from the cache: last_reviewed'))
    expect(reused.stdout).not.toBe(cold.stdout)
    // --no-cache reads none of it.
    expect((await charter([...args, '--no-cache'], root, {CHARTER_CACHE_DIR: cacheDir})).stdout).toBe(cold.stdout)
  })

  it('keeps one entry per document, so the file does not grow with every edit', async () => {
    const root = makeRepo(library())
    const cacheDir = makeRepo({})
    for (let edit = 0; edit < 3; edit++) {
      writeFileSync(join(root, 'policies/crypto.md'), `${policy('crypto')}\nEdit ${edit}.\n`)
      await charter(['check', '--today', '2026-06-01'], root, {CHARTER_CACHE_DIR: cacheDir})
    }
    expect(Object.keys(JSON.parse(readFileSync(cacheFileIn(cacheDir), 'utf8')).entries)).toHaveLength(4)
  })
})
