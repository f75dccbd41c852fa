// Which roster a change is judged against. The roster is trusted as it stood after its last
// approved change: a change to people.yaml that no one on the roster before it approved (a
// signed trailer, judged like any other) does not count, so keys it added or swapped in approve
// nothing, in the same commit or any later one. The first roster is the root of that trust.
import type {Roster} from '../load/people'
import {assessTrailers} from './evidence'
import {git} from './git'
import type {Revision} from './log'

/** The trusted roster for a change that landed on `base`, or undefined when none is trusted there. */
type RosterTrust = (base: string | undefined) => Roster | undefined

/**
 * `rosterChanges`: the roster file's revisions, newest first; `rosters`: the roster read at
 * commits, those revisions' included, with their trailers' signatures already verified.
 */
export function trustRosters(root: string, tip: string, rosterChanges: readonly Revision[], rosters: ReadonlyMap<string, Roster>): RosterTrust {
  // No roster ever: nothing to trust, and no need to walk the line.
  if (rosterChanges.length === 0) return () => undefined
  const line = git(root, ['rev-list', '--first-parent', tip]).split('\n').filter(Boolean)
  // Position on the first-parent line, oldest first: commit dates can be set to anything.
  const position = new Map(line.map((commit, index) => [commit, line.length - 1 - index]))
  const trusted: {from: number; roster: Roster | undefined}[] = []
  let current: Roster | undefined
  for (const [index, change] of [...rosterChanges].reverse().entries()) {
    const from = position.get(change.commit)
    if (from === undefined) continue
    const after = change.change === 'deleted' ? undefined : rosters.get(change.commit)
    const approverRoles = current?.configApprovers ? [...current.configApprovers] : change.approverRoles
    const approved = index === 0 || assessTrailers({trailers: change.trailers, authors: change.authors, approverRoles, roster: current}).evidence.length > 0
    if (!approved) continue
    current = after
    trusted.push({from, roster: after})
  }
  return (base) => {
    const at = base === undefined ? undefined : position.get(base)
    if (at === undefined) return undefined
    let found: Roster | undefined
    for (const state of trusted) if (state.from <= at) found = state.roster
    return found
  }
}
