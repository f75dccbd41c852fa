// When a document's next review falls due, from its front matter, the config and today.
// Shared by the review-due rule and the `due` and `review` commands.
import {formatDay, type Day, type Duration} from './dates'
import type {Document, DocumentMeta} from './document'
import type {Config} from './config-shape'
import {cadenceState, describeDue, dueWithin, type CadenceState} from './due-date'

export {describeDue, dueWithin} from './due-date'

export type ReviewState = CadenceState

/** Undefined for a retired document, or when the fields it needs are missing or invalid. */
export function reviewState(meta: Partial<DocumentMeta>, config: Config, today: Day): ReviewState | undefined {
  if (meta.status === 'retired' || meta.kind === undefined || meta.last_reviewed === undefined) return undefined
  return cadenceState(meta.last_reviewed, meta.review_interval ?? config.review.interval[meta.kind], today)
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
