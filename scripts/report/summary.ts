// The Markdown a CI job shows on its summary page: the findings, then the reviews due soon.
import type {VFile} from 'vfile'
import {plural, type Day} from '../model/dates'
import type {Document} from '../model/document'
import type {Config} from '../load/config'
import {dueReviews, dueTable} from '../model/review-state'
import {checkedWhat, count, findings} from './messages'

const summaryWindow = {count: 60, unit: 'day'} as const

export function markdownSummary(files: readonly VFile[], documents: readonly Pick<Document, 'path' | 'meta'>[], config: Config, today: Day, vendorCount?: number): string {
  const found = findings(files)
  const {errors, warnings} = count(found)
  const cell = (text: string) => text.replaceAll('|', '\\|').replace(/\r?\n/g, ' ')
  const lines = ['## Policy check', '']
  if (found.length === 0) lines.push(`${checkedWhat(documents.length, vendorCount)} checked: no problems found.`)
  else {
    lines.push(`${checkedWhat(documents.length, vendorCount)} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`, '')
    lines.push('| Where | Rule | Severity | Message |', '| --- | --- | --- | --- |')
    lines.push(...found.map((finding) => `| \`${finding.file}:${finding.line}:${finding.column}\` | ${finding.rule} | ${finding.severity} | ${cell(finding.message)} |`))
  }
  const due = dueReviews(documents, config, today, summaryWindow)
  lines.push('', '### Reviews due in the next 60 days', '')
  lines.push(...(due.length === 0 ? ['None.'] : dueTable(due)))
  return `${lines.join('\n')}\n`
}
