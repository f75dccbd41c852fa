// Each document's and vendor file's revisions from git with their approval evidence: the trailers'
// verdict, and with a GitHub client the merged pull requests' approvals. What `charter history` lists.
import type {Document} from '../model/document'
import type {Config} from '../model/config-shape'
import type {VendorFile} from '../load/vendor-register'
import type {GitHub} from '../forge/github-client'
import {assessTrailers, type Claim, type Evidence} from './evidence'
import {gitHubEvidence} from './pull-request-evidence'
import {readHistory, type Revision} from './log'
import {revisionSummary} from './revision-summary'

/** `summary`: the `Change:` trailer, else (with GitHub) the pull request's title, else the subject. */
export type RevisionEntry = {revision: Revision; evidence: Evidence[]; claims: Claim[]; summary: string}

export interface DocumentHistory {
  document: Document
  revisions: RevisionEntry[]
}

/** A vendor file's revisions; each revision's `vendorChange` says what it did to the register. */
export interface VendorHistory {
  vendor: VendorFile
  revisions: RevisionEntry[]
}

/** What a history shows: documents, then vendor files. */
export interface HistorySelection {
  documents: readonly Document[]
  vendors: readonly VendorFile[]
}

export interface HistoryListing {
  histories: DocumentHistory[]
  vendorHistories: VendorHistory[]
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
export async function documentHistories(root: string, config: Pick<Config, 'documents' | 'adoption' | 'vendors'>, chosen: () => Promise<HistorySelection>, connect?: () => GitHub): Promise<HistoryResult> {
  const reading = readHistory(root, {folder: config.documents, adoption: config.adoption, vendors: config.vendors})
  reading.catch(() => {})
  const {documents, vendors} = await chosen()
  const history = await reading
  const revisions = [...documents, ...vendors].flatMap(({path}) => history.get(path) ?? [])
  let fromGitHub: Map<string, Evidence[]> | undefined
  let titles: Map<string, string> | undefined
  let unavailable: HistoryResult['unavailable']
  if (connect) {
    const result = await gitHubEvidence(connect(), revisions)
    fromGitHub = result.byCommit
    titles = result.titles
    if (result.unavailable) unavailable = {reason: result.unavailable, missing: revisions.filter((revision) => !result.byCommit.has(revision.commit)).length}
  }
  const entries = (path: string): RevisionEntry[] =>
    (history.get(path) ?? []).map((revision) => {
      const trailers = assessTrailers(revision)
      return {revision, evidence: [...trailers.evidence, ...(fromGitHub?.get(revision.commit) ?? [])], claims: trailers.claims, summary: revisionSummary(revision, titles?.get(revision.commit)).text}
    })
  const histories = documents.map((document) => ({document, revisions: entries(document.path)}))
  const vendorHistories = vendors.map((vendor) => ({vendor, revisions: entries(vendor.path)}))
  const listing = {histories, vendorHistories, assessed: (commit: string) => !fromGitHub || fromGitHub.has(commit), ...(config.adoption !== undefined ? {adoption: config.adoption} : {})}
  return {listing, ...(unavailable ? {unavailable} : {})}
}
