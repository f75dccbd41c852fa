// Review reminders as GitHub issues: one open issue per document whose review falls due, and per
// vendor whose review or assurance does, updated while it stays due and closed once the review
// is recorded. Each issue carries a marker with its kind and id, so it is found again whatever
// its title or labels became.
import {formatDay, plural} from '../model/dates'
import {describeDue, type DueReview} from '../model/review-state'
import {assuranceAction, assuranceName} from '../model/vendor'
import type {VendorDue} from '../model/vendor-due'
import {numberField, objectField, stringField, type Shape} from './github-client'

export const reminderLabel = 'policy-review'
/** The label of vendor review and vendor assurance reminders. */
export const vendorReminderLabel = 'vendor-review'

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
  /** What the issue tracks: the document's id, or `vendor review <id>` / `vendor assurance <id>`. */
  id: string
  title: string
  body: string
  assignees: string[]
  label: string
}

export interface ReminderPlan {
  create: Reminder[]
  update: (Reminder & {number: number})[]
  close: {number: number; id: string; comment: string}[]
  unchanged: number
}

// A document's marker is as it always was, so issues filed before vendors are found again.
const markerKinds = {review: 'review-reminder', 'vendor review': 'vendor-review-reminder', 'vendor assurance': 'vendor-assurance-reminder'} as const
type MarkerKind = keyof typeof markerKinds
const marker = (kind: MarkerKind, id: string) => `<!-- charter:${markerKinds[kind]} ${id} -->`
const markerPattern = /<!-- charter:(review|vendor-review|vendor-assurance)-reminder ([a-z0-9-]+) -->/
/** The key a reminder is known by: the bare id for a document, as before; the kind and id for a vendor's. */
const keyOf = (kind: MarkerKind, id: string) => (kind === 'review' ? id : `${kind} ${id}`)

/** A name from a file, shown in an issue: one line, no Markdown of its own, no @mention. */
function shownName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>#|!~]/g, (character) => `\\${character}`)
    .replace(/@/g, '@\u200b')
}

/** An issue title: one line, without control characters. */
const titleText = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')

const assigneesOf = (handle: string | undefined) => (handle && !handle.includes('/') ? [handle.slice(1)] : [])

function vendorReminderFor(item: VendorDue, handles: Readonly<Record<string, string>>): Reminder {
  const {vendor, path, state} = item
  const id = vendor.id!
  const name = vendor.name ?? id
  const owner = vendor.owner ?? 'the owner'
  const handle = vendor.owner ? handles[vendor.owner] : undefined
  const ownerLine = `- Owner: ${shownName(owner)}${handle ? ` (${handle})` : ''}`
  const closing = 'This issue is closed by `charter remind` once the vendor is no longer due.'
  if (item.kind === 'vendor-review') {
    const body = [
      marker('vendor review', id),
      `The review of vendor **${shownName(name)}** (\`${path}\`) is due on **${formatDay(state.due)}** (${describeDue(state)}).`,
      '',
      ownerLine,
      `- Tier: ${item.tier}`,
      `- Last reviewed: ${vendor.last_reviewed}`,
      `- Review interval: ${plural(item.state.interval.count, item.state.interval.unit)}`,
      '',
      'Review the vendor: its services and the data it reaches, its tier, its latest assurance and open findings. When the review is done, record it and commit:',
      '',
      '```sh',
      `charter vendors review ${id}`,
      '```',
      '',
      closing
    ].join('\n')
    return {id: keyOf('vendor review', id), title: titleText(`Vendor review due: ${name} (${id})`), body, assignees: assigneesOf(handle), label: vendorReminderLabel}
  }
  const {assurance, reference, bridge} = item.state
  const what = assurance.type === 'iso27001' ? `its certificate expires on ${formatDay(reference)}` : assurance.type === 'questionnaire' ? `it was received on ${formatDay(reference)}` : `its period ended on ${formatDay(reference)}${bridge === undefined ? '' : `, its bridge letter is dated ${formatDay(bridge)}`}`
  const body = [
    marker('vendor assurance', id),
    `The ${assuranceName(assurance.type)} of vendor **${shownName(name)}** (\`${path}\`) is current until **${formatDay(state.due)}** (${describeDue(state)}): ${what}.`,
    '',
    ownerLine,
    `- Tier: ${item.tier}`,
    '',
    `To do: ${assuranceAction(assurance)}. When it arrives, read the opinion, the exceptions and the complementary user entity controls, then record it and commit:`,
    '',
    '```sh',
    `charter vendors review ${id} --assurance <type> --period <start>..<end> --received <date>`,
    '```',
    '',
    closing
  ].join('\n')
  return {id: keyOf('vendor assurance', id), title: titleText(`Vendor assurance due: ${name} (${id})`), body, assignees: assigneesOf(handle), label: vendorReminderLabel}
}

function reminderFor(review: DueReview, handles: Readonly<Record<string, string>>): Reminder {
  const {meta, path} = review.document
  const id = meta.id!
  const owner = meta.owner ?? 'the owner'
  const handle = meta.owner ? handles[meta.owner] : undefined
  const title = `Policy review due: ${meta.title ?? id} (${id})`
  const body = [
    marker('review', id),
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
  return {id, title, body, assignees: assigneesOf(handle), label: reminderLabel}
}

export function planReminders(due: readonly DueReview[], open: readonly OpenIssue[], handles: Readonly<Record<string, string>>, vendors: readonly VendorDue[] = []): ReminderPlan {
  const byId = new Map<string, OpenIssue>()
  for (const issue of open) {
    if (issue.pull_request) continue
    const found = markerPattern.exec(issue.body ?? '')
    const id = found && keyOf(found[1]!.replace('-', ' ') as MarkerKind, found[2]!)
    if (id && !byId.has(id)) byId.set(id, issue)
  }
  const plan: ReminderPlan = {create: [], update: [], close: [], unchanged: 0}
  const dueIds = new Set<string>()
  const reminders = [...due.flatMap((review) => (review.document.meta.id === undefined ? [] : [reminderFor(review, handles)])), ...vendors.map((item) => vendorReminderFor(item, handles))]
  for (const reminder of reminders) {
    dueIds.add(reminder.id)
    const existing = byId.get(reminder.id)
    if (!existing) plan.create.push(reminder)
    else if (existing.title !== reminder.title || existing.body !== reminder.body) plan.update.push({...reminder, number: existing.number})
    else plan.unchanged++
  }
  for (const [id, issue] of byId) {
    if (!dueIds.has(id)) plan.close.push({number: issue.number, id, comment: closingComment(id)})
  }
  plan.close.sort((a, b) => a.number - b.number)
  return plan
}

function closingComment(key: string): string {
  const [kind, id] = key.startsWith('vendor ') ? [key.slice(0, key.lastIndexOf(' ')), key.slice(key.lastIndexOf(' ') + 1)] : ['review', key]
  if (kind === 'vendor review') return `The review of vendor \`${id}\` is recorded, or the vendor is gone or no longer active: it is no longer due. Closing.`
  if (kind === 'vendor assurance') return `Current assurance for vendor \`${id}\` is recorded, or the vendor is gone or no longer needs it: it is no longer due. Closing.`
  return `The review of \`${id}\` is recorded, or the document is gone: it is no longer due. Closing.`
}
