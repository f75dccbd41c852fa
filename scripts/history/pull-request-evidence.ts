// Approval evidence from GitHub pull requests, for the revisions that landed through one. Which
// pull request a commit belongs to is GitHub's word (the commit's pull-request association),
// never a number in the commit's subject, which anyone pushing directly can write.
import {ForgeUnavailable, numberField, objectField, stringField, UnexpectedShape, type GitHub, type Shape} from '../forge/github-client'
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

/** A GitHub login: letters, digits, hyphens (and an enterprise's `_shortcode`); an app's ends in `[bot]`. */
const loginPattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}(?:\[bot\])?$/

function login(value: unknown, name: string): string {
  const text = stringField(objectField(value, name).login, `${name}.login`)
  if (!loginPattern.test(text)) throw new UnexpectedShape(`${name}.login ${JSON.stringify(text)} is not a GitHub login`)
  return text
}

const pullShape: Shape<Pull> = (value) => {
  const pull = objectField(value, 'the pull request')
  const number = numberField(pull.number, 'number')
  const mergedAt = stringField(pull.merged_at, 'merged_at', 'nullable')
  const mergeCommit = stringField(pull.merge_commit_sha, 'merge_commit_sha', 'nullable')
  return {
    number,
    author: login(pull.user, 'user'),
    ...(pull.merged_by === null || pull.merged_by === undefined ? {} : {mergedBy: login(pull.merged_by, 'merged_by')}),
    merged: mergedAt !== undefined && mergedAt !== '',
    ...(mergeCommit === undefined ? {} : {mergeCommit})
  }
}

const reviewShape: Shape<Review> = (value) => {
  const review = objectField(value, 'the review')
  const state = stringField(review.state, 'state')
  const body = stringField(review.body, 'body', 'nullable') ?? ''
  return {login: login(review.user, 'user'), state, body}
}
