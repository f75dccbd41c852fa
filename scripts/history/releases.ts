// Which release first published each change: the first tagged commit on the branch's
// first-parent line at or after it. Tags name releases (the publish workflow attaches a bundle to
// each); a change after the newest tag is in no release yet but the bundle being built.
import {git} from './git'

export interface Release {
  /** The tag; of several on one commit, the first in name order. */
  tag: string
  /** The tagged commit, and its committer date (ISO 8601). */
  commit: string
  date: string
}

/**
 * The release of each first-parent commit up to `tip` that a tag at or after it names; a commit
 * after the newest tag, or not on that line, is not in the map. One `git for-each-ref`, and one
 * `git log` only when the repository has tags.
 */
export function releasesOf(root: string, tip = 'HEAD'): Map<string, Release> {
  const tags = new Map<string, string>()
  for (const line of git(root, ['for-each-ref', '--format=%(objectname) %(*objectname) %(refname:strip=2)', 'refs/tags']).split('\n')) {
    const match = /^([0-9a-f]{40,64}) ([0-9a-f]{40,64})? (.+)$/.exec(line)
    if (!match) continue
    // An annotated tag names its commit through the tag object (`*objectname`).
    const commit = match[2] ?? match[1]!
    const name = match[3]!
    const known = tags.get(commit)
    if (known === undefined || name < known) tags.set(commit, name)
  }
  const releases = new Map<string, Release>()
  if (tags.size === 0) return releases
  let current: Release | undefined
  // Newest first: a tagged commit starts the release every older commit belongs to, up to the next tag.
  for (const line of git(root, ['log', '--first-parent', '--format=%H %cI', tip, '--']).split('\n')) {
    const [commit = '', date = ''] = line.split(' ')
    if (commit === '') continue
    const tag = tags.get(commit)
    if (tag !== undefined) current = {tag, commit, date}
    if (current) releases.set(commit, current)
  }
  return releases
}
