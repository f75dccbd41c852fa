// Approval evidence from GitHub pull requests, for the revisions that landed through one. Which
// pull request a commit belongs to is GitHub's word (the commit's pull-request association),
// never a number in the commit's subject, which anyone pushing directly can write.
import {describe, ForgeUnavailable, UnexpectedShape, type GitHub, type Shape} from '../forge/github'
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
  author: string
  mergedBy?: string
  merged: boolean
  mergeCommit?: string
}

interface Review {
  login: string
  state: string
  body: string
}

export async function gitHubEvidence(github: GitHub, revisions: readonly Revision[]): Promise<GitHubEvidence> {
  const byCommit = new Map<string, Evidence[]>()
  const commits = new Set(revisions.map((revision) => revision.commit))
  try {
    for (const commit of commits) {
      const evidence: Evidence[] = []
      for (const number of await pullsOf(github, commit)) {
        const pull = await github.get(github.repoPath(`/pulls/${number}`), {shape: pullShape})
        // The pull request itself must say it is the one asked for, and merged.
        if (pull.number !== number) throw new ForgeUnavailable(`GitHub answered GET ${github.repoPath(`/pulls/${number}`)} with pull request #${pull.number}`)
        if (!pull.merged) throw new ForgeUnavailable(`GitHub lists #${number} as merged with ${commit}, but its GET ${github.repoPath(`/pulls/${number}`)} says it is not merged`)
        const reviews = await github.getAll(github.repoPath(`/pulls/${number}/reviews`), {shape: reviewShape})
        evidence.push(...pullRequestEvidence({number, author: pull.author, mergedBy: pull.mergedBy, reviews}))
      }
      byCommit.set(commit, evidence)
    }
    return {byCommit}
  } catch (error) {
    if (error instanceof ForgeUnavailable) return {byCommit, unavailable: error.message}
    throw error
  }
}

/** The merged pull requests GitHub says a commit landed through (a direct push has none). */
async function pullsOf(github: GitHub, commit: string): Promise<number[]> {
  const pulls = await github.getAll(github.repoPath(`/commits/${commit}/pulls`), {shape: pullShape})
  const merged = pulls.filter((pull) => pull.merged)
  const exact = merged.filter((pull) => pull.mergeCommit === commit)
  return [...new Set((exact.length > 0 ? exact : merged).map((pull) => pull.number))]
}

// The shapes of the answers, as GitHub documents them; anything else is reported, not guessed at.

function object(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UnexpectedShape(`${name} is ${describe(value)}, expected an object`)
  return value as Record<string, unknown>
}

/** A GitHub login: letters, digits, hyphens (and an enterprise's `_shortcode`); an app's ends in `[bot]`. */
const loginPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\[bot\])?$/

function login(value: unknown, name: string): string {
  const user = object(value, name)
  if (typeof user.login !== 'string') throw new UnexpectedShape(`${name}.login is ${describe(user.login)}, expected a string`)
  if (!loginPattern.test(user.login)) throw new UnexpectedShape(`${name}.login ${JSON.stringify(user.login)} is not a GitHub login`)
  return user.login
}

const pullShape: Shape<Pull> = (value) => {
  const pull = object(value, 'the pull request')
  if (typeof pull.number !== 'number' || !Number.isSafeInteger(pull.number) || pull.number < 1) {
    throw new UnexpectedShape(`number is ${typeof pull.number === 'number' ? pull.number : describe(pull.number)}, expected a positive whole number`)
  }
  if (pull.merged_at !== null && pull.merged_at !== undefined && typeof pull.merged_at !== 'string') throw new UnexpectedShape(`merged_at is ${describe(pull.merged_at)}, expected a date or null`)
  if (pull.merge_commit_sha !== null && pull.merge_commit_sha !== undefined && typeof pull.merge_commit_sha !== 'string') {
    throw new UnexpectedShape(`merge_commit_sha is ${describe(pull.merge_commit_sha)}, expected a commit id or null`)
  }
  return {
    number: pull.number,
    author: login(pull.user, 'user'),
    ...(pull.merged_by === null || pull.merged_by === undefined ? {} : {mergedBy: login(pull.merged_by, 'merged_by')}),
    merged: typeof pull.merged_at === 'string' && pull.merged_at !== '',
    ...(typeof pull.merge_commit_sha === 'string' ? {mergeCommit: pull.merge_commit_sha} : {})
  }
}

const reviewShape: Shape<Review> = (value) => {
  const review = object(value, 'the review')
  if (typeof review.state !== 'string') throw new UnexpectedShape(`state is ${describe(review.state)}, expected a string`)
  if (review.body !== null && review.body !== undefined && typeof review.body !== 'string') throw new UnexpectedShape(`body is ${describe(review.body)}, expected a string or null`)
  return {login: login(review.user, 'user'), state: review.state, body: typeof review.body === 'string' ? review.body : ''}
}
