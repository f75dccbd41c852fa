// Each adopted remark-lint rule finds on the tree its meta's `reads` cuts down exactly what the
// upstream plugin finds on the whole tree, for every fixture, seed policy and benchmark document.
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import type {Root} from 'mdast'
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {rules} from '../scripts/lint/rules/index'
import {parseDocument} from '../scripts/load/parse'
import {documentText} from '../bench/corpus.js'
import {projectRoot} from './helpers'

const folder = join(projectRoot, 'scripts/lint/rules')

/** Each rule module that adopts a remark-lint plugin: its id and the plugin's package. */
const adopted = readdirSync(folder).flatMap((name) => {
  const source = readFileSync(join(folder, name), 'utf8')
  const plugin = /from '(remark-lint-[a-z-]+)'/.exec(source)?.[1]
  const id = /^\/\*\*\n \* ([a-z-]+): /.exec(source)?.[1]
  return plugin && id ? [[id, plugin] as const] : []
})

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md'))
    .map((entry) => join(entry.parentPath, entry.name))
}

const samples = [
  ...markdownFiles(join(projectRoot, 'test/fixtures/rules')).map((path) => readFileSync(path, 'utf8').replace(/^\uFEFF/, '')),
  ...markdownFiles(join(projectRoot, 'policies')).map((path) => readFileSync(path, 'utf8')),
  ...Array.from({length: 20}, (_, index) => documentText(index * 37, 1000)),
  '# A\n\n> # B\n>\n> #### C\n\n<h1>D</h1>\n\nText <h4>E</h4>\n\n- [ ] a\n  * b\n    1) c\n\n1. d\n\n+ e\n'
]

// Parsed once for every rule below.
const parsed = samples.map((text, index) => parseDocument(`policies/sample-${index}.md`, text))

const placeText = (place: Position | Point | undefined) => JSON.stringify(place && 'start' in place ? [place.start, place.end] : place)

it('finds the rules that adopt a remark-lint plugin', () => {
  expect(adopted.map(([id]) => id).sort()).toEqual(['heading-increment', 'no-multiple-toplevel-headings', 'ordered-list-marker-style', 'unordered-list-marker-style'])
})

describe.each(adopted)('%s', (id, name) => {
  it('finds on its cut-down tree what upstream finds on the whole tree', async () => {
    const rule = rules.find((each) => each.id === id)!
    const plugin = (await import(name)).default as (config: unknown) => (tree: Root, file: VFile, next: () => void) => void
    const upstream = plugin([1, rule.options?.default])
    let found = 0
    for (const document of parsed) {
      // Neither upstream nor the rule changes the tree: both read the same one, and upstream's
      // messages are the only ones on the file.
      document.file.messages.length = 0
      upstream(document.tree, document.file, () => {})
      const expected = document.file.messages.map((message) => `${placeText(message.place ?? undefined)} ${message.reason.replace('exected', 'expected')}`)
      const actual: string[] = []
      if (rule.scope !== 'document') throw new Error(`${id} is not a document rule`)
      rule.check(document, {config: {} as never, today: 0 as never, ruleIds: [], styleRuleIds: new Set(), report: (where, reason) => actual.push(`${placeText(where as Position)} ${reason}`)})
      // Each message is upstream's, then the rule's hint.
      expect(actual.map((line, at) => (line.startsWith(`${expected[at]}; `) ? expected[at] : line))).toEqual(expected)
      found += actual.length
    }
    // The samples hold something to find, so the comparison means something.
    expect(found).toBeGreaterThan(0)
  })
})
