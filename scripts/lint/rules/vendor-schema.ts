/**
 * vendor-schema: every vendor file is readable YAML that matches schemas/vendor.schema.json, is
 * named after its id, and is tiered no lower than its data implies unless it says why.
 *
 * A vendor file is judged like a document's front matter: unknown keys get a suggestion, a bad
 * value is reported where it stands, a missing key at the mapping that lacks it. A tier below
 * the one `vendors.data_categories` derives from `data` needs a `tier_justification`, so a tier
 * is never lowered silently. The file is read like a document: a symbolic link, a file over
 * 1 MB, binary or non-UTF-8 text, YAML aliases that expand too far and explicit tags are refused.
 *
 * @example ok
 *   vendors/paperplane.yaml
 *     id: paperplane
 *     name: PaperPlane
 *     owner: Head of Security
 *     status: active
 *     services: Design assets for the marketing site
 *     data: [none]
 *
 * @example not-ok a tier lowered without a reason
 *   vendors/paperplane.yaml
 *     id: paperplane
 *     name: PaperPlane
 *     owner: Head of Security
 *     status: active
 *     services: Customer support desk
 *     data: [customer-pii]
 *     tier: medium
 *   → vendors/paperplane.yaml:7:7-7:13 error Unexpected tier `medium` below the `critical` its data implies (`customer-pii`); set `tier: critical`, or keep `medium` and record why in `tier_justification`
 */
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'vendor-schema',
  summary: 'Vendor files are valid YAML matching schemas/vendor.schema.json, named after their id, tiered no lower than their data.',
  description:
    'The vendor register is evidence an auditor samples, so each vendor file must say the same thing to every reader: valid YAML, only the keys schemas/vendor.schema.json knows, dates that exist, and an id equal to its file name. A vendor\'s tier follows from the data it can reach (`vendors.data_categories` in the config); it may be set higher, and lower only with a `tier_justification` saying why. Fix the key or value at the position given; `charter vendors new "<name>"` writes a complete file to start from.',
  severity: 'error',
  check(repository, context) {
    const register = repository.vendors
    if (!register) return
    if (register.folderProblem) context.report(register.folder, undefined, register.folderProblem)
    for (const file of register.files) for (const problem of file.problems) context.report(file.path, problem, problem.reason)
  }
}

export default rule
