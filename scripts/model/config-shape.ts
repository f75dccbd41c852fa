// The shape of charter.config.yaml once validated, every default filled in; load/config.ts reads it.
import type {Framework, Kind} from './document'

export const configFileName = 'charter.config.yaml'

export type RuleSetting = 'error' | 'warn' | 'off'

export type Soc2Category = 'security' | 'availability' | 'confidentiality' | 'processing_integrity' | 'privacy'

/** charter.config.yaml after validation, every default filled in (see schemas/config.schema.json). */
export interface Config {
  organization: {name: string; short_name: string; security_contact: string}
  /** The documents folder, repository-relative: `policies` unless set. */
  documents: string
  /** The commit Charter was adopted at; history and the audit begin after it. */
  adoption?: string
  roles: Record<string, string>
  review: {warn_window: string; interval: Record<Kind, string>}
  kinds: Record<Kind, {sections: string[]}>
  frameworks: Framework[]
  soc2: {categories: Soc2Category[]}
  iso27001: {controls: Record<string, {applicable: boolean; justification: string}>}
  branding: {name?: string; logo?: string; accent: string}
  github: {repository?: string; handles: Record<string, string>}
  security_txt: {url?: string; policy?: string; expires: string; languages: string[]}
  publish: {show_authors: boolean}
  rules: Record<string, RuleSetting>
}

/** The rule that reports problems in the config and the roster (lint/rules/config-schema.ts). */
export const configSchemaId = 'config-schema'
