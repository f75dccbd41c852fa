// The human format: vfile-reporter's grouped listing, then a one-line summary.
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {plural} from '../dates'
import {escapeControls} from './escape'

export function prettyReport(files: readonly VFile[], documentCount: number, color: boolean): string {
  // Escaped before vfile-reporter adds its own colours, which must stay intact.
  for (const file of files) {
    for (const message of file.messages) {
      message.reason = escapeControls(message.reason)
      message.message = message.reason
    }
  }
  const listing = reporter([...files], {quiet: true, color})
  if (listing.trim() === '') return `${plural(documentCount, 'document')} checked: no problems found\n`
  return `${listing}\n`
}
