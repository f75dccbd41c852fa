// `charter due`'s listing: the reviews overdue or falling due within a period, soonest first.
import {formatDay, plural, type Day, type Duration} from '../model/dates'
import {describeDue, dueTable, type DueReview} from '../model/review-state'
import {jsonText, tableCell, type Printers} from './listing'

export interface DueListing {
  due: readonly DueReview[]
  today: Day
  within: Duration
  /** The period as the user wrote it (or the config's warn_window). */
  withinText: string
  until: Day
}

function text({due, today, withinText, until}: DueListing): string {
  if (due.length === 0) return `No review is overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}).\n`
  const rows = due.map(({document, state}) => [document.meta.id ?? document.path, document.meta.owner ?? '—', formatDay(state.due), describeDue(state)])
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
  return [
    `${plural(due.length, 'review')} overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}):`,
    ...rows.map((row) => `  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`),
    ''
  ].join('\n')
}

function json({due, today, within, until}: DueListing): string {
  const reviews = due.map(({document, state}) => ({
    id: document.meta.id,
    title: document.meta.title,
    path: document.path,
    owner: document.meta.owner,
    last_reviewed: document.meta.last_reviewed,
    due: formatDay(state.due),
    days_left: state.daysLeft,
    overdue: state.daysLeft < 0
  }))
  return jsonText({today: formatDay(today), within: `${within.count} ${within.unit}${within.count === 1 ? '' : 's'}`, until: formatDay(until), reviews})
}

function markdown({due, until}: DueListing): string {
  if (due.length === 0) return `No policy review is overdue or due by ${formatDay(until)}.\n`
  return [
    `### Policy reviews due by ${formatDay(until)}`,
    '',
    ...dueTable(due),
    '',
    'When a review is done, record it with `charter review <id>` and commit:',
    '',
    ...due.map(({document}) => `- [ ] ${tableCell(document.meta.title ?? document.path)}: \`charter review ${document.meta.id}\``),
    ''
  ].join('\n')
}

export const duePrinters: Printers<DueListing> = {text, json, markdown}
