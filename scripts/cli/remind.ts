// `charter remind`: keep one GitHub issue open per document whose review falls due.
import {ForgeUnavailable, gitHubFromEnvironment, type GitHub} from '../forge/github-client'
import {openIssueShape, planReminders, reminderLabel} from '../forge/reminders'
import {dueReviews} from '../model/review-state'
import {parsePeriod} from './due'
import {UsageError, type Command} from './command'
import {dateOption, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter remind [options]

Keeps one GitHub issue open for each document whose review is overdue or falls due within the
period: labelled ${reminderLabel}, assigned to the owner role's GitHub user from github.handles
(a team is named in the issue), and updated while the review stays due. The issue of a document
that has since been reviewed is closed with a comment. Run it on a schedule; running it again
never files a second issue for the same document.

Needs GITHUB_TOKEN with the issues: write permission, and the repository from
GITHUB_REPOSITORY or github.repository in the config.

Options:
  --within <period>    How far ahead to look: 30d (default), 8w, 3m, or "30 days"
  --today <date>       Count from this date, YYYY-MM-DD (default: the system's local date)
  --dry-run            Print what would be opened, updated and closed; change nothing
${rootHelp}
  -h, --help           Show this help
`

interface Label {
  name: string
}

const command: Command = {
  summary: 'Open, update and close GitHub issues for reviews falling due',
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
    const due = dueReviews(loadDocuments(root), config, today, within)
    // Every read first; the writes follow, so a refused token writes nothing.
    const open = await github.getAll(github.repoPath('/issues?state=open'), {fresh: true, shape: openIssueShape})
    const plan = planReminders(due, open, config.github.handles)
    const line = (verb: string, number: number | undefined, text: string) => `  ${verb} ${number === undefined ? '' : `#${number} `}${text}`
    const report = [
      ...plan.create.map((reminder) => line('open  ', undefined, reminder.title)),
      ...plan.update.map((reminder) => line('update', reminder.number, reminder.title)),
      ...plan.close.map((entry) => line('close ', entry.number, `(${entry.id} no longer due)`))
    ]
    if (values['dry-run']) {
      io.stdout.write(`Would change in ${github.repository}: ${plan.create.length} to open, ${plan.update.length} to update, ${plan.close.length} to close, ${plan.unchanged} unchanged.\n${report.join('\n')}${report.length ? '\n' : ''}`)
      return 0
    }
    let done = 0
    const total = plan.create.length + plan.update.length + plan.close.length
    try {
      if (plan.create.length > 0) await ensureLabel(github)
      for (const reminder of plan.create) {
        await github.post(github.repoPath('/issues'), {title: reminder.title, body: reminder.body, labels: [reminderLabel], assignees: reminder.assignees})
        done++
      }
      for (const reminder of plan.update) {
        await github.patch(github.repoPath(`/issues/${reminder.number}`), {title: reminder.title, body: reminder.body})
        done++
      }
      for (const entry of plan.close) {
        await github.post(github.repoPath(`/issues/${entry.number}/comments`), {body: entry.comment})
        await github.patch(github.repoPath(`/issues/${entry.number}`), {state: 'closed', state_reason: 'completed'})
        done++
      }
    } catch (error) {
      // Each issue carries its document's marker, so the next run finds what this one did.
      if (error instanceof ForgeUnavailable) throw new ForgeUnavailable(`${error.message}, after ${done} of ${total} issue changes; run charter remind again to finish`)
      throw error
    }
    io.stdout.write(
      `Review reminders in ${github.repository} (due within ${withinText}): ${plan.create.length} opened, ${plan.update.length} updated, ${plan.close.length} closed, ${plan.unchanged} unchanged.\n${report.join('\n')}${report.length ? '\n' : ''}`
    )
    return 0
  }
}

async function ensureLabel(github: GitHub): Promise<void> {
  const labels = await github.getAll<Label>(github.repoPath('/labels'), {fresh: true})
  if (labels.some((label) => label.name === reminderLabel)) return
  await github.post(github.repoPath('/labels'), {name: reminderLabel, color: '1d4ed8', description: 'A policy review is due (opened by charter remind)'})
}

export default command
