// What one revision of a vendor file changed, in the register's words (tier, data, status,
// subprocessor, assurance, review), and whether the change is material. Pure: history and audit print it.
import type {Config} from './config-shape'
import {effectiveTier, type Assurance, type Vendor} from './vendor'

/** A vendor file as one revision left it: the fields the schema accepted, or why none could be read. */
export type VendorState = {fields: Partial<Vendor>} | {unread: string}

export interface VendorChange {
  /** Each change, e.g. `tier high → critical`, `data + payment`, `review recorded 2026-08-02 by CTO`. */
  changes: string[]
  /**
   * A material change needs the same scrutiny as a document's MAJOR version: the vendor was added,
   * its tier or data access changed, its subprocessor flag flipped, or it became active.
   */
  material: boolean
}

const listed = (items: readonly string[]) => items.join(', ')
const yesNo = (value: boolean | undefined) => (value === true ? 'yes' : 'no')
const assuranceName = (assurance: Assurance) =>
  `${assurance.type}${assurance.period_start !== undefined || assurance.period_end !== undefined ? ` ${assurance.period_start ?? '?'}..${assurance.period_end ?? '?'}` : ''}${assurance.received !== undefined ? ` received ${assurance.received}` : ''}`
const openFindings = (vendor: Partial<Vendor>) => (vendor.findings ?? []).filter((finding) => finding.closed === undefined).length

/**
 * The change from `before` (undefined for a new vendor file) to `after` (undefined when deleted).
 * Tiers are those the register treats the vendor as, by `config`'s data categories.
 */
export function vendorChange(before: VendorState | undefined, after: VendorState | undefined, config: Pick<Config, 'vendors'>): VendorChange {
  if (after === undefined) return {changes: ['vendor file deleted'], material: false}
  if ('unread' in after) return {changes: [`not read as a vendor file: ${after.unread}`], material: before === undefined || !('unread' in before)}
  const next = after.fields
  const tier = (vendor: Partial<Vendor>) => effectiveTier(vendor, config)
  if (before === undefined || 'unread' in before) {
    const parts = [`tier ${tier(next)}`, `data ${listed(next.data ?? []) || 'none listed'}`, ...(next.status ? [`status ${next.status}`] : []), ...(next.subprocessor === true ? ['subprocessor'] : [])]
    return {changes: [`vendor added: ${parts.join('; ')}`], material: true}
  }
  const previous = before.fields
  const changes: string[] = []
  let material = false
  if (previous.name !== next.name) changes.push(`name ${previous.name ?? '—'} → ${next.name ?? '—'}`)
  if (tier(previous) !== tier(next)) {
    changes.push(`tier ${tier(previous)} → ${tier(next)}`)
    material = true
  }
  if (previous.tier_justification !== next.tier_justification) changes.push(next.tier_justification === undefined ? 'tier justification removed' : previous.tier_justification === undefined ? 'tier justification recorded' : 'tier justification changed')
  const added = (next.data ?? []).filter((category) => !(previous.data ?? []).includes(category))
  const removed = (previous.data ?? []).filter((category) => !(next.data ?? []).includes(category))
  if (added.length > 0 || removed.length > 0) {
    changes.push(`data ${[...added.map((category) => `+ ${category}`), ...removed.map((category) => `- ${category}`)].join(', ')}`)
    material = true
  }
  if (previous.status !== next.status) {
    changes.push(`status ${previous.status ?? '—'} → ${next.status ?? '—'}`)
    if (next.status === 'active') material = true
  }
  if ((previous.subprocessor === true) !== (next.subprocessor === true)) {
    changes.push(`subprocessor ${yesNo(previous.subprocessor)} → ${yesNo(next.subprocessor)}`)
    material = true
  }
  if (previous.owner !== next.owner) changes.push(`owner ${previous.owner ?? '—'} → ${next.owner ?? '—'}`)
  const known = new Set((previous.assurance ?? []).map(assuranceName))
  const kept = new Set((next.assurance ?? []).map(assuranceName))
  const assuranceNews = changes.length
  for (const name of kept) if (!known.has(name)) changes.push(`assurance added: ${name}`)
  for (const name of known) if (!kept.has(name)) changes.push(`assurance removed: ${name}`)
  const same = (key: keyof Vendor) => JSON.stringify(previous[key]) === JSON.stringify(next[key])
  // An edit inside a report or a finding that the lines above do not name.
  const reworded = [...(changes.length === assuranceNews && !same('assurance') ? ['assurance'] : [])]
  if (previous.last_reviewed !== next.last_reviewed || previous.reviewed_by !== next.reviewed_by) {
    changes.push(next.last_reviewed === undefined ? 'review date removed' : `review recorded ${next.last_reviewed}${next.reviewed_by !== undefined ? ` by ${next.reviewed_by}` : ''}`)
  }
  if (openFindings(previous) !== openFindings(next)) changes.push(`open findings ${openFindings(previous)} → ${openFindings(next)}`)
  else if (!same('findings')) reworded.push('findings')
  if (previous.offboarded === undefined && next.offboarded !== undefined) changes.push(`offboarded ${next.offboarded.date}${next.offboarded.data_deletion_confirmed !== undefined ? `, data deletion confirmed ${next.offboarded.data_deletion_confirmed}` : ''}`)
  // Anything else the file says: named by its key, so no change is silent.
  const described = new Set(['name', 'tier', 'tier_justification', 'data', 'status', 'subprocessor', 'owner', 'assurance', 'last_reviewed', 'reviewed_by', 'findings', 'offboarded'])
  if (previous.offboarded !== undefined && !same('offboarded')) reworded.push('offboarded')
  const others = [...new Set([...Object.keys(previous), ...Object.keys(next)])]
    .filter((key) => !described.has(key) && !same(key as keyof Vendor))
    .concat(reworded)
    .sort()
  if (others.length > 0) changes.push(`also changed: ${listed(others)}`)
  if (changes.length === 0) changes.push('no register field changed')
  return {changes, material}
}
