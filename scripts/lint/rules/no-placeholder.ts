/**
 * no-placeholder: no unfilled `{{…}}` template values anywhere, and no TODO, TBD or FIXME in an
 * approved document.
 *
 * Seed templates use `{{organization.name}}`-style values; one left behind means a sentence
 * nobody finished. Drafts may carry TODO notes; an approved document may not, because an
 * auditor reads it as the organization's commitment. Code spans and code blocks are skipped.
 *
 * @example ok a note in a draft
 *   policies/alpha.md
 *     ---
 *     status: draft
 *     ---
 *     TODO: agree the retention period with `{{legal}}`.
 *
 * @example not-ok a note in an approved document, and a template value left behind
 *   policies/alpha.md
 *     ---
 *     status: approved
 *     ---
 *     TODO: agree the retention period with {{organization.name}}.
 *   → policies/alpha.md:4:1-4:5 error Unexpected `TODO` in an approved document; resolve it, or set `status: draft` until it is
 *   → policies/alpha.md:4:39-4:60 error Unexpected unfilled template value `{{organization.name}}`; replace it with the real value
 */
import {nodesOf} from '../../model/document'
import {positionAt} from '../../model/position'
import type {DocumentRule} from '../rule'

// No braces inside: one scan per line, where a lazy `[^\n]*?` rescanned the line at every `{{`.
const template = /\{\{[^{}\n]*\}\}/g
const note = /\b(?:TODO|TBD|FIXME)\b/g

const rule: DocumentRule = {
  scope: 'document',
  id: 'no-placeholder',
  summary: 'No unfilled {{…}} values; no TODO/TBD/FIXME in approved documents.',
  description:
    'A template value such as `{{organization.name}}` left in a document, or a TODO in one marked approved, shows an unfinished commitment to whoever reads it. Replace the value with the real one, resolve the note, or keep the document at `status: draft` until it is done.',
  severity: 'error',
  check(document, context) {
    const text = document.text
    const found = [...text.matchAll(template)].map((match) => ({match, reason: `Unexpected unfilled template value \`${match[0]}\`; replace it with the real value`}))
    if (document.meta.status === 'approved') {
      for (const match of text.matchAll(note)) {
        found.push({match, reason: `Unexpected \`${match[0]}\` in an approved document; resolve it, or set \`status: draft\` until it is`})
      }
    }
    if (found.length === 0) return
    const code = nodesOf(document).all('code', 'inlineCode').map((node) => [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0])
    for (const {match, reason} of found.sort((a, b) => a.match.index - b.match.index)) {
      if (code.some(([start = 0, end = 0]) => match.index >= start && match.index < end)) continue
      context.report(positionAt(document.file, match.index, match.index + match[0].length), reason)
    }
  }
}

export default rule
