/**
 * heading-increment: heading levels go down one step at a time (from remark-lint).
 *
 * A `####` straight under a `##` breaks the outline in the PDF table of contents and for screen
 * readers on the security page.
 *
 * @example ok
 *   policies/alpha.md
 *     ## Policy
 *
 *     ### Passwords
 *
 * @example not-ok
 *   policies/alpha.md
 *     ## Policy
 *
 *     #### Passwords
 *   → policies/alpha.md:3:1-3:15 warning Unexpected heading rank `4`, expected rank `3`; do not skip heading levels
 */
import remarkLintHeadingIncrement from 'remark-lint-heading-increment'
import {fromRemarkLint} from '../remark-lint'

export default fromRemarkLint(
  {
    id: 'heading-increment',
    summary: 'Heading levels increase by one at a time.',
    description:
      'Skipping a level (a `####` directly under a `##`) breaks the document outline used by the PDF table of contents, the PDF bookmarks and screen readers on the security page. Use the next level down.',
    severity: 'warn',
    kind: 'style',
    hint: 'do not skip heading levels',
    // Its ranks come from headings and from HTML `<h1>`…`<h6>`.
    reads: ['heading', 'html']
  },
  remarkLintHeadingIncrement
)
