// What a rule is: an id, its documentation, a default severity and a check. A document rule reads
// one parsed document; a corpus rule reads one document's summary against the whole corpus; a
// repository rule reads what the runner read of the repository as a whole (the config, the
// CODEOWNERS file, the site templates). Rules never touch git or the file system: the runner
// reads, the rule judges.
import type {Node, Point, Position} from 'unist'
import type {Document as YamlDocument} from 'yaml'
import type {Config} from '../model/config-shape'
import type {Corpus, Document, DocumentSummary, FrontMatter} from '../model/document'
import type {Day} from '../model/dates'
import type {SiteTemplates} from '../model/handlebars-template'
import type {Problem} from '../model/position'
import type {RuleMeta, Severity} from '../model/rule-meta'
import type {Base, BaseDocument} from '../history/base'
import type {VendorRegister} from '../load/vendor-register'
import type {AcknowledgementLedger} from '../load/acknowledgements'
import type {UnprovenAcknowledgement} from '../model/acknowledgement'

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

/**
 * What the runner read of the repository as a whole, for the repository rules. A part that costs
 * a read is read when a rule first asks for it, so a rule that is off reads nothing.
 */
export interface RepositoryRead {
  /** The config file, as given to `--config`. */
  configPath: string
  /** The config file's YAML, for positions; undefined when there is no file or it could not be read. */
  configYaml?: YamlDocument.Parsed
  /** The config with every default filled in; undefined when loading it found problems. */
  config?: Config
  /** The problems loading found in each settings file (the config, the roster), as offsets into its text. */
  settingsProblems: readonly {path: string; problems: readonly Problem[]}[]
  /** Each document's path and the front matter fields that passed the schema; undefined when the config has problems. */
  documents?: readonly Pick<Document, 'path' | 'meta'>[]
  /** With `--base`: the ref, and the config it had with every default filled in (the defaults when it had none). */
  base?: {ref: string; config: Config}
  /** `.github/CODEOWNERS` as read, and the text `charter codeowners` would write now; undefined without the file. */
  readonly codeowners?: {text: string; planned: string}
  /** The templates a build would read; undefined without a templates/site/ folder of the repository's own. */
  readonly siteTemplates?: SiteTemplates
  /** The vendor register (`vendors.folder`), read when a rule first asks; undefined when the config has problems. */
  readonly vendors?: VendorRegister
  /**
   * The acknowledgement ledger, read when a rule first asks; undefined when the config has
   * problems. `logins`: the roster's (undefined without a valid roster); `unproven`: with
   * `--base`, the entries the pull request's commits added without the person's signed commit.
   */
  readonly acknowledgements?: {ledger: AcknowledgementLedger; logins?: ReadonlySet<string>; unproven?: readonly UnprovenAcknowledgement[]}
  /** Today, for the rules on dates in the vendor register. */
  today: Day
}

export interface RepositoryRuleContext {
  /** Every rule's metadata, for rules about rule settings. */
  rules: readonly RuleMeta[]
  /** Adds a message on the file at `path`; a span counts in that file's text. `severity` can only make it milder. */
  report(path: string, where: Position | Point | Span | undefined, reason: string, severity?: Severity): void
}

/** A rule over the repository as a whole: the config, files beside the documents. Checked once per run. */
export interface RepositoryRule extends RuleMeta {
  scope: 'repository'
  /**
   * Whose setting decides the severity: the config's (the default), as for every rule; the base's
   * config, for a rule that guards the config itself, so a pull request can't switch it off with
   * the config it changes; or the rule's own, for a rule that judges the config while it loads,
   * before there is one: its id is then no key under `rules:`.
   */
  severityFrom?: 'config' | 'base' | 'rule'
  check(repository: RepositoryRead, context: RepositoryRuleContext): void
}

export type Rule = DocumentRule | CorpusRule | RepositoryRule

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

/**
 * A document as it was at `--base`: the one git sees it renamed from, else the one with its id
 * (its path, when it has no id). `renamed` says which, for messages that name the old path.
 */
export function baseDocumentOf(base: Base, document: Pick<Document, 'path' | 'meta'>): {before?: BaseDocument; renamed: boolean} {
  const renamed = base.renamedFrom?.get(document.path)
  const before = renamed ?? base.documents.get(document.meta.id ?? document.path)
  return before ? {before, renamed: renamed !== undefined} : {renamed: false}
}
