/**
 * frontmatter-schema: the YAML front matter must parse and match schemas/policy.schema.json.
 *
 * Reports, each at the key or value concerned: a missing, unclosed or empty front matter block,
 * YAML syntax errors (tabs as indentation, unclosed brackets), duplicate keys, alias bombs,
 * unknown keys (with a suggestion for a likely typo), missing required keys, values of the
 * wrong type (`version: 1.10` is the number 1.1; quote it), values outside an enum, and dates
 * that do not exist (`2025-02-30`).
 *
 * The other rules still run on the document, so one check shows everything: they judge the
 * body with the fields that are valid (a `kind` that passes still decides the required
 * sections). A key with a problem is left out; so is, when the YAML does not parse, every key
 * from the line above its first syntax error on, and any key given twice.
 *
 * @example ok
 *   policies/access-control.md
 *     ---
 *     id: access-control
 *     title: Access Control Policy
 *     kind: policy
 *     version: 2.1.0
 *     status: approved
 *     owner: Head of Security
 *     approvers: [CTO]
 *     classification: public
 *     effective: 2024-01-15
 *     last_reviewed: 2026-01-12
 *     ---
 *
 * @example not-ok a version YAML reads as a number, and a date that does not exist
 *   policies/access-control.md
 *     ---
 *     id: access-control
 *     title: Access Control Policy
 *     kind: policy
 *     version: 1.10
 *     status: approved
 *     owner: Head of Security
 *     approvers: [CTO]
 *     classification: public
 *     effective: 2025-02-30
 *     last_reviewed: 2026-01-12
 *     ---
 *   → policies/access-control.md:5:10-5:14 error Unexpected number `1.1` for `version`, expected text; quote it: `version: "1.10"`
 *   → policies/access-control.md:10:12-10:22 error Unexpected `effective` value `2025-02-30`: not a real calendar date; use an existing date as YYYY-MM-DD
 */
import type {DocumentRule} from '../rule'
import {positionAt} from '../../model/position'

const rule: DocumentRule = {
  scope: 'document',
  id: 'frontmatter-schema',
  summary: 'The front matter is valid YAML and matches schemas/policy.schema.json.',
  description:
    'Every document starts with a YAML front matter block holding its id, title, kind, version, status, owner, approvers, classification and dates. Unknown keys, missing keys, wrong types and impossible dates are reported at the exact key or value, with the expected form. Dates are plain YYYY-MM-DD and the version is a quoted or unquoted MAJOR.MINOR.PATCH string.',
  severity: 'error',
  check(document, context) {
    for (const problem of document.frontMatterProblems) {
      context.report(positionAt(document.file, problem.start, problem.end), problem.reason)
    }
  }
}

export default rule
