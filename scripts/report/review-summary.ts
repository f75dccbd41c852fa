// What `charter review` prints: each document's version change, then a commit message to use.
import {formatDay, plural, type Day} from '../model/dates'
import type {RecordedReview} from '../scaffold/record-review'

export function reviewSummary(planned: readonly RecordedReview[], date: Day): string {
  const ids = planned.map((item) => item.document.meta.id ?? item.path)
  const width = Math.max(...planned.map((item) => item.path.length))
  const lines = planned.map((item) =>
    item.newVersion ? `  ${item.path.padEnd(width)}  version ${item.oldVersion} → ${item.newVersion}` : `  ${item.path.padEnd(width)}  version ${item.oldVersion ?? '?'} (unchanged)`
  )
  const subject = ids.length <= 3 ? `Review ${joinWords(ids)}` : `Review ${plural(ids.length, 'document')}`
  const body = planned.map((item, index) =>
    item.newVersion ? `- ${ids[index]}: ${item.oldVersion} → ${item.newVersion}` : `- ${ids[index]}: reviewed, no change (${item.oldVersion ?? 'unversioned'})`
  )
  return [
    `Recorded the review of ${plural(planned.length, 'document')} (last_reviewed: ${formatDay(date)}):`,
    ...lines,
    '',
    'Commit it with a message such as:',
    '',
    subject,
    '',
    `Periodic review on ${formatDay(date)}.`,
    ...body,
    ''
  ].join('\n')
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
