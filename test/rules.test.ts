// Every rule's ok/not-ok fixtures: each case folder is a small repository; an ok case must
// produce no message at all, a not-ok case exactly the lines in its expected.txt.
// After changing a message on purpose, `UPDATE_EXPECTED=1 npx vitest run test/rules.test.ts`
// rewrites the expected.txt files; read the diff before committing it.
import {cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {checkRepository} from '../scripts/lint/repository'
import {parseDay} from '../scripts/model/dates'
import {rules} from '../scripts/lint/rules/index'
import {classifications, isDocumentId, kinds, statuses} from '../scripts/model/document'
import {findingLines, makeRepo, projectRoot, runGit} from './helpers'

const fixtures = join(projectRoot, 'test/fixtures/rules')
const sharedConfig = join(fixtures, 'charter.config.yaml')
const today = parseDay('2026-06-01')!

function check(caseDir: string): string[] {
  const configPath = existsSync(join(caseDir, 'charter.config.yaml')) ? 'charter.config.yaml' : sharedConfig
  if (!existsSync(join(caseDir, 'base'))) return findingLines(checkRepository(caseDir, {configPath, today}).files)
  // A case with base/ is checked against a git repository whose tagged commit holds base/'s files.
  // The config: the case's own one in the work tree (against base/'s, or none at the base),
  // else base/'s, else the shared one, committed at the base too.
  const root = makeRepo({})
  cpSync(join(caseDir, 'base'), root, {recursive: true})
  const ownConfig = existsSync(join(caseDir, 'charter.config.yaml'))
  if (!ownConfig && !existsSync(join(root, 'charter.config.yaml'))) cpSync(sharedConfig, join(root, 'charter.config.yaml'))
  runGit(root, ['init', '-q', '-b', 'main'])
  runGit(root, ['add', '-A'])
  runGit(root, ['commit', '-q', '-m', 'Base'])
  runGit(root, ['tag', 'base'])
  rmSync(join(root, 'policies'), {recursive: true, force: true})
  cpSync(join(caseDir, 'policies'), join(root, 'policies'), {recursive: true})
  if (ownConfig) cpSync(join(caseDir, 'charter.config.yaml'), join(root, 'charter.config.yaml'))
  return findingLines(checkRepository(root, {configPath: 'charter.config.yaml', today, baseRef: 'base'}).files)
}

const cases = (rule: string, kind: 'ok' | 'not-ok') => {
  const dir = join(fixtures, rule, kind)
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

describe.each(rules.map((rule) => rule.id))('%s', (rule) => {
  it('has ok and not-ok fixtures', () => {
    expect(cases(rule, 'ok').length).toBeGreaterThan(0)
    expect(cases(rule, 'not-ok').length).toBeGreaterThan(0)
  })

  it.each(cases(rule, 'ok'))('ok/%s: no messages', (name) => {
    expect(check(join(fixtures, rule, 'ok', name))).toEqual([])
  })

  it.each(cases(rule, 'not-ok'))('not-ok/%s: the expected messages, exactly', (name) => {
    const dir = join(fixtures, rule, 'not-ok', name)
    const actual = check(dir)
    if (process.env.UPDATE_EXPECTED) writeFileSync(join(dir, 'expected.txt'), actual.map((line) => `${line}\n`).join(''))
    const expected = readFileSync(join(dir, 'expected.txt'), 'utf8').split('\n').filter(Boolean)
    expect(actual).toEqual(expected)
    expect(actual.some((line) => line.split(' ')[2] === rule)).toBe(true)
  })
})

describe('isDocumentId', () => {
  // id-matches-filename suggests only ids the schema accepts.
  it('accepts exactly what the front matter schema accepts as an id', () => {
    const schema = JSON.parse(readFileSync(join(projectRoot, 'schemas/policy.schema.json'), 'utf8')).properties.id
    const pattern = new RegExp(schema.pattern, 'u')
    for (const text of ['access-control', 'a', 'a1-b2', 'index', 'a'.repeat(80), 'a'.repeat(81), 'Access', 'a--b', '-a', 'a-', 'a_b', '', 'é']) {
      expect(isDocumentId(text), text).toBe(pattern.test(text) && text.length <= schema.maxLength)
    }
  })

  // import checks the values it is given against these lists before the schema sees them.
  it('lists the kinds, statuses and classifications the schema allows', () => {
    const {properties} = JSON.parse(readFileSync(join(projectRoot, 'schemas/policy.schema.json'), 'utf8'))
    expect([kinds, statuses, classifications]).toEqual([properties.kind.enum, properties.status.enum, properties.classification.enum])
  })
})
