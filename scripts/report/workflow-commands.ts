// `--format github`: GitHub Actions workflow commands, shown as annotations on the pull request.
import type {VFile} from 'vfile'
import {plural} from '../model/dates'
import {checkedWhat, count, findings} from './messages'

// https://docs.github.com/actions/reference/workflow-commands-for-github-actions
const escapeData = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
const escapeProperty = (text: string) => escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')

export function githubReport(files: readonly VFile[], documentCount: number, vendorCount?: number): string {
  const found = findings(files)
  const lines = found.map((finding) => {
    const properties = [
      `file=${escapeProperty(finding.file)}`,
      `line=${finding.line}`,
      `col=${finding.column}`,
      `endLine=${finding.endLine}`,
      `endColumn=${finding.endColumn}`,
      `title=${escapeProperty(finding.rule)}`
    ].join(',')
    return `::${finding.severity} ${properties}::${escapeData(finding.message)}`
  })
  const {errors, warnings} = count(found)
  lines.push(`charter: ${checkedWhat(documentCount, vendorCount)} checked, ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`)
  return `${lines.join('\n')}\n`
}
