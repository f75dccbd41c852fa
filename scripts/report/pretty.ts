// The human format: vfile-reporter's grouped listing, then a one-line summary.
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {checkedWhat} from './messages'

/** `vendorCount`: the vendor files checked, when the repository keeps a register. */
export function prettyReport(files: readonly VFile[], documentCount: number, color: boolean, vendorCount?: number): string {
  // Without findings the listing is empty; not asking for it spares vfile-reporter's sort, whose
  // first localeCompare loads the collator, a tenth of a clean check's start.
  if (files.every((file) => file.messages.length === 0)) return `${checkedWhat(documentCount, vendorCount)} checked: no problems found\n`
  const listing = reporter([...files], {quiet: true, color})
  if (listing.trim() === '') return `${checkedWhat(documentCount, vendorCount)} checked: no problems found\n`
  return `${listing}\n`
}
