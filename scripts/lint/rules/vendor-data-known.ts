/**
 * vendor-data-known: every data category a vendor lists is one the config knows.
 *
 * A vendor's tier is derived from its data categories through `vendors.data_categories` in
 * charter.config.yaml; a category the config does not list implies no tier at all, so the
 * vendor could be tiered too low. A likely typo gets a suggestion.
 *
 * @example ok
 *   vendors/ledgerly.yaml
 *     id: ledgerly
 *     name: Ledgerly
 *     owner: Head of Security
 *     status: evaluating
 *     services: Payroll
 *     data: [employee-pii]
 *
 * @example not-ok a misspelt category
 *   vendors/ledgerly.yaml
 *     id: ledgerly
 *     name: Ledgerly
 *     owner: Head of Security
 *     status: evaluating
 *     services: Payroll
 *     data: [employee-pi]
 *   → vendors/ledgerly.yaml:6:8-6:19 error Unexpected data category `employee-pi`, expected a category listed in `vendors.data_categories` in the config, or add it there with the tier it implies; did you mean `employee-pii`?
 */
import {valueAt} from '../../model/yaml-place'
import {didYouMean} from '../../model/suggest'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-data-known',
  summary: "Every data category in a vendor's `data` is listed in `vendors.data_categories` in the config.",
  description:
    "A vendor's tier is derived from the data it can reach, through the tier each category implies in `vendors.data_categories`. A category the config does not list implies nothing, so a vendor with customer data under a misspelt name could pass as low tier. Correct the category, or add it to the config with the tier it implies.",
  severity: 'error',
  check(repository, context) {
    const known = Object.keys(repository.config?.vendors.data_categories ?? {})
    for (const file of repository.vendors?.files ?? []) {
      ;(file.vendor.data ?? []).forEach((category, index) => {
        if (known.includes(category)) return
        const where = valueAt(file.yaml, ['data', index])
        context.report(file.path, where, `Unexpected data category \`${category}\`, expected a category listed in \`vendors.data_categories\` in the config, or add it there with the tier it implies${didYouMean(category, known)}`)
      })
    }
  }
}

export default rule
