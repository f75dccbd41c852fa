// Whether the vendor register is current and reviewed, which is when coverage counts it as
// evidence for the supplier controls (SOC 2 CC9.2; ISO/IEC 27001 A.5.19 and A.5.22). Pure.
import type {Config} from './config-shape'
import {formatDay, type Day} from './dates'
import type {Framework} from './document'
import {assuranceState, latestAssurance, needsAssurance, onReviewCadence, vendorReviewState, type Vendor} from './vendor'

/**
 * The controls a current register evidences. CC9.2 asks that vendor risk be assessed and
 * re-assessed; A.5.19 that supplier risks be managed, A.5.22 that supplier services be monitored
 * and reviewed: tiers, reviews on a cadence and current assurance are that evidence. A.5.20
 * (security requirements in contracts) needs the contracts themselves, and A.5.21 (the ICT
 * supply chain) more than a list of vendors, so the register alone evidences neither.
 */
export const registerControls: Record<Framework, readonly string[]> = {soc2: ['CC9.2'], iso27001: ['A.5.19', 'A.5.22']}

/** How coverage names the register beside the documents. */
export const registerName = 'vendor register'

export interface RegisterStanding {
  current: boolean
  /** Why it is not current, worst first; empty when current. */
  reasons: string[]
  vendors: number
  active: number
}

/** At most this many reasons are named; the rest are counted, so a register of hundreds stays one line. */
const namedReasons = 3

/**
 * A register is current and reviewed when every vendor file reads without problems, at least one
 * vendor is active, every active vendor has been reviewed and none's review is past its tier's
 * interval, and every active vendor of a tier that needs assurance holds current assurance.
 * That is what an auditor samples for CC9.2: each vendor assessed on its schedule, with its
 * report in date. Open findings past due are left to `charter check`: they are remediation the
 * register tracks, not a missed assessment.
 */
export function registerStanding(
  register: {files: readonly {path: string; vendor: Partial<Vendor>; problems: readonly unknown[]}[]; folderProblem?: string},
  config: Pick<Config, 'vendors'>,
  today: Day
): RegisterStanding {
  const reasons: string[] = []
  if (register.folderProblem) reasons.push(register.folderProblem)
  const active = register.files.filter((file) => file.problems.length === 0 && onReviewCadence(file.vendor))
  for (const file of register.files) if (file.problems.length > 0) reasons.push(`${file.path} has problems (\`charter check\` shows them)`)
  if (!register.folderProblem && active.length === 0) reasons.push('no vendor is active')
  for (const {path, vendor} of active) {
    const id = vendor.id ?? path
    const review = vendorReviewState(vendor, config, today)
    if (!review) reasons.push(`vendor ${id} has never been reviewed`)
    else if (review.lastReviewed > today) reasons.push(`vendor ${id} has last_reviewed in the future`)
    else if (review.daysLeft < 0) reasons.push(`the review of vendor ${id} was due ${formatDay(review.due)}`)
    if (!needsAssurance(vendor, config)) continue
    const assurance = assuranceState(vendor, config, today)
    if (!latestAssurance(vendor)) reasons.push(`vendor ${id} has no assurance recorded`)
    else if (!assurance) reasons.push(`the assurance of vendor ${id} has no date`)
    else if (assurance.daysLeft < 0) reasons.push(`the assurance of vendor ${id} was current only until ${formatDay(assurance.due)}`)
  }
  const shown = reasons.length > namedReasons + 1 ? [...reasons.slice(0, namedReasons), `and ${reasons.length - namedReasons} more`] : reasons
  return {current: reasons.length === 0, reasons: shown, vendors: register.files.length, active: active.length}
}

/** One line on the register for a coverage listing: counted, or not and why. */
export function describeStanding(standing: RegisterStanding, framework: Framework): string {
  const controls = registerControls[framework].join(', ')
  if (standing.current) return `Vendor register: current (${standing.vendors} ${standing.vendors === 1 ? 'vendor' : 'vendors'}, ${standing.active} active), counted for ${controls}`
  return `Vendor register: not current, so not counted for ${controls}: ${standing.reasons.join('; ')}`
}
