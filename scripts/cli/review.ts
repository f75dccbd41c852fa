// `charter review`: record that documents were reviewed (last_reviewed, optionally a version
// bump), touching only those values, and print a commit message for the change.
import {formatDay} from '../model/dates'
import type {Document} from '../model/document'
import {reviewSummary} from '../report/review-summary'
import {bumps, dueOn, recordReviews, type Bump} from '../scaffold/record-review'
import {UsageError, type Command} from './command'
import {dateOption, findDocument, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter review <id>... [options]

Records a completed review: sets last_reviewed to today (or --date) in each document's front
matter, and with --bump also raises its version. Comments, key order, quoting and the body are
kept byte for byte. All files are written together, or none is. Prints a commit message to use;
its last line, a Change: trailer, is the summary the security page, the changelog and the PDFs
show for the change (edit it to say what changed, in one plain line).

Options:
  --date <date>        The date of the review, YYYY-MM-DD (default: today)
  --bump <part>        Also raise the version:
                         minor  a change that is not material (2.1.0 → 2.2.0)
                         major  a material change that needs re-approval (2.1.0 → 3.0.0)
                         patch  wording only (2.1.0 → 2.1.1)
  --all-due            Review every document that is overdue, or due within the warn
                       window (review.warn_window in config), on the review date;
                       any ids given are reviewed too
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {date: {type: 'string'}, bump: {type: 'string'}, 'all-due': {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    const bump = values.bump as string | undefined
    if (bump !== undefined && !(bumps as readonly string[]).includes(bump)) {
      throw new UsageError(`review: unknown --bump \`${bump}\`, expected one of ${bumps.join(', ')}`)
    }
    if (positionals.length === 0 && !values['all-due']) {
      throw new UsageError('review: name at least one document id, or pass --all-due (see `charter review --help`)')
    }
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const date = dateOption(values, 'date', 'review', io)
    if (date > io.today()) throw new UsageError(`review: --date ${formatDay(date)} is in the future; a review is recorded once it has happened`)
    const documents = loadDocuments(root, config)
    const chosen = new Map<string, Document>()
    for (const id of positionals) chosen.set(id, findDocument(id, documents, config))
    if (values['all-due']) {
      for (const document of dueOn(documents, config, date)) chosen.set(document.meta.id!, document)
      if (chosen.size === 0) {
        io.stdout.write(`No document is due for review within ${config.review.warn_window}.\n`)
        return 0
      }
    }
    io.stdout.write(reviewSummary(recordReviews(root, [...chosen.values()], date, bump as Bump | undefined), date))
    return 0
  }
}

export default command
