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
  trust: Trust
  publish: {show_authors: boolean}
  vendors: VendorSettings
  acknowledgements: AcknowledgementSettings
  rules: Record<string, RuleSetting>
}

/** `acknowledgements:`, who owes which documents' acknowledgement and how soon. */
export interface AcknowledgementSettings {
  /** The time a person has after their start, or after a MAJOR version takes effect. */
  within: string
  /** Documents owed only by a group's members, by group name. */
  groups: Record<string, string[]>
}

/** `vendors:`, the register's settings. */
export interface VendorSettings {
  /** The vendors folder, repository-relative: `vendors` unless set. */
  folder: string
  /** Each data category a vendor may reach, with the lowest tier that reach implies. */
  data_categories: Record<string, VendorTier>
  review_interval: Record<VendorTier, string>
  assurance: {tiers: VendorTier[]; max_age: string; bridge_letter_max_age: string}
}

/** critical, high, medium or low: how much a vendor could harm the company, highest first. */
export type VendorTier = 'critical' | 'high' | 'medium' | 'low'

/** `trust:`, the overview page: every value is untrusted text, published as text. */
export interface Trust {
  statement?: string
  practices: TrustPractice[]
  certifications: TrustCertification[]
  faq: {question: string; answer: string}[]
}

/** A practice tile: one sentence, and the documents and controls behind it. */
export interface TrustPractice {
  title: string
  summary: string
  documents?: string[]
  controls?: string[]
}

/** A certification or report, and how a customer asks for it. */
export interface TrustCertification {
  name: string
  period?: string
  auditor?: string
  /** An email address or an http(s) address. */
  request: string
  nda: boolean
}

/** The rule that reports problems in the config and the roster (lint/rules/config-schema.ts). */
export const configSchemaId = 'config-schema'
