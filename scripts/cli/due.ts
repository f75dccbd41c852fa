// `charter due`: reviews that are overdue or fall due soon, for people and for reminder jobs.
import {addDuration, formatDay, parseDuration, plural, type Day, type Duration} from '../model/dates'
import {describeDue, dueReviews, dueTable, type DueReview} from '../model/review-state'
import {UsageError, type Command} from './command'
import {choiceOption, dateOption, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const formats = ['text', 'json', 'markdown'] as const

export const usage = `Usage: charter due [options]

Lists the documents whose review is overdue or falls due within a period, soonest first, with
owner, due date and days left. Retired documents are left out.

Options:
  --within <period>    How far ahead to look: 60d, 8w, 3m, 1y, or "60 days"
                       (default: review.warn_window from the config)
  --format <name>      text (default), json (for scripts and reminder jobs), or markdown
                       (a table and checklist ready to paste into an issue)
  --today <date>       Count from this date, YYYY-MM-DD (default: the system's local date)
${rootHelp}
  -h, --help           Show this help

Exit status: 0, also when reviews are due (charter check is the gate); 2 on a usage error.
`

const command: Command = {
  summary: 'List reviews that are overdue or due soon',
  usage,
  options: {within: {type: 'string'}, format: {type: 'string'}, today: {type: 'string'}, ...rootOptions},
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', formats, 'due')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const today = dateOption(values, 'today', 'due', io)
    const withinText = (values.within as string | undefined) ?? config.review.warn_window
    const within = parsePeriod(withinText)
    if (!within) throw new UsageError(`due: --within expects a period such as 60d, 8w, 3m, 1y or "60 days", got \`${withinText}\``)
    const due = dueReviews(loadDocuments(root), config, today, within)
    const until = addDuration(today, within)
    const output = format === 'json' ? json(due, today, within, until) : format === 'markdown' ? markdown(due, until) : text(due, today, withinText, until)
    io.stdout.write(output)
    return 0
  }
}

/** `60d`, `8w`, `3m`, `1y`, or the long form `60 days`. */
export function parsePeriod(text: string): Duration | undefined {
  const short = /^([1-9]\d{0,3})([dwmy])$/.exec(text.trim())
  if (short) return {count: Number(short[1]), unit: ({d: 'day', w: 'week', m: 'month', y: 'year'} as const)[short[2] as 'd' | 'w' | 'm' | 'y']}
  return parseDuration(text.trim())
}

function text(due: readonly DueReview[], today: Day, within: string, until: Day): string {
  if (due.length === 0) return `No review is overdue or due by ${formatDay(until)} (within ${within} of ${formatDay(today)}).\n`
  const rows = due.map(({document, state}) => [document.meta.id ?? document.path, document.meta.owner ?? '—', formatDay(state.due), describeDue(state)])
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
  return [
    `${plural(due.length, 'review')} overdue or due by ${formatDay(until)} (within ${within} of ${formatDay(today)}):`,
    ...rows.map((row) => `  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`),
    ''
  ].join('\n')
}

function json(due: readonly DueReview[], today: Day, within: Duration, until: Day): string {
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
  return `${JSON.stringify({today: formatDay(today), within: `${within.count} ${within.unit}${within.count === 1 ? '' : 's'}`, until: formatDay(until), reviews}, null, 2)}\n`
}

function markdown(due: readonly DueReview[], until: Day): string {
  if (due.length === 0) return `No policy review is overdue or due by ${formatDay(until)}.\n`
  const cell = (text: string) => text.replaceAll('|', '\\|')
  return [
    `### Policy reviews due by ${formatDay(until)}`,
    '',
    ...dueTable(due),
    '',
    'When a review is done, record it with `charter review <id>` and commit:',
    '',
    ...due.map(({document}) => `- [ ] ${cell(document.meta.title ?? document.path)}: \`charter review ${document.meta.id}\``),
    ''
  ].join('\n')
}

export default command
