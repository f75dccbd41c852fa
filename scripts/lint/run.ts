// Runs the rules in three steps. Each document's own rules run right after it is parsed, and the
// tree is then let go, keeping a summary; once every document is summarized, the corpus rules
// run over the summaries; last, the repository rules run once over what the check read of the
// repository as a whole. `<!-- lint … -->` comments filter the style rules' messages of the
// first two steps; a gate rule's messages always stay.
import GithubSlugger from 'github-slugger'
import type {Root, RootContent} from 'mdast'
import {commentMarker} from 'mdast-comment-marker'
import {toString} from 'mdast-util-to-string'
import {messageControl} from 'unified-message-control'
import type {Node, Point, Position} from 'unist'
import {VFile} from 'vfile'
import type {Config} from '../load/config'
import {nodesOf, type Corpus, type Document, type DocumentMeta, type DocumentSummary} from '../model/document'
import {ownCopy} from '../model/own-copy'
import {forgetPositions} from '../model/position'
import {sanitizeRawHtml} from '../model/raw-html'
import type {Day} from '../model/dates'
import type {Base} from '../history/base'
import fileReadable from './rules/file-readable'
import {rules} from './rules/index'
import {lintVerbs} from './rules/lint-comment'
import {frontMatterAt} from '../load/front-matter'
import {positionAt} from '../load/parse'
import {isGateRule, type CorpusRule, type DocumentRule, type RepositoryRead, type RepositoryRule, type Rule, type RuleContext, type RuleMeta, type Severity, type Span} from './rule'

export const source = 'charter'

/** The ids a config or a lint comment may name: every rule's but one judging the config as it loads. */
export const ruleIds: readonly string[] = rules.filter((rule) => !(rule.scope === 'repository' && rule.severityFrom === 'rule')).map((rule) => rule.id)

/** The rules a lint comment may switch off; any other rule id (or none) is treated as a gate rule. */
export const styleRuleIds: ReadonlySet<string> = new Set(rules.filter((rule) => !isGateRule(rule)).map((rule) => rule.id))

export function severityOf(rule: RuleMeta, config: Config): Severity | 'off' {
  return config.rules[rule.id] ?? rule.severity
}

/** Messages one rule may add to one file: a hostile document could otherwise ask for millions. */
export const maxMessagesPerRule = 100

/** Runs one rule's check with a reporter that keeps its first messages, then says how many more there were. */
function runRule(file: VFile, rule: Rule, config: Config, check: (report: RuleContext['report']) => void): void {
  const configured = severityOf(rule, config)
  let count = 0
  let fatal = false
  let last: Position | Point | undefined
  check((where, reason, severity) => {
    const error = configured === 'error' && severity !== 'warn'
    fatal ||= error
    if (++count > maxMessagesPerRule) return
    last = placeOf(file, where)
    const message = file.message(reason, {place: last, ruleId: rule.id, source})
    message.fatal = error
  })
  if (count <= maxMessagesPerRule) return
  const more = file.message(`Unexpected ${(count - maxMessagesPerRule).toLocaleString('en-US')} more \`${rule.id}\` findings in this file, not listed after the first ${maxMessagesPerRule}; fix those, then check again`, {place: last, ruleId: rule.id, source})
  more.fatal = fatal
}

/** Runs the document rules on one parsed document and returns its summary for the corpus rules. */
export function lintDocument(document: Document, config: Config, today: Day, base?: Base): DocumentSummary {
  const active = rules.filter((rule): rule is DocumentRule => rule.scope === 'document' && severityOf(rule, config) !== 'off')
  for (const rule of document.unreadable ? active.filter((each) => each === fileReadable) : active) {
    runRule(document.file, rule, config, (report) => rule.check(document, {config, today, ruleIds, styleRuleIds, ...(base ? {base} : {}), report}))
  }
  const summary = summarize(document)
  if (summary.control) applyLintComments(document.file, summary.control)
  return summary
}

/** What the check keeps of a document once its own rules ran. */
export interface Kept {
  summary: DocumentSummary
  /** The document's file with its messages, holding only the front matter's text. */
  file: VFile
  meta: Partial<DocumentMeta>
}

/**
 * Lets go of a document's text and tree once its own rules ran: the summary, the fields and the
 * messages are copied off the text (model/own-copy.ts), and the file keeps the text only up to
 * the front matter's end, where the corpus rules place their messages.
 */
export function keptOf(document: Document, summary: DocumentSummary): Kept {
  const {file} = document
  const {frontMatter, ...rest} = summary
  const text = frontMatter ? ownCopy(document.text.slice(0, frontMatter.end)) : ''
  forgetPositions(file)
  file.value = text
  for (const message of file.messages) message.message = message.reason = ownCopy(message.reason)
  const kept: DocumentSummary = ownCopy(rest)
  if (frontMatter) kept.frontMatter = frontMatterAt(text, frontMatter)
  return {summary: kept, file, meta: ownCopy(document.meta)}
}

/** Runs the corpus rules for each checked document, once every document is summarized. */
export function lintCorpus(checked: readonly {summary: DocumentSummary; file: VFile}[], corpus: Corpus, config: Config): void {
  const active = rules.filter((rule): rule is CorpusRule => rule.scope === 'corpus' && severityOf(rule, config) !== 'off')
  for (const {summary, file} of checked) {
    for (const rule of active) runRule(file, rule, config, (report) => rule.check(summary, {config, corpus, report}))
    if (summary.control) applyLintComments(file, summary.control)
  }
}

/**
 * Runs the repository rules, each at the severity its `severityFrom` names; a rule whose config
 * is missing (no base, or a config with problems) is not run. `files` holds the files the
 * runner read, by path; a message on another path gets a file of its own, added to it.
 */
export function lintRepository(repository: RepositoryRead, files: Map<string, VFile>): void {
  const fileAt = (path: string) => {
    let file = files.get(path)
    if (!file) files.set(path, (file = new VFile({path, value: ''})))
    return file
  }
  for (const rule of rules) {
    if (rule.scope !== 'repository') continue
    const configured = repositorySeverity(rule, repository)
    if (configured === undefined || configured === 'off') continue
    // Unlike a document's, these few files' messages are listed in full: each one is a setting to fix.
    rule.check(repository, {
      rules,
      report(path, where, reason, severity) {
        const file = fileAt(path)
        const message = file.message(reason, {place: placeOf(file, where), ruleId: rule.id, source})
        message.fatal = configured === 'error' && severity !== 'warn'
      }
    })
  }
}

function repositorySeverity(rule: RepositoryRule, repository: RepositoryRead): Severity | 'off' | undefined {
  if (rule.severityFrom === 'rule') return rule.severity
  const config = rule.severityFrom === 'base' ? repository.base?.config : repository.config
  return config && severityOf(rule, config)
}

function summarize(document: Document): DocumentSummary {
  const slugger = new GithubSlugger()
  const nodes = nodesOf(document)
  const {id, related = []} = document.meta
  const summary: DocumentSummary = {
    path: document.path,
    // A heading's id on the page comes from its text as drawn: kept HTML's text, not its tags.
    anchors: nodes.all('heading').map((heading) => slugger.slug(toString(nodes.all('html').length === 0 ? heading : sanitizeRawHtml({type: 'root', children: [heading]}).tree))),
    links: nodes.all('link', 'image', 'definition').map((node) => ({url: node.url, position: node.position})),
    related,
    control: controlTree(document)
  }
  if (id !== undefined) summary.id = id
  // A fresh front matter, so the summary does not keep a YAML Document the rules had parsed.
  if (document.frontMatter) summary.frontMatter = frontMatterAt(document.text, document.frontMatter)
  return summary
}

function placeOf(file: VFile, where: Position | Node | Point | Span | undefined): Position | Point | undefined {
  if (where === undefined) return undefined
  if ('type' in where) return where.position
  if ('start' in where && typeof where.start === 'number') return positionAt(file, where.start, (where as Span).end)
  return where as Position | Point
}

/**
 * The part of a document's tree that lint comments need, small enough to keep after the tree is
 * gone: each comment marker with a stand-in for its next sibling (the reach of `ignore`), and a
 * stand-in for the last block, so the filter sees the same document extent as on the full tree.
 * Markers directly after the front matter count from the top of the file, so a `disable` there
 * covers the whole file (for style rules: gate rules' messages are put back afterwards).
 */
function controlTree(document: Document): Root | undefined {
  const nodes = nodesOf(document)
  const html = nodes.all('html')
  if (!html.some((node) => validMarker(node))) return undefined
  const origin: Point = {line: 1, column: 1, offset: 0}
  const top = document.tree.children
  const preamble = new Set<Node>()
  for (let index = top[0]?.type === 'yaml' ? 1 : 0; top[index]?.type === 'html' && validMarker(top[index]!); index++) preamble.add(top[index]!)
  const stand = (position: Position | undefined) => ({type: 'stand-in', position}) as unknown as RootContent
  const children: RootContent[] = html.flatMap((node) => {
    const marker = preamble.has(node) && node.position ? {...node, position: {...node.position, start: origin}} : node
    const siblings = nodes.parentOf(node)?.children as Node[] | undefined
    return [marker, stand(siblings?.[siblings.indexOf(node) + 1]?.position)]
  })
  children.push(stand(top[top.length - 1]?.position))
  return {type: 'root', position: document.tree.position, children}
}

/**
 * Lets the comments filter the messages, then puts back every message of a gate rule: whatever
 * a comment says (no ids, a gate rule's id, `ignore` around the whole body), it can only
 * silence style rules. `lint-comment` reports a comment that names a gate rule.
 */
function applyLintComments(file: VFile, control: Root): void {
  const before = file.messages
  messageControl(control, {file, marker: validMarker, name: 'lint', source, test: 'html'})
  const kept = new Set(file.messages)
  file.messages = before.filter((message) => kept.has(message) || message.source !== source || !styleRuleIds.has(message.ruleId ?? ''))
}

/** Only well-formed markers take effect; `lint-comment` reports the others. */
function validMarker(node: Node) {
  const marker = commentMarker(node)
  if (!marker || marker.name !== 'lint') return undefined
  const verb = marker.attributes.trim().split(/\s+/)[0]
  return verb !== undefined && lintVerbs.includes(verb) ? marker : undefined
}
