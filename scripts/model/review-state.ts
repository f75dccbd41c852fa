// When a document's next review falls due, from its front matter, the config and today.
// Shared by the review-due rule and the `due` and `review` commands.
import {addDuration, formatDay, parseDay, parseDuration, type Day, type Duration} from './dates'
import type {Document, DocumentMeta} from './document'
import type {Config} from './config-shape'

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

export interface DueReview {
  document: Pick<Document, 'path' | 'meta'>
  state: ReviewState
}

/** Documents whose review is overdue or due within `window` of today, soonest first. */
export function dueReviews(documents: readonly Pick<Document, 'path' | 'meta'>[], config: Config, today: Day, window: Duration): DueReview[] {
  return documents
    .flatMap((document) => {
      const state = reviewState(document.meta, config, today)
      return state && dueWithin(state, window, today) ? [{document, state}] : []
    })
    .sort((a, b) => a.state.due - b.state.due || (a.document.path < b.document.path ? -1 : 1))
}

/** "12 days overdue", "due today", "in 5 days". */
export function describeDue(state: ReviewState): string {
  if (state.daysLeft < 0) return `${state.daysLeft === -1 ? '1 day' : `${-state.daysLeft} days`} overdue`
  return state.daysLeft === 0 ? 'due today' : `in ${state.daysLeft === 1 ? '1 day' : `${state.daysLeft} days`}`
}

/** A Markdown table of due reviews, for issues and job summaries. */
export function dueTable(due: readonly DueReview[]): string[] {
  const cell = (text: string) => text.replaceAll('|', '\\|')
  return [
    '| Document | Owner | Due | Status |',
    '| --- | --- | --- | --- |',
    ...due.map(({document, state}) => {
      const status = state.daysLeft < 0 ? `**${describeDue(state)}**` : describeDue(state)
      return `| [${cell(document.meta.title ?? document.path)}](${document.path}) | ${cell(document.meta.owner ?? '—')} | ${formatDay(state.due)} | ${status} |`
    })
  ]
}
