// What a revision says it changed, in words for the people who read the revision table and the
// changelog: its `Change:` trailer, else its pull request's title, else its commit subject. Each
// comes from whoever wrote the change, so it is cut to one short line of plain text.
import type {Revision} from './log'

/** The longest summary shown, in characters; a longer one is cut with an ellipsis. */
export const maxSummaryLength = 160

/** The trailer key (any case, as git reads trailer keys) that gives a revision's summary. */
export const changeTrailerKey = 'Change'

export interface RevisionSummary {
  text: string
  from: 'trailer' | 'pull request' | 'subject'
}

// Line breaks and other controls become spaces; bidirectional marks and overrides, zero-width
// characters and the byte order mark are dropped, so a summary can't reorder or hide its words.
const controls = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const invisible = /[\u200b-\u200f\u202a-\u202e\u2060-\u2069\u061c\ufeff]/g

/** One line of plain text: controls and invisible marks gone, spaces collapsed, at most maxSummaryLength characters. */
export function summaryLine(text: string): string {
  const line = text.replace(invisible, '').replace(controls, ' ').replace(/\s+/g, ' ').trim()
  const characters = Array.from(line)
  return characters.length <= maxSummaryLength ? line : `${characters.slice(0, maxSummaryLength - 1).join('').trimEnd()}…`
}

/**
 * The first `Change:` trailer with words in it: the landed commit's own first, then for a merge
 * those of its branch, newest first (the order Revision.trailers keeps). Any later one is ignored.
 */
export function changeTrailer(revision: Pick<Revision, 'trailers'>): string | undefined {
  for (const trailer of revision.trailers) {
    if (trailer.key.toLowerCase() !== changeTrailerKey.toLowerCase()) continue
    const line = summaryLine(trailer.value)
    if (line !== '') return line
  }
  return undefined
}

/** The summary a revision shows; `pullTitle` is its pull request's title, when GitHub was asked. */
export function revisionSummary(revision: Pick<Revision, 'trailers' | 'subject'>, pullTitle?: string): RevisionSummary {
  const trailer = changeTrailer(revision)
  if (trailer !== undefined) return {text: trailer, from: 'trailer'}
  const title = pullTitle === undefined ? '' : summaryLine(pullTitle)
  if (title !== '') return {text: title, from: 'pull request'}
  return {text: summaryLine(revision.subject), from: 'subject'}
}
