/**
 * controls-known: every control id in `controls:` exists in the shipped catalogs.
 *
 * SOC 2 ids are checked against the 61 Trust Services Criteria (2017) in
 * schemas/controls/soc2.json, ISO ids against the 93 Annex A controls of ISO/IEC 27001:2022 in
 * schemas/controls/iso27001.json. A likely typo gets a suggestion. Mapping a framework that is
 * not enabled under `frameworks:` in charter.config.yaml is a warning. An ISO 27001:2013 id such
 * as `A.9.2.1` never gets here: frontmatter-schema's id pattern refuses it first.
 *
 * @example ok
 *   policies/alpha.md
 *     ---
 *     controls: {soc2: [CC6.1], iso27001: [A.5.15]}
 *     ---
 *
 * @example not-ok a criterion that does not exist
 *   policies/alpha.md
 *     ---
 *     controls: {soc2: [CC6.9]}
 *     ---
 *   → policies/alpha.md:2:19-2:24 error Unexpected SOC 2 Trust Services Criteria (2017) id `CC6.9`, it is not in schemas/controls/soc2.json; did you mean `CC6.1`?
 *
 * @example not-ok a framework that is not enabled
 *   charter.config.yaml
 *     frameworks: [soc2]
 *   policies/alpha.md
 *     ---
 *     controls: {iso27001: [A.5.15]}
 *     ---
 *   → policies/alpha.md:2:12-2:20 warning Unexpected `controls.iso27001`: ISO/IEC 27001:2022 Annex A is not enabled; add `iso27001` to `frameworks:` in charter.config.yaml or remove these mappings
 */
import {catalogs} from '../../model/catalogs'
import type {Framework} from '../../model/document'
import {didYouMean} from '../../model/suggest'
import type {DocumentRule} from '../rule'
import {frontMatterSpan} from '../rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'controls-known',
  summary: 'Every mapped control id exists in the SOC 2 or ISO 27001 catalog.',
  description:
    'Control mappings feed the coverage matrix and the Statement of Applicability, so a mistyped or retired id silently leaves a control uncovered. Each id under `controls.soc2` must be a SOC 2 (2017) criterion and each id under `controls.iso27001` an ISO/IEC 27001:2022 Annex A control; the catalogs are in schemas/controls/. Frameworks not enabled in charter.config.yaml draw a warning.',
  severity: 'error',
  check(document, context) {
    const controls = document.meta.controls
    if (!controls) return
    for (const [framework, ids] of Object.entries(controls) as [Framework, string[]][]) {
      const catalog = catalogs[framework]
      if (!context.config.frameworks.includes(framework)) {
        context.report(
          frontMatterSpan(document, ['controls', framework], 'key'),
          `Unexpected \`controls.${framework}\`: ${catalog.name} is not enabled; add \`${framework}\` to \`frameworks:\` in charter.config.yaml or remove these mappings`,
          'warn'
        )
      }
      ids.forEach((id, index) => {
        if (catalog.byId.has(id)) return
        context.report(
          frontMatterSpan(document, ['controls', framework, index]),
          `Unexpected ${catalog.name} id \`${id}\`, it is not in schemas/controls/${framework}.json${didYouMean(id, catalog.byId.keys())}`
        )
      })
    }
  }
}

export default rule
