/**
 * no-multiple-toplevel-headings: at most one `#` heading (from remark-lint).
 *
 * The title lives in the front matter, so a document needs no `#` heading at all; if it has
 * one, it has only one, and sections are `##`.
 *
 * @example ok
 *   policies/alpha.md
 *     ## Purpose
 *
 *     ## Scope
 *
 * @example not-ok
 *   policies/alpha.md
 *     # Purpose
 *
 *     # Scope
 *   → policies/alpha.md:3:1-3:8 warning Unexpected duplicate toplevel heading, expected a single heading with rank `1`; the title comes from the front matter, so write sections as `##`
 */
import remarkLintNoMultipleToplevelHeadings from 'remark-lint-no-multiple-toplevel-headings'
import {fromRemarkLint} from '../remark-lint'

export default fromRemarkLint(
  {
    id: 'no-multiple-toplevel-headings',
    summary: 'At most one level-1 heading; the title comes from the front matter.',
    description:
      'The rendered page and the PDF take the title from the front matter, so a document needs no `#` heading; two or more break the outline and usually mean sections were written as `#` instead of `##`. Make the sections level 2.',
    severity: 'warn',
    kind: 'style',
    hint: 'the title comes from the front matter, so write sections as `##`',
    reads: ['heading', 'html'],
    options: {
      description: 'the heading level that may appear only once',
      type: 'integer',
      minimum: 1,
      maximum: 6,
      default: 1
    }
  },
  remarkLintNoMultipleToplevelHeadings
)
