// What `charter acknowledge` prints: the entries it added, those already there, and the next step.
import {plural} from '../model/dates'
import type {Acknowledgement} from '../model/acknowledgement'

export function acknowledgeSummary(path: string, added: readonly Acknowledgement[], already: readonly Acknowledgement[]): string {
  const lines: string[] = []
  const width = Math.max(0, ...[...added, ...already].map((entry) => `${entry.document} ${entry.version}`.length))
  const row = (entry: Acknowledgement, note: string) => `  ${`${entry.document} ${entry.version}`.padEnd(width)}  ${note}`
  if (already.length > 0) lines.push(`Already acknowledged at the current version (not added again):`, ...already.map((entry) => row(entry, `commit ${entry.commit.slice(0, 12)}`)))
  if (added.length === 0) {
    lines.push('Nothing added.')
    return `${lines.join('\n')}\n`
  }
  lines.unshift(`Added ${plural(added.length, 'acknowledgement')} to ${path}:`, ...added.map((entry) => row(entry, `commit ${entry.commit.slice(0, 12)}`)))
  const subject = added.length <= 3 ? `Acknowledge ${added.map((entry) => `${entry.document} ${entry.version}`).join(', ')}` : `Acknowledge ${plural(added.length, 'document')}`
  lines.push(
    '',
    'Next: commit it yourself, signed, and open a pull request. An acknowledgement counts only when',
    'the commit that adds it is authored by you and signed with a key of yours on the roster; its',
    'date is that commit\'s date.',
    '',
    `  git add ${path}`,
    `  git commit -S -m "${subject}"`
  )
  return `${lines.join('\n')}\n`
}
