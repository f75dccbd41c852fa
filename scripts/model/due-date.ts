// When something falls due and how that reads: a document's review, a vendor's review, a vendor's
// assurance, a finding. One model, so the rules, `due`, `remind` and the listings say it alike.
import {addDuration, parseDay, parseDuration, plural, type Day, type Duration} from './dates'

export interface DueState {
  due: Day
  /** Negative when overdue. */
  daysLeft: number
}

/** A review on a cadence: due one interval after the last one. */
export interface CadenceState extends DueState {
  lastReviewed: Day
  interval: Duration
}

export function dueState(due: Day, today: Day): DueState {
  return {due, daysLeft: due - today}
}

/** Undefined when the date or the interval is missing or invalid. */
export function cadenceState(lastReviewed: string | undefined, interval: string | undefined, today: Day): CadenceState | undefined {
  const last = parseDay(lastReviewed ?? '')
  const every = parseDuration(interval ?? '')
  if (last === undefined || !every) return undefined
  return {lastReviewed: last, interval: every, ...dueState(addDuration(last, every), today)}
}

/** Whether it falls due within `window` of today (overdue included). */
export function dueWithin(state: DueState, window: Duration, today: Day): boolean {
  return state.due <= addDuration(today, window)
}

/** "12 days overdue", "due today", "in 5 days". */
export function describeDue(state: DueState): string {
  if (state.daysLeft < 0) return `${plural(-state.daysLeft, 'day')} overdue`
  return state.daysLeft === 0 ? 'due today' : `in ${plural(state.daysLeft, 'day')}`
}

/** What follows "due" in a warning: "today", "in 5 days". */
export function dueIn(state: DueState): string {
  return state.daysLeft === 0 ? 'today' : `in ${plural(state.daysLeft, 'day')}`
}

/** How long ago a past day was: "61 days ago". */
export function daysAgo(day: Day, today: Day): string {
  return `${plural(today - day, 'day')} ago`
}
