// git's diff stat of one change to one file, for the issue that asks for the change's review.
import {git} from './git'
import type {Revision} from './log'

export function changeStat(root: string, revision: Revision): string {
  const parent = revision.parents[0]
  const args = parent ? ['diff', '--stat', parent, revision.commit, '--', revision.path] : ['show', '--stat', '--format=', revision.commit, '--', revision.path]
  return git(root, args).trimEnd()
}
