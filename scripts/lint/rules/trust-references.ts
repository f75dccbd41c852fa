/**
 * trust-references: each practice tile under `trust:` names documents and controls that exist.
 *
 * The overview page (site/index.html) shows each practice with links to the documents and
 * controls behind it. A tile that names a document no one wrote, or a control id that is in
 * no enabled catalog, would tell customers a practice is backed when nothing backs it, so each
 * is an error at its place in the config, with the likeliest id it was meant to be. A tile
 * naming a document that is not approved is a warning: a draft backs nothing, as for coverage.
 *
 * @example ok
 *   charter.config.yaml
 *     trust: {practices: [{title: Access, summary: Access is reviewed., documents: [alpha], controls: [CC6.1]}]}
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     status: approved
 *     ---
 *
 * @example not-ok a document id and a control id that do not exist
 *   charter.config.yaml
 *     trust: {practices: [{title: Access, summary: Access is reviewed., documents: [alpah], controls: [CC6.9]}]}
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     status: approved
 *     ---
 *   → charter.config.yaml:1:79-1:84 error Unexpected document `alpah` in `trust.practices[0].documents`: no document has this id; did you mean `alpha`?
 *   → charter.config.yaml:1:98-1:103 error Unexpected control `CC6.9` in `trust.practices[0].controls`: it is in no enabled catalog (SOC 2 Trust Services Criteria (2017), ISO/IEC 27001:2022 Annex A); did you mean `CC6.1`?
 */
import {catalogs} from '../../model/catalogs'
import type {Framework} from '../../model/document'
import {controlOf} from '../../model/trust-links'
import {didYouMean} from '../../model/suggest'
import {valueAt} from '../../model/yaml-place'
import type {RepositoryRule} from '../rule'

const rule: RepositoryRule = {
  scope: 'repository',
  id: 'trust-references',
  summary: "The overview page's practice tiles name documents and controls that exist.",
  description:
    "Each tile under `trust.practices` in charter.config.yaml links the overview page to the documents and controls behind it. Every id under `documents` must be a document's id, and every id under `controls` a SOC 2 criterion or ISO/IEC 27001 Annex A control of an enabled framework; a tile naming a document that is not approved draws a warning. On the public page a document that is not public is named only as an internal policy, available on request.",
  severity: 'error',
  check({config, configPath, configYaml, documents}, context) {
    if (!config || !configYaml || !documents) return
    const byId = new Map(documents.flatMap(({meta}) => (meta.id === undefined ? [] : [[meta.id, meta] as const])))
    const enabled = config.frameworks
    const controlIds = enabled.flatMap((framework) => [...catalogs[framework].byId.keys()])
    const names = enabled.map((framework) => catalogs[framework].name).join(', ')
    config.trust.practices.forEach((practice, index) => {
      const place = (list: string, at: number) => valueAt(configYaml, ['trust', 'practices', index, list, at])
      const field = (list: string) => `\`trust.practices[${index}].${list}\``
      practice.documents?.forEach((id, at) => {
        const meta = byId.get(id)
        if (!meta) return context.report(configPath, place('documents', at), `Unexpected document \`${id}\` in ${field('documents')}: no document has this id${didYouMean(id, byId.keys())}`)
        if (meta.status !== 'approved') {
          context.report(configPath, place('documents', at), `Unexpected ${meta.status ?? 'unapproved'} document \`${id}\` in ${field('documents')}: only an approved document backs a practice; approve it, or name the approved document that does`, 'warn')
        }
      })
      practice.controls?.forEach((id, at) => {
        if (controlOf(id, enabled)) return
        const other = controlOf(id, Object.keys(catalogs) as Framework[])
        if (other) {
          return context.report(configPath, place('controls', at), `Unexpected control \`${id}\` in ${field('controls')}: it is in ${catalogs[other.framework].name}, which is not enabled; add \`${other.framework}\` to \`frameworks:\` in ${configPath} or remove the id`)
        }
        context.report(configPath, place('controls', at), `Unexpected control \`${id}\` in ${field('controls')}: it is in no enabled catalog (${names})${didYouMean(id, controlIds)}`)
      })
    })
  }
}

export default rule
