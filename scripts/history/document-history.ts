// Each document's revisions from git with their approval evidence: the trailers' verdict, and
// with a GitHub client the merged pull requests' approvals. What `charter history` lists.
import type {Document} from '../model/document'
import type {Config} from '../model/config-shape'
import type {GitHub} from '../forge/github-client'
import {assessTrailers, type Claim, type Evidence} from './evidence'
import {gitHubEvidence} from './pull-request-evidence'
import {readHistory, type Revision} from './log'
import {revisionSummary} from './revision-summary'

export interface DocumentHistory {
  document: Document
  /** `summary`: the `Change:` trailer, else (with GitHub) the pull request's title, else the subject. */
  revisions: {revision: Revision; evidence: Evidence[]; claims: Claim[]; summary: string}[]
}

export interface HistoryListing {
  histories: DocumentHistory[]
  /** False for a commit whose pull-request evidence GitHub could not give. */
  assessed(commit: string): boolean
  /** The adoption commit the histories begin after, when the config names one. */
  adoption?: string
}

export interface HistoryResult {
  listing: HistoryListing
  /** When GitHub was asked and could not answer: why, and for how many revisions. */
  unavailable?: {reason: string; missing: number}
}

/**
 * The histories of the documents `chosen` gives, called once git has started, so they are read
 * while git runs (a failure to give them is still reported first). `connect` makes the GitHub
 * client, called only once git's history has been read, so a shallow clone is reported before a
 * missing token.
 */
export async function documentHistories(root: string, config: Pick<Config, 'documents' | 'adoption'>, chosen: () => Promise<readonly Document[]>, connect?: () => GitHub): Promise<HistoryResult> {
  const reading = readHistory(root, {folder: config.documents, adoption: config.adoption})
  reading.catch(() => {})
  const documents = await chosen()
  const history = await reading
  const revisions = documents.flatMap((document) => history.get(document.path) ?? [])
  let fromGitHub: Map<string, Evidence[]> | undefined
  let titles: Map<string, string> | undefined
  let unavailable: HistoryResult['unavailable']
  if (connect) {
    const result = await gitHubEvidence(connect(), revisions)
    fromGitHub = result.byCommit
    titles = result.titles
    if (result.unavailable) unavailable = {reason: result.unavailable, missing: revisions.filter((revision) => !result.byCommit.has(revision.commit)).length}
  }
  const histories = documents.map((document) => ({
    document,
    revisions: (history.get(document.path) ?? []).map((revision) => {
      const trailers = assessTrailers(revision)
      return {revision, evidence: [...trailers.evidence, ...(fromGitHub?.get(revision.commit) ?? [])], claims: trailers.claims, summary: revisionSummary(revision, titles?.get(revision.commit)).text}
    })
  }))
  const listing = {histories, assessed: (commit: string) => !fromGitHub || fromGitHub.has(commit), ...(config.adoption !== undefined ? {adoption: config.adoption} : {})}
  return {listing, ...(unavailable ? {unavailable} : {})}
}
