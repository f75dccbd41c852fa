// `charter history`'s listing: per document, then per vendor file, its revisions newest first with their approval.
import type {DocumentHistory, HistoryListing, RevisionEntry, VendorHistory} from '../history/document-history'
import {describeClaims, describeEvidence} from '../history/evidence'
import type {Revision} from '../history/log'
import {personByEmail} from '../load/people'
import {printable} from '../model/printable-text'
import {vendorIdOf} from '../model/vendor'
import {jsonText, tableCell, type Printers} from './listing'

const day = (date: string) => date.slice(0, 10)

/**
 * The roster person a change's author is (by email), else undefined: from the trusted roster
 * once the change landed, never the work tree's, which a pull request may edit.
 */
const person = (revision: Revision) => personByEmail(revision.people, revision.author.email)?.name

/** The version a revision shows: none before the document came into the documents folder. */
export const versionText = (revision: Revision) => (revision.beforeCharter ? 'before Charter' : (revision.version ?? '—'))

const summaryOf = ({revision, summary}: DocumentHistory['revisions'][number]) =>
  revision.change === 'renamed' ? `${summary} (renamed from ${revision.previousPath})` : revision.change === 'deleted' ? `${summary} (deleted)` : summary

function approval(entry: DocumentHistory['revisions'][number], assessed: HistoryListing['assessed']): string {
  const claims = entry.claims.length > 0 ? `; ${describeClaims(entry.claims)}` : ''
  if (entry.evidence.length > 0) return `${describeEvidence(entry.evidence)}${claims}`
  return `${assessed(entry.revision.commit) ? 'none' : 'not assessed (GitHub unavailable)'}${claims}`
}

/** What a vendor revision did to the register, `; material` at its end when it was. */
export function registerText(revision: Revision): string {
  const change = revision.vendorChange
  if (!change) return ''
  return printable(`${change.changes.join('; ')}${change.material ? ' (material)' : ''}`)
}

/** A vendor's heading: its id and name as its file says now. */
const vendorHeading = ({vendor}: VendorHistory) => `${vendorIdOf(vendor.path)}: ${printable(vendor.vendor.name ?? '')} (${vendor.path})`

function text({histories, vendorHistories, assessed, adoption}: HistoryListing): string {
  // Its earlier revisions are before the adoption commit, and not shown.
  const none = adoption === undefined ? 'no committed history yet' : `no change since the adoption commit ${adoption.slice(0, 7)}`
  const vendorBlocks = vendorHistories.map((history) => {
    const heading = vendorHeading(history)
    if (history.revisions.length === 0) return `${heading}\n  ${none}\n`
    const rows = history.revisions.map((entry) => [day(entry.revision.date), person(entry.revision) ?? entry.revision.author.name, summaryOf(entry), registerText(entry.revision), approval(entry, assessed)])
    return table(heading, ['date', 'author', 'change', 'register', 'approval'], rows)
  })
  const documentBlocks = histories
    .map(({document, revisions}) => {
      const heading = `${document.meta.id ?? document.path}: ${document.meta.title ?? ''} (${document.path})`
      if (revisions.length === 0) return `${heading}\n  ${none}\n`
      const rows = revisions.map((entry) => [versionText(entry.revision), day(entry.revision.date), person(entry.revision) ?? entry.revision.author.name, summaryOf(entry), approval(entry, assessed)])
      return table(heading, ['version', 'date', 'author', 'change', 'approval'], rows)
    })
  return [...documentBlocks, ...vendorBlocks].join('\n')
}

/** Columns padded to their widest cell, the last one left as it is. */
function table(heading: string, names: string[], rows: string[][]): string {
  const widths = names.slice(0, -1).map((name, column) => Math.max(...rows.map((row) => row[column]!.length), name.length))
  const line = (cells: string[]) => `  ${cells.map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]!) : cell)).join('  ')}`.trimEnd()
  return [heading, line(names), ...rows.map(line), ''].join('\n')
}

/** A revision's fields every listing shows, document or vendor; a document's version goes after the date. */
function revisionJson({revision, evidence, claims, summary}: RevisionEntry, assessed: HistoryListing['assessed'], afterDate: Record<string, unknown> = {}) {
  return {
    commit: revision.commit,
    date: revision.date,
    ...afterDate,
    author: revision.author,
    person: person(revision) ?? null,
    ...(revision.mergedBy ? {merged_by: revision.mergedBy} : {}),
    subject: revision.subject,
    summary,
    pr: revision.pr ?? null,
    path: revision.path,
    change: revision.change,
    ...(revision.previousPath ? {previous_path: revision.previousPath} : {}),
    trailers: revision.trailers,
    evidence,
    claims,
    assessed: assessed(revision.commit)
  }
}

function json({histories, vendorHistories, assessed}: HistoryListing): string {
  const vendors = vendorHistories.map(({vendor, revisions}) => ({
    kind: 'vendor',
    id: vendorIdOf(vendor.path),
    name: vendor.vendor.name ?? null,
    path: vendor.path,
    revisions: revisions.map((entry) => ({
      ...revisionJson(entry, assessed),
      register_changes: entry.revision.vendorChange?.changes ?? [],
      material: entry.revision.vendorChange?.material ?? false,
      // Who may approve it: the owner the file named before the change, or the config's approvers.
      approver_roles: entry.revision.approverRoles
    }))
  }))
  return jsonText([
    ...histories.map(({document, revisions}) => ({
      id: document.meta.id,
      title: document.meta.title,
      path: document.path,
      revisions: revisions.map((entry) => revisionJson(entry, assessed, {version: entry.revision.version ?? null, ...(entry.revision.beforeCharter ? {before_charter: true} : {})}))
    })),
    ...vendors
  ])
}

function markdown({histories, vendorHistories, assessed}: HistoryListing): string {
  const vendors = vendorHistories.map(({vendor, revisions}) =>
    [
      `### ${tableCell(vendor.vendor.name ?? vendor.path)} (vendor)`,
      '',
      '| Date | Change | Register | Author | Approval |',
      '| --- | --- | --- | --- | --- |',
      ...revisions.map(
        (entry) =>
          `| ${day(entry.revision.date)} | ${tableCell(summaryOf(entry))} | ${tableCell(registerText(entry.revision))} | ${tableCell(person(entry.revision) ?? entry.revision.author.name)} | ${tableCell(approval(entry, assessed))} |`
      ),
      ''
    ].join('\n')
  )
  const documents = histories
    .map(({document, revisions}) =>
      [
        `### ${tableCell(document.meta.title ?? document.path)}`,
        '',
        '| Version | Date | Change | Author | Approval |',
        '| --- | --- | --- | --- | --- |',
        ...revisions.map(
          (entry) =>
            `| ${versionText(entry.revision)} | ${day(entry.revision.date)} | ${tableCell(summaryOf(entry))} | ${tableCell(person(entry.revision) ?? entry.revision.author.name)} | ${tableCell(approval(entry, assessed))} |`
        ),
        ''
      ].join('\n')
    )
  return [...documents, ...vendors].join('\n')
}

export const historyPrinters: Printers<HistoryListing> = {text, json, markdown}
