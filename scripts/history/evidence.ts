// Approval evidence for a revision: from commit trailers (git alone) and, when asked, from the
// pull request on GitHub. A trailer is evidence only when a different person on the roster who
// holds an approver role for the document signed the commit carrying it; any other trailer is a
// claim, shown as such and never counted. Someone approving their own change is never evidence.
import {printable} from '../model/printable-text'
import {emailIn, personNamed, type Roster, type RosterPerson} from '../load/people'
import type {Person, Trailer} from './log'

export interface Evidence {
  kind: 'approved' | 'reviewed' | 'merged'
  /** A roster person's name and email, or a GitHub login. */
  by: string
  source: 'trailer' | 'github'
  /** Where it was found, e.g. `Approved-by trailer, signed` or `PR #42 review`. */
  detail: string
  /** When it was given, ISO 8601: the signed commit's date, or the review's or merge's on GitHub. */
  date?: string
  /** For a trailer: the signed commit that carries it. */
  commit?: string
  /** Where a reader can see it: the review or pull request on GitHub (https only). */
  href?: string
  /** For GitHub evidence: the login, so the page can find the person on the roster. */
  login?: string
}

/** A trailer that names an approver but does not prove the approval. */
export interface Claim {
  kind: 'approved' | 'reviewed'
  /** The trailer's value, control characters escaped. */
  by: string
  source: 'trailer'
  detail: string
  /** Why it is not evidence, e.g. `commit not signed`. */
  reason: string
}

/** What a change's trailers are judged against: who wrote it, who may approve it, and the trusted roster. */
export interface TrailerFacts {
  trailers: readonly Trailer[]
  authors: readonly Person[]
  approverRoles: readonly string[]
  /** The roster on the base the change landed on. */
  roster?: Roster
  /** A change to a vendor file, which messages name as such. */
  kind?: 'vendor'
}

const trailerKinds: Record<string, Evidence['kind'] & Claim['kind']> = {'approved-by': 'approved', 'reviewed-by': 'reviewed'}

/** The trailer keys (lowercase) that approve a change. */
export const approvalTrailers: ReadonlySet<string> = new Set(Object.keys(trailerKinds))

export function assessTrailers(facts: TrailerFacts, where = ''): {evidence: Evidence[]; claims: Claim[]} {
  const evidence: Evidence[] = []
  const claims: Claim[] = []
  const counted = new Set<RosterPerson>()
  for (const trailer of facts.trailers) {
    const kind = trailerKinds[trailer.key.toLowerCase()]
    if (!kind || trailer.value === '') continue
    const detail = `${trailer.key} trailer${where}`
    const person = personNamed(facts.roster, trailer.value)
    const reason = doubt(facts, trailer, person)
    if (reason !== undefined) {
      claims.push({kind, by: printable(trailer.value), source: 'trailer', detail, reason})
      continue
    }
    if (counted.has(person!)) continue
    counted.add(person!)
    const email = emailIn(trailer.value)?.toLowerCase()
    evidence.push({
      kind,
      by: `${person!.name} <${person!.emails.find((candidate) => candidate.toLowerCase() === email) ?? person!.emails[0]}>`,
      source: 'trailer',
      detail: `${detail}, signed`,
      commit: trailer.commit,
      ...(trailer.date ? {date: trailer.date} : {})
    })
  }
  return {evidence, claims}
}

/** Why a trailer does not prove approval, or undefined when it does. */
function doubt(facts: TrailerFacts, trailer: Trailer, person: RosterPerson | undefined): string | undefined {
  if (!facts.roster) return 'no roster (people.yaml) on the base it landed on'
  if (!person) return 'not on the roster'
  if (facts.authors.some((author) => isPerson(person, author))) return "names the change's author"
  if (!person.roles.some((role) => facts.approverRoles.includes(role))) {
    const what = facts.kind === 'vendor' ? 'vendor' : 'document'
    return facts.approverRoles.length === 0 ? `no approver role is set for this ${what}` : `${person.name} holds no approver role for this ${what} (${facts.approverRoles.join(', ')})`
  }
  return signatureDoubt(person, trailer.signature)
}

/**
 * Why a commit's signature does not prove it is `person`'s, or undefined when it does: the one
 * judgement approvals and acknowledgements share.
 */
export function signatureDoubt(person: RosterPerson, signature: Trailer['signature']): string | undefined {
  if (person.signingKeys.length === 0 && person.gpgKeys.length === 0) return `no signing key for ${person.name} on the roster`
  if (!signature || signature.status === 'N') return 'commit not signed'
  if (signature.status === 'B') return 'bad signature'
  // An OpenPGP signature by a key gpg imported from the roster is good with "unknown validity"
  // (U): the temporary keyring holds nothing else. For SSH, U means a key off the roster.
  const openPgp = /^[0-9A-F]{40,64}$/i.test(signature.fingerprint ?? '')
  const good = signature.status === 'G' || (openPgp && signature.status === 'U')
  // OpenPGP fingerprints are hex in either case; SSH ones (`SHA256:` base64) are compared exactly.
  const normal = (key: string) => (/^[0-9A-F]+$/i.test(key) ? key.toUpperCase() : key)
  const keys = [...person.signingKeys.map((key) => key.fingerprint), ...(person.gpgFingerprints ?? [])].map(normal)
  const signedBy = [signature.fingerprint, signature.primary].filter((key): key is string => key !== undefined).map(normal)
  if (!good || !signedBy.some((key) => keys.includes(key))) return `signed by a key that is not ${person.name}'s`
  return undefined
}

/** A commit author is a roster person when they commit with one of its emails, or under its name. */
function isPerson(person: RosterPerson, author: Person): boolean {
  const email = author.email.toLowerCase()
  return person.emails.some((candidate) => candidate.toLowerCase() === email) || person.name.toLowerCase() === author.name.trim().toLowerCase()
}


export interface PullRequestFacts {
  number: number
  author: string
  mergedBy?: string
  mergedAt?: string
  href?: string
  reviews: {login: string; state: string; body: string; submittedAt?: string; href?: string}[]
}

/** The GitHub rules: an approval by someone else, an LGTM, or a merge by someone other than the author. */
export function pullRequestEvidence(pull: PullRequestFacts): Evidence[] {
  const evidence: Evidence[] = []
  const seen = new Set<string>()
  for (const review of pull.reviews) {
    if (review.login === pull.author) continue
    const approves = review.state === 'APPROVED' || /\bLGTM\b/i.test(review.body)
    if (!approves || seen.has(review.login)) continue
    seen.add(review.login)
    const when = review.submittedAt ? {date: review.submittedAt} : {}
    const href = review.href ?? pull.href
    evidence.push({kind: 'approved', by: review.login, source: 'github', detail: `PR #${pull.number} ${review.state === 'APPROVED' ? 'approval' : 'LGTM review'}`, login: review.login, ...when, ...(href ? {href} : {})})
  }
  if (pull.mergedBy && pull.mergedBy !== pull.author && !seen.has(pull.mergedBy)) {
    const when = pull.mergedAt ? {date: pull.mergedAt} : {}
    evidence.push({kind: 'merged', by: pull.mergedBy, source: 'github', detail: `PR #${pull.number} merged by someone other than its author`, login: pull.mergedBy, ...when, ...(pull.href ? {href: pull.href} : {})})
  }
  return evidence
}

export function describeEvidence(evidence: readonly Evidence[]): string {
  if (evidence.length === 0) return 'none'
  return evidence.map((entry) => `${entry.kind} by ${entry.by} (${entry.detail})`).join('; ')
}

export function describeClaims(claims: readonly Claim[]): string {
  return claims.map((claim) => `claimed, not verified: ${claim.kind} by ${claim.by} (${claim.detail}: ${claim.reason})`).join('; ')
}

/** Evidence, then claims: `none; claimed, not verified: …` when only claims. */
export function describeApproval(approval: {evidence: readonly Evidence[]; claims: readonly Claim[]}): string {
  return [describeEvidence(approval.evidence), ...(approval.claims.length > 0 ? [describeClaims(approval.claims)] : [])].join('; ')
}
