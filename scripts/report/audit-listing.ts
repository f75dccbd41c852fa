// `charter audit`'s listing: every change to a controlled document, newest first, with its
// approval evidence or the state of its after-the-fact review.
import {formatDay, plural, type Day} from '../model/dates'
import {reviewByText, type AuditEntry} from '../history/approval-audit'
import type {AdoptionScope} from '../history/branch-audit'
import {describeClaims, describeEvidence} from '../history/evidence'
import {personByEmail} from '../load/people'
import {registerText} from './history-listing'
import {jsonText, tableCell, type Printers} from './listing'

export interface AuditListing {
  entries: readonly AuditEntry[]
  since?: string
  /** The review window as the user wrote it, e.g. "2 business days". */
  window: string
  today: Day
  /** Why GitHub could not answer, when it was asked. */
  unavailable?: string
  /** With --open-issues: the follow-up issue of each change that has one. */
  issues?: ReadonlyMap<AuditEntry, string>
  /** The adoption commit, when the config names one. */
  adoption?: AdoptionScope
}

const short = (commit: string) => commit.slice(0, 7)
const day = (date: string) => date.slice(0, 10)

function statusText(entry: AuditEntry, window: string): string {
  const status = entry.claims.length > 0 ? `${verdict(entry, window)}; ${describeClaims(entry.claims)}` : verdict(entry, window)
  // A vendor change says what it did to the register, so its approval can be weighed.
  return entry.revision.kind === 'vendor' ? `${status} [${registerText(entry.revision)}]` : status
}

/** Documents only, as before the register; vendor files named once one is listed. */
const subject = (entries: readonly AuditEntry[]) => (entries.some((entry) => entry.revision.kind === 'vendor') ? 'controlled documents and vendor files' : 'controlled documents')

function verdict(entry: AuditEntry, window: string): string {
  switch (entry.status) {
    case 'approved':
      return describeEvidence(entry.evidence)
    case 'reviewed-after':
      return `reviewed after the fact in ${short(entry.followUp!.commit)} on ${day(entry.followUp!.date)}: ${describeEvidence(entry.followUp!.evidence)}`
    case 'pending':
      return `no approval evidence; review it by ${reviewByText(entry)} (${window})`
    case 'overdue':
      return `OVERDUE: no approval evidence, and no review by ${reviewByText(entry)} (${window})`
    case 'not-assessed':
      return 'not assessed: GitHub was unavailable'
  }
}

function counts(entries: readonly AuditEntry[]): string {
  const of = (status: AuditEntry['status']) => entries.filter((entry) => entry.status === status).length
  const parts = [
    `${of('approved')} approved`,
    `${of('reviewed-after')} reviewed after the fact`,
    `${of('pending')} waiting for review`,
    `${of('overdue')} overdue`,
    ...(of('not-assessed') > 0 ? [`${of('not-assessed')} not assessed`] : [])
  ]
  return `${plural(entries.length, 'change')}: ${parts.join(', ')}`
}

/**
 * The line saying what happened to the changes before the adoption commit, when the listing's
 * start reaches back past it; undefined otherwise.
 */
function adoptionLine({adoption, since}: Pick<AuditListing, 'adoption' | 'since'>): string | undefined {
  if (!adoption || (since !== undefined && since > day(adoption.date))) return undefined
  const commit = `the adoption commit ${short(adoption.commit)} (${day(adoption.date)})`
  return adoption.earlierChanges === 'included'
    ? `Changes before ${commit} are included, as --since ${since} asks.`
    : `Changes before ${commit} are out of scope; pass --since to include them.`
}

function text({entries, window, since, adoption}: AuditListing): string {
  const heading = `Changes to ${subject(entries)}${since ? ` since ${since}` : ''}, newest first. ${counts(entries)}.`
  const scope = adoptionLine({adoption, since})
  const width = Math.max(0, ...entries.map((entry) => entry.document.length))
  return `${[heading, ...(scope ? [scope] : []), ...entries.map((entry) => `  ${day(entry.revision.date)}  ${short(entry.revision.commit)}  ${entry.document.padEnd(width)}  ${statusText(entry, window)}`)].join('\n')}\n`
}

function json({entries, since, window, today, unavailable, issues, adoption}: AuditListing): string {
  return jsonText({
    since: since ?? null,
    adoption: adoption ? {commit: adoption.commit, date: adoption.date, earlier_changes: adoption.earlierChanges} : null,
    window,
    today: formatDay(today),
    github_unavailable: unavailable ?? null,
    changes: entries.map((entry) => ({
      commit: entry.revision.commit,
      date: entry.revision.date,
      document: entry.document,
      path: entry.revision.path,
      change: entry.revision.change,
      subject: entry.revision.subject,
      author: entry.revision.author,
      // The trusted roster once the change landed, never the work tree's.
      person: personByEmail(entry.revision.people, entry.revision.author.email)?.name ?? null,
      pr: entry.revision.pr ?? null,
      status: entry.status,
      evidence: entry.evidence,
      claims: entry.claims,
      review_by: entry.reviewBy === undefined ? null : reviewByText(entry),
      follow_up: entry.followUp ?? null,
      issue: issues?.get(entry) ?? null,
      ...(entry.revision.kind === 'vendor'
        ? {vendor: {register_changes: entry.revision.vendorChange?.changes ?? [], material: entry.revision.vendorChange?.material ?? false, approver_roles: entry.revision.approverRoles}}
        : {})
    }))
  })
}

function markdown({entries, window, since, adoption}: AuditListing): string {
  const scope = adoptionLine({adoption, since})
  return `${[
    `### Approval audit`,
    '',
    `${counts(entries)}.`,
    '',
    ...(scope ? [scope, ''] : []),
    '| Date | Commit | Document | Change | Status |',
    '| --- | --- | --- | --- | --- |',
    ...entries.map(
      (entry) =>
        `| ${day(entry.revision.date)} | \`${short(entry.revision.commit)}\` | ${tableCell(entry.document)} | ${tableCell(entry.revision.subject)} | ${tableCell(statusText(entry, window))} |`
    )
  ].join('\n')}\n`
}

export const auditPrinters: Printers<AuditListing> = {text, json, markdown}
