// When a document's next review falls due, from its front matter, the config and today.
// Shared by the review-due rule and the `due` and `review` commands.
import {addDuration, parseDay, parseDuration, type Day, type Duration} from './dates'
import type {DocumentMeta} from './document'
import type {Config} from './load/config'

export interface ReviewState {
  lastReviewed: Day
  interval: Duration
  due: Day
  /** Negative when overdue. */
  daysLeft: number
}

/** Undefined for a retired document, or when the fields it needs are missing or invalid. */
export function reviewState(meta: Partial<DocumentMeta>, config: Config, today: Day): ReviewState | undefined {
  if (meta.status === 'retired' || meta.kind === undefined || meta.last_reviewed === undefined) return undefined
  const lastReviewed = parseDay(meta.last_reviewed)
  const interval = parseDuration(meta.review_interval ?? config.review.interval[meta.kind])
  if (lastReviewed === undefined || !interval) return undefined
  const due = addDuration(lastReviewed, interval)
  return {lastReviewed, interval, due, daysLeft: due - today}
}

/** Whether a review falls due within `window` of today (overdue ones included). */
export function dueWithin(state: ReviewState, window: Duration, today: Day): boolean {
  return state.due <= addDuration(today, window)
}
