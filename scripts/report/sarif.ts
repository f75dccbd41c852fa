// `--format sarif`: SARIF 2.1.0 for code scanning, with one rule entry (and its help) per rule id.
import type {VFile} from 'vfile'
import type {RuleMeta, Severity} from '../model/rule-meta'
import {findings} from './messages'

const level = (severity: Severity | 'off') => (severity === 'warn' ? 'warning' : severity === 'off' ? 'none' : 'error')

export function sarifReport(files: readonly VFile[], rules: readonly (RuleMeta & {configured: Severity | 'off'})[], version: string): string {
  const index = new Map(rules.map((rule, position) => [rule.id, position]))
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'charter',
            version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: {text: rule.summary},
              fullDescription: {text: rule.description},
              help: {text: rule.description},
              defaultConfiguration: {level: level(rule.configured)}
            }))
          }
        },
        results: findings(files).map((finding) => ({
          ruleId: finding.rule,
          ...(index.has(finding.rule) ? {ruleIndex: index.get(finding.rule)} : {}),
          level: finding.severity,
          message: {text: finding.message},
          locations: [
            {
              physicalLocation: {
                artifactLocation: {uri: encodeURI(finding.file), uriBaseId: '%SRCROOT%'},
                region: {startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn}
              }
            }
          ]
        }))
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
