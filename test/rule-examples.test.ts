// The ok/not-ok examples in each rule's header comment, run as tests (as remark-lint runs its
// own), so a rule's documentation can't drift from what it does. An example is a small
// repository and the exact findings of its rule:
//
//   @example not-ok <what it shows>
//     policies/access.md                    a file, its text below, indented two more spaces
//       ---
//       id: access-control
//       ---
//     main:charter.config.yaml              a file as committed at `main`, the base ref
//       rules: {links: error}
//     → policies/access.md:2:5-2:19 error Unexpected id `access-control` in `access.md`, …
//                                           a finding: where, its severity and the whole message
//
// Each example is checked in a repository of its own, today being 2026-06-01, with every default
// config unless it writes charter.config.yaml. With a `main:` file, its files are committed on
// `main`, the others written over the work tree (policies/ replaced), and the check runs with
// `--base main`. An ok example must draw no finding of its rule, a not-ok one exactly those listed.
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import {describe, expect, it} from 'vitest'
import {checkRepository} from '../scripts/lint/repository'
import {rules} from '../scripts/lint/rules/index'
import {parseDay} from '../scripts/model/dates'
import {findingLines, makeRepo, projectRoot, runGit} from './helpers'

const folder = join(projectRoot, 'scripts/lint/rules')
const today = parseDay('2026-06-01')!

interface Example {
  kind: 'ok' | 'not-ok'
  title: string
  /** Path → text; a `main:` path is the file at the base. */
  files: Map<string, string>
  findings: string[]
}

/** The rule id and examples in a rule module's header comment. */
function readHeader(source: string): {id: string; examples: Example[]} {
  const header = /^\/\*\*\n([\s\S]*?)\n \*\//.exec(source)?.[1] ?? ''
  const lines = header.split('\n').map((line) => line.replace(/^ \*(?: |$)/, ''))
  const id = /^([a-z-]+): /.exec(lines[0] ?? '')?.[1] ?? ''
  const examples: (Example & {blocks: {path: string; lines: string[]}[]})[] = []
  let block: {path: string; lines: string[]} | undefined
  for (const line of lines) {
    const start = /^@example (ok|not-ok)\b ?(.*)$/.exec(line)
    const example = examples[examples.length - 1]
    if (start) {
      examples.push({kind: start[1] as Example['kind'], title: start[2]!, files: new Map(), findings: [], blocks: []})
      block = undefined
    } else if (!example) {
      continue
    } else if (line.startsWith('    ') || (line === '' && block)) {
      block?.lines.push(line.slice(4))
    } else if (line.startsWith('  → ')) {
      example.findings.push(line.slice(4))
      block = undefined
    } else if (/^ {2}\S+$/.test(line)) {
      block = {path: line.trim(), lines: []}
      example.blocks.push(block)
    } else if (line !== '') {
      throw new Error(`Unexpected line in the header's example \`${example.title}\`: ${line}`)
    }
  }
  // A blank line ends a file's text only when what follows is no longer part of it.
  for (const example of examples) for (const {path, lines} of example.blocks) example.files.set(path, `${lines.join('\n').replace(/\n+$/, '')}\n`)
  return {id, examples}
}

/** The findings of `rule` in the example's repository, as `path:line:column-line:column severity message`. */
function findingsOf(rule: string, example: Example): string[] {
  const atBase = [...example.files].filter(([path]) => path.startsWith('main:'))
  const current = [...example.files].filter(([path]) => !path.startsWith('main:'))
  const root = makeRepo({})
  mkdirSync(join(root, 'policies'))
  const write = ([path, text]: [string, string]) => {
    mkdirSync(dirname(join(root, path)), {recursive: true})
    writeFileSync(join(root, path), text)
  }
  if (atBase.length > 0) {
    for (const [path, text] of atBase) write([path.slice('main:'.length), text])
    runGit(root, ['init', '-q', '-b', 'main'])
    runGit(root, ['add', '-A'])
    runGit(root, ['commit', '-q', '--allow-empty', '-m', 'Base'])
    rmSync(join(root, 'policies'), {recursive: true, force: true})
    mkdirSync(join(root, 'policies'))
  }
  current.forEach(write)
  const result = checkRepository(root, {configPath: 'charter.config.yaml', today, ...(atBase.length > 0 ? {baseRef: 'main'} : {})})
  return findingLines(result.files)
    .map((line) => line.split(' '))
    .filter((words) => words[2] === rule)
    .map(([place, severity, , ...message]) => `${place} ${severity} ${message.join(' ')}`)
}

const headers = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && name !== 'index.ts')
  .map((name) => ({name, ...readHeader(readFileSync(join(folder, name), 'utf8'))}))

it('reads one header per rule, each opening with the rule id', () => {
  expect(headers.map(({id}) => id).sort()).toEqual(rules.map((rule) => rule.id).sort())
})

describe.each(headers)('$id', ({id, examples}) => {
  it('has an ok and a not-ok example', () => {
    expect(examples.filter((example) => example.kind === 'ok').length).toBeGreaterThan(0)
    expect(examples.filter((example) => example.kind === 'not-ok').length).toBeGreaterThan(0)
    for (const example of examples) expect(example.files.size).toBeGreaterThan(0)
  })

  it.each(examples.map((example) => [`${example.kind} ${example.title}`.trim(), example] as const))('%s', (_, example) => {
    const found = findingsOf(id, example)
    if (example.kind === 'ok') {
      expect(example.findings).toEqual([])
      expect(found).toEqual([])
    } else {
      expect(example.findings.length).toBeGreaterThan(0)
      expect(found).toEqual(example.findings)
    }
  })
})

describe.each(rules.filter((rule) => rule.options).map((rule) => [rule.id, rule.options!] as const))('%s options', (_, options) => {
  it('is a JSON Schema its default passes', () => {
    const validate = new Ajv2020({strict: true}).compile(options)
    expect(validate(options.default)).toBe(true)
  })
})
