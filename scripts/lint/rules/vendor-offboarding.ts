/**
 * vendor-offboarding: a retired vendor records when its access ended and that it deleted our data.
 *
 * A retired vendor needs `offboarded` with its `date` and `data_deletion_confirmed`: the day the
 * vendor confirmed in writing that the company's data is deleted.
 *
 * @example ok
 *   vendors/oldmail.yaml
 *     id: oldmail
 *     name: OldMail
 *     owner: IT Manager
 *     status: retired
 *     services: Email marketing
 *     data: [customer-pii]
 *     offboarded:
 *       date: 2026-02-01
 *       data_deletion_confirmed: 2026-02-20
 *
 * @example not-ok no deletion confirmed
 *   vendors/oldmail.yaml
 *     id: oldmail
 *     name: OldMail
 *     owner: IT Manager
 *     status: retired
 *     services: Email marketing
 *     data: [customer-pii]
 *     offboarded:
 *       date: 2026-02-01
 *   → vendors/oldmail.yaml:7:1-7:11 error Retired vendor oldmail records no data deletion; ask the vendor to confirm in writing that our data is deleted, then set `offboarded.data_deletion_confirmed` to the date of that confirmation
 */
import {placeOf, valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-offboarding',
  summary: 'A retired vendor records its offboarding date and the confirmed deletion of our data.',
  description:
    "Ending a vendor relationship is complete only when the vendor's access is removed and our data is deleted, which the vendor confirms in writing. A retired vendor must record both under `offboarded`: the `date` access ended and `data_deletion_confirmed`, the date of the vendor's confirmation. Until then, keep the vendor at `status: offboarding`.",
  severity: 'error',
  check(repository, context) {
    for (const file of repository.vendors?.files ?? []) {
      const {vendor} = file
      if (vendor.status !== 'retired') continue
      const id = vendor.id ?? file.path
      if (!vendor.offboarded) {
        context.report(file.path, valueAt(file.yaml, ['status']), `Retired vendor ${id} records no offboarding; add \`offboarded:\` with the \`date\` its access ended and \`data_deletion_confirmed\`, the date it confirmed our data is deleted (or set \`status: offboarding\` until then)`)
      } else if (vendor.offboarded.data_deletion_confirmed === undefined) {
        context.report(file.path, placeOf(file.yaml, ['offboarded', 'data_deletion_confirmed']), `Retired vendor ${id} records no data deletion; ask the vendor to confirm in writing that our data is deleted, then set \`offboarded.data_deletion_confirmed\` to the date of that confirmation`)
      }
    }
  }
}

export default rule
