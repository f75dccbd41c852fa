// The approval audit: every change to a controlled document, its evidence, and for a change
// without any, whether its after-the-fact review happened within the window.
import {formatDay, parseDay, windowEnd, type Day, type ReviewWindow} from '../model/dates'
import {assessTrailers, type Claim, type Evidence} from './evidence'
import type {FollowUp, Revision} from './log'

export type AuditStatus = 'approved' | 'reviewed-after' | 'pending' | 'overdue' | 'not-assessed'

export interface AuditEntry {
  revision: Revision
  /** The document's path today (or its last path, when deleted). */
  document: string
  evidence: Evidence[]
  /** Trailers that name an approver without proving it (unsigned, self-asserted, off the roster): never counted. */
  claims: Claim[]
  status: AuditStatus
  /** For a change without evidence: the last day its review may happen. */
  reviewBy?: Day
  followUp?: {commit: string; date: string; evidence: Evidence[]}
}

export function auditChanges(
  changes: readonly {document: string; revision: Revision}[],
  followUps: readonly FollowUp[],
  options: {window: ReviewWindow; today: Day; gitHub?: ReadonlyMap<string, Evidence[]>}
): AuditEntry[] {
  return changes.map(({document, revision}) => {
    const trailers = assessTrailers(revision)
    const evidence = [...trailers.evidence, ...(options.gitHub?.get(revision.commit) ?? [])]
    const claims = [...trailers.claims]
    if (evidence.length > 0) return {revision, document, evidence, claims, status: 'approved'}
    const landed = parseDay(revision.date.slice(0, 10))!
    const reviewBy = windowEnd(landed, options.window)
    const reviews = followUps
      .filter((candidate) => candidate.reviews.some((sha) => revision.commit.startsWith(sha.toLowerCase())))
      .map((candidate) => {
        // Judged like the change's own trailers: a roster person other than its author, holding
        // one of its approver roles, who signed the review commit; against the review's base roster.
        const assessed = assessTrailers({authors: revision.authors, approverRoles: revision.approverRoles, trailers: candidate.trailers, roster: candidate.roster, ...(revision.kind ? {kind: revision.kind} : {})}, ` of review ${candidate.commit.slice(0, 7)}`)
        claims.push(...assessed.claims)
        return {commit: candidate.commit, date: candidate.date, evidence: assessed.evidence}
      })
    const followUp = reviews.find((candidate) => candidate.evidence.length > 0)
    if (followUp) return {revision, document, evidence, claims, status: 'reviewed-after', reviewBy, followUp}
    if (options.gitHub && !options.gitHub.has(revision.commit)) return {revision, document, evidence, claims, status: 'not-assessed', reviewBy}
    return {revision, document, evidence, claims, status: options.today > reviewBy ? 'overdue' : 'pending', reviewBy}
  })
}

export function reviewByText(entry: AuditEntry): string {
  return entry.reviewBy === undefined ? '' : formatDay(entry.reviewBy)
}
