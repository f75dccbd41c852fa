// A vendor of the register (vendors/<id>.yaml) and what follows from it: its tier derived from
// the data it can reach, when its next review falls due, and how old its assurance is. Pure.
import {addDuration, parseDay, parseDuration, type Day, type Duration} from './dates'
import type {Config, VendorTier} from './config-shape'

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

export interface VendorReviewState {
  tier: VendorTier
  interval: Duration
  lastReviewed: Day
  due: Day
  /** Negative when overdue. */
  daysLeft: number
}

/** Whether the vendor is reviewed at all: an evaluated, retired or departing vendor is not on the cadence. */
export function onReviewCadence(vendor: Partial<Vendor>): boolean {
  return vendor.status === 'active'
}

/** When the vendor's next review falls due; undefined when it is not on the cadence or has no valid last_reviewed. */
export function vendorReviewState(vendor: Partial<Vendor>, config: Pick<Config, 'vendors'>, today: Day): VendorReviewState | undefined {
  if (!onReviewCadence(vendor) || vendor.last_reviewed === undefined) return undefined
  const lastReviewed = parseDay(vendor.last_reviewed)
  const tier = effectiveTier(vendor, config)
  const interval = parseDuration(config.vendors.review_interval[tier])
  if (lastReviewed === undefined || !interval) return undefined
  const due = addDuration(lastReviewed, interval)
  return {tier, interval, lastReviewed, due, daysLeft: due - today}
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
