// The revision record as the bundle shows it to people: each revision's summary, who wrote it
// and who approved it, when and where the evidence is. Names are shown to the internal audience,
// and to the public one only with `publish.show_authors`; otherwise the roster's roles stand in.
import type {Config} from '../model/config-shape'
import {assessTrailers, describeApproval, type Evidence} from '../history/evidence'
import type {Revision} from '../history/log'
import type {GitHubEvidence} from '../history/pull-request-evidence'
import {revisionSummary, summaryLine} from '../history/revision-summary'
import {personByEmail, personNamed, type Roster, type RosterPerson} from '../load/people'
import {scrubWithheld, type Audience} from './audience-documents'

/** How people are named: by name, or by their roles on the roster. */
export type PeopleShown = 'names' | 'roles'

/** Shown for an author the roster does not list (or lists without a role), when roles are shown. */
export const unknownAuthor = 'Contributor'
/** Shown for an approver the roster does not list, when roles are shown: "Approved by a reviewer". */
export const unknownApprover = 'a reviewer'

export interface RecordOptions {
  audience: Audience
  /** With `--github`: the pull requests' approvals and titles. */
  github?: GitHubEvidence
}

/** One piece of approval evidence as a page shows it: its words, and a link where GitHub gave one. */
export interface ApprovalShown {
  text: string
  /** YYYY-MM-DD */
  date?: string
  href?: string
}

export interface RevisionRecord {
  commit: string
  /** YYYY-MM-DD */
  date: string
  /** The `Change:` trailer, the pull request's title or the commit subject; withheld documents' names replaced. */
  summary: string
  author: string
  approvals: ApprovalShown[]
  /** The approval as one line: the evidence, or why there is none. */
  approval: string
}

export function peopleShown(config: Pick<Config, 'publish'>, audience: Audience): PeopleShown {
  return audience === 'internal' || config.publish.show_authors ? 'names' : 'roles'
}

/** What the bundle shows of one revision. */
export function revisionRecord(revision: Revision, withheld: readonly string[], shown: PeopleShown, options: RecordOptions): RevisionRecord {
  const summary = revisionSummary(revision, options.github?.titles.get(revision.commit)).text
  const assessed = assessTrailers(revision)
  const fromGitHub = options.github?.byCommit.get(revision.commit)
  const evidence = [...assessed.evidence, ...(fromGitHub ?? [])]
  const approvals = dedupe(evidence.map((entry) => approvalShown(entry, revision, shown)))
  const unassessed = options.github !== undefined && fromGitHub === undefined && !revision.beforeCharter
  return {
    commit: revision.commit,
    date: revision.date.slice(0, 10),
    summary: scrubWithheld(summary, withheld),
    author: scrubWithheld(authorShown(revision, shown), withheld),
    approvals,
    approval: approvals.length > 0 ? approvals.map((entry) => entry.text).join('; ') : withoutEvidence(assessed, options.audience, unassessed)
  }
}

/** The author: their roster name (or git's name) when names are shown, else their roles. */
function authorShown(revision: Revision, shown: PeopleShown): string {
  const person = personByEmail(revision.people, revision.author.email)
  // A git author name is whatever the committer typed: one plain line, like a summary.
  if (shown === 'names') return summaryLine(person?.name ?? revision.author.name)
  return rolesOf(person, []) ?? unknownAuthor
}

const verbs: Record<Evidence['kind'], string> = {approved: 'Approved', reviewed: 'Reviewed', merged: 'Merged'}

function approvalShown(evidence: Evidence, revision: Revision, shown: PeopleShown): ApprovalShown {
  const person = evidence.source === 'trailer' ? personNamed(revision.roster ?? revision.people, evidence.by) : personOnGitHub(revision.people ?? revision.roster, evidence.login)
  const who =
    shown === 'names'
      ? (person?.name ?? (evidence.source === 'github' ? `@${evidence.by}` : evidence.by))
      : (rolesOf(person, revision.approverRoles) ?? unknownApprover)
  const date = evidence.date?.slice(0, 10)
  const where = evidence.source === 'trailer' ? `signed commit ${evidence.commit?.slice(0, 7) ?? ''}`.trim() : evidence.detail
  return {text: `${verbs[evidence.kind]} by ${who}${date ? ` on ${date}` : ''} (${where})`, ...(date ? {date} : {}), ...(evidence.href ? {href: evidence.href} : {})}
}

/** The roles that approve this document when the person holds any, else all their roles; undefined for none. */
function rolesOf(person: RosterPerson | undefined, approverRoles: readonly string[]): string | undefined {
  if (!person || person.roles.length === 0) return undefined
  const approving = person.roles.filter((role) => approverRoles.includes(role))
  return (approving.length > 0 ? approving : person.roles).join(', ')
}

function personOnGitHub(roster: Roster | undefined, login: string | undefined): RosterPerson | undefined {
  if (login === undefined) return undefined
  const wanted = login.toLowerCase()
  return roster?.people.find((person) => person.github?.replace(/^@/, '').toLowerCase() === wanted)
}

/**
 * No evidence: the internal edition says why, with any unverified claims, as `charter history`
 * does; the public one says only that none was verified, never repeating a claim.
 */
function withoutEvidence(assessed: ReturnType<typeof assessTrailers>, audience: Audience, unassessed: boolean): string {
  if (unassessed) return audience === 'internal' ? 'not assessed (GitHub unavailable)' : 'Not assessed'
  if (audience === 'public') return 'No verified approval'
  return describeApproval(assessed)
}

function dedupe(entries: ApprovalShown[]): ApprovalShown[] {
  const seen = new Set<string>()
  return entries.filter((entry) => !seen.has(entry.text) && seen.add(entry.text))
}
