// The flat, sorted view of all messages that the machine-readable reporters share.
import type {VFile} from 'vfile'
import {plural} from '../model/dates'

export interface Finding {
  file: string
  line: number
  column: number
  endLine: number
  endColumn: number
  severity: 'error' | 'warning'
  rule: string
  message: string
}

/** What a check read: `19 documents`, or `19 documents and 200 vendors` when the repository keeps a vendor register. */
export function checkedWhat(documentCount: number, vendorCount?: number): string {
  return vendorCount === undefined ? plural(documentCount, 'document') : `${plural(documentCount, 'document')} and ${plural(vendorCount, 'vendor')}`
}

export function findings(files: readonly VFile[]): Finding[] {
  return files
    .flatMap((file) =>
      file.messages.map((message) => {
        const place = message.place
        const start = place && 'start' in place ? place.start : place
        const end = place && 'end' in place ? place.end : start
        return {
          file: file.path,
          line: start?.line ?? 1,
          column: start?.column ?? 1,
          endLine: end?.line ?? start?.line ?? 1,
          endColumn: end?.column ?? start?.column ?? 1,
          severity: message.fatal ? ('error' as const) : ('warning' as const),
          rule: message.ruleId ?? 'unknown',
          message: message.reason
        }
      })
    )
    .sort((a, b) => compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message))
}

// Code-point order, so output does not depend on the machine's locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

export function count(found: readonly Finding[]): {errors: number; warnings: number} {
  const errors = found.filter((finding) => finding.severity === 'error').length
  return {errors, warnings: found.length - errors}
}
