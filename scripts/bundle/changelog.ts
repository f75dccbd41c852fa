// The changelog: one entry per change (a commit may change many documents at once), grouped by
// the release that first published it, newest first; the page and the Atom feed both show it.
import type {Release} from '../history/releases'
import type {AudienceDocuments} from './audience-documents'
import {pageHref} from './bundle-layout'
import type {DocumentControl} from './document-control'
import type {ApprovalShown} from './revision-record'
import type {BundleVersion} from './version'

export interface ChangedDocument {
  title: string
  page: string
  version: string
}

export interface ChangeEntry {
  commit: string
  /** The page's anchor for it: `change-` and the commit's first 12 characters. */
  anchor: string
  /** YYYY-MM-DD, and the commit's own timestamp (ISO 8601) for the feed. */
  date: string
  timestamp: string
  summary: string
  author: string
  approvals: ApprovalShown[]
  approval: string
  documents: ChangedDocument[]
}

export interface ReleaseGroup {
  /** The tag, or this bundle's version for the changes after the newest tag. */
  version: string
  /** YYYY-MM-DD: the tagged commit's date, or this bundle's. */
  date: string
  anchor: string
  /** True for the changes no tag names yet: they are new in this bundle. */
  unreleased: boolean
  changes: ChangeEntry[]
}

/**
 * Groups every published revision by commit, and the commits by release. `releases` maps a
 * first-parent commit to the release that includes it; a revision from before Charter takes the
 * release of its document's next revision.
 */
export function changelogGroups(documents: AudienceDocuments, controls: readonly DocumentControl[], releases: ReadonlyMap<string, Release>, bundle: BundleVersion): ReleaseGroup[] {
  const entries = new Map<string, ChangeEntry & {release?: Release; approvalTexts: Set<string>}>()
  documents.entries.forEach((entry, index) => {
    let later: Release | undefined
    entry.revisions.forEach((revision, at) => {
      const row = controls[index]!.revisions[at]!
      const release = releases.get(revision.commit) ?? (revision.beforeCharter ? later : undefined)
      later = release
      const document = {title: entry.title, page: pageHref(entry.id), version: row.version}
      const known = entries.get(revision.commit)
      if (known) {
        known.documents.push(document)
        // Each document judged the change by its own approvers: the entry shows every approval once.
        for (const approval of row.approvals) if (!known.approvals.some((shown) => shown.text === approval.text)) known.approvals.push(approval)
        known.approvalTexts.add(row.approval)
        known.approval = known.approvals.length > 0 ? known.approvals.map((shown) => shown.text).join('; ') : [...known.approvalTexts].join('; ')
        return
      }
      entries.set(revision.commit, {
        commit: revision.commit,
        anchor: `change-${revision.commit.slice(0, 12)}`,
        date: row.date,
        timestamp: revision.date,
        summary: row.summary,
        author: row.author,
        approvals: [...row.approvals],
        approval: row.approval,
        approvalTexts: new Set([row.approval]),
        documents: [document],
        ...(release ? {release} : {})
      })
    })
  })
  const newestFirst = [...entries.values()].sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp) || (a.commit < b.commit ? -1 : 1))
  const groups = new Map<string, ReleaseGroup>()
  for (const {release, approvalTexts, ...change} of newestFirst) {
    // The release at the commit being built is this bundle, named as the bundle is.
    const key = release && release.commit !== bundle.commit ? release.tag : ''
    let group = groups.get(key)
    if (!group) {
      const version = key === '' ? bundle.version : key
      // Tags that differ only in characters an id can't hold still get anchors of their own.
      const base = `release-${version.replace(/[^A-Za-z0-9._-]/g, '-')}`
      let anchor = base
      for (let count = 2; [...groups.values()].some((known) => known.anchor === anchor); count++) anchor = `${base}-${count}`
      group = {version, date: (key === '' ? bundle.date : release!.date).slice(0, 10), anchor, unreleased: key === '' && !release, changes: []}
      groups.set(key, group)
    }
    group.changes.push(change)
  }
  // This bundle's group first, then the releases newest first.
  return [...groups.values()].sort((a, b) => (a.version === bundle.version ? -1 : b.version === bundle.version ? 1 : b.date.localeCompare(a.date) || a.version.localeCompare(b.version, 'en')))
}
