// A recorded review as an edit of each document's front matter: last_reviewed set to the
// review date and, when asked, the version raised; every other byte kept.
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {formatDay, parseDuration, type Day} from '../model/dates'
import type {Document} from '../model/document'
import type {Config} from '../load/config'
import {UserError} from '../model/errors'
import {dueWithin, reviewState} from '../model/review-state'
import {raiseVersion} from '../model/document-version'
import {changedMeanwhile, writeFilesAtomically} from '../write/atomic'
import {editFrontMatter, type FrontMatterEdit} from './front-matter-edit'

/** A review that cannot be recorded as asked; nothing is written. */
class ReviewRefused extends UserError {}

export const bumps = ['patch', 'minor', 'major'] as const
export type Bump = (typeof bumps)[number]

export interface RecordedReview {
  document: Document
  path: string
  oldVersion?: string
  newVersion?: string
  content: string
  /** The file as it was read, so a concurrent edit is noticed rather than overwritten. */
  original: string
}

/** The documents overdue, or due within the config's warn window, as of the review date. */
export function dueOn(documents: readonly Document[], config: Config, date: Day): Document[] {
  const window = parseDuration(config.review.warn_window)!
  // Due as of the review date, so a back-dated review picks what was due then.
  return documents.filter((document) => {
    const state = reviewState(document.meta, config, date)
    return state !== undefined && dueWithin(state, window, date)
  })
}

/** Records the review of every document in one write, or of none. */
export function recordReviews(root: string, documents: readonly Document[], date: Day, bump: Bump | undefined): RecordedReview[] {
  const planned = documents.map((document) => planReview(root, document, date, bump))
  writeFilesAtomically(root, new Map(planned.map((item) => [item.path, item.content])), {expected: new Map(planned.map((item) => [item.path, item.original]))})
  return planned
}

function planReview(root: string, document: Document, date: Day, bump: Bump | undefined): RecordedReview {
  const text = readFileSync(join(root, document.path), 'utf8')
  // The front matter was read a moment ago; a file that differs now was edited meanwhile.
  if (text.replace(/^\uFEFF/, '') !== document.text) throw new ReviewRefused(changedMeanwhile(document.path))
  const edits: FrontMatterEdit[] = [{key: 'last_reviewed', value: formatDay(date)}]
  const {version: oldVersion, effective} = document.meta
  if (effective !== undefined && formatDay(date) < effective) {
    throw new ReviewRefused(`${document.path}: the review date ${formatDay(date)} is before effective ${effective}; pass the date the review took place with --date`)
  }
  let newVersion: string | undefined
  if (bump) {
    if (oldVersion === undefined) throw new ReviewRefused(`${document.path}: no valid version to bump; fix it (charter check shows the problem) and run again`)
    newVersion = raiseVersion(oldVersion, bump)
    edits.push({key: 'version', value: newVersion})
  }
  try {
    return {document, path: document.path, oldVersion, newVersion, content: editFrontMatter(text, edits), original: text}
  } catch (error) {
    throw new ReviewRefused(`${document.path}: ${(error as Error).message}; nothing was written`)
  }
}
