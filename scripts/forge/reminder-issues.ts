// Review reminders on GitHub: the plan made from the open issues as they are, then its writes.
// Every read comes first and the writes follow, so a refused token writes nothing.
import type {DueReview} from '../model/review-state'
import type {VendorDue} from '../model/vendor-due'
import {ForgeUnavailable, type GitHub} from './github-client'
import {openIssueShape, planReminders, reminderLabel, vendorReminderLabel, type ReminderPlan} from './reminders'

interface Label {
  name: string
}

/** What to open, update and close, given the repository's open issues now. */
export async function planReminderIssues(github: GitHub, due: readonly DueReview[], handles: Readonly<Record<string, string>>, vendors: readonly VendorDue[] = []): Promise<ReminderPlan> {
  const open = await github.getAll(github.repoPath('/issues?state=open'), {fresh: true, shape: openIssueShape})
  return planReminders(due, open, handles, vendors)
}

/** Opens, updates and closes the plan's issues, in that order. */
export async function applyReminderPlan(github: GitHub, plan: ReminderPlan): Promise<void> {
  let done = 0
  const total = plan.create.length + plan.update.length + plan.close.length
  try {
    if (plan.create.length > 0) await ensureLabels(github, new Set(plan.create.map((reminder) => reminder.label)))
    for (const reminder of plan.create) {
      await github.post(github.repoPath('/issues'), {title: reminder.title, body: reminder.body, labels: [reminder.label], assignees: reminder.assignees})
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
}

const labelText: Record<string, {color: string; description: string}> = {
  [reminderLabel]: {color: '1d4ed8', description: 'A policy review is due (opened by charter remind)'},
  [vendorReminderLabel]: {color: '7c3aed', description: "A vendor's review or assurance is due (opened by charter remind)"}
}

async function ensureLabels(github: GitHub, needed: ReadonlySet<string>): Promise<void> {
  const labels = await github.getAll<Label>(github.repoPath('/labels'), {fresh: true})
  for (const name of [reminderLabel, vendorReminderLabel]) {
    if (!needed.has(name) || labels.some((label) => label.name === name)) continue
    await github.post(github.repoPath('/labels'), {name, ...labelText[name]!})
  }
}
