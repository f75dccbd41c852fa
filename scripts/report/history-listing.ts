// `charter history`'s listing: per document, its revisions newest first with their approval.
import type {DocumentHistory, HistoryListing} from '../history/document-history'
import {describeClaims, describeEvidence} from '../history/evidence'
import type {Revision} from '../history/log'
import {personByEmail} from '../load/people'
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

function text({histories, assessed, adoption}: HistoryListing): string {
  // Its earlier revisions are before the adoption commit, and not shown.
  const none = adoption === undefined ? 'no committed history yet' : `no change since the adoption commit ${adoption.slice(0, 7)}`
  return histories
    .map(({document, revisions}) => {
      const heading = `${document.meta.id ?? document.path}: ${document.meta.title ?? ''} (${document.path})`
      if (revisions.length === 0) return `${heading}\n  ${none}\n`
      const rows = revisions.map((entry) => [versionText(entry.revision), day(entry.revision.date), person(entry.revision) ?? entry.revision.author.name, summaryOf(entry), approval(entry, assessed)])
      const widths = [0, 1, 2, 3].map((column) => Math.max(...rows.map((row) => row[column]!.length), ['version', 'date', 'author', 'change'][column]!.length))
      const line = (cells: string[]) => `  ${cells.map((cell, column) => (column < 4 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`.trimEnd()
      return [heading, line(['version', 'date', 'author', 'change', 'approval']), ...rows.map(line), ''].join('\n')
    })
    .join('\n')
}

function json({histories, assessed}: HistoryListing): string {
  return jsonText(
    histories.map(({document, revisions}) => ({
      id: document.meta.id,
      title: document.meta.title,
      path: document.path,
      revisions: revisions.map(({revision, evidence, claims, summary}) => ({
        commit: revision.commit,
        date: revision.date,
        version: revision.version ?? null,
        ...(revision.beforeCharter ? {before_charter: true} : {}),
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
      }))
    }))
  )
}

function markdown({histories, assessed}: HistoryListing): string {
  return histories
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
    .join('\n')
}

export const historyPrinters: Printers<HistoryListing> = {text, json, markdown}
