// The approval audit of the current branch: every change to a controlled document since a
// date, newest first, judged by its evidence and its after-the-fact review. What `charter audit` lists.
import type {Day} from '../model/dates'
import type {Config} from '../model/config-shape'
import {rosterFileName} from '../load/people'
import type {GitHub} from '../forge/github-client'
import {auditChanges, type AuditEntry} from './approval-audit'
import type {ReviewWindow} from '../model/dates'
import type {Evidence} from './evidence'
import {readFollowUps, readHistory} from './log'
import {gitHubEvidence} from './pull-request-evidence'

export interface BranchAuditOptions {
  config: Pick<Config, 'documents'>
  /** Only changes that landed on or after this day, YYYY-MM-DD. */
  since?: string
  window: ReviewWindow
  today: Day
  /** Makes the GitHub client, called only once git's history has been read. */
  connect?: () => GitHub
}

export interface BranchAudit {
  entries: AuditEntry[]
  /** Why GitHub could not answer, when it was asked. */
  unavailable?: string
}

export async function auditBranch(root: string, options: BranchAuditOptions): Promise<BranchAudit> {
  const {since} = options
  const history = await readHistory(root, options.config.documents)
  const changes = [...history.entries()]
    .flatMap(([document, revisions]) => revisions.map((revision) => ({document, revision})))
    .filter(({revision}) => since === undefined || revision.date.slice(0, 10) >= since)
    .sort((a, b) => (a.revision.date < b.revision.date ? 1 : a.revision.date > b.revision.date ? -1 : a.document < b.document ? -1 : 1))
  let unavailable: string | undefined
  let fromGitHub: Map<string, Evidence[]> | undefined
  if (options.connect) {
    const result = await gitHubEvidence(options.connect(), changes.map(({revision}) => revision))
    fromGitHub = result.byCommit
    unavailable = result.unavailable
  }
  const followUps = await readFollowUps(root, 'HEAD', history.get(rosterFileName) ?? [])
  const entries = auditChanges(changes, followUps, {window: options.window, today: options.today, ...(fromGitHub ? {gitHub: fromGitHub} : {})})
  return {entries, ...(unavailable ? {unavailable} : {})}
}
