// Review reminders as GitHub issues: one open issue per document whose review falls due,
// updated while it stays due and closed once the review is recorded. Each issue carries a
// marker with the document id, so it is found again whatever its title or labels became.
import {formatDay} from '../model/dates'
import {describeDue, type DueReview} from '../model/review-state'
import {numberField, objectField, stringField, type Shape} from './github-client'

export const reminderLabel = 'policy-review'

export interface OpenIssue {
  number: number
  title: string
  body: string | null
  pull_request?: unknown
}

/** An item of GitHub's issue list, checked: its number goes into the paths of the writes that follow. */
export const openIssueShape: Shape<OpenIssue> = (value) => {
  const issue = objectField(value, 'the issue')
  return {
    number: numberField(issue.number, 'number'),
    title: stringField(issue.title, 'title'),
    body: stringField(issue.body, 'body', 'nullable') ?? null,
    ...(issue.pull_request === undefined || issue.pull_request === null ? {} : {pull_request: issue.pull_request})
  }
}

export interface Reminder {
  id: string
  title: string
  body: string
  assignees: string[]
}

export interface ReminderPlan {
  create: Reminder[]
  update: (Reminder & {number: number})[]
  close: {number: number; id: string; comment: string}[]
  unchanged: number
}

const marker = (id: string) => `<!-- charter:review-reminder ${id} -->`
const markerPattern = /<!-- charter:review-reminder ([a-z0-9-]+) -->/

function reminderFor(review: DueReview, handles: Readonly<Record<string, string>>): Reminder {
  const {meta, path} = review.document
  const id = meta.id!
  const owner = meta.owner ?? 'the owner'
  const handle = meta.owner ? handles[meta.owner] : undefined
  const title = `Policy review due: ${meta.title ?? id} (${id})`
  const body = [
    marker(id),
    `The review of **${meta.title ?? id}** (\`${path}\`) is due on **${formatDay(review.state.due)}** (${describeDue(review.state)}).`,
    '',
    `- Owner: ${owner}${handle ? ` (${handle})` : ''}`,
    `- Last reviewed: ${meta.last_reviewed}`,
    `- Review interval: ${review.state.interval.count} ${review.state.interval.unit}${review.state.interval.count === 1 ? '' : 's'}`,
    '',
    'When the review is done, record it and commit:',
    '',
    '```sh',
    `charter review ${id}   # add --bump minor, or --bump major for a material change`,
    '```',
    '',
    'This issue is closed by `charter remind` once the document is no longer due.'
  ].join('\n')
  // Only a user can be assigned; a team is named in the body instead.
  const assignees = handle && !handle.includes('/') ? [handle.slice(1)] : []
  return {id, title, body, assignees}
}

export function planReminders(due: readonly DueReview[], open: readonly OpenIssue[], handles: Readonly<Record<string, string>>): ReminderPlan {
  const byId = new Map<string, OpenIssue>()
  for (const issue of open) {
    if (issue.pull_request) continue
    const id = markerPattern.exec(issue.body ?? '')?.[1]
    if (id && !byId.has(id)) byId.set(id, issue)
  }
  const plan: ReminderPlan = {create: [], update: [], close: [], unchanged: 0}
  const dueIds = new Set<string>()
  for (const review of due) {
    if (review.document.meta.id === undefined) continue
    const reminder = reminderFor(review, handles)
    dueIds.add(reminder.id)
    const existing = byId.get(reminder.id)
    if (!existing) plan.create.push(reminder)
    else if (existing.title !== reminder.title || existing.body !== reminder.body) plan.update.push({...reminder, number: existing.number})
    else plan.unchanged++
  }
  for (const [id, issue] of byId) {
    if (!dueIds.has(id)) plan.close.push({number: issue.number, id, comment: `The review of \`${id}\` is recorded, or the document is gone: it is no longer due. Closing.`})
  }
  plan.close.sort((a, b) => a.number - b.number)
  return plan
}
