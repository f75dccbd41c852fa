// The vendor work falling due within a period: reviews on their tier's cadence and assurance about
// to go stale, for `charter due` and `charter remind` beside the documents' reviews.
import type {Config} from './config-shape'
import type {Duration, Day} from './dates'
import {dueWithin} from './due-date'
import {assuranceAction, assuranceState, effectiveTier, needsAssurance, vendorReviewState, type VendorTier, type AssuranceState, type Vendor, type VendorReviewState} from './vendor'

/** What falls due, as `due --format json` names it in `kind`. */
export type DueKind = 'document-review' | 'vendor-review' | 'vendor-assurance'

export type VendorDue = {path: string; vendor: Partial<Vendor>; tier: VendorTier} & ({kind: 'vendor-review'; state: VendorReviewState} | {kind: 'vendor-assurance'; state: AssuranceState})

/** Each line of `due`'s text and markdown names its kind in these words. */
export const dueKindNames: Record<DueKind, string> = {'document-review': 'document review', 'vendor-review': 'vendor review', 'vendor-assurance': 'vendor assurance'}

/**
 * Active vendors whose review, or whose assurance (for the tiers that need it), falls due within
 * `window` of today or is overdue, soonest first. A vendor never reviewed or without assurance has
 * no due date; `charter check` reports it instead.
 */
export function dueVendorWork(files: readonly {path: string; vendor: Partial<Vendor>}[], config: Pick<Config, 'vendors'>, today: Day, window: Duration): VendorDue[] {
  const work: VendorDue[] = []
  for (const {path, vendor} of files) {
    if (vendor.id === undefined) continue
    const tier = effectiveTier(vendor, config)
    const review = vendorReviewState(vendor, config, today)
    if (review && dueWithin(review, window, today)) work.push({kind: 'vendor-review', path, vendor, tier, state: review})
    const assurance = needsAssurance(vendor, config) ? assuranceState(vendor, config, today) : undefined
    if (assurance && dueWithin(assurance, window, today)) work.push({kind: 'vendor-assurance', path, vendor, tier, state: assurance})
  }
  return work.sort((a, b) => a.state.due - b.state.due || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.kind < b.kind ? 1 : -1))
}

/** What to do about it, in a sentence with the command that records it. */
export function vendorDueAction(item: VendorDue): string {
  const id = item.vendor.id!
  if (item.kind === 'vendor-review') return `review the vendor, then run \`charter vendors review ${id}\``
  return `${assuranceAction(item.state.assurance)}, then run \`charter vendors review ${id} --assurance <type> --period <start>..<end> --received <date>\``
}
