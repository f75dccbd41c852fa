// `charter due`: reviews that are overdue or fall due soon, for people and for reminder jobs; with
// a vendor register, its vendors' reviews and expiring assurance too.
import {addDuration} from '../model/dates'
import {dueReviews} from '../model/review-state'
import {dueVendorWork} from '../model/vendor-due'
import {duePrinters} from '../report/due-listing'
import {listingFormats, print} from '../report/listing'
import {UsageError, type Command} from './command'
import {choiceOption, dateOption, loadDocuments, loadVendors, parsePeriod, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter due [options]

Lists the documents whose review is overdue or falls due within a period, soonest first, with
owner, due date and days left. Retired documents are left out.

With a vendor register (vendors/), each row also says what falls due and what to do:
  document review    a document's review
  vendor review      an active vendor's review, on its tier's vendors.review_interval
  vendor assurance   the day an active vendor's latest assurance stops being current, for the
                     tiers in vendors.assurance.tiers: a SOC 2 report's period end plus
                     max_age, or its bridge letter plus bridge_letter_max_age when later; an
                     ISO 27001 certificate's expiry; a questionnaire's receipt plus max_age
An active vendor never reviewed, or without assurance, has no due date: charter check reports it.

Options:
  --within <period>    How far ahead to look: 60d, 8w, 3m, 1y, or "60 days"
                       (default: review.warn_window from the config)
  --format <name>      text (default), json (for scripts and reminder jobs; with a vendor
                       register each row has a kind: document-review, vendor-review or
                       vendor-assurance), or markdown (a table and checklist ready to paste
                       into an issue)
  --today <date>       Count from this date, YYYY-MM-DD (default: the system's local date)
${rootHelp}
  -h, --help           Show this help

Exit status: 0, also when reviews are due (charter check is the gate); 1 when a vendor file has
problems; 2 on a usage error.
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
    const register = loadVendors(root, config, 'due')
    const vendors = register.length > 0 ? dueVendorWork(register, config, today, within) : undefined
    io.stdout.write(print(duePrinters, format, {due, vendors, today, within, withinText, until: addDuration(today, within)}))
    return 0
  }
}

export default command
