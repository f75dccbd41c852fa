// The human format: vfile-reporter's grouped listing, then a one-line summary.
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {plural} from '../model/dates'

export function prettyReport(files: readonly VFile[], documentCount: number, color: boolean): string {
  const listing = reporter([...files], {quiet: true, color})
  if (listing.trim() === '') return `${plural(documentCount, 'document')} checked: no problems found\n`
  return `${listing}\n`
}
