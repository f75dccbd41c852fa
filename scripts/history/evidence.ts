// Approval evidence for a revision: from commit trailers (git alone) and, when asked, from the
// pull request on GitHub. Someone approving their own change is never evidence.
import type {Person, Revision} from './log'

export interface Evidence {
  kind: 'approved' | 'reviewed' | 'merged'
  /** A name and email from a trailer, or a GitHub login. */
  by: string
  source: 'trailer' | 'github'
  /** Where it was found, e.g. `Approved-by trailer` or `PR #42 review`. */
  detail: string
}

const trailerKinds: Record<string, Evidence['kind']> = {'approved-by': 'approved', 'reviewed-by': 'reviewed'}

export function trailerEvidence(revision: Revision): Evidence[] {
  return revision.trailers.flatMap((trailer): Evidence[] => {
    const kind = trailerKinds[trailer.key.toLowerCase()]
    if (!kind || trailer.value === '' || isSamePerson(trailer.value, revision.author)) return []
    return [{kind, by: trailer.value, source: 'trailer', detail: `${trailer.key} trailer`}]
  })
}

/** `Name <email>` (or a bare name or email) against a commit author. */
function isSamePerson(value: string, person: Person): boolean {
  const email = /<([^>]+)>/.exec(value)?.[1] ?? (value.includes('@') ? value : undefined)
  if (email !== undefined) return email.trim().toLowerCase() === person.email.toLowerCase()
  return value.trim().toLowerCase() === person.name.toLowerCase()
}

export interface PullRequestFacts {
  number: number
  author: string
  mergedBy?: string
  reviews: {login: string; state: string; body: string}[]
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
    evidence.push({kind: 'approved', by: review.login, source: 'github', detail: `PR #${pull.number} ${review.state === 'APPROVED' ? 'approval' : 'LGTM review'}`})
  }
  if (pull.mergedBy && pull.mergedBy !== pull.author && !seen.has(pull.mergedBy)) {
    evidence.push({kind: 'merged', by: pull.mergedBy, source: 'github', detail: `PR #${pull.number} merged by someone other than its author`})
  }
  return evidence
}

export function describeEvidence(evidence: readonly Evidence[]): string {
  if (evidence.length === 0) return 'none'
  return evidence.map((entry) => `${entry.kind} by ${entry.by} (${entry.detail})`).join('; ')
}
