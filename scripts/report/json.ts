// `--format json`: one object with counts and every finding, for scripts and dashboards.
import type {VFile} from 'vfile'
import {count, findings} from './messages'

export function jsonReport(files: readonly VFile[], documentCount: number): string {
  const found = findings(files)
  return `${JSON.stringify({documents: documentCount, ...count(found), findings: found}, null, 2)}\n`
}
