/**
 * vendor-cuecs: each complementary user entity control (CUEC) a report lists says how we meet it.
 *
 * A SOC 2 report's controls hold only if its customers do their part: the CUECs. Each one
 * recorded under an assurance entry's `cuecs` needs a `met_by` naming our control and its owner.
 *
 * @example ok
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: evaluating
 *     services: Production hosting
 *     data: [none]
 *     assurance:
 *       - type: soc2-type2
 *         cuecs:
 *           - control: Customers enforce MFA on their administrator accounts
 *             met_by: Access Control Policy, SSO with MFA (IT Manager)
 *
 * @example not-ok a CUEC nobody meets
 *   vendors/cloudnimbus.yaml
 *     id: cloudnimbus
 *     name: CloudNimbus
 *     owner: CTO
 *     status: evaluating
 *     services: Production hosting
 *     data: [none]
 *     assurance:
 *       - type: soc2-type2
 *         cuecs:
 *           - control: Customers review user access quarterly
 *   → vendors/cloudnimbus.yaml:10:18-10:56 error CUEC `Customers review user access quarterly` of the SOC 2 Type II report says not how we meet it; add `met_by` with the control of ours that does and its owner
 */
import {assuranceName} from '../../model/vendor'
import {valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-cuecs',
  summary: "Every CUEC recorded from a vendor's report says, in `met_by`, how we meet it.",
  description:
    "A vendor's SOC 2 report assumes its customers run certain controls themselves (complementary user entity controls). If we do not, the vendor's controls do not cover us, and an auditor will ask how each one is met. Add `met_by` to each CUEC: the control of ours that meets it and its owner; a control we do not run is a risk to raise and fix.",
  severity: 'error',
  check(repository, context) {
    for (const file of repository.vendors?.files ?? []) {
      ;(file.vendor.assurance ?? []).forEach((assurance, index) => {
        ;(assurance.cuecs ?? []).forEach((cuec, cuecIndex) => {
          if (cuec.met_by !== undefined) return
          const shown = cuec.control.length > 80 ? `${cuec.control.slice(0, 79)}…` : cuec.control
          const where = valueAt(file.yaml, ['assurance', index, 'cuecs', cuecIndex, 'control'])
          context.report(file.path, where, `CUEC \`${shown}\` of the ${assuranceName(assurance.type)} says not how we meet it; add \`met_by\` with the control of ours that does and its owner`)
        })
      })
    }
  }
}

export default rule
