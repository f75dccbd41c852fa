/**
 * vendor-findings-due: no open vendor finding is past its due date.
 *
 * A finding from a vendor review stays open until it has a `closed` date. Past its `due` date
 * it is an error; within `review.warn_window` of it, a warning. Retired vendors are left out.
 * In these examples today is 2026-06-01.
 *
 * @example ok closed
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: evaluating
 *     services: Production hosting
 *     data: [none]
 *     findings:
 *       - summary: Enforce MFA on the admin console
 *         due: 2026-03-01
 *         closed: 2026-02-20
 *
 * @example not-ok overdue
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: evaluating
 *     services: Production hosting
 *     data: [none]
 *     findings:
 *       - summary: Enforce MFA on the admin console
 *         due: 2026-04-01
 *   → vendors/cloudnimbus.yaml:9:10-9:20 error Finding `Enforce MFA on the admin console` was due 2026-04-01, 61 days ago; close it (set `closed:` to the day it was done) or agree a new due date with its owner
 */
import {formatDay, parseDuration} from '../../model/dates'
import {daysAgo, dueIn, dueWithin} from '../../model/due-date'
import {findingState, openFindings} from '../../model/vendor'
import {valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-findings-due',
  summary: 'Open findings from vendor reviews are not past their due date; warns inside the warn window.',
  description:
    "A finding from a vendor review (a missing control, a gap in the report's scope) is tracked to a due date. An open finding past it is an error, one due within `review.warn_window` a warning. Close it by setting `closed:` to the day it was done, or agree a new `due` with its owner; a critical vendor's unresolved serious finding goes to whoever accepts the risk.",
  severity: 'error',
  check(repository, context) {
    const {config, today} = repository
    if (!config) return
    const window = parseDuration(config.review.warn_window)
    for (const file of repository.vendors?.files ?? []) {
      if (file.vendor.status === 'retired') continue
      for (const {finding, index} of openFindings(file.vendor)) {
        const state = findingState(finding, today)
        if (!state) continue
        // Found only when reported: a vendor file's positions are parsed when first asked for.
        const at = () => valueAt(file.yaml, ['findings', index, 'due'])
        const shown = finding.summary.length > 80 ? `${finding.summary.slice(0, 79)}…` : finding.summary
        if (state.daysLeft < 0) {
          context.report(file.path, at(), `Finding \`${shown}\` was due ${formatDay(state.due)}, ${daysAgo(state.due, today)}; close it (set \`closed:\` to the day it was done) or agree a new due date with its owner`)
        } else if (window && dueWithin(state, window, today)) {
          context.report(file.path, at(), `Finding \`${shown}\` is due ${dueIn(state)} (${formatDay(state.due)}); close it or agree a new due date with its owner`, 'warn')
        }
      }
    }
  }
}

export default rule
