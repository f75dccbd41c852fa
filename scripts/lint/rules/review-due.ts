/**
 * review-due: reviews happen on time, and review dates make sense.
 *
 * The next review falls due `review_interval` (or the kind's default from `review.interval` in
 * charter.config.yaml) after `last_reviewed`. Past that day: an error saying how many days
 * over. Within `review.warn_window` (30 days by default) of it: a warning saying how many days
 * are left. A `last_reviewed` in the future, or before `effective`, is an error. Retired
 * documents are not reviewed. Today is `--today YYYY-MM-DD`, or the system date; in these
 * examples, 2026-06-01.
 *
 * @example ok reviewed in January, due next January
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     kind: policy
 *     last_reviewed: 2026-01-12
 *     ---
 *
 * @example not-ok overdue
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     kind: policy
 *     last_reviewed: 2025-01-10
 *     ---
 *   → policies/alpha.md:4:16-4:26 error last_reviewed 2025-01-10 is 142 days past its 12-month review interval (due 2026-01-10); once reviewed, run `charter review alpha`
 *
 * @example not-ok due within the warn window
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     kind: policy
 *     last_reviewed: 2025-06-20
 *     ---
 *   → policies/alpha.md:4:16-4:26 warning Review of alpha due in 19 days (2026-06-20, 12 months after last_reviewed 2025-06-20); schedule the review
 */
import {describeDuration, formatDay, parseDay, parseDuration, plural} from '../../model/dates'
import {dueIn} from '../../model/due-date'
import {dueWithin, reviewState} from '../../model/review-state'
import type {DocumentRule} from '../rule'
import {frontMatterSpan} from '../rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'review-due',
  summary: 'Reviews are not overdue; warns inside the warn window; review dates are plausible.',
  description:
    'SOC 2 and ISO 27001 both expect policies to be reviewed at planned intervals, and an auditor will ask for the evidence. A document is due one review interval after `last_reviewed`; past that it is an error, and within the warn window it is a warning. Review the document, record the review with `charter review <id>` (which sets `last_reviewed` and prints a commit message), and commit. A `last_reviewed` in the future or before `effective` is an error: correct the date.',
  severity: 'error',
  check(document, context) {
    const {last_reviewed: lastReviewedText, effective: effectiveText, id = 'the document'} = document.meta
    const state = reviewState(document.meta, context.config, context.today)
    if (!state || lastReviewedText === undefined) return
    // Positions cost a YAML parse, so they are looked up only for a message.
    const at = () => frontMatterSpan(document, ['last_reviewed'])
    const {today} = context
    if (state.lastReviewed > today) {
      context.report(at(), `Unexpected last_reviewed ${lastReviewedText} in the future (today is ${formatDay(today)}); set it to the date the review took place`)
      return
    }
    const effective = effectiveText === undefined ? undefined : parseDay(effectiveText)
    if (effective !== undefined && state.lastReviewed < effective) {
      context.report(at(), `Unexpected last_reviewed ${lastReviewedText} before effective ${effectiveText}; a review cannot predate the version it reviewed, correct one of the dates`)
      return
    }
    const window = parseDuration(context.config.review.warn_window)
    const dueText = formatDay(state.due)
    if (state.daysLeft < 0) {
      context.report(
        at(),
        `last_reviewed ${lastReviewedText} is ${plural(-state.daysLeft, 'day')} past its ${describeDuration(state.interval)} review interval (due ${dueText}); once reviewed, run \`charter review ${id}\``
      )
    } else if (window && dueWithin(state, window, today)) {
      context.report(at(), `Review of ${id} due ${dueIn(state)} (${dueText}, ${plural(state.interval.count, state.interval.unit)} after last_reviewed ${lastReviewedText}); schedule the review`, 'warn')
    }
  }
}

export default rule
