// `charter due`'s listing: the reviews overdue or falling due within a period, soonest first;
// with a vendor register, its vendors' reviews and assurance among them, each row saying which.
import {formatDay, plural, type Day, type Duration} from '../model/dates'
import type {DueState} from '../model/due-date'
import {describeDue, dueTable, type DueReview} from '../model/review-state'
import {dueKindNames, vendorDueAction, type DueKind, type VendorDue} from '../model/vendor-due'
import {jsonText, tableCell, type Printers} from './listing'

export interface DueListing {
  due: readonly DueReview[]
  /** The vendor work due; undefined when the repository keeps no vendor register, which leaves the listing as it was before vendors. */
  vendors?: readonly VendorDue[]
  today: Day
  within: Duration
  /** The period as the user wrote it (or the config's warn_window). */
  withinText: string
  until: Day
}

/** One row of the listing with a register: a document's review or a vendor's review or assurance. */
interface DueRow {
  kind: DueKind
  id: string
  title: string
  path: string
  owner?: string
  state: DueState
  /** What to do, with the command that records it. */
  action: string
  /** The row's own fields in JSON, after the shared ones. */
  fields: Record<string, unknown>
}

function rowsOf(due: readonly DueReview[], vendors: readonly VendorDue[]): DueRow[] {
  const documents = due.map(({document, state}): DueRow => {
    const id = document.meta.id ?? document.path
    return {kind: 'document-review', id, title: document.meta.title ?? document.path, path: document.path, owner: document.meta.owner, state, action: `review the document, then run \`charter review ${id}\``, fields: {last_reviewed: document.meta.last_reviewed}}
  })
  const vendorRows = vendors.map((item): DueRow => {
    const {vendor} = item
    const fields =
      item.kind === 'vendor-review'
        ? {tier: item.tier, last_reviewed: vendor.last_reviewed}
        : {
            tier: item.tier,
            assurance: item.state.assurance.type,
            ...(item.state.assurance.type === 'questionnaire' ? {received: item.state.assurance.received} : {period_end: item.state.assurance.period_end}),
            ...(item.state.assurance.bridge_letter === undefined ? {} : {bridge_letter: item.state.assurance.bridge_letter})
          }
    return {kind: item.kind, id: vendor.id!, title: vendor.name ?? vendor.id!, path: item.path, owner: vendor.owner, state: item.state, action: vendorDueAction(item), fields}
  })
  const order: DueKind[] = ['document-review', 'vendor-review', 'vendor-assurance']
  return [...documents, ...vendorRows].sort((a, b) => a.state.due - b.state.due || order.indexOf(a.kind) - order.indexOf(b.kind) || (a.path < b.path ? -1 : 1))
}

/** A name from a file, on one line of a Markdown table: no line breaks, no table or link syntax. */
const markdownName = (name: string) => tableCell(name.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[\\[\]<>*_`]/g, (character) => `\\${character}`))

function registerText({due, vendors = [], today, withinText, until}: DueListing): string {
  const rows = rowsOf(due, vendors)
  if (rows.length === 0) return `No review or vendor assurance is overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}).\n`
  const cells = rows.map((row) => [dueKindNames[row.kind], row.id, row.owner ?? '—', formatDay(row.state.due), describeDue(row.state), row.action])
  const widths = [0, 1, 2, 3, 4].map((column) => Math.max(...cells.map((row) => row[column]!.length)))
  return [
    `${plural(rows.length, 'item')} overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}):`,
    ...cells.map((row) => `  ${row.map((cell, column) => (column < 5 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`),
    ''
  ].join('\n')
}

function registerMarkdown({due, vendors = [], until}: DueListing): string {
  const rows = rowsOf(due, vendors)
  if (rows.length === 0) return `No review or vendor assurance is overdue or due by ${formatDay(until)}.\n`
  return [
    `### Reviews and vendor assurance due by ${formatDay(until)}`,
    '',
    '| What | Item | Owner | Due | Status |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((row) => {
      const status = row.state.daysLeft < 0 ? `**${describeDue(row.state)}**` : describeDue(row.state)
      return `| ${dueKindNames[row.kind]} | [${markdownName(row.title)}](${row.path}) | ${markdownName(row.owner ?? '—')} | ${formatDay(row.state.due)} | ${status} |`
    }),
    '',
    'When an item is done, record it and commit:',
    '',
    ...rows.map((row) => `- [ ] ${markdownName(row.title)} (${dueKindNames[row.kind]}): ${row.action}`),
    ''
  ].join('\n')
}

function text(listing: DueListing): string {
  if (listing.vendors) return registerText(listing)
  const {due, today, withinText, until} = listing
  if (due.length === 0) return `No review is overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}).\n`
  const rows = due.map(({document, state}) => [document.meta.id ?? document.path, document.meta.owner ?? '—', formatDay(state.due), describeDue(state)])
  const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column]!.length)))
  return [
    `${plural(due.length, 'review')} overdue or due by ${formatDay(until)} (within ${withinText} of ${formatDay(today)}):`,
    ...rows.map((row) => `  ${row.map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell)).join('  ')}`),
    ''
  ].join('\n')
}

function json({due, vendors, today, within, until}: DueListing): string {
  const rows = vendors && rowsOf(due, vendors)
  const reviews = rows
    ? rows.map((row) => ({
        kind: row.kind,
        id: row.id,
        title: row.title,
        path: row.path,
        owner: row.owner,
        ...row.fields,
        due: formatDay(row.state.due),
        days_left: row.state.daysLeft,
        overdue: row.state.daysLeft < 0,
        action: row.action
      }))
    : due.map(({document, state}) => ({
    id: document.meta.id,
    title: document.meta.title,
    path: document.path,
    owner: document.meta.owner,
    last_reviewed: document.meta.last_reviewed,
    due: formatDay(state.due),
    days_left: state.daysLeft,
    overdue: state.daysLeft < 0
  }))
  return jsonText({today: formatDay(today), within: `${within.count} ${within.unit}${within.count === 1 ? '' : 's'}`, until: formatDay(until), reviews})
}

function markdown(listing: DueListing): string {
  if (listing.vendors) return registerMarkdown(listing)
  const {due, until} = listing
  if (due.length === 0) return `No policy review is overdue or due by ${formatDay(until)}.\n`
  return [
    `### Policy reviews due by ${formatDay(until)}`,
    '',
    ...dueTable(due),
    '',
    'When a review is done, record it with `charter review <id>` and commit:',
    '',
    ...due.map(({document}) => `- [ ] ${tableCell(document.meta.title ?? document.path)}: \`charter review ${document.meta.id}\``),
    ''
  ].join('\n')
}

export const duePrinters: Printers<DueListing> = {text, json, markdown}
