/**
 * vendor-review-due: every active vendor is reviewed on its tier's cadence.
 *
 * The next review falls due the tier's `vendors.review_interval` (critical 12 months, high 12,
 * medium 24, low 36 by default) after `last_reviewed`. Past that day: an error saying how many
 * days over. Within `review.warn_window` of it: a warning. An active vendor with no
 * `last_reviewed`, or one in the future, is an error. Vendors being evaluated, offboarded or
 * retired are not on the cadence. In these examples today is 2026-06-01.
 *
 * @example ok reviewed last September
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: active
 *     services: Production hosting
 *     data: [none]
 *     last_reviewed: 2025-09-01
 *
 * @example not-ok overdue
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: active
 *     services: Production hosting
 *     data: [customer-content]
 *     last_reviewed: 2025-01-10
 *   → vendors/cloudnimbus.yaml:7:16-7:26 error last_reviewed 2025-01-10 is 142 days past the 12-month review interval of a critical vendor (due 2026-01-10); once reviewed, run `charter vendors review cloudnimbus`
 */
import {describeDuration, formatDay, parseDuration, plural} from '../../model/dates'
import {dueIn, dueWithin} from '../../model/due-date'
import {effectiveTier, onReviewCadence, vendorReviewState} from '../../model/vendor'
import {valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-review-due',
  summary: "Active vendors are reviewed within their tier's interval; warns inside the warn window.",
  description:
    "SOC 2 (CC9.2) and ISO 27001 (A.5.22) expect vendors to be re-assessed on a schedule, sized to the risk each one carries. An active vendor is due one `vendors.review_interval` of its tier after `last_reviewed`: past that it is an error, within `review.warn_window` a warning, and an active vendor never reviewed is an error. Review the vendor, record it with `charter vendors review <id>`, and commit.",
  severity: 'error',
  check(repository, context) {
    const {config, today} = repository
    if (!config) return
    const window = parseDuration(config.review.warn_window)
    for (const file of repository.vendors?.files ?? []) {
      const {vendor} = file
      const id = vendor.id ?? file.path
      if (!onReviewCadence(vendor)) continue
      // A date the schema refused (its own finding) is no "never reviewed".
      if (vendor.last_reviewed === undefined && !file.yaml?.has('last_reviewed')) {
        const tier = effectiveTier(vendor, config)
        context.report(file.path, valueAt(file.yaml, ['status']), `Active vendor ${id} has never been reviewed (a ${tier} vendor is reviewed every ${config.vendors.review_interval[tier]}); review it and run \`charter vendors review ${id}\``)
        continue
      }
      const state = vendorReviewState(vendor, config, today)
      if (!state) continue
      // Found only when reported: a vendor file's positions are parsed when first asked for.
      const at = () => valueAt(file.yaml, ['last_reviewed'])
      if (state.lastReviewed > today) {
        context.report(file.path, at(), `Unexpected last_reviewed ${vendor.last_reviewed} in the future (today is ${formatDay(today)}); set it to the date the review took place`)
      } else if (state.daysLeft < 0) {
        context.report(
          file.path,
          at(),
          `last_reviewed ${vendor.last_reviewed} is ${plural(-state.daysLeft, 'day')} past the ${describeDuration(state.interval)} review interval of a ${state.tier} vendor (due ${formatDay(state.due)}); once reviewed, run \`charter vendors review ${id}\``
        )
      } else if (window && dueWithin(state, window, today)) {
        context.report(file.path, at(), `Review of vendor ${id} due ${dueIn(state)} (${formatDay(state.due)}, ${plural(state.interval.count, state.interval.unit)} after last_reviewed ${vendor.last_reviewed}); schedule the review`, 'warn')
      }
    }
  }
}

export default rule
