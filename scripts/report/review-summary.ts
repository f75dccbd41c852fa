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
  // The trailer is the summary readers of the security page, the changelog and the PDFs see.
  const titles = planned.map((item, index) => item.document.meta.title ?? ids[index]!)
  const change = titles.length <= 2 ? `Periodic review of the ${joinWords(titles)}` : `Periodic review of ${plural(titles.length, 'document')}`
  return [
    `Recorded the review of ${plural(planned.length, 'document')} (last_reviewed: ${formatDay(date)}):`,
    ...lines,
    '',
    'Commit it with a message such as the one below. Its last line, the Change: trailer, is what',
    'the security page, the changelog and the PDFs show for this change: write it for the',
    'customers and auditors who read them (one line, plain text).',
    '',
    subject,
    '',
    `Periodic review on ${formatDay(date)}.`,
    ...body,
    '',
    `Change: ${change}`,
    ''
  ].join('\n')
}

function joinWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}
