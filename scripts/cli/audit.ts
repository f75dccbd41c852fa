// `charter audit`: every change to a controlled document on the current branch with its
// approval evidence; changes without any must be reviewed after the fact within a window.
import {formatDay, plural} from '../model/dates'
import type {Document} from '../model/document'
import {documentsFolder} from '../load/corpus'
import {ForgeUnavailable, gitHubFromEnvironment, kindOf, objectField, stringField, UnexpectedShape, type GitHub, type Shape} from '../forge/github-client'
import {auditChanges, parseWindow, reviewByText, type AuditEntry} from '../history/approval-audit'
import {describeClaims, describeEvidence, type Evidence} from '../history/evidence'
import {git} from '../history/git'
import {gitHubEvidence} from '../history/pull-request-evidence'
import {readFollowUps, readHistory} from '../history/log'
import {personByEmail, rosterFileName} from '../load/people'
import {UsageError, type Command} from './command'
import {choiceOption, dateOption, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

const formats = ['text', 'json', 'markdown'] as const

export const usage = `Usage: charter audit [options]

Lists every change to a controlled document on the current branch (its first-parent line: one
entry per merged pull request or direct push), with its approval evidence, and flags those
without any. A change without evidence is an emergency change: it must be reviewed after the
fact within the window, by a later signed commit carrying the trailers
    Reviews: <sha of the change>
    Approved-by: Name <email>
(or Reviewed-by:) from someone other than the change's author.

Evidence: Approved-by: and Reviewed-by: trailers on the change's commit (for a merge, also on
the branch's commits from its last change on: an approval before a later change is stale), and with --github the pull request's approvals (an APPROVED review or
an LGTM by someone other than the author, or a merge by someone other than the author). A
trailer counts only when the person it names is on the roster (people.yaml, as it was before
the change), is not the change's author, holds one of the document's approvers: roles, and
signed the commit carrying it with a key the roster lists for them. Any other trailer is listed
as "claimed, not verified" with the reason, and the change needs its review like one without
evidence. Changes to charter.config.yaml and people.yaml are listed too: they need a person
holding a role in the roster's config_approvers (default: any document's owner or approver
role). GitHub's approvals count for the merged pull requests GitHub itself lists for the
commit, never a number in its subject. When GitHub cannot be reached, or answers with something
other than its documented JSON, the changes it would decide are reported as "not assessed",
never as unapproved. The token is sent only to GITHUB_API_URL's origin.

GitHub's answers are cached outside the repository: in CHARTER_CACHE_DIR, else
$RUNNER_TEMP/charter-cache in GitHub Actions, else $XDG_CACHE_HOME/charter or ~/.cache/charter.
A cache folder inside the repository is never read.

Options:
  --since <date>       Only changes that landed on or after this date, YYYY-MM-DD
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
  summary: 'List changes to controlled documents and their approval evidence; flag overdue reviews',
  usage,
  options: {
    since: {type: 'string'},
    window: {type: 'string'},
    today: {type: 'string'},
    github: {type: 'boolean'},
    'open-issues': {type: 'boolean'},
    format: {type: 'string'},
    ...rootOptions
  },
  async run(values, _positionals, io) {
    const format = choiceOption(values, 'format', formats, 'audit')
    const windowText = (values.window as string | undefined) ?? '2 business days'
    const window = parseWindow(windowText)
    if (!window) throw new UsageError(`audit: --window expects "N business days" or "N days", got \`${windowText}\``)
    const since = values.since === undefined ? undefined : formatDay(dateOption(values, 'since', 'audit', io))
    const today = dateOption(values, 'today', 'audit', io)
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const documents = new Map(loadDocuments(root).map((document) => [document.path, document]))
    const history = await readHistory(root, documentsFolder)
    const changes = [...history.entries()]
      .flatMap(([document, revisions]) => revisions.map((revision) => ({document, revision})))
      .filter(({revision}) => since === undefined || revision.date.slice(0, 10) >= since)
      .sort((a, b) => (a.revision.date < b.revision.date ? 1 : a.revision.date > b.revision.date ? -1 : a.document < b.document ? -1 : 1))
    const github = values.github || values['open-issues'] ? gitHubFromEnvironment(root, config.github.repository, '--github needs a token in GITHUB_TOKEN that can read pull requests (and write issues for --open-issues)', io) : undefined
    let unavailable: string | undefined
    let fromGitHub: Map<string, Evidence[]> | undefined
    if (github) {
      const result = await gitHubEvidence(github, changes.map(({revision}) => revision))
      fromGitHub = result.byCommit
      unavailable = result.unavailable
    }
    const entries = auditChanges(changes, await readFollowUps(root, 'HEAD', history.get(rosterFileName) ?? []), {window, today, ...(fromGitHub ? {gitHub: fromGitHub} : {})})
    const filed = values['open-issues'] && github ? await openIssues(github, root, entries, documents, windowText) : undefined
    const output = format === 'json' ? json(entries, {since, window: windowText, today, unavailable, filed}) : format === 'markdown' ? markdown(entries, windowText) : text(entries, windowText, since)
    io.stdout.write(output)
    if (unavailable) io.stderr.write(`charter: GitHub was unavailable (${unavailable}); changes it would decide are "not assessed"\n`)
    if (filed?.failed) io.stderr.write(`charter: GitHub was unavailable while filing follow-up issues (${filed.failed}); run again to file the rest\n`)
    if (entries.some((entry) => entry.status === 'overdue')) return 1
    return entries.some((entry) => entry.status === 'not-assessed') || filed?.failed ? 2 : 0
  }
}

const short = (commit: string) => commit.slice(0, 7)
const day = (date: string) => date.slice(0, 10)

function statusText(entry: AuditEntry, window: string): string {
  return entry.claims.length > 0 ? `${verdict(entry, window)}; ${describeClaims(entry.claims)}` : verdict(entry, window)
}

function verdict(entry: AuditEntry, window: string): string {
  switch (entry.status) {
    case 'approved':
      return describeEvidence(entry.evidence)
    case 'reviewed-after':
      return `reviewed after the fact in ${short(entry.followUp!.commit)} on ${day(entry.followUp!.date)}: ${describeEvidence(entry.followUp!.evidence)}`
    case 'pending':
      return `no approval evidence; review it by ${reviewByText(entry)} (${window})`
    case 'overdue':
      return `OVERDUE: no approval evidence, and no review by ${reviewByText(entry)} (${window})`
    case 'not-assessed':
      return 'not assessed: GitHub was unavailable'
  }
}

function counts(entries: readonly AuditEntry[]): string {
  const of = (status: AuditEntry['status']) => entries.filter((entry) => entry.status === status).length
  const parts = [
    `${of('approved')} approved`,
    `${of('reviewed-after')} reviewed after the fact`,
    `${of('pending')} waiting for review`,
    `${of('overdue')} overdue`,
    ...(of('not-assessed') > 0 ? [`${of('not-assessed')} not assessed`] : [])
  ]
  return `${plural(entries.length, 'change')}: ${parts.join(', ')}`
}

function text(entries: readonly AuditEntry[], window: string, since: string | undefined): string {
  const heading = `Changes to controlled documents${since ? ` since ${since}` : ''}, newest first. ${counts(entries)}.`
  const width = Math.max(0, ...entries.map((entry) => entry.document.length))
  return `${[heading, ...entries.map((entry) => `  ${day(entry.revision.date)}  ${short(entry.revision.commit)}  ${entry.document.padEnd(width)}  ${statusText(entry, window)}`)].join('\n')}\n`
}

function json(entries: readonly AuditEntry[], meta: {since?: string; window: string; today: number; unavailable?: string; filed?: Filed}): string {
  return `${JSON.stringify(
    {
      since: meta.since ?? null,
      window: meta.window,
      today: formatDay(meta.today),
      github_unavailable: meta.unavailable ?? null,
      changes: entries.map((entry) => ({
        commit: entry.revision.commit,
        date: entry.revision.date,
        document: entry.document,
        path: entry.revision.path,
        change: entry.revision.change,
        subject: entry.revision.subject,
        author: entry.revision.author,
        // The trusted roster once the change landed, never the work tree's.
        person: personByEmail(entry.revision.people, entry.revision.author.email)?.name ?? null,
        pr: entry.revision.pr ?? null,
        status: entry.status,
        evidence: entry.evidence,
        claims: entry.claims,
        review_by: entry.reviewBy === undefined ? null : reviewByText(entry),
        follow_up: entry.followUp ?? null,
        issue: meta.filed?.issues.get(key(entry)) ?? null
      }))
    },
    null,
    2
  )}\n`
}

function markdown(entries: readonly AuditEntry[], window: string): string {
  const cell = (value: string) => value.replaceAll('|', '\\|')
  return `${[
    `### Approval audit`,
    '',
    `${counts(entries)}.`,
    '',
    '| Date | Commit | Document | Change | Status |',
    '| --- | --- | --- | --- | --- |',
    ...entries.map(
      (entry) =>
        `| ${day(entry.revision.date)} | \`${short(entry.revision.commit)}\` | ${cell(entry.document)} | ${cell(entry.revision.subject)} | ${cell(statusText(entry, window))} |`
    )
  ].join('\n')}\n`
}

interface Filed {
  /** Issue URL per change (commit and document), for issues filed now or found filed before. */
  issues: Map<string, string>
  failed?: string
}

const key = (entry: AuditEntry) => `${entry.revision.commit} ${entry.document}`

interface IssueAnswer {
  html_url: string
  title: string
}

/** GitHub's issue search answer, checked: a wrong shape means GitHub is unavailable, not a crash. */
const searchShape: Shape<{items: IssueAnswer[]}> = (value) => {
  const items = objectField(value, 'the search answer').items
  if (!Array.isArray(items)) throw new UnexpectedShape(`items is ${kindOf(items)}, expected a list`)
  return {
    items: items.map((item, index) => {
      const issue = objectField(item, `item ${index + 1}`)
      return {title: stringField(issue.title, `item ${index + 1}.title`), html_url: stringField(issue.html_url, `item ${index + 1}.html_url`)}
    })
  }
}

async function openIssues(github: GitHub, root: string, entries: readonly AuditEntry[], documents: Map<string, Document>, window: string): Promise<Filed> {
  const issues = new Map<string, string>()
  const waiting = entries.filter((entry) => entry.status === 'pending' || entry.status === 'overdue')
  try {
    for (const entry of waiting) {
      const document = documents.get(entry.document)
      const name = document?.meta.id ?? entry.document
      const title = `Follow-up review: ${github.repository}@${short(entry.revision.commit)} (${name})`
      const query = encodeURIComponent(`repo:${github.repository} is:issue in:title "${title}"`)
      const found = await github.get(`/search/issues?q=${query}`, {fresh: true, shape: searchShape})
      const existing = found.items.find((item) => item.title === title)
      if (existing) {
        issues.set(key(entry), existing.html_url)
        continue
      }
      const created = await github.post<IssueAnswer>(github.repoPath('/issues'), {title, body: issueBody(root, entry, document, window)})
      issues.set(key(entry), created.html_url)
    }
    return {issues}
  } catch (error) {
    if (error instanceof ForgeUnavailable) return {issues, failed: error.message}
    throw error
  }
}

function issueBody(root: string, entry: AuditEntry, document: Document | undefined, window: string): string {
  const {revision} = entry
  const range = revision.parents[0] ? [`${revision.parents[0]}`, revision.commit] : [revision.commit]
  const stat = git(root, revision.parents[0] ? ['diff', '--stat', ...range, '--', revision.path] : ['show', '--stat', '--format=', revision.commit, '--', revision.path]).trimEnd()
  const approvers = document?.meta.approvers ?? []
  const ask = approvers.length > 0 ? `${approvers.join(', ')} (the document's approvers)` : "the document's owner"
  return [
    `A change to a controlled document landed on the default branch without approval evidence. It needs an after-the-fact review by ${reviewByText(entry)} (${window} after it landed).`,
    '',
    `- **Document:** ${document?.meta.title ?? entry.document} (\`${revision.path}\`)${document?.meta.owner ? `, owned by ${document.meta.owner}` : ''}`,
    `- **Commit:** ${revision.commit}`,
    `- **Landed:** ${revision.date} by ${revision.author.name} <${revision.author.email}>${revision.pr ? `; its subject names #${revision.pr}, which is not evidence of a review` : ''}`,
    `- **Subject:** ${revision.subject}`,
    `- **Who to ask:** ${ask}`,
    '',
    'Diff stat:',
    '',
    '```',
    stat,
    '```',
    '',
    'When the change has been reviewed, the reviewer records it with a commit on the default branch, signed with their key on the roster (the reviewer must not be the change\'s author):',
    '',
    '```sh',
    `git commit -S --allow-empty -m "Review ${revision.commit.slice(0, 7)}" --trailer "Reviews: ${revision.commit}" --trailer "Approved-by: Name <email>"`,
    '```'
  ].join('\n')
}

export default command
