/**
 * config-weakened: with `--base`, charter.config.yaml does not weaken the gate the base had.
 *
 * The config is part of the pull request, so it is compared with the config at the base ref
 * (read from git; no config there, or one that does not load, means the defaults). Weakening
 * is: a gate rule at a milder severity than at the base (`warn` or `off`, defaults included);
 * a kind's required section removed; a review interval made longer; `review.warn_window` made
 * shorter, since it decides how early `check`, `due` and `review` announce a review; `documents`
 * changed, which would point the gate at another (perhaps empty) folder; `adoption` set or moved,
 * which would hide the history before it from `history`, the changelog and the audit;
 * `publish.show_authors` turned on, which would put every author's name on the public pages;
 * `acknowledgements.within` made longer, or a document everyone owed moved into a group. Deleting
 * the config counts as changing every key back to its default. Style rules may be set to
 * anything, and any change that makes the gate stricter is fine. The base's config sets this
 * rule's own severity, so a pull request can't switch it off with the config it changes.
 *
 * @example ok a style rule switched off
 *   main:charter.config.yaml
 *     rules: {heading-increment: warn}
 *   charter.config.yaml
 *     rules: {heading-increment: off}
 *
 * @example ok a review interval made shorter
 *   main:charter.config.yaml
 *     review: {interval: {policy: 12 months}}
 *   charter.config.yaml
 *     review: {interval: {policy: 6 months}}
 *
 * @example not-ok the documents folder moved to an empty one
 *   main:charter.config.yaml
 *     documents: policies
 *   charter.config.yaml
 *     documents: drafts
 *   drafts/notes.md
 *     Nothing to check here yet.
 *   → charter.config.yaml:1:12-1:18 error Unexpected `documents` value `drafts`, expected `policies` as at main: the gate would check the documents in another folder; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts
 *
 * @example not-ok authors' names put on the public pages
 *   main:charter.config.yaml
 *     publish: {show_authors: false}
 *   charter.config.yaml
 *     publish: {show_authors: true}
 *   → charter.config.yaml:1:25-1:29 error Unexpected `publish.show_authors` `true`, expected `false` as at main: the public pages would name the author and approvers of every change; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts
 *
 * @example not-ok more time to acknowledge, and a document everyone owed left to one group
 *   main:charter.config.yaml
 *     acknowledgements: {within: 30 days}
 *   charter.config.yaml
 *     acknowledgements: {within: 60 days, groups: {engineering: [alpha]}}
 *   → charter.config.yaml:1:28-1:35 error Unexpected `acknowledgements.within` `60 days`, longer than `30 days` at main: people would have longer to acknowledge the policies; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts
 *   → charter.config.yaml:1:59-1:66 error Unexpected `alpha` in `acknowledgements.groups.engineering`, owed by everyone at main: only the group's members would owe its acknowledgement; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts
 *
 * @example not-ok a gate rule switched off
 *   main:charter.config.yaml
 *     rules: {links: error}
 *   charter.config.yaml
 *     rules: {links: off}
 *   → charter.config.yaml:1:16-1:19 error Unexpected `off` for gate rule `links`, expected `error` as at main; a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts
 */
import type {Document} from 'yaml'
import type {Config} from '../../model/config-shape'
import type {Problem} from '../../model/position'
import {placeOf, valueAt} from '../../model/yaml-place'
import {parseDuration, type Duration} from '../../model/dates'
import {isGateRule, type RepositoryRule, type RuleMeta} from '../rule'

const configWeakened: RepositoryRule = {
  scope: 'repository',
  severityFrom: 'base',
  id: 'config-weakened',
  summary: 'With --base: the config does not weaken the gate (severities, sections, review intervals, documents folder, adoption, authors shown, vendor tiers, acknowledgements).',
  description:
    'A pull request could otherwise switch the gate off in config instead of in a document. With `--base <ref>`, the config is compared with the one at the base (the defaults where the base had none): a gate rule set to a milder severity, a required section removed, a review interval lengthened, `review.warn_window` shortened, `documents` changed (the gate would check another folder), `adoption` set or moved (history and the audit would begin later), `publish.show_authors` turned on (the public pages would name every author), or the vendor register asked for less (`vendors.folder` moved, a data category removed or mapped to a lower tier, a vendor review interval lengthened, a tier dropped from `vendors.assurance.tiers`, or a report or bridge letter allowed to be older), or fewer acknowledgements asked for (`acknowledgements.within` lengthened, or a document owed by everyone listed under a group in `acknowledgements.groups`, or taken out of one of its groups) is an error at the changed key. Restore the value; a change that weakens the gate on purpose needs its own pull request, approved like a policy change, and stops being reported once it is on the base branch. Style rules may be set to anything in config.',
  severity: 'error',
  check({base, config, configPath, configYaml}, context) {
    if (!base || !config) return
    for (const problem of configWeakenings(base.config, config, configYaml, context.rules, base.ref)) context.report(configPath, problem, problem.reason)
  }
}

export default configWeakened

const strength = {off: 0, warn: 1, error: 2} as const

/**
 * How `current` weakens the gate that `base` set: one problem per change, as offsets into the
 * current config's text (`yaml`, undefined when the file is missing, puts each at 0).
 */
function configWeakenings(
  base: Config,
  current: Config,
  yaml: Document.Parsed | undefined,
  rules: readonly RuleMeta[],
  ref: string
): Problem[] {
  const problems: Problem[] = []
  const tail = 'a pull request may not weaken the gate; restore it, or weaken it in a pull request of its own that an approver accepts'
  const shown = (path: readonly string[], value: string) => `\`${value}\`${isSet(yaml, path) ? '' : ' (the default)'}`
  const add = (path: readonly string[], reason: string) => problems.push({...placeIn(yaml, path), reason: `${reason}; ${tail}`})

  for (const rule of rules.filter(isGateRule)) {
    const before = base.rules[rule.id] ?? rule.severity
    const after = current.rules[rule.id] ?? rule.severity
    if (strength[after] < strength[before]) {
      add(['rules', rule.id], `Unexpected ${shown(['rules', rule.id], after)} for gate rule \`${rule.id}\`, expected \`${before}\` as at ${ref}`)
    }
  }
  for (const [kind, {sections}] of Object.entries(base.kinds)) {
    const kept = current.kinds[kind as keyof Config['kinds']]?.sections ?? []
    const removed = sections.filter((section) => !kept.includes(section))
    if (removed.length === 0) continue
    const names = removed.map((section) => `\`${section}\``).join(', ')
    const missing = isSet(yaml, ['kinds', kind, 'sections']) ? '' : ' (the default list)'
    add(['kinds', kind, 'sections'], `Unexpected removal of required ${removed.length === 1 ? 'section' : 'sections'} ${names} from kind \`${kind}\`${missing}, required at ${ref}`)
  }
  for (const [kind, before] of Object.entries(base.review.interval)) {
    const after = current.review.interval[kind as keyof Config['review']['interval']]
    const path = ['review', 'interval', kind]
    if (after !== undefined && compareDurations(after, before) > 0) {
      add(path, `Unexpected review interval ${shown(path, after)} for kind \`${kind}\`, longer than \`${before}\` at ${ref}`)
    }
  }
  const window = ['review', 'warn_window']
  if (compareDurations(current.review.warn_window, base.review.warn_window) < 0) {
    add(window, `Unexpected \`review.warn_window\` ${shown(window, current.review.warn_window)}, shorter than \`${base.review.warn_window}\` at ${ref}: reviews would be announced later`)
  }
  if (current.documents !== base.documents) {
    add(['documents'], `Unexpected \`documents\` value ${shown(['documents'], current.documents)}, expected \`${base.documents}\` as at ${ref}: the gate would check the documents in another folder`)
  }
  // Removing `adoption` shows more history, never less; setting or moving it can hide some.
  if (current.adoption !== undefined && current.adoption !== base.adoption) {
    const before = base.adoption === undefined ? `not set at ${ref}` : `expected \`${base.adoption.slice(0, 12)}\` as at ${ref}`
    add(['adoption'], `Unexpected \`adoption\` commit \`${current.adoption.slice(0, 12)}\`, ${before}: history, the changelog and the audit would leave out the commits before it`)
  }
  vendorWeakenings(base.vendors, current.vendors, shown, add, ref)
  acknowledgementWeakenings(base.acknowledgements, current.acknowledgements, shown, add, ref)
  // Names on the public page are a decision about people's privacy, taken on the base branch.
  if (current.publish.show_authors && !base.publish.show_authors) {
    add(['publish', 'show_authors'], `Unexpected \`publish.show_authors\` \`true\`, expected \`false\` as at ${ref}: the public pages would name the author and approvers of every change`)
  }
  return problems
}

/** How `current` weakens the vendor register's gate: a folder moved, a tier derived lower, reviews or assurance asked for less. */
function vendorWeakenings(
  base: Config['vendors'],
  current: Config['vendors'],
  shown: (path: readonly string[], value: string) => string,
  add: (path: readonly string[], reason: string) => void,
  ref: string
): void {
  if (current.folder !== base.folder) add(['vendors', 'folder'], `Unexpected \`vendors.folder\` ${shown(['vendors', 'folder'], current.folder)}, expected \`${base.folder}\` as at ${ref}: the gate would check the vendors in another folder`)
  const rank = (tier: string) => ['critical', 'high', 'medium', 'low'].indexOf(tier)
  for (const [category, before] of Object.entries(base.data_categories)) {
    const after = current.data_categories[category]
    const path = ['vendors', 'data_categories', category]
    if (after === undefined) add(path, `Unexpected removal of data category \`${category}\` (${before} at ${ref}): vendors reaching it would be tiered lower`)
    else if (rank(after) > rank(before)) add(path, `Unexpected tier ${shown(path, after)} for data category \`${category}\`, lower than \`${before}\` at ${ref}: vendors reaching it would be tiered lower`)
  }
  for (const [tier, before] of Object.entries(base.review_interval)) {
    const after = current.review_interval[tier as keyof Config['vendors']['review_interval']]
    const path = ['vendors', 'review_interval', tier]
    if (compareDurations(after, before) > 0) add(path, `Unexpected review interval ${shown(path, after)} for ${tier} vendors, longer than \`${before}\` at ${ref}`)
  }
  const dropped = base.assurance.tiers.filter((tier) => !current.assurance.tiers.includes(tier))
  if (dropped.length > 0) add(['vendors', 'assurance', 'tiers'], `Unexpected removal of ${dropped.map((tier) => `\`${tier}\``).join(', ')} from \`vendors.assurance.tiers\`, required at ${ref}: those vendors would need no current report`)
  for (const key of ['max_age', 'bridge_letter_max_age'] as const) {
    const path = ['vendors', 'assurance', key]
    if (compareDurations(current.assurance[key], base.assurance[key]) > 0) add(path, `Unexpected \`vendors.assurance.${key}\` ${shown(path, current.assurance[key])}, longer than \`${base.assurance[key]}\` at ${ref}: older reports would count as current`)
  }
}

/** How `current` asks for fewer acknowledgements: more time to give them, or a document owed by a group only that everyone owed. */
function acknowledgementWeakenings(
  base: Config['acknowledgements'],
  current: Config['acknowledgements'],
  shown: (path: readonly string[], value: string) => string,
  add: (path: readonly string[], reason: string) => void,
  ref: string
): void {
  const within = ['acknowledgements', 'within']
  if (compareDurations(current.within, base.within) > 0) add(within, `Unexpected \`acknowledgements.within\` ${shown(within, current.within)}, longer than \`${base.within}\` at ${ref}: people would have longer to acknowledge the policies`)
  // A document no group lists is owed by everyone, a listed one only by its groups' members; so
  // taking a document out of every group is stricter, and not reported.
  const listing = (groups: Record<string, string[]>, id: string) => Object.keys(groups).filter((group) => groups[group]!.includes(id))
  for (const id of [...new Set(Object.values(current.groups).flat())]) {
    const before = listing(base.groups, id)
    const after = listing(current.groups, id)
    const dropped = before.filter((group) => !after.includes(group))
    if (before.length === 0) {
      const group = after[0]!
      add(['acknowledgements', 'groups', group], `Unexpected \`${id}\` in \`acknowledgements.groups.${group}\`, owed by everyone at ${ref}: only the group's members would owe its acknowledgement`)
    } else if (dropped.length > 0) {
      const path = current.groups[dropped[0]!] ? ['acknowledgements', 'groups', dropped[0]!] : ['acknowledgements', 'groups']
      add(path, `Unexpected removal of \`${id}\` from \`acknowledgements.groups.${dropped[0]}\`, while other groups still list it: the members of \`${dropped[0]}\` owed its acknowledgement at ${ref} and would no longer`)
    }
  }
}

/**
 * Positive when `a` is longer. Months and years compare exactly, as do days and weeks; across
 * the two a month counts as an average month (12 months is shorter than 400 days).
 */
function compareDurations(a: string, b: string): number {
  const [x, y] = [parseDuration(a), parseDuration(b)]
  if (!x || !y) return 0
  const monthly = (duration: Duration) => duration.unit === 'month' || duration.unit === 'year'
  if (monthly(x) && monthly(y)) return months(x) - months(y)
  return days(x) - days(y)
}

const months = (duration: Duration) => duration.count * (duration.unit === 'year' ? 12 : 1)
const days = (duration: Duration) =>
  duration.unit === 'day' ? duration.count : duration.unit === 'week' ? 7 * duration.count : (months(duration) * 365.2425) / 12

function isSet(yaml: Document.Parsed | undefined, path: readonly string[]): boolean {
  return valueAt(yaml, path) !== undefined
}

/** The value at `path`, or the nearest key on the way; the file's start when it has none. */
function placeIn(yaml: Document.Parsed | undefined, path: readonly string[]): {start: number; end: number} {
  return placeOf(yaml, path) ?? {start: 0, end: 0}
}
