// The config `charter init` writes: the organization and role values set in the existing
// charter.config.yaml (its comments and layout kept), and the adoption commit when it has none,
// checked against the config schema.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseDocument} from 'yaml'
import {configFileName, type Config} from '../load/config'
import {validateConfig} from '../generated/validators.js'
import {UsageError} from '../model/errors'
import {recordAdoption} from './adoption'
import type {SeedValues} from './seed'

/**
 * The config with the new values, or undefined when nothing changes. `head`, the commit the
 * repository stands at, is recorded as the adoption commit unless the config has one.
 */
export function initConfigText(root: string, configPath: string, next: SeedValues, head?: string): string | undefined {
  const path = join(root, configPath)
  const before = existsSync(path) ? readFileSync(path, 'utf8') : '# Charter settings; every key is optional. See README.md, "Configuration".\n'
  const yaml = parseDocument(before)
  for (const [key, value] of Object.entries(next.organization)) yaml.setIn(['organization', key], value)
  for (const [key, value] of Object.entries(next.roles)) yaml.setIn(['roles', key], value)
  recordAdoption(yaml, head)
  const data = yaml.toJS() as Config
  if (!validateConfig(structuredClone(data))) {
    const [error] = validateConfig.errors ?? []
    throw new UsageError(`init: the values do not fit ${configFileName} (${error?.instancePath.slice(1).replaceAll('/', '.')} ${error?.message})`)
  }
  const after = yaml.toString({lineWidth: 0, flowCollectionPadding: false})
  return after === before ? undefined : after
}
