// What `charter remind` did to the review-reminder issues, or with --dry-run would do.
import type {ReminderPlan} from '../forge/reminders'

function changeLines(plan: ReminderPlan): string {
  const line = (verb: string, number: number | undefined, text: string) => `  ${verb} ${number === undefined ? '' : `#${number} `}${text}`
  const lines = [
    ...plan.create.map((reminder) => line('open  ', undefined, reminder.title)),
    ...plan.update.map((reminder) => line('update', reminder.number, reminder.title)),
    ...plan.close.map((entry) => line('close ', entry.number, `(${entry.id} no longer due)`))
  ]
  return `${lines.join('\n')}${lines.length ? '\n' : ''}`
}

export function plannedReminderChanges(plan: ReminderPlan, repository: string): string {
  return `Would change in ${repository}: ${plan.create.length} to open, ${plan.update.length} to update, ${plan.close.length} to close, ${plan.unchanged} unchanged.\n${changeLines(plan)}`
}

export function madeReminderChanges(plan: ReminderPlan, repository: string, within: string): string {
  return `Review reminders in ${repository} (due within ${within}): ${plan.create.length} opened, ${plan.update.length} updated, ${plan.close.length} closed, ${plan.unchanged} unchanged.\n${changeLines(plan)}`
}
