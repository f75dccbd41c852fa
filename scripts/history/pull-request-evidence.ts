// Approval evidence from GitHub pull requests, for the revisions that landed through one. Which
// pull request a commit belongs to is GitHub's word (the commit's pull-request association),
// never a number in the commit's subject, which anyone pushing directly can write.
import {ForgeUnavailable, numberField, objectField, stringField, UnexpectedShape, type GitHub, type Shape} from '../forge/github-client'
import {pullRequestEvidence, type Evidence} from './evidence'
import type {Revision} from './log'

export interface GitHubEvidence {
  /** Evidence per commit that GitHub was asked about (an empty list: asked, found none). */
  byCommit: Map<string, Evidence[]>
  /** The title of the pull request each commit landed through, as its summary when it has no `Change:` trailer. */
  titles: Map<string, string>
  /** Why GitHub could not be asked about every commit; such commits are missing from byCommit. */
  unavailable?: string
}

interface Pull {
  number: number
  title: string
  author: string
  mergedBy?: string
  merged: boolean
  mergedAt?: string
  mergeCommit?: string
  href?: string
}

interface Review {
  login: string
  state: string
  body: string
  submittedAt?: string
  href?: string
}

export async function gitHubEvidence(github: GitHub, revisions: readonly Revision[]): Promise<GitHubEvidence> {
  const byCommit = new Map<string, Evidence[]>()
  const titles = new Map<string, string>()
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
        evidence.push(...pullRequestEvidence({number, author: pull.author, mergedBy: pull.mergedBy, mergedAt: pull.mergedAt, href: pull.href, reviews}))
        // A commit that landed through two pull requests takes the first one's title.
        if (!titles.has(commit)) titles.set(commit, pull.title)
      }
      byCommit.set(commit, evidence)
    }
    return {byCommit, titles}
  } catch (error) {
    if (error instanceof ForgeUnavailable) return {byCommit, titles, unavailable: error.message}
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
  const href = webAddress(pull.html_url)
  return {
    number,
    // The title is shown as a revision's summary (cut to one line there); GitHub's own limit is 256 characters.
    title: (stringField(pull.title, 'title', 'nullable') ?? '').slice(0, 1024),
    author: login(pull.user, 'user'),
    ...(pull.merged_by === null || pull.merged_by === undefined ? {} : {mergedBy: login(pull.merged_by, 'merged_by')}),
    merged: mergedAt !== undefined && mergedAt !== '',
    ...(mergedAt !== undefined && isTimestamp(mergedAt) ? {mergedAt} : {}),
    ...(mergeCommit === undefined ? {} : {mergeCommit}),
    ...(href ? {href} : {})
  }
}

const reviewShape: Shape<Review> = (value) => {
  const review = objectField(value, 'the review')
  const state = stringField(review.state, 'state')
  const body = stringField(review.body, 'body', 'nullable') ?? ''
  const submittedAt = stringField(review.submitted_at, 'submitted_at', 'nullable')
  const href = webAddress(review.html_url)
  return {login: login(review.user, 'user'), state, body, ...(submittedAt !== undefined && isTimestamp(submittedAt) ? {submittedAt} : {}), ...(href ? {href} : {})}
}

/** A timestamp as GitHub writes them (`2026-03-01T11:00:00Z`); anything else is left out rather than shown. */
function isTimestamp(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text))
}

/** A page on GitHub a reader may follow: an https address of printable characters, else none (never a `javascript:` link). */
function webAddress(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500 || !/^https:\/\/[!-~]+$/.test(value) || !URL.canParse(value)) return undefined
  return new URL(value).href
}
