// Editing charter.config.yaml as text: its comments and layout kept, the result checked against
// the config schema. `init` sets values through it; `init` and `import` record the adoption.
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {parseDocument, type Document} from 'yaml'
import {validateConfig} from '../generated/validators.js'

export interface EditedConfig {
  /** The file's text before; undefined when there was no file. */
  before?: string
  after: string
  /** Where the result breaks the schema, e.g. `organization.name must NOT have fewer than 1 characters`; undefined when it fits. */
  unfit?: string
}

/** The config at `configPath` (a commented stub when there is none) with `edit` applied to its YAML. */
export function editConfigText(root: string, configPath: string, edit: (yaml: Document) => void): EditedConfig {
  const path = join(root, configPath)
  const before = existsSync(path) ? readFileSync(path, 'utf8') : undefined
  const yaml = parseDocument(before ?? '# Charter settings; every key is optional. See README.md, "Configuration".\n')
  edit(yaml)
  const after = yaml.toString({lineWidth: 0, flowCollectionPadding: false})
  const fits = validateConfig(structuredClone(yaml.toJS()))
  const [error] = fits ? [] : (validateConfig.errors ?? [])
  const unfit = fits ? undefined : `${error?.instancePath.slice(1).replaceAll('/', '.')} ${error?.message}`
  return {...(before === undefined ? {} : {before}), after, ...(unfit === undefined ? {} : {unfit})}
}
