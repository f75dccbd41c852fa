// A vendor of the register (vendors/<id>.yaml) and what follows from it: its tier derived from
// the data it can reach, when its next review falls due, and how old its assurance is. Pure.
import {addDuration, formatDay, parseDay, parseDuration, plural, type Day} from './dates'
import type {Config, VendorTier} from './config-shape'
import {cadenceState, daysAgo, dueState, type CadenceState, type DueState} from './due-date'

export type {VendorTier} from './config-shape'

/** Highest first: a lower index is a higher tier. */
export const vendorTiers: readonly VendorTier[] = ['critical', 'high', 'medium', 'low']
export const vendorStatuses = ['evaluating', 'active', 'offboarding', 'retired'] as const
export type VendorStatus = (typeof vendorStatuses)[number]
export const assuranceTypes = ['soc2-type1', 'soc2-type2', 'iso27001', 'questionnaire'] as const
export type AssuranceType = (typeof assuranceTypes)[number]

export interface Cuec {
  control: string
  met_by?: string
}

export interface Assurance {
  type: AssuranceType
  period_start?: string
  period_end?: string
  received?: string
  auditor?: string
  opinion?: 'unqualified' | 'qualified' | 'adverse'
  exceptions?: string
  cuecs?: Cuec[]
  bridge_letter?: string
}

export interface Finding {
  summary: string
  due: string
  closed?: string
}

/** A vendor file's fields, as schemas/vendor.schema.json allows them. */
export interface Vendor {
  id: string
  name: string
  website?: string
  owner: string
  status: VendorStatus
  services: string
  data: string[]
  tier?: VendorTier
  tier_justification?: string
  subprocessor?: boolean
  location?: string[]
  assurance?: Assurance[]
  contracts?: {dpa_signed?: string; terms_reviewed?: string}
  last_reviewed?: string
  reviewed_by?: string
  findings?: Finding[]
  offboarded?: {date: string; data_deletion_confirmed?: string}
}

/** A vendor file as the check read it: the fields that passed the schema, and its text for positions. */
export interface VendorRecord {
  /** Repository-relative, e.g. `vendors/cloudnimbus.yaml`. */
  path: string
  vendor: Partial<Vendor>
}

export function tierRank(tier: VendorTier): number {
  return vendorTiers.indexOf(tier)
}

/** The highest tier among the vendor's known data categories; low when it lists none the config knows. */
export function derivedTier(data: readonly string[] | undefined, config: Pick<Config, 'vendors'>): VendorTier {
  const categories = config.vendors.data_categories
  const ranks = (data ?? []).flatMap((category) => (Object.hasOwn(categories, category) ? [tierRank(categories[category]!)] : []))
  return vendorTiers[Math.min(tierRank('low'), ...ranks)]!
}

/**
 * The tier the vendor is treated as: its own when set as high as derived, or lower with a
 * recorded justification; the derived one otherwise, so a tier is never lowered silently.
 */
export function effectiveTier(vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>): VendorTier {
  const derived = derivedTier(vendor.data, config)
  if (vendor.tier === undefined) return derived
  if (tierRank(vendor.tier) <= tierRank(derived) || vendor.tier_justification !== undefined) return vendor.tier
  return derived
}

export interface VendorReviewState extends CadenceState {
  tier: VendorTier
}

/** Whether the vendor is reviewed at all: an evaluated, retired or departing vendor is not on the cadence. */
export function onReviewCadence(vendor: Partial<Vendor>): boolean {
  return vendor.status === 'active'
}

/** When the vendor's next review falls due; undefined when it is not on the cadence or has no valid last_reviewed. */
export function vendorReviewState(vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>, today: Day): VendorReviewState | undefined {
  if (!onReviewCadence(vendor) || vendor.last_reviewed === undefined) return undefined
  const tier = effectiveTier(vendor, config)
  const state = cadenceState(vendor.last_reviewed, config.vendors.review_interval[tier], today)
  return state && {tier, ...state}
}

/** Whether the vendor must hold current assurance: active, of a tier `vendors.assurance.tiers` names. */
export function needsAssurance(vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>): boolean {
  return vendor.status === 'active' && config.vendors.assurance.tiers.includes(effectiveTier(vendor, config))
}

/** The vendor's latest assurance, and the last day it speaks for the vendor (`due`). */
export interface AssuranceState extends DueState {
  assurance: Assurance
  index: number
  /** The period end, certificate expiry or day received that the age counts from. */
  reference: Day
  /** The report's bridge letter date, when it has one (counted only when on or after the period's end). */
  bridge?: Day
}

/**
 * Until when the vendor's latest assurance speaks for it: a SOC 2 report `max_age` after its
 * period ended, or `bridge_letter_max_age` after a bridge letter dated on or after that, whichever
 * is later; an ISO 27001 certificate until it expires (its period_end); a questionnaire `max_age`
 * after it was received. Past `due` it is stale. Undefined without assurance or its date.
 */
export function assuranceState(vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>, today: Day): AssuranceState | undefined {
  const latest = latestAssurance(vendor)
  if (!latest) return undefined
  const {assurance, index} = latest
  const reference = parseDay((assurance.type === 'questionnaire' ? assurance.received : assurance.period_end) ?? '')
  if (reference === undefined) return undefined
  if (assurance.type === 'iso27001') return {assurance, index, reference, ...dueState(reference, today)}
  const maxAge = parseDuration(config.vendors.assurance.max_age)!
  const reportDue = addDuration(reference, maxAge)
  if (assurance.type === 'questionnaire') return {assurance, index, reference, ...dueState(reportDue, today)}
  const bridge = parseDay(assurance.bridge_letter ?? '')
  const bridgeDue = bridge !== undefined && bridge >= reference ? addDuration(bridge, parseDuration(config.vendors.assurance.bridge_letter_max_age)!) : reportDue
  return {assurance, index, reference, ...(bridge === undefined ? {} : {bridge}), ...dueState(Math.max(reportDue, bridgeDue), today)}
}

/** Why stale assurance no longer speaks for the vendor, and what to ask for: vendor-assurance-current's message. */
export function staleAssurance({assurance, reference, bridge}: AssuranceState, today: Day): string {
  if (assurance.type === 'iso27001') return `ISO 27001 certificate expired on ${formatDay(reference)}, ${daysAgo(reference, today)}; request the renewed certificate`
  if (assurance.type === 'questionnaire') return `Security questionnaire received ${formatDay(reference)}, ${daysAgo(reference, today)}; send the vendor a new questionnaire or request its SOC 2 report`
  const bridgeNote = bridge === undefined ? '' : `, and its bridge letter of ${formatDay(bridge)} is ${plural(today - bridge, 'day')} old`
  return `${assuranceName(assurance.type)} period ended ${formatDay(reference)}, ${daysAgo(reference, today)}${bridgeNote}; request the current report or ${bridge === undefined ? 'a' : 'a new'} bridge letter`
}

/** What to ask the vendor for when its assurance falls due. */
export function assuranceAction(assurance: Assurance): string {
  if (assurance.type === 'iso27001') return 'request the renewed certificate'
  if (assurance.type === 'questionnaire') return 'send the vendor a new questionnaire or request its SOC 2 report'
  return 'request the current report or a bridge letter'
}

/** The report that speaks for the vendor now: the one whose period ended (or that arrived) last. */
export function latestAssurance(vendor: Partial<Vendor>): {assurance: Assurance; index: number} | undefined {
  let latest: {assurance: Assurance; index: number} | undefined
  const dateOf = (assurance: Assurance) => assurance.period_end ?? assurance.received ?? ''
  ;(vendor.assurance ?? []).forEach((assurance, index) => {
    if (!latest || dateOf(assurance) >= dateOf(latest.assurance)) latest = {assurance, index}
  })
  return latest
}

/** How the type reads in a sentence: `SOC 2 Type II report`. */
export function assuranceName(type: AssuranceType): string {
  const names: Record<AssuranceType, string> = {'soc2-type1': 'SOC 2 Type I report', 'soc2-type2': 'SOC 2 Type II report', iso27001: 'ISO 27001 certificate', questionnaire: 'security questionnaire'}
  return names[type]
}

/** Days since the assurance's reference date (a report's period end, a questionnaire's receipt); undefined without one. */
export function assuranceAge(assurance: Assurance, today: Day): number | undefined {
  const reference = parseDay((assurance.type === 'questionnaire' ? assurance.received : assurance.period_end) ?? '')
  return reference === undefined ? undefined : today - reference
}

/** Open findings: not closed. */
export function openFindings(vendor: Partial<Vendor>): {finding: Finding; index: number}[] {
  return (vendor.findings ?? []).flatMap((finding, index) => (finding.closed === undefined ? [{finding, index}] : []))
}

/** When an open finding falls due; undefined when its due date is not a date. */
export function findingState(finding: Finding, today: Day): DueState | undefined {
  const due = parseDay(finding.due)
  return due === undefined ? undefined : dueState(due, today)
}

/** A vendor id made from its name: `Nimbus Cloud, Inc.` → `nimbus-cloud-inc`. */
export function vendorIdFrom(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '')
}

/** A vendor file's id, as the register requires it: its file name (`vendors/cloudnimbus.yaml` → `cloudnimbus`); for a file name that is no id, what the id should be. */
export function vendorIdOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ya?ml$/i, '')
}

/** A file the register reads as a vendor file: YAML in the vendors folder or below, not in or under a hidden name (`.yml` included, which the register then asks to rename). */
export function isVendorFile(folder: string, path: string): boolean {
  return path.startsWith(`${folder}/`) && /\.ya?ml$/i.test(path) && !path.slice(folder.length + 1).split('/').some((part) => part.startsWith('.'))
}
