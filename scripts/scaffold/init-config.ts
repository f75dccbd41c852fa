// The config `charter init` writes: the organization and role values set in the existing
// charter.config.yaml (its comments and layout kept), and the adoption commit when it has none,
// checked against the config schema.
import {configFileName} from '../load/config'
import {UsageError} from '../model/errors'
import {recordAdoption} from './adoption'
import {editConfigText} from './config-text'
import type {SeedValues} from './seed'

/**
 * The config with the new values, or undefined when nothing changes. `head`, the commit the
 * repository stands at, is recorded as the adoption commit unless the config has one.
 */
export function initConfigText(root: string, configPath: string, next: SeedValues, head?: string): string | undefined {
  const {before, after, unfit} = editConfigText(root, configPath, (yaml) => {
    for (const [key, value] of Object.entries(next.organization)) yaml.setIn(['organization', key], value)
    for (const [key, value] of Object.entries(next.roles)) yaml.setIn(['roles', key], value)
    recordAdoption(yaml, head)
  })
  if (unfit !== undefined) throw new UsageError(`init: the values do not fit ${configFileName} (${unfit})`)
  return after === before ? undefined : after
}
