// The approval audit: every change to a controlled document, its evidence, and for a change
// without any, whether its after-the-fact review happened within the window.
import {addBusinessDays, addDuration, formatDay, parseDay, type Day} from '../dates'
import {trailerEvidence, type Evidence} from './evidence'
import type {FollowUp, Revision} from './log'

export interface AuditWindow {
  count: number
  business: boolean
}

export type AuditStatus = 'approved' | 'reviewed-after' | 'pending' | 'overdue' | 'not-assessed'

export interface AuditEntry {
  revision: Revision
  /** The document's path today (or its last path, when deleted). */
  document: string
  evidence: Evidence[]
  status: AuditStatus
  /** For a change without evidence: the last day its review may happen. */
  reviewBy?: Day
  followUp?: {commit: string; date: string; evidence: Evidence[]}
}

export function parseWindow(text: string): AuditWindow | undefined {
  const match = /^([1-9]\d{0,2})\s+(business\s+)?days?$/i.exec(text.trim())
  return match ? {count: Number(match[1]), business: match[2] !== undefined} : undefined
}

export function auditChanges(
  changes: readonly {document: string; revision: Revision}[],
  followUps: readonly FollowUp[],
  options: {window: AuditWindow; today: Day; gitHub?: ReadonlyMap<string, Evidence[]>}
): AuditEntry[] {
  return changes.map(({document, revision}) => {
    const evidence = [...trailerEvidence(revision), ...(options.gitHub?.get(revision.commit) ?? [])]
    if (evidence.length > 0) return {revision, document, evidence, status: 'approved'}
    const landed = parseDay(revision.date.slice(0, 10))!
    const reviewBy = options.window.business ? addBusinessDays(landed, options.window.count) : addDuration(landed, {count: options.window.count, unit: 'day'})
    const followUp = followUps
      .filter((candidate) => candidate.reviews.some((sha) => revision.commit.startsWith(sha.toLowerCase())))
      .map((candidate) => ({
        commit: candidate.commit,
        date: candidate.date,
        // The reviewer must be someone other than the change's author.
        evidence: trailerEvidence({...revision, trailers: candidate.trailers})
      }))
      .find((candidate) => candidate.evidence.length > 0)
    if (followUp) return {revision, document, evidence, status: 'reviewed-after', reviewBy, followUp}
    if (options.gitHub && !options.gitHub.has(revision.commit)) return {revision, document, evidence, status: 'not-assessed', reviewBy}
    return {revision, document, evidence, status: options.today > reviewBy ? 'overdue' : 'pending', reviewBy}
  })
}

export function reviewByText(entry: AuditEntry): string {
  return entry.reviewBy === undefined ? '' : formatDay(entry.reviewBy)
}
