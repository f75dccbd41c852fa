// `charter remind`: keep one GitHub issue open per document whose review falls due, and per
// vendor whose review or assurance does.
import {gitHubFromEnvironment} from '../forge/github-client'
import {applyReminderPlan, planReminderIssues} from '../forge/reminder-issues'
import {reminderLabel, vendorReminderLabel} from '../forge/reminders'
import {dueReviews} from '../model/review-state'
import {dueVendorWork} from '../model/vendor-due'
import {madeReminderChanges, plannedReminderChanges} from '../report/reminder-changes'
import {UsageError, type Command} from './command'
import {dateOption, loadDocuments, loadVendors, parsePeriod, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter remind [options]

Keeps one GitHub issue open for each document whose review is overdue or falls due within the
period: labelled ${reminderLabel}, assigned to the owner role's GitHub user from github.handles
(a team is named in the issue), and updated while the review stays due. The issue of a document
that has since been reviewed is closed with a comment. Run it on a schedule; running it again
never files a second issue for the same document.

With a vendor register (vendors/), the same run keeps one issue open for each active vendor
whose review, or whose assurance, is overdue or falls due within the period (as \`charter due\`
lists them), labelled ${vendorReminderLabel} and assigned the same way, so one scheduled job
covers documents and vendors.

Needs GITHUB_TOKEN with the issues: write permission, and the repository from
GITHUB_REPOSITORY or github.repository in the config.

Options:
  --within <period>    How far ahead to look: 30d (default), 8w, 3m, or "30 days"
  --today <date>       Count from this date, YYYY-MM-DD (default: the system's local date)
  --dry-run            Print what would be opened, updated and closed; change nothing
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {within: {type: 'string'}, today: {type: 'string'}, 'dry-run': {type: 'boolean'}, ...rootOptions},
  async run(values, _positionals, io) {
    const withinText = (values.within as string | undefined) ?? '30d'
    const within = parsePeriod(withinText)
    if (!within) throw new UsageError(`remind: --within expects a period such as 30d, 8w, 3m or "30 days", got \`${withinText}\``)
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const today = dateOption(values, 'today', 'remind', io)
    const github = gitHubFromEnvironment(root, config.github.repository, 'charter remind needs a token in GITHUB_TOKEN with the issues: write permission', io)
    const due = dueReviews(loadDocuments(root, config), config, today, within)
    const vendors = dueVendorWork(loadVendors(root, config, 'remind'), config, today, within)
    const plan = await planReminderIssues(github, due, config.github.handles, vendors)
    if (values['dry-run']) {
      io.stdout.write(plannedReminderChanges(plan, github.repository))
      return 0
    }
    await applyReminderPlan(github, plan)
    io.stdout.write(madeReminderChanges(plan, github.repository, withinText))
    return 0
  }
}

export default command
