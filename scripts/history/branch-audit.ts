// The approval audit of the current branch: every change to a controlled document or vendor file since a
// date, newest first, judged by its evidence and its after-the-fact review. What `charter audit` lists.
// Changes before the adoption commit are out of scope unless a date before it is asked for.
import type {Day} from '../model/dates'
import type {Config} from '../model/config-shape'
import type {GitHub} from '../forge/github-client'
import {auditChanges, type AuditEntry} from './approval-audit'
import type {ReviewWindow} from '../model/dates'
import type {Evidence} from './evidence'
import {commitDate, GitError} from './git'
import {adoptionName, readFollowUps, readHistory, startFollowUps} from './log'
import {gitHubEvidence} from './pull-request-evidence'

export interface BranchAuditOptions {
  config: Pick<Config, 'documents' | 'adoption' | 'vendors'>
  /** Only changes that landed on or after this day, YYYY-MM-DD. */
  since?: string
  /** With `since`: also the changes before the adoption commit (`--since` does, `--within` does not). */
  beforeAdoption?: boolean
  window: ReviewWindow
  today: Day
  /** Makes the GitHub client, called only once git's history has been read. */
  connect?: () => GitHub
}

export interface BranchAudit {
  entries: AuditEntry[]
  /** Why GitHub could not answer, when it was asked. */
  unavailable?: string
  /** The adoption commit, when the config names one, and whether the changes before it were audited. */
  adoption?: AdoptionScope
}

export interface AdoptionScope {
  commit: string
  /** The adoption commit's committer date, ISO 8601. */
  date: string
  earlierChanges: 'out-of-scope' | 'included'
}

export async function auditBranch(root: string, options: BranchAuditOptions): Promise<BranchAudit> {
  const {since, config} = options
  const included = since !== undefined && options.beforeAdoption === true
  // The follow-up commits' log runs alongside the history's; it is judged once the roster's trust is known.
  const followUpLog = startFollowUps(root)
  followUpLog.catch(() => {})
  const history = await readHistory(root, {folder: config.documents, vendors: config.vendors, ...(config.adoption !== undefined && !included ? {adoption: config.adoption} : {})})
  const changes = [...history.entries()]
    .flatMap(([document, revisions]) => revisions.map((revision) => ({document, revision})))
    // An imported document's revisions from before it was moved in were no controlled changes.
    .filter(({revision}) => included || !revision.beforeCharter)
    .filter(({revision}) => since === undefined || revision.date.slice(0, 10) >= since)
    .sort((a, b) => (a.revision.date < b.revision.date ? 1 : a.revision.date > b.revision.date ? -1 : a.document < b.document ? -1 : 1))
  let unavailable: string | undefined
  let fromGitHub: Map<string, Evidence[]> | undefined
  if (options.connect) {
    const result = await gitHubEvidence(options.connect(), changes.map(({revision}) => revision))
    fromGitHub = result.byCommit
    unavailable = result.unavailable
  }
  // Every roster change, not only those after the adoption commit: the trust in it is rooted in the first.
  const followUps = await readFollowUps(root, 'HEAD', history.rosterChanges, followUpLog)
  const entries = auditChanges(changes, followUps, {window: options.window, today: options.today, ...(fromGitHub ? {gitHub: fromGitHub} : {})})
  const adoption = config.adoption === undefined ? undefined : {commit: config.adoption, date: adoptionDate(root, config.adoption), earlierChanges: included ? 'included' : 'out-of-scope'} as const
  return {entries, ...(unavailable ? {unavailable} : {}), ...(adoption ? {adoption} : {})}
}

function adoptionDate(root: string, adoption: string): string {
  try {
    return commitDate(root, adoption)
  } catch (error) {
    if (!(error instanceof GitError)) throw error
    throw new GitError(`${adoptionName(adoption)} is not in this repository; set \`adoption\` to the commit Charter was adopted at, or remove it to show every change`)
  }
}
