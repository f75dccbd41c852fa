// Approval evidence from GitHub pull requests, for the revisions that landed through one.
import {ForgeUnavailable, type GitHub} from '../forge/github'
import {pullRequestEvidence, type Evidence} from './evidence'
import type {Revision} from './log'

export interface GitHubEvidence {
  /** Evidence per commit that GitHub was asked about (an empty list: asked, found none). */
  byCommit: Map<string, Evidence[]>
  /** Why GitHub could not be asked about every commit; such commits are missing from byCommit. */
  unavailable?: string
}

interface Pull {
  number: number
  user: {login: string} | null
  merged_by?: {login: string} | null
  merged_at?: string | null
  merge_commit_sha?: string | null
}

interface Review {
  user: {login: string} | null
  state: string
  body: string | null
}

export async function gitHubEvidence(github: GitHub, revisions: readonly Revision[]): Promise<GitHubEvidence> {
  const byCommit = new Map<string, Evidence[]>()
  const commits = new Map(revisions.map((revision) => [revision.commit, revision]))
  try {
    for (const [commit, revision] of commits) {
      const numbers = revision.pr !== undefined ? [revision.pr] : await pullsOf(github, commit)
      const evidence: Evidence[] = []
      for (const number of numbers) {
        const pull = await github.get<Pull>(github.repoPath(`/pulls/${number}`))
        const reviews = await github.getAll<Review>(github.repoPath(`/pulls/${number}/reviews`))
        evidence.push(
          ...pullRequestEvidence({
            number,
            author: pull.user?.login ?? '',
            mergedBy: pull.merged_by?.login,
            reviews: reviews.map((review) => ({login: review.user?.login ?? '', state: review.state, body: review.body ?? ''}))
          })
        )
      }
      byCommit.set(commit, evidence)
    }
    return {byCommit}
  } catch (error) {
    if (error instanceof ForgeUnavailable) return {byCommit, unavailable: error.message}
    throw error
  }
}

/** The merged pull requests a commit landed through (a direct push has none). */
async function pullsOf(github: GitHub, commit: string): Promise<number[]> {
  const pulls = await github.getAll<Pull>(github.repoPath(`/commits/${commit}/pulls`))
  const merged = pulls.filter((pull) => pull.merged_at)
  const exact = merged.filter((pull) => pull.merge_commit_sha === commit)
  return (exact.length > 0 ? exact : merged).map((pull) => pull.number)
}
