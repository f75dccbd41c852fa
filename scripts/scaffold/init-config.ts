// The config `charter init` writes: the organization and role values set in the existing
// charter.config.yaml (its comments and layout kept), the overview page's `trust:` carried over
// to them, and the adoption commit when it has none, checked against the config schema.
import {isMap, type Document} from 'yaml'
import {configFileName} from '../load/config'
import type {Trust} from '../model/config-shape'
import {UsageError} from '../model/errors'
import {recordAdoption} from './adoption'
import {editConfigText} from './config-text'
import type {SeedValues} from './seed'
import {planTrust, seedTrust} from './seed-trust'

export interface InitConfig {
  /** The config with the new values; undefined when nothing changes. */
  text?: string
  /** How many certifications were removed under `trust:`, issued to the organization under its previous name. */
  droppedCertifications: number
  /** The seed's parts removed from `trust:` because the seed library is not rendered. */
  removedSeed: ('practices' | 'faq')[]
}

/**
 * The config with the new values. `statement` is the overview's statement when one was given or
 * asked for; `seedLibrary` says whether the seed documents are rendered too. `head`, the commit the repository stands at, is recorded as the adoption commit
 * unless the config has one.
 */
export function initConfigText(root: string, configPath: string, previous: SeedValues, next: SeedValues, statement: string | undefined, seedLibrary: boolean, head?: string): InitConfig {
  let droppedCertifications = 0
  let removedSeed: InitConfig['removedSeed'] = []
  const {before, after, unfit} = editConfigText(root, configPath, (yaml) => {
    for (const [key, value] of Object.entries(next.organization)) yaml.setIn(['organization', key], value)
    for (const [key, value] of Object.entries(next.roles)) yaml.setIn(['roles', key], value)
    const current = trustAsWritten(yaml)
    const plan = planTrust(current, seedTrust(root, previous), seedTrust(root, next), statement, previous.organization.name !== next.organization.name, seedLibrary)
    for (const [key, value] of Object.entries(plan.set)) yaml.setIn(['trust', key], value)
    for (const key of plan.remove) yaml.deleteIn(['trust', key])
    removedSeed = plan.remove
    if (plan.dropCertifications > 0) yaml.deleteIn(['trust', 'certifications'])
    droppedCertifications = plan.dropCertifications
    recordAdoption(yaml, head)
  })
  if (unfit !== undefined) throw new UsageError(`init: the values do not fit ${configFileName} (${unfit})`)
  return {...(after === before ? {} : {text: after}), droppedCertifications, removedSeed}
}

/** `trust:` as the file has it, without the defaults validation fills in, so a seed compares equal. */
function trustAsWritten(yaml: Document): Partial<Trust> | undefined {
  const node = yaml.get('trust', true)
  return isMap(node) ? (node.toJSON() as Partial<Trust>) : undefined
}
