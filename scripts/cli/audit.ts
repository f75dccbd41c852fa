// `charter audit`: every change to a controlled document or vendor file on the current branch with its
// approval evidence; changes without any must be reviewed after the fact within a window.
import {addDuration, formatDay} from '../model/dates'
import {gitHubFromEnvironment, type GitHub} from '../forge/github-client'
import {fileIssuesOnce, type FiledIssues} from '../forge/follow-up-issues'
import type {AuditEntry} from '../history/approval-audit'
import {parseReviewWindow} from '../model/dates'
import {auditBranch} from '../history/branch-audit'
import {changeStat} from '../history/change-stat'
import {auditPrinters} from '../report/audit-listing'
import {followUpIssues} from '../report/follow-up-issue'
import {listingFormats, print} from '../report/listing'
import {UsageError, type Command} from './command'
import {choiceOption, dateOption, loadDocumentsAlongside, parsePeriod, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter audit [options]

Lists every change to a controlled document on the current branch (its first-parent line: one
entry per merged pull request or direct push), with its approval evidence, and flags those
without any. Changes before the adoption commit (\`adoption\` in charter.config.yaml, recorded
by \`charter init\` and \`charter import\`) are out of scope, and the listing says so; --since
includes them from its date on. A change without evidence is an emergency change: it must be
reviewed after the fact within the window, by a later signed commit carrying the trailers
    Reviews: <sha of the change>
    Approved-by: Name <email>
(or Reviewed-by:) from someone other than the change's author.

Evidence: Approved-by: and Reviewed-by: trailers on the change's commit (for a merge, also on
the branch's commits from its last change on: an approval before a later change is stale), and
with --github the pull request's approvals (an APPROVED review or an LGTM by someone other than
the author, or a merge by someone other than the author). A trailer counts only when the person
it names is on the roster (people.yaml, as it was before the change), is not the change's
author, holds one of the document's approvers: roles, and signed the commit carrying it with a
key the roster lists for them. Any other trailer is listed as "claimed, not verified" with the
reason, and the change needs its review like one without evidence. Changes to
charter.config.yaml and people.yaml are listed too: they need a person holding a role in the
roster's config_approvers (default: any document's owner or approver role). Changes to vendor
files (vendors/<id>.yaml) are listed too, each with what it did to the register in brackets
("material" for a new vendor, a changed tier or data access, a flipped subprocessor flag, or a
move to active): they need a person holding the vendor's owner: role as the file stood before
the change (for a new vendor file, a config approver), never the role the change itself names.
GitHub's approvals count for the merged pull requests GitHub itself lists for the commit, never
a number in its subject. When GitHub cannot be reached, or answers with something other than
its documented JSON, the changes it would decide are reported as "not assessed", never as
unapproved. The token is sent only to GITHUB_API_URL's origin.

GitHub's answers are cached outside the repository: in CHARTER_CACHE_DIR, else
$RUNNER_TEMP/charter-cache in GitHub Actions, else $XDG_CACHE_HOME/charter or ~/.cache/charter.
A cache folder inside the repository is never read.

Options:
  --since <date>       Only changes that landed on or after this date, YYYY-MM-DD, including
                       those before the adoption commit
  --within <period>    Only changes that landed within this period before --today: 90d, 12w,
                       3m, 1y or "90 days"; never those before the adoption commit
  --window <period>    Time allowed for the after-the-fact review (default: "2 business days";
                       business days skip Saturdays and Sundays)
  --today <date>       Measure deadlines from this date (default: the system's local date)
  --github             Add evidence from GitHub pull requests (GITHUB_TOKEN; repository from
                       GITHUB_REPOSITORY or github.repository in the config)
  --open-issues        File one follow-up issue per change still waiting for its review,
                       titled "Follow-up review: <repo>@<short sha> (<document>)"; an issue
                       already filed for it is found by searching first and not filed again
  --format <name>      text (default), json or markdown
${rootHelp}
  -h, --help           Show this help

Exit status: 0 when no review is overdue; 1 when one is; 2 when the audit could not be completed
(GitHub unavailable for a change without other evidence) or on a usage error.
`

const command: Command = {
  usage,
  options: {
    since: {type: 'string'},
    within: {type: 'string'},
    window: {type: 'string'},
    today: {type: 'string'},
    github: {type: 'boolean'},
    'open-issues': {type: 'boolean'},
    format: {type: 'string'},
    ...rootOptions
  },
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', listingFormats, 'audit')
    const windowText = (values.window as string | undefined) ?? '2 business days'
    const window = parseReviewWindow(windowText)
    if (!window) throw new UsageError(`audit: --window expects "N business days" or "N days", got \`${windowText}\``)
    const today = dateOption(values, 'today', 'audit', io)
    if (values.since !== undefined && values.within !== undefined) throw new UsageError('audit: pass --since or --within, not both')
    const withinText = values.within as string | undefined
    const within = withinText === undefined ? undefined : parsePeriod(withinText)
    if (withinText !== undefined && !within) throw new UsageError(`audit: --within expects a period such as 90d, 12w, 3m, 1y or "90 days", got \`${withinText}\``)
    const since = values.since !== undefined ? formatDay(dateOption(values, 'since', 'audit', io)) : within ? formatDay(addDuration(today, {...within, count: -within.count})) : undefined
    const root = rootOf(values)
    const config = requireConfig(root, values)
    // Listed now, loaded while git reads the history.
    const loadDocuments = loadDocumentsAlongside(root, config)
    let github: GitHub | undefined
    const connect = () =>
      (github ??= gitHubFromEnvironment(root, config.github.repository, '--github needs a token in GITHUB_TOKEN that can read pull requests (and write issues for --open-issues)', io))
    const auditing = auditBranch(root, {config, since, beforeAdoption: values.since !== undefined, window, today, ...(values.github || values['open-issues'] ? {connect} : {})})
    auditing.catch(() => {})
    const documents = new Map((await loadDocuments()).map((document) => [document.path, document]))
    const {entries, unavailable, adoption} = await auditing
    let filed: FiledIssues<AuditEntry> | undefined
    if (values['open-issues'] && github) {
      filed = await fileIssuesOnce(github, followUpIssues(entries, {repository: github.repository, documents, window: windowText, stat: (revision) => changeStat(root, revision)}))
    }
    io.stdout.write(print(auditPrinters, format, {entries, since, window: windowText, today, unavailable, ...(adoption ? {adoption} : {}), ...(filed ? {issues: filed.issues} : {})}))
    if (unavailable) io.stderr.write(`charter: GitHub was unavailable (${unavailable}); changes it would decide are "not assessed"\n`)
    if (filed?.failed) io.stderr.write(`charter: GitHub was unavailable while filing follow-up issues (${filed.failed}); run again to file the rest\n`)
    if (entries.some((entry) => entry.status === 'overdue')) return 1
    return entries.some((entry) => entry.status === 'not-assessed') || filed?.failed ? 2 : 0
  }
}

export default command
