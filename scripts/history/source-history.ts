// The git side of `charter import`: the repository a source folder is in, the day each of its
// files was first committed (one `git log` pass, renames followed), moving files with `git mv` so
// their history follows them, and the commit a repository stands at.
import {git, GitError} from './git'

export interface SourceRepository {
  /** The repository's top folder. */
  top: string
  /** The source folder relative to it, POSIX separators; '' for the top itself. */
  folder: string
}

/** The git repository holding `dir`, or undefined when it is in none (or git is missing). */
export function sourceRepository(dir: string): SourceRepository | undefined {
  try {
    const top = git(dir, ['rev-parse', '--show-toplevel']).replace(/\n$/, '')
    const prefix = git(dir, ['rev-parse', '--show-prefix']).replace(/\n$/, '').replace(/\/$/, '')
    return {top, folder: prefix}
  } catch (error) {
    if (error instanceof GitError) return undefined
    throw error
  }
}

export interface CommitDays {
  first: string
  last: string
}

/**
 * The days (YYYY-MM-DD, the committer's date as written) of the first and the last commit of
 * each file now under the folder, by its path relative to the folder, following renames inside
 * it. A file never committed is not in the map.
 */
export function commitDays(repository: SourceRepository, paths: readonly string[]): Map<string, CommitDays> {
  const prefix = repository.folder === '' ? '' : `${repository.folder}/`
  let output: string
  try {
    // No external diff or text conversion: the source repository's settings run nothing here.
    output = git(repository.top, ['log', '--format=%x1e%cs', '-z', '--name-status', '-M', '--no-ext-diff', '--no-textconv', '--', repository.folder === '' ? '.' : repository.folder])
  } catch (error) {
    // A repository without a commit yet has no first commits.
    if (error instanceof GitError && /does not have any commits|bad default revision|unknown revision/i.test(error.message)) return new Map<string, CommitDays>()
    throw error
  }
  // Each file's name as the walk back through history meets it, and the file it became.
  const names = new Map(paths.map((path) => [`${prefix}${path}`, path]))
  const days = new Map<string, CommitDays>()
  const tokens = output.split('\0')
  let day: string | undefined
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!.replace(/^\n/, '')
    const commit = /^\x1e(\d{4}-\d{2}-\d{2})$/.exec(token)
    if (commit) {
      day = commit[1]
      continue
    }
    const status = /^([ACDMRTUX])\d*$/.exec(token)
    if (!status || day === undefined) continue
    const twoPaths = status[1] === 'R' || status[1] === 'C'
    const from = tokens[++index] ?? ''
    const to = twoPaths ? (tokens[++index] ?? '') : from
    const file = names.get(to)
    if (file === undefined || status[1] === 'D') continue
    // Newest first: the first commit met is the last, and every older one is the first so far.
    const known = days.get(file)
    if (known) known.first = day
    else days.set(file, {first: day, last: day})
    if (status[1] === 'R') {
      names.delete(to)
      names.set(from, file)
    }
  }
  return days
}

/** Which of the paths (relative to `root`) git tracks: none in a root without git. */
export function trackedPaths(root: string, paths: readonly string[]): Set<string> {
  if (paths.length === 0) return new Set()
  try {
    const listed = git(root, ['ls-files', '-z', '--', ...paths.map((path) => `:(literal)${path}`)])
    return new Set(listed.split('\0').filter((path) => path !== ''))
  } catch (error) {
    if (error instanceof GitError) return new Set()
    throw error
  }
}

/** Moves a tracked file as `git mv` does: in the work tree and the index, so history follows it. */
export function moveTracked(root: string, from: string, to: string): void {
  git(root, ['mv', '--', from, to])
}
