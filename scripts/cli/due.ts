// `charter due`: reviews that are overdue or fall due soon, for people and for reminder jobs.
import {addDuration} from '../model/dates'
import {dueReviews} from '../model/review-state'
import {duePrinters} from '../report/due-listing'
import {listingFormats, print} from '../report/listing'
import {UsageError, type Command} from './command'
import {choiceOption, dateOption, loadDocuments, parsePeriod, requireConfig, rootHelp, rootOf, rootOptions} from './options'

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
  usage,
  options: {within: {type: 'string'}, format: {type: 'string'}, today: {type: 'string'}, ...rootOptions},
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', listingFormats, 'due')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const today = dateOption(values, 'today', 'due', io)
    const withinText = (values.within as string | undefined) ?? config.review.warn_window
    const within = parsePeriod(withinText)
    if (!within) throw new UsageError(`due: --within expects a period such as 60d, 8w, 3m, 1y or "60 days", got \`${withinText}\``)
    const due = dueReviews(loadDocuments(root, config), config, today, within)
    io.stdout.write(print(duePrinters, format, {due, today, within, withinText, until: addDuration(today, within)}))
    return 0
  }
}

export default command
