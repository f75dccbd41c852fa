// `--format json`: one object with counts and every finding, for scripts and dashboards.
import type {VFile} from 'vfile'
import {count, findings} from './messages'

/** `vendors` follows `documents` only when the repository keeps a vendor register. */
export function jsonReport(files: readonly VFile[], documentCount: number, vendorCount?: number): string {
  const found = findings(files)
  return `${JSON.stringify({documents: documentCount, ...(vendorCount === undefined ? {} : {vendors: vendorCount}), ...count(found), findings: found}, null, 2)}\n`
}
