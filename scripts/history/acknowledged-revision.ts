// What `charter acknowledge` asks git: who is running it (`user.email`), and which commit last
// changed each document file, so an entry names the exact revision that was read.
import {GitError, git} from './git'

/** The email git commits with here, or undefined when none is set. */
export function committerEmail(root: string): string | undefined {
  try {
    const email = git(root, ['config', '--get', 'user.email']).trim()
    return email === '' ? undefined : email
  } catch (error) {
    // `git config --get` fails with no message when the key is unset; a missing git still says so.
    if (error instanceof GitError && /not installed|could not run|not a git repository/.test(error.message)) throw error
    return undefined
  }
}

/**
 * The commit that last changed each path at HEAD (one `git log` pass over them), and the paths
 * whose file in the work tree differs from that commit or was never committed.
 */
export function lastChanges(root: string, paths: readonly string[]): {commits: Map<string, string>; uncommitted: Set<string>} {
  const commits = new Map<string, string>()
  const wanted = new Set(paths)
  const uncommitted = new Set<string>()
  if (paths.length === 0) return {commits, uncommitted}
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...paths])
  for (const entry of status.split('\0')) if (wanted.has(entry.slice(3))) uncommitted.add(entry.slice(3))
  // HEAD may not exist yet (a repository with no commit): then nothing is committed.
  let log = ''
  try {
    log = git(root, ['log', '--format=%x1e%H', '--name-only', '--no-renames', 'HEAD', '--', ...paths])
  } catch (error) {
    if (!(error instanceof GitError) || /not installed|could not run|not a git repository/.test(error.message)) throw error
  }
  for (const chunk of log.split('\x1e')) {
    const [commit = '', ...files] = chunk.split('\n').filter(Boolean)
    for (const file of files) if (wanted.has(file) && !commits.has(file)) commits.set(file, commit)
  }
  for (const path of paths) if (!commits.has(path)) uncommitted.add(path)
  return {commits, uncommitted}
}
