// Calendar dates as whole days since 1970-01-01, and review intervals such as "12 months".
// Pure: the caller decides what "today" is.

export type Day = number

export interface Duration {
  count: number
  unit: 'day' | 'week' | 'month' | 'year'
}

const msPerDay = 86_400_000

/** Parses a real calendar date in `YYYY-MM-DD` form; `undefined` for anything else. */
export function parseDay(text: string): Day | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  if (!match) return undefined
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const time = Date.UTC(year, month - 1, day)
  const date = new Date(time)
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined
  }
  return time / msPerDay
}

export function formatDay(day: Day): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10)
}

/** The machine's local calendar date: the only place the wall clock is read. */
export function systemToday(now = new Date()): Day {
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / msPerDay
}

export function parseDuration(text: string): Duration | undefined {
  const match = /^([1-9]\d{0,3}) (day|week|month|year)s?$/.exec(text)
  if (!match) return undefined
  return {count: Number(match[1]), unit: match[2] as Duration['unit']}
}

/** Adds a duration; month arithmetic clamps to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addDuration(day: Day, duration: Duration): Day {
  if (duration.unit === 'day') return day + duration.count
  if (duration.unit === 'week') return day + 7 * duration.count
  const date = new Date(day * msPerDay)
  const months = duration.count * (duration.unit === 'year' ? 12 : 1)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + months
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate()
  return Date.UTC(year, month, Math.min(date.getUTCDate(), lastDay)) / msPerDay
}

/** "12-month", "1-year", "90-day": the adjective form used in messages. */
export function describeDuration(duration: Duration): string {
  return `${duration.count}-${duration.unit}`
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** Monday to Friday; 1970-01-01 (day 0) was a Thursday. */
function isBusinessDay(day: Day): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7
  return weekday !== 0 && weekday !== 6
}

/** The day `count` business days after `day` (weekends skipped; holidays are not known). */
export function addBusinessDays(day: Day, count: number): Day {
  let result = day
  for (let added = 0; added < count; ) {
    result++
    if (isBusinessDay(result)) added++
  }
  return result
}

/** How long after a change its after-the-fact review may come: `5 business days`, `7 days`. */
export interface ReviewWindow {
  count: number
  business: boolean
}

export function parseReviewWindow(text: string): ReviewWindow | undefined {
  const match = /^([1-9]\d{0,2})\s+(business\s+)?days?$/i.exec(text.trim())
  return match ? {count: Number(match[1]), business: match[2] !== undefined} : undefined
}

/** The last day of a review window that opens on `day`. */
export function windowEnd(day: Day, window: ReviewWindow): Day {
  return window.business ? addBusinessDays(day, window.count) : day + window.count
}
