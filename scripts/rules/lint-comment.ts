/**
 * lint-comment: `<!-- lint … -->` comments use a known verb and name known rules.
 *
 * `<!-- lint disable review-due -->` turns a rule off from that point on (right after the front
 * matter: for the whole file, front matter included), `<!-- lint enable review-due -->` turns
 * it back on, and `<!-- lint ignore links -->` silences a rule for the next block only.
 * Without rule ids the comment applies to every rule. A misspelt rule id would silently do
 * nothing, so it is reported.
 *
 * ok: `<!-- lint disable review-due -->`
 * not-ok: `<!-- lint disable review-dew -->` → Unexpected rule `review-dew` … did you mean `review-due`?
 */
import {commentMarker} from 'mdast-comment-marker'
import {didYouMean} from '../suggest'
import type {DocumentRule} from './rule'

export const lintVerbs = ['disable', 'enable', 'ignore']

const rule: DocumentRule = {
  scope: 'document',
  id: 'lint-comment',
  summary: '`<!-- lint disable|enable|ignore rule-id -->` comments name known rules.',
  description:
    'Lint comments switch rules off and on inside a document: `disable` from the comment on, `enable` to switch back, `ignore` for the next block only. A comment with an unknown verb or a misspelt rule id would do nothing without saying so; fix the spelling (the message suggests the closest rule).',
  severity: 'error',
  check(document, context) {
    for (const node of document.nodes.html) {
      const marker = commentMarker(node)
      if (!marker || marker.name !== 'lint') continue
      const [verb, ...ids] = marker.attributes.split(/\s+/).filter(Boolean)
      if (verb === undefined || !lintVerbs.includes(verb)) {
        context.report(node, `Unexpected lint comment verb \`${verb ?? ''}\`, expected one of ${lintVerbs.map((known) => `\`${known}\``).join(', ')}${didYouMean(verb ?? '', lintVerbs)}`)
        continue
      }
      for (const id of ids) {
        if (!context.ruleIds.includes(id)) {
          context.report(node, `Unexpected rule \`${id}\` in lint comment, expected a rule id listed by \`charter check --help\`${didYouMean(id, context.ruleIds)}`)
        }
      }
    }
  }
}

export default rule
