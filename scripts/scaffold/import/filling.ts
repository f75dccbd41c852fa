// The required fields a source did not have, filled from the command line or the config's
// defaults, each recorded with where it came from so a person can confirm it. A field nothing
// fills is named with the option that would.
import type {Config} from '../../load/config'
import type {DocumentMeta} from '../../model/document'
import type {ImportedFields, MappedDocument} from './source-mapping'

/** What the command line gives for every document that lacks it. */
export type FillValues = Pick<ImportedFields, 'kind' | 'status' | 'owner' | 'approvers' | 'classification' | 'effective' | 'last_reviewed'>

export interface FilledField {
  field: keyof DocumentMeta
  value: string | string[]
  /** `option`: given on the command line; `config` or `default`: for a person to confirm. */
  source: 'option' | 'config' | 'default'
  /** Where it came from and how to choose another, as the summary says it. */
  how: string
}

export interface MissingField {
  field: keyof DocumentMeta
  /** The option that fills it, e.g. `--classification public|internal|confidential`. */
  option: string
}

export interface FilledDocument {
  title: string
  fields: Required<Pick<ImportedFields, 'kind' | 'version' | 'status'>> & ImportedFields
  filled: FilledField[]
  missing: MissingField[]
}

export function fillDocument(document: MappedDocument, values: FillValues, config: Config, configPath: string): FilledDocument {
  const fields = {...document.fields}
  const filled: FilledField[] = []
  const missing: MissingField[] = []
  const fill = <K extends keyof FillValues>(field: K, value: FillValues[K] | undefined, source: FilledField['source'], how: string) => {
    ;(fields as Record<string, unknown>)[field] = value
    filled.push({field, value: value as string | string[], source, how})
  }
  const fromOption = <K extends keyof FillValues>(field: K, option: string): boolean => {
    if (fields[field] !== undefined || values[field] === undefined) return fields[field] !== undefined
    fill(field, values[field], 'option', option)
    return true
  }

  let title = document.title
  if (title === undefined) {
    title = titleFromPath(document.source.path)
    filled.push({field: 'title', value: title, source: 'default', how: 'from the file name: the source has no title and no heading'})
  }
  if (!fromOption('kind', '--kind')) fill('kind', 'policy', 'default', 'the default; --kind sets another')
  if (!fromOption('status', '--status')) fill('status', 'approved', 'default', 'the source had none; --status sets another')
  if (fields.version === undefined) {
    // A draft starts below 1.0.0, as `charter new` starts one.
    const first = fields.status === 'draft' ? '0.1.0' : '1.0.0'
    fields.version = first
    filled.push({field: 'version', value: first, source: 'default', how: `the first version of ${fields.status === 'draft' ? 'a draft' : 'an adopted document'}; charter review --bump raises it`})
  }
  const securityLead = config.roles.security_lead
  const engineeringLead = config.roles.engineering_lead
  if (!fromOption('owner', '--owner')) {
    if (securityLead !== undefined) fill('owner', securityLead, 'config', `roles.security_lead in ${configPath}; --owner sets another`)
    else missing.push({field: 'owner', option: '--owner <role>'})
  }
  if (!fromOption('approvers', '--approvers')) {
    if (engineeringLead !== undefined) fill('approvers', [engineeringLead], 'config', `roles.engineering_lead in ${configPath}; --approvers sets others`)
    else missing.push({field: 'approvers', option: '--approvers <role>[,<role>]'})
  }
  if (!fromOption('classification', '--classification')) missing.push({field: 'classification', option: '--classification public|internal|confidential'})
  if (!fromOption('effective', '--effective')) missing.push({field: 'effective', option: '--effective YYYY-MM-DD'})
  if (!fromOption('last_reviewed', '--last-reviewed')) missing.push({field: 'last_reviewed', option: '--last-reviewed YYYY-MM-DD'})
  return {title, fields: fields as FilledDocument['fields'], filled, missing}
}

/** `access-control/index.md` → `Access control`; used only when the source has no title at all. */
function titleFromPath(path: string): string {
  const parts = path.replace(/\.md$/i, '').split('/')
  const last = parts[parts.length - 1]!
  const name = (last === 'index' || last === '_index') && parts.length > 1 ? parts[parts.length - 2]! : last
  const words = name.replace(/[-_]+/g, ' ').trim() || 'Untitled'
  return `${words[0]!.toUpperCase()}${words.slice(1)}`
}
