/**
 * unordered-list-marker-style: one bullet marker per document (from remark-lint).
 *
 * The first bullet list decides (`-`, `*` or `+`); the rest follow it, so diffs stay small and
 * the source reads evenly.
 *
 * @example ok
 *   policies/alpha.md
 *     - one
 *
 *     Then:
 *
 *     - two
 *
 * @example not-ok
 *   policies/alpha.md
 *     - one
 *
 *     Then:
 *
 *     * two
 *   → policies/alpha.md:5:1-5:1 warning Unexpected unordered list marker `*`, expected `-`; use the same bullet marker as the first list
 */
import remarkLintUnorderedListMarkerStyle from 'remark-lint-unordered-list-marker-style'
import {fromRemarkLint} from '../remark-lint'

export default fromRemarkLint(
  {
    id: 'unordered-list-marker-style',
    summary: 'Bullet lists use one marker consistently.',
    description:
      'Mixed bullet markers (`-`, `*`, `+`) in one document make the source uneven and diffs noisy during review. The first bullet list sets the marker; change the others to match.',
    severity: 'warn',
    kind: 'style',
    hint: 'use the same bullet marker as the first list',
    reads: ['list', 'listItem'],
    options: {
      description: 'the bullet marker every list uses (`-`, `*` or `+`), or `consistent` for the one the first list uses',
      enum: ['consistent', '-', '*', '+'],
      default: 'consistent'
    }
  },
  remarkLintUnorderedListMarkerStyle
)
