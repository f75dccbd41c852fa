// The overview page's seed: templates/config/trust.yaml rendered for one organization, and how
// `init` carries a config's `trust:` over to new values without touching what was written by hand.
import Handlebars from 'handlebars'
import {readFileSync} from 'node:fs'
import {isDeepStrictEqual} from 'node:util'
import {parse} from 'yaml'
import {UserError} from '../model/errors'
import type {Trust} from '../model/config-shape'
import type {SeedValues} from './seed'
import {templatePath} from './templates'

const handlebars = Handlebars.create()

/** The seed's statement, practices and FAQ; its certifications are none, as a report is a fact only the organization knows. */
export type SeedTrust = Pick<Trust, 'statement' | 'practices' | 'faq'>

/**
 * The seed rendered for `values`. The file is read as YAML first and each text filled in after,
 * so a name holding `"` or `: ` stays text and never becomes YAML.
 */
export function seedTrust(root: string, values: SeedValues): SeedTrust {
  const path = templatePath(root, 'config/trust.yaml')
  if (!path) throw new UserError('templates/config/trust.yaml is missing; restore it from the Charter repository')
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string') {
      try {
        return handlebars.compile(value, {noEscape: true, strict: true})(values)
      } catch (error) {
        const name = /"([^"]+)" not defined/.exec((error as Error).message)?.[1]
        throw new UserError(`templates/config/trust.yaml: unknown template value \`${name ?? value}\`; use organization.name, organization.short_name or roles.<key>`)
      }
    }
    if (Array.isArray(value)) return value.map(fill)
    if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item)]))
    return value
  }
  const seed = fill(parse(readFileSync(path, 'utf8'))) as SeedTrust
  return {...(seed.statement === undefined ? {} : {statement: seed.statement}), practices: seed.practices ?? [], faq: seed.faq ?? []}
}

/** What init writes under `trust:`: each part as it is unless it is still the seed for the previous values. */
export interface TrustPlan {
  /** Values to set, by key under `trust:`. */
  set: Partial<SeedTrust>
  /** Keys under `trust:` to remove: the seed's practices and FAQ, where the seed library is not rendered. */
  remove: ('practices' | 'faq')[]
  /** Certifications to remove: they were issued to the organization under its previous name. */
  dropCertifications: number
}

/**
 * `current` is the config's `trust:` as written (undefined when it has none). A part equal to
 * the seed for the previous values is an untouched seed, and follows the new values; a part
 * edited by hand stays. The seed's practices and FAQ describe the seed library, so without it
 * (`seedLibrary` false, as with --config-only) they are removed, not carried over. A changed
 * organization name removes the certifications listed, since a report names the organization
 * it was issued to and the new one has not shown it has one.
 */
export function planTrust(current: Partial<Trust> | undefined, previousSeed: SeedTrust, nextSeed: SeedTrust, statement: string | undefined, renamed: boolean, seedLibrary: boolean): TrustPlan {
  const set: Record<string, unknown> = {}
  const remove: TrustPlan['remove'] = []
  for (const key of ['practices', 'faq'] as const) {
    const now = current?.[key]
    if (now !== undefined && !isDeepStrictEqual(now, previousSeed[key])) continue
    if (!seedLibrary) {
      if (now !== undefined) remove.push(key)
    } else if (!isDeepStrictEqual(now, nextSeed[key])) set[key] = nextSeed[key]
  }
  const wanted = statement ?? defaultStatement(current?.statement, previousSeed, nextSeed)
  if (wanted !== undefined && wanted !== current?.statement) set.statement = wanted
  return {set: set as Partial<SeedTrust>, remove, dropCertifications: renamed ? (current?.certifications?.length ?? 0) : 0}
}

/** The statement init offers: the config's own, or the seed's for the new values while the config has none or the untouched seed. */
export function defaultStatement(current: string | undefined, previousSeed: SeedTrust, nextSeed: SeedTrust): string | undefined {
  return current === undefined || current === previousSeed.statement ? nextSeed.statement : current
}
