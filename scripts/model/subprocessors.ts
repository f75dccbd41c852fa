// The public subprocessor list: which vendors are on it, in what order, and how one state of the
// list differs from the one before, in the words a customer reads. Pure.
import {printable} from './printable-text'
import type {Vendor} from './vendor'

/** One row of the list: only what a customer may read, never tier, assurance, owners or findings. */
export interface Subprocessor {
  /** The vendor file's path in the register: what tells one vendor from another. */
  key: string
  name: string
  /** The vendor's `services`. */
  purpose: string
  location: string[]
  /** Its website, only when it is an http(s) address. */
  website?: string
  /** Offboarding: still holds customer data until it confirms deletion. */
  leaving: boolean
}

/**
 * Whether the vendor is a current subprocessor. `active` is; so is `offboarding`, which still
 * holds customer personal data until the deletion is confirmed, so a customer must still be told
 * of it. `evaluating` is not yet given customer data, and `retired` no longer has it.
 */
export function isCurrentSubprocessor(vendor: Partial<Vendor>): boolean {
  return vendor.subprocessor === true && (vendor.status === 'active' || vendor.status === 'offboarding') && typeof vendor.name === 'string' && typeof vendor.services === 'string'
}

/** The list from the register's vendors, keyed by file name: by name, then key, whatever order the files came in. */
export function subprocessorList(vendors: Iterable<{key: string; vendor: Partial<Vendor>}>): Subprocessor[] {
  const list: Subprocessor[] = []
  for (const {key, vendor} of vendors) {
    if (!isCurrentSubprocessor(vendor)) continue
    const website = typeof vendor.website === 'string' && /^https?:\/\/\S+$/i.test(vendor.website) ? vendor.website : undefined
    const location = Array.isArray(vendor.location) ? vendor.location.filter((place) => typeof place === 'string').map(shown) : []
    list.push({key, name: shown(vendor.name!), purpose: shown(vendor.services!), location, ...(website ? {website} : {}), leaving: vendor.status === 'offboarding'})
  }
  return list.sort(bySubprocessorName)
}

/**
 * A field as one line a customer reads: a folded YAML string's line breaks become spaces, and any
 * other control character (a terminal escape, a bidirectional override that would reorder a name)
 * shows as its `\u001b`-style escape rather than acting.
 */
function shown(text: string): string {
  return printable(text.replace(/[\t\n\r ]+/g, ' ').trim())
}

/** Name order as a reader expects it (case and accents second), then the key, so no two orders tie. */
export function bySubprocessorName(a: Subprocessor, b: Subprocessor): number {
  return a.name.localeCompare(b.name, 'en') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
}

/** What a customer is told changed: an addition, a removal, or a new name, purpose or location. */
export interface SubprocessorChange {
  kind: 'added' | 'removed' | 'changed'
  name: string
  text: string
}

/** Where the list says a subprocessor processes data: its places, or that none is stated. */
export function locationText(location: readonly string[]): string {
  return location.length > 0 ? location.join(', ') : 'location not stated'
}

/**
 * How `after` differs from `before`: additions and changes in the list's order, then removals in
 * the old list's order. Being offboarded is no change: the vendor is on the list until retired.
 */
export function listChanges(before: readonly Subprocessor[], after: readonly Subprocessor[]): SubprocessorChange[] {
  const old = new Map(before.map((entry) => [entry.key, entry]))
  const now = new Set(after.map((entry) => entry.key))
  // A vendor file renamed (a new id) that customers would see unchanged is no addition and no removal.
  const seen = (entry: Subprocessor) => `${entry.name}\0${entry.purpose}\0${locationText(entry.location)}`
  const gone = before.filter((entry) => !now.has(entry.key))
  const paired = new Set<Subprocessor>()
  for (const entry of after.filter((entry) => !old.has(entry.key))) {
    const match = gone.find((previous) => !paired.has(previous) && seen(previous) === seen(entry))
    if (match) paired.add(match).add(entry)
  }
  const added: SubprocessorChange[] = []
  const changed: SubprocessorChange[] = []
  for (const entry of after) {
    if (paired.has(entry)) continue
    const previous = old.get(entry.key)
    if (!previous) {
      added.push({kind: 'added', name: entry.name, text: `Added ${entry.name} (${entry.purpose}, ${locationText(entry.location)})`})
      continue
    }
    const parts: string[] = []
    if (previous.name !== entry.name) parts.push(`renamed from ${previous.name}`)
    if (previous.purpose !== entry.purpose) parts.push(`purpose now ${entry.purpose}`)
    if (locationText(previous.location) !== locationText(entry.location)) parts.push(locationChange(previous.location, entry.location))
    if (parts.length > 0) changed.push({kind: 'changed', name: entry.name, text: `Changed ${entry.name}: ${parts.join('; ')}`})
  }
  const removed = gone.filter((entry) => !paired.has(entry)).map((entry): SubprocessorChange => ({kind: 'removed', name: entry.name, text: `Removed ${entry.name}`}))
  return [...added, ...changed, ...removed]
}

function locationChange(before: readonly string[], after: readonly string[]): string {
  if (after.length === 0) return `location no longer stated (was ${locationText(before)})`
  return `location now ${locationText(after)}${before.length === 0 ? '' : ` (was ${locationText(before)})`}`
}

/** A feed entry's title: the one change itself, or how many of each kind. */
export function changesTitle(changes: readonly SubprocessorChange[]): string {
  if (changes.length === 1) return changes[0]!.text
  const counts = (['added', 'changed', 'removed'] as const)
    .map((kind) => [kind, changes.filter((change) => change.kind === kind).length] as const)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${kind} ${count}`)
  return `Subprocessor list updated: ${counts.join(', ')}`
}
