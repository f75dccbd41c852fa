// Runs every enabled rule over every document, then lets `<!-- lint … -->` comments filter the
// messages. Messages land on each document's vfile with rule id, severity and position.
import type {Root} from 'mdast'
import {commentMarker} from 'mdast-comment-marker'
import {messageControl} from 'unified-message-control'
import type {Node, Point, Position} from 'unist'
import type {Config} from '../load/config'
import type {Corpus, Document} from '../document'
import type {Day} from '../dates'
import fileReadable from './file-readable'
import {rules} from './index'
import {lintVerbs} from './lint-comment'
import type {Rule, RuleContext, Severity} from './rule'

export const source = 'charter'

export function severityOf(rule: Rule, config: Config): Severity | 'off' {
  return config.rules[rule.id] ?? rule.severity
}

export const ruleIds: readonly string[] = rules.map((rule) => rule.id)

/** Runs the rules over `documents` (all of them, or one thread's share) against the whole corpus. */
export function lintDocuments(documents: readonly Document[], corpus: Corpus, config: Config, today: Day): void {
  const active = rules.filter((rule) => severityOf(rule, config) !== 'off')
  for (const document of documents) {
    for (const rule of document.unreadable ? active.filter((each) => each === fileReadable) : active) {
      rule.check(document, contextFor(document, rule, severityOf(rule, config) as Severity, {config, corpus, today, ruleIds}))
    }
    if (!document.unreadable) applyLintComments(document)
  }
}

function contextFor(document: Document, rule: Rule, configured: Severity, shared: Omit<RuleContext, 'report'>): RuleContext {
  return {
    ...shared,
    report(where, reason, severity) {
      const message = document.file.message(reason, {place: placeOf(where), ruleId: rule.id, source})
      message.fatal = configured === 'error' && severity !== 'warn'
    }
  }
}

function placeOf(where: Position | Node | Point | undefined): Position | Point | undefined {
  if (where === undefined) return undefined
  if ('type' in where) return where.position
  return where
}

/**
 * Applies lint comments. Comments directly after the front matter count from the top of the file,
 * so `<!-- lint disable review-due -->` there also silences messages about front matter keys.
 */
function applyLintComments(document: Document): void {
  if (!document.text.includes('<!--')) return
  const origin: Point = {line: 1, column: 1, offset: 0}
  const children = document.tree.children
  let preamble = children[0]?.type === 'yaml' ? 1 : 0
  while (children[preamble]?.type === 'html' && validMarker(children[preamble] as Node)) preamble++
  const tree: Root = {
    ...document.tree,
    children: children.map((node, index) =>
      index < preamble && node.type === 'html' && node.position ? {...node, position: {...node.position, start: origin}} : node
    )
  }
  messageControl(tree, {file: document.file, marker: validMarker, name: 'lint', source, test: 'html'})
}

/** Only well-formed markers take effect; `lint-comment` reports the others. */
function validMarker(node: Node) {
  const marker = commentMarker(node)
  if (!marker || marker.name !== 'lint') return undefined
  const verb = marker.attributes.trim().split(/\s+/)[0]
  return verb !== undefined && lintVerbs.includes(verb) ? marker : undefined
}
