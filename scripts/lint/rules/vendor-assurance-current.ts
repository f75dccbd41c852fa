/**
 * vendor-assurance-current: an active vendor of a tier that needs assurance holds a current report.
 *
 * For the tiers in `vendors.assurance.tiers` (critical and high by default), the vendor's latest
 * assurance must be current: a SOC 2 report whose period ended no more than
 * `vendors.assurance.max_age` (12 months) ago, or one covered by a bridge letter under
 * `bridge_letter_max_age` (3 months) old; an ISO 27001 certificate not yet expired; a
 * questionnaire received within `max_age`. A vendor with none is an error too. In these
 * examples today is 2026-06-01.
 *
 * @example ok covered by a recent bridge letter
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: active
 *     services: Production hosting
 *     data: [customer-content]
 *     assurance:
 *       - type: soc2-type2
 *         period_end: 2025-03-31
 *         bridge_letter: 2026-04-15
 *
 * @example not-ok the report is old
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: active
 *     services: Production hosting
 *     data: [customer-content]
 *     assurance:
 *       - type: soc2-type2
 *         period_end: 2024-12-31
 *   → vendors/cloudnimbus.yaml:9:17-9:27 error SOC 2 Type II report period ended 2024-12-31, 517 days ago; request the current report or a bridge letter
 */
import {assuranceName, assuranceState, effectiveTier, latestAssurance, needsAssurance, staleAssurance} from '../../model/vendor'
import {placeOf, valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-assurance-current',
  summary: 'Active vendors of the tiers that need it hold a current SOC 2 report, bridge letter, certificate or questionnaire.',
  description:
    "An auditor testing CC9.2 asks for each critical vendor's current SOC 2 report. A report covers a past period, so a report whose period ended more than `vendors.assurance.max_age` ago no longer speaks for the vendor, unless a bridge letter from the vendor, under `bridge_letter_max_age` old, covers the gap. Request the current report (or a bridge letter), read it, and record it with `charter vendors review <id> --assurance soc2-type2 --period <start>..<end> --received <date>`.",
  severity: 'error',
  check(repository, context) {
    const {config, today} = repository
    if (!config) return
    for (const file of repository.vendors?.files ?? []) {
      const {vendor} = file
      if (!needsAssurance(vendor, config)) continue
      const id = vendor.id ?? file.path
      const latest = latestAssurance(vendor)
      if (!latest) {
        const where = placeOf(file.yaml, ['assurance']) ?? valueAt(file.yaml, ['status'])
        const tier = effectiveTier(vendor, config)
        context.report(file.path, where, `No assurance recorded for ${tier} vendor ${id}; request its SOC 2 Type II report or ISO 27001 certificate, and record it with \`charter vendors review ${id} --assurance <type> --period <start>..<end> --received <date>\``)
        continue
      }
      const {assurance, index} = latest
      const path = ['assurance', index]
      const name = assuranceName(assurance.type)
      const dateKey = assurance.type === 'questionnaire' ? 'received' : 'period_end'
      // Found only when reported: a vendor file's positions are parsed when first asked for.
      const at = () => valueAt(file.yaml, [...path, dateKey]) ?? valueAt(file.yaml, [...path, 'type'])
      const state = assuranceState(vendor, config, today)
      if (!state) {
        const what = assurance.type === 'questionnaire' ? 'the date it was received' : assurance.type === 'iso27001' ? 'the date the certificate expires' : 'the last day of the report period'
        context.report(file.path, at(), `The ${name} has no \`${dateKey}\`; add ${what}, so its age can be judged`)
        continue
      }
      if (state.daysLeft >= 0) continue
      context.report(file.path, at(), staleAssurance(state, today))
    }
  }
}

export default rule
