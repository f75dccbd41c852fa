/**
 * lint-comment: `<!-- lint … -->` comments use a known verb and name known style rules.
 *
 * `<!-- lint disable heading-increment -->` turns a style rule off from that point on,
 * `<!-- lint enable heading-increment -->` turns it back on, and
 * `<!-- lint ignore no-bare-url -->` silences it for the next block only. Without rule ids the
 * comment applies to every style rule. Gate rules (schema, sections, review dates, versions,
 * links, controls, placeholders…) can't be switched off inside the document they judge: a
 * comment naming one is an error, and the gate rule's findings still show. A misspelt rule id,
 * `LINT` in capitals or a `<!-- markdownlint-disable -->` would silently do nothing, so each is
 * reported too.
 *
 * @example ok
 *   policies/alpha.md
 *     <!-- lint disable heading-increment -->
 *
 * @example not-ok a gate rule, a misspelt rule and markdownlint's syntax
 *   policies/alpha.md
 *     <!-- lint disable review-due -->
 *
 *     <!-- lint ignore no-bare-ur -->
 *
 *     <!-- markdownlint-disable MD013 -->
 *   → policies/alpha.md:1:1-1:33 error Unexpected gate rule `review-due` in lint comment: gate rules can't be switched off inline; fix the finding, or change its severity in charter.config.yaml where a reviewer sees it
 *   → policies/alpha.md:3:1-3:32 error Unexpected rule `no-bare-ur` in lint comment, expected a rule id listed by `charter check --help`; did you mean `no-bare-url`?
 *   → policies/alpha.md:5:1-5:36 error Unexpected `markdownlint-disable` comment: Charter does not read markdownlint comments; use `<!-- lint disable <rule-id> -->` for a style rule, and fix what a gate rule reports
 */
import {commentMarker} from 'mdast-comment-marker'
import {configFileName} from '../../model/config-shape'
import {nodesOf} from '../../model/document'
import {didYouMean} from '../../model/suggest'
import type {DocumentRule} from '../rule'

export const lintVerbs = ['disable', 'enable', 'ignore']

const rule: DocumentRule = {
  scope: 'document',
  id: 'lint-comment',
  summary: '`<!-- lint disable|enable|ignore rule-id -->` comments name known style rules only.',
  description: `Lint comments switch style rules off and on inside a document: \`disable\` from the comment on, \`enable\` to switch back, \`ignore\` for the next block only; without rule ids they apply to every style rule. Gate rules can't be switched off by the document they judge: a comment naming one is an error and the rule's findings still show, so fix the finding, or change the rule's severity under \`rules:\` in ${configFileName}, where a reviewer sees it (and \`check --base\` reports it as \`config-weakened\`). A comment with an unknown verb, a misspelt rule id, \`LINT\` in capitals or markdownlint's syntax would do nothing without saying so; fix the spelling (the message suggests the closest rule).`,
  severity: 'error',
  check(document, context) {
    for (const node of nodesOf(document).all('html')) {
      const foreign = /^<!--\s*(markdownlint-[\w-]*)/i.exec(node.value)?.[1]
      if (foreign) {
        context.report(node, `Unexpected \`${foreign}\` comment: Charter does not read markdownlint comments; use \`<!-- lint disable <rule-id> -->\` for a style rule, and fix what a gate rule reports`)
        continue
      }
      const marker = commentMarker(node)
      if (!marker || marker.name.toLowerCase() !== 'lint') continue
      if (marker.name !== 'lint') {
        context.report(node, `Unexpected \`${marker.name}\` in lint comment, expected lowercase \`lint\`: only \`<!-- lint … -->\` takes effect`)
        continue
      }
      const [verb, ...ids] = marker.attributes.split(/\s+/).filter(Boolean)
      if (verb === undefined || !lintVerbs.includes(verb)) {
        context.report(node, `Unexpected lint comment verb \`${verb ?? ''}\`, expected one of ${lintVerbs.map((known) => `\`${known}\``).join(', ')}${didYouMean(verb ?? '', lintVerbs)}`)
        continue
      }
      for (const id of ids) {
        if (!context.ruleIds.includes(id)) {
          context.report(node, `Unexpected rule \`${id}\` in lint comment, expected a rule id listed by \`charter check --help\`${didYouMean(id, context.ruleIds)}`)
        } else if (!context.styleRuleIds.has(id)) {
          context.report(
            node,
            verb === 'enable'
              ? `Unexpected gate rule \`${id}\` in lint comment: gate rules are always on and can't be switched inline; delete \`${id}\` from the comment`
              : `Unexpected gate rule \`${id}\` in lint comment: gate rules can't be switched off inline; fix the finding, or change its severity in ${configFileName} where a reviewer sees it`
          )
        }
      }
    }
  }
}

export default rule
