// `charter vendors`: the register by tier, with each vendor's review state and the age of its
// latest assurance, as text, JSON, CSV (for a spreadsheet) or Markdown (for an issue or a page).
import type {Config} from '../model/config-shape'
import {formatDay, plural, type Day} from '../model/dates'
import {assuranceAge, assuranceName, derivedTier, effectiveTier, latestAssurance, openFindings, tierRank, vendorReviewState, vendorTiers, type Vendor, type VendorTier} from '../model/vendor'
import {jsonText, tableCell, type Printers} from './listing'

export const vendorFormats = ['text', 'json', 'csv', 'markdown'] as const
export type VendorFormat = (typeof vendorFormats)[number]

/** One vendor as the listing shows it. */
export interface VendorRow {
  id: string
  name: string
  path: string
  tier: VendorTier
  derivedTier: VendorTier
  status: string
  subprocessor: boolean
  lastReviewed?: string
  /** Undefined when the vendor is not on the review cadence, or has never been reviewed. */
  reviewDue?: Day
  daysLeft?: number
  assurance?: {type: string; name: string; periodEnd?: string; received?: string; bridgeLetter?: string; ageDays?: number}
  openFindings: number
}

export interface VendorListing {
  today: Day
  rows: VendorRow[]
}

/** The rows, highest tier first, then by name. */
export function vendorRows(vendors: readonly {path: string; vendor: Partial<Vendor>}[], config: Pick<Config, 'vendors'>, today: Day): VendorRow[] {
  return vendors
    .map(({path, vendor}) => {
      const state = vendorReviewState(vendor, config, today)
      const latest = latestAssurance(vendor)?.assurance
      const age = latest && assuranceAge(latest, today)
      const row: VendorRow = {
        id: vendor.id ?? path,
        name: vendor.name ?? vendor.id ?? path,
        path,
        tier: effectiveTier(vendor, config),
        derivedTier: derivedTier(vendor.data, config),
        status: vendor.status ?? 'unknown',
        subprocessor: vendor.subprocessor ?? false,
        openFindings: openFindings(vendor).length
      }
      if (vendor.last_reviewed !== undefined) row.lastReviewed = vendor.last_reviewed
      if (state) Object.assign(row, {reviewDue: state.due, daysLeft: state.daysLeft})
      if (latest) {
        row.assurance = {type: latest.type, name: assuranceName(latest.type)}
        if (latest.period_end !== undefined) row.assurance.periodEnd = latest.period_end
        if (latest.received !== undefined) row.assurance.received = latest.received
        if (latest.bridge_letter !== undefined) row.assurance.bridgeLetter = latest.bridge_letter
        if (age !== undefined) row.assurance.ageDays = age
      }
      return row
    })
    .sort((a, b) => tierRank(a.tier) - tierRank(b.tier) || a.name.localeCompare(b.name, 'en') || a.id.localeCompare(b.id, 'en'))
}

/** The review state in words: `review due 2027-09-10 (in 281 days)`, `review overdue by 12 days (…)`, `never reviewed`. */
export function reviewWords(row: VendorRow): string {
  if (row.status !== 'active') return `no review while ${row.status}`
  if (row.lastReviewed === undefined) return 'never reviewed'
  if (row.reviewDue === undefined || row.daysLeft === undefined) return `last reviewed ${row.lastReviewed}`
  if (row.daysLeft < 0) return `review overdue by ${plural(-row.daysLeft, 'day')} (due ${formatDay(row.reviewDue)})`
  return `review due ${formatDay(row.reviewDue)} (in ${plural(row.daysLeft, 'day')})`
}

/** The latest assurance in words: `SOC 2 Type II report, period ended 2026-06-30 (156 days ago)`. */
export function assuranceWords(row: VendorRow): string {
  const assurance = row.assurance
  if (!assurance) return 'no assurance on file'
  const when = assurance.type === 'questionnaire' ? 'received' : assurance.type === 'iso27001' ? 'valid until' : 'period ended'
  const date = assurance.type === 'questionnaire' ? assurance.received : assurance.periodEnd
  if (date === undefined) return `${assurance.name}, undated`
  const age = assurance.ageDays === undefined ? '' : assurance.ageDays >= 0 ? ` (${plural(assurance.ageDays, 'day')} ago)` : ` (in ${plural(-assurance.ageDays, 'day')})`
  const bridge = assurance.bridgeLetter === undefined ? '' : `, bridge letter ${assurance.bridgeLetter}`
  return `${assurance.name}, ${when} ${date}${assurance.type === 'iso27001' ? '' : age}${bridge}`
}

function counts(rows: readonly VendorRow[]): string {
  return vendorTiers.map((tier) => `${rows.filter((row) => row.tier === tier).length} ${tier}`).join(', ')
}

function text({rows, today}: VendorListing): string {
  if (rows.length === 0) return `No vendors in the register as of ${formatDay(today)}; add one with \`charter vendors new "<name>"\`.\n`
  const lines = [`${plural(rows.length, 'vendor')} (${counts(rows)}) as of ${formatDay(today)}:`]
  const idWidth = Math.max(...rows.map((row) => row.id.length))
  const statusWidth = Math.max(...rows.map((row) => row.status.length))
  for (const tier of vendorTiers) {
    const inTier = rows.filter((row) => row.tier === tier)
    if (inTier.length === 0) continue
    lines.push('', tier)
    for (const row of inTier) {
      const findings = row.openFindings > 0 ? `; ${plural(row.openFindings, 'open finding')}` : ''
      lines.push(`  ${row.id.padEnd(idWidth)}  ${row.status.padEnd(statusWidth)}  ${reviewWords(row)}; ${assuranceWords(row)}${findings}`)
    }
  }
  return `${lines.join('\n')}\n`
}

function json({rows, today}: VendorListing): string {
  return jsonText({
    today: formatDay(today),
    vendors: rows.map((row) => ({
      id: row.id,
      name: row.name,
      path: row.path,
      tier: row.tier,
      derived_tier: row.derivedTier,
      status: row.status,
      subprocessor: row.subprocessor,
      last_reviewed: row.lastReviewed ?? null,
      review_due: row.reviewDue === undefined ? null : formatDay(row.reviewDue),
      days_left: row.daysLeft ?? null,
      assurance: row.assurance
        ? {type: row.assurance.type, period_end: row.assurance.periodEnd ?? null, received: row.assurance.received ?? null, bridge_letter: row.assurance.bridgeLetter ?? null, age_days: row.assurance.ageDays ?? null}
        : null,
      open_findings: row.openFindings
    }))
  })
}

/**
 * A CSV cell. A spreadsheet runs a cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return as a formula, so text from a vendor file that starts with one is prefixed with `'`.
 */
export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return ''
  let cell = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`
  return /[",\r\n]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell
}

function csv({rows}: VendorListing): string {
  const header = ['id', 'name', 'tier', 'derived_tier', 'status', 'subprocessor', 'last_reviewed', 'review_due', 'days_left', 'assurance', 'assurance_date', 'assurance_age_days', 'bridge_letter', 'open_findings']
  const lines = rows.map((row) =>
    [
      row.id,
      row.name,
      row.tier,
      row.derivedTier,
      row.status,
      row.subprocessor,
      row.lastReviewed,
      row.reviewDue === undefined ? undefined : formatDay(row.reviewDue),
      row.daysLeft,
      row.assurance?.type,
      row.assurance?.type === 'questionnaire' ? row.assurance.received : row.assurance?.periodEnd,
      row.assurance?.ageDays,
      row.assurance?.bridgeLetter,
      row.openFindings
    ]
      .map(csvCell)
      .join(',')
  )
  // Line feeds, not CRLF: every output escapes a carriage return as a control character.
  return `${[header.join(','), ...lines].join('\n')}\n`
}

function markdown({rows, today}: VendorListing): string {
  if (rows.length === 0) return `No vendors in the register as of ${formatDay(today)}.\n`
  const lines = [`### Vendor register as of ${formatDay(today)}`, '', `${plural(rows.length, 'vendor')}: ${counts(rows)}.`]
  for (const tier of vendorTiers) {
    const inTier = rows.filter((row) => row.tier === tier)
    if (inTier.length === 0) continue
    lines.push('', `#### ${tier[0]!.toUpperCase()}${tier.slice(1)}`, '', '| Vendor | Status | Review | Assurance | Open findings |', '| --- | --- | --- | --- | --- |')
    for (const row of inTier) lines.push(`| ${tableCell(row.name.replace(/[\r\n]+/g, " "))} (\`${row.id}\`) | ${row.status} | ${tableCell(reviewWords(row))} | ${tableCell(assuranceWords(row))} | ${row.openFindings} |`)
  }
  return `${lines.join('\n')}\n`
}

export const vendorPrinters: Printers<VendorListing, VendorFormat> = {text, json, csv, markdown}
