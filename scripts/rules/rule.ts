// What a rule is: an id, its documentation, a default severity and a check over one parsed
// document. Rules read the parse result and the corpus; they never touch git or the file system.
import type {Node, Point, Position} from 'unist'
import type {Config} from '../load/config'
import type {Corpus, Document} from '../document'
import type {Day} from '../dates'
import {positionAt} from '../load/parse'

export type Severity = 'error' | 'warn'

export interface RuleMeta {
  /** kebab-case id, used in messages, `rules:` in config and `<!-- lint disable id -->`. */
  id: string
  /** One line: what the rule checks. */
  summary: string
  /** One paragraph: why it matters and how to fix what it reports. */
  description: string
  /** Severity when config does not set one. */
  severity: Severity
}

export interface RuleContext {
  config: Config
  corpus: Corpus
  today: Day
  /** Every rule id, for rules that validate references to rules. */
  ruleIds: readonly string[]
  /** Adds a message; `severity` can only make it milder than the rule's configured severity. */
  report(where: Position | Point | Node | undefined, reason: string, severity?: Severity): void
}

export interface Rule extends RuleMeta {
  check(document: Document, context: RuleContext): void
}

/** Where a front matter value (or its key) sits, for `path` such as `['controls', 'soc2', 2]`. */
export function frontMatterPosition(document: Document, path: readonly (string | number)[], part: 'value' | 'key' = 'value'): Position | undefined {
  const frontMatter = document.frontMatter
  if (!frontMatter) return undefined
  const node =
    part === 'value'
      ? (frontMatter.yaml.getIn(path, true) as {range?: [number, number, number]} | undefined)
      : keyNode(frontMatter.yaml.getIn(path.slice(0, -1), true) ?? frontMatter.yaml.contents, path[path.length - 1])
  if (!node?.range) return undefined
  return positionAt(document.file, frontMatter.start + node.range[0], frontMatter.start + node.range[1])
}

function keyNode(map: unknown, key: string | number | undefined): {range?: [number, number, number]} | undefined {
  const items = (map as {items?: {key?: {value?: unknown; range?: [number, number, number]}}[]} | null)?.items ?? []
  return items.find((pair) => pair.key?.value === key)?.key
}
