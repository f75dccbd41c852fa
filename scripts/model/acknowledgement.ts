// An acknowledgement: a person's record that they read a document at a version. The ledger is
// one file per person, `acknowledgements/<login>.yaml`; its entries carry no date, since the
// date that counts is the commit date of the signed commit that added the entry.

export const acknowledgementsFolder = 'acknowledgements'

/** As people.yaml spells a login: the file name, so it may never hold a path. */
export const loginPattern = /^[a-z0-9](?:[a-z0-9-]{0,38})$/

export interface Acknowledgement {
  /** The document's id. */
  document: string
  /** MAJOR.MINOR.PATCH that was read. */
  version: string
  /** The commit that last changed the document file when it was read. */
  commit: string
}

/** `acknowledgements/<login>.yaml` for a login. */
export function ledgerPath(login: string): string {
  return `${acknowledgementsFolder}/${login}.yaml`
}

/** What decides whether a person owes a document: its front matter and the config's groups. */
export interface OwedFacts {
  status?: string
  acknowledge?: boolean
  id?: string
}

/**
 * Whether someone in `personGroups` owes this document's acknowledgement: an approved document
 * not marked `acknowledge: false`, owed by everyone unless a group in `groups` lists it, then by
 * that group's members only.
 */
export function owes(document: OwedFacts, personGroups: readonly string[], groups: Readonly<Record<string, readonly string[]>>): boolean {
  if (document.status !== 'approved' || document.acknowledge === false || document.id === undefined) return false
  const listing = Object.entries(groups).filter(([, ids]) => ids.includes(document.id!))
  return listing.length === 0 || listing.some(([group]) => personGroups.includes(group))
}

/** An entry a pull request added that its commit does not prove: why, found by reading git. */
export interface UnprovenAcknowledgement {
  /** The person's file, `acknowledgements/<login>.yaml`. */
  path: string
  document: string
  version: string
  reason: string
}
