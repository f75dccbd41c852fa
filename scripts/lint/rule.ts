// What a rule is: an id, its documentation, a default severity and a check. A document rule reads
// one parsed document; a corpus rule reads one document's summary against the whole corpus.
// Rules never touch git or the file system.
import type {Node, Point, Position} from 'unist'
import type {Config} from '../model/config-shape'
import type {Corpus, Document, DocumentSummary, FrontMatter} from '../model/document'
import type {Day} from '../model/dates'
import type {RuleMeta, Severity} from '../model/rule-meta'
import type {Base} from '../history/base'

export type {RuleMeta, Severity} from '../model/rule-meta'

/** A gate rule's findings are never silenced by a comment in the document they are about. */
export function isGateRule(rule: Pick<RuleMeta, 'kind'>): boolean {
  return rule.kind !== 'style'
}

interface Reporter {
  /** Adds a message; `severity` can only make it milder than the rule's configured severity. */
  report(where: Position | Point | Node | Span | undefined, reason: string, severity?: Severity): void
}

export interface RuleContext extends Reporter {
  config: Config
  today: Day
  /** The documents at `--base <ref>`, when given. */
  base?: Base
  /** Every rule id, for rules that validate references to rules. */
  ruleIds: readonly string[]
  /** The ids of the style rules, the only ones a lint comment may switch off. */
  styleRuleIds: ReadonlySet<string>
}

export interface CorpusRuleContext extends Reporter {
  config: Config
  corpus: Corpus
}

/** A rule over one parsed document: its tree, front matter and text. */
export interface DocumentRule extends RuleMeta {
  scope: 'document'
  check(document: Document, context: RuleContext): void
}

/** A rule that looks across documents; it reads summaries, never trees. */
export interface CorpusRule extends RuleMeta {
  scope: 'corpus'
  check(summary: DocumentSummary, context: CorpusRuleContext): void
}

export type Rule = DocumentRule | CorpusRule

/** Offsets into a document's text; turned into line and column only when a message needs them. */
export interface Span {
  start: number
  end: number
}

/** Where a front matter value (or its key) sits, for `path` such as `['controls', 'soc2', 2]`. */
export function frontMatterSpan(
  {frontMatter}: {frontMatter?: FrontMatter | undefined},
  path: readonly (string | number)[],
  part: 'value' | 'key' = 'value'
): Span | undefined {
  if (!frontMatter) return undefined
  const node =
    part === 'value'
      ? (frontMatter.yaml.getIn(path, true) as {range?: [number, number, number]} | undefined)
      : keyNode(frontMatter.yaml.getIn(path.slice(0, -1), true) ?? frontMatter.yaml.contents, path[path.length - 1])
  if (!node?.range) return undefined
  return {start: frontMatter.start + node.range[0], end: frontMatter.start + node.range[1]}
}

function keyNode(map: unknown, key: string | number | undefined): {range?: [number, number, number]} | undefined {
  const items = (map as {items?: {key?: {value?: unknown; range?: [number, number, number]}}[]} | null)?.items ?? []
  return items.find((pair) => pair.key?.value === key)?.key
}
