// What the bundle shows about each document besides its body, on its page and in its PDF alike:
// the front matter, the review state on the build's day, its controls, the related documents in
// the bundle, and the revision history with each change's approval.
import {catalogs} from '../model/catalogs'
import {formatDay, parseDuration, type Day, type Duration} from '../model/dates'
import type {Document, DocumentMeta} from '../model/document'
import type {Config} from '../model/config-shape'
import {dueWithin, reviewState} from '../model/review-state'
import type {AudienceDocuments} from './audience-documents'
import {pageHref} from './bundle-layout'
import {peopleShown, revisionRecord, type RecordOptions, type RevisionRecord} from './revision-record'

/** A row of a document's revision table: the revision's record and the document's version after it. */
export interface RevisionRow extends RevisionRecord {
  version: string
}

export interface DocumentControl {
  id: string
  title: string
  kind?: DocumentMeta['kind']
  version?: string
  status?: DocumentMeta['status']
  owner?: string
  approvers: string[]
  effective?: string
  lastReviewed?: string
  classification?: DocumentMeta['classification']
  /** `state` names the badge's class (`due-soon`), `label` its text; all undefined without a review interval. */
  review: {state?: string; label?: string; due?: string}
  controls: {id: string; framework: string; title: string}[]
  /** Related documents in this bundle, linked from beside their page. */
  related: {page: string; title: string}[]
  revisions: RevisionRow[]
}

/** The document control block of every published document, in the documents' order. */
export function documentControls(documents: AudienceDocuments, config: Config, today: Day, record: RecordOptions): DocumentControl[] {
  const warnWindow = parseDuration(config.review.warn_window)!
  const shown = peopleShown(config, record.audience)
  return documents.entries.map((entry) => {
    const meta = entry.document.meta
    return {
      id: entry.id,
      title: entry.title,
      kind: meta.kind,
      version: meta.version,
      status: meta.status,
      owner: meta.owner,
      approvers: meta.approvers ?? [],
      effective: meta.effective,
      lastReviewed: meta.last_reviewed,
      classification: meta.classification,
      review: reviewOf(entry.document, config, today, warnWindow),
      controls: controlsOf(entry.document),
      related: (meta.related ?? []).flatMap((id) => (documents.byId.has(id) ? [{page: pageHref(id, 'document'), title: documents.byId.get(id)!.title}] : [])),
      revisions: entry.revisions.map((revision) => ({
        ...revisionRecord(revision, documents.withheld, shown, record),
        // An imported document's revisions from before it was moved in have no Charter front matter.
        version: revision.beforeCharter ? 'before Charter' : (revision.version ?? '—')
      }))
    }
  })
}

function reviewOf(document: Document, config: Config, today: Day, warnWindow: Duration): DocumentControl['review'] {
  const state = reviewState(document.meta, config, today)
  if (!state) return {state: undefined, label: undefined, due: undefined}
  const label = state.daysLeft < 0 ? 'overdue' : dueWithin(state, warnWindow, today) ? 'due soon' : 'current'
  return {state: label.replace(' ', '-'), label, due: formatDay(state.due)}
}

function controlsOf(document: Document): DocumentControl['controls'] {
  return (['soc2', 'iso27001'] as const).flatMap((framework) =>
    (document.meta.controls?.[framework] ?? []).map((id) => ({id, framework: framework === 'soc2' ? 'SOC 2' : 'ISO 27001', title: catalogs[framework].byId.get(id)?.title ?? ''}))
  )
}
