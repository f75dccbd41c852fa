// The human format: vfile-reporter's grouped listing, then a one-line summary.
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {plural} from '../model/dates'

export function prettyReport(files: readonly VFile[], documentCount: number, color: boolean): string {
  // Without findings the listing is empty; not asking for it spares vfile-reporter's sort, whose
  // first localeCompare loads the collator, a tenth of a clean check's start.
  if (files.every((file) => file.messages.length === 0)) return `${plural(documentCount, 'document')} checked: no problems found\n`
  const listing = reporter([...files], {quiet: true, color})
  if (listing.trim() === '') return `${plural(documentCount, 'document')} checked: no problems found\n`
  return `${listing}\n`
}
