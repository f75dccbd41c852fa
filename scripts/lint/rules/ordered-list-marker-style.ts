/**
 * ordered-list-marker-style: one numbered-list delimiter per document (from remark-lint).
 *
 * The first numbered list decides between `1.` and `1)`; the rest follow it.
 *
 * @example ok
 *   policies/alpha.md
 *     1. one
 *
 *     Then:
 *
 *     1. two
 *
 * @example not-ok
 *   policies/alpha.md
 *     1. one
 *
 *     Then:
 *
 *     1) two
 *   → policies/alpha.md:5:2-5:2 warning Unexpected ordered list marker `)`, expected `.`; use the same delimiter as the first numbered list
 */
import remarkLintOrderedListMarkerStyle from 'remark-lint-ordered-list-marker-style'
import {fromRemarkLint} from '../remark-lint'

export default fromRemarkLint(
  {
    id: 'ordered-list-marker-style',
    summary: 'Numbered lists use one delimiter (`.` or `)`) consistently.',
    description:
      'Mixed `1.` and `1)` numbered lists in one document read unevenly and make review diffs noisy. The first numbered list sets the delimiter; change the others to match.',
    severity: 'warn',
    kind: 'style',
    hint: 'use the same delimiter as the first numbered list',
    reads: ['list', 'listItem'],
    options: {
      description: 'the delimiter every numbered list uses (`.` or `)`), or `consistent` for the one the first numbered list uses',
      enum: ['consistent', '.', ')'],
      default: 'consistent'
    }
  },
  remarkLintOrderedListMarkerStyle
)
