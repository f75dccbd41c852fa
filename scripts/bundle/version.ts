// What a bundle is built from: the commit, its date, and the name the bundle gets — the tag on
// HEAD, or <YYYY.MM.DD>+<short sha> from the commit date — marked -dirty when the working tree
// has uncommitted changes.
import {git} from '../history/git'

export interface BundleVersion {
  version: string
  commit: string
  shortCommit: string
  /** The commit date (committer), ISO 8601: the build date, never the wall clock. */
  date: string
  dirty: boolean
}

/** `inputs`: the paths the bundle is made from; uncommitted changes elsewhere do not count. */
export function bundleVersion(root: string, inputs: readonly string[]): BundleVersion {
  const [commit = '', shortCommit = '', date = ''] = git(root, ['log', '-1', '--format=%H%n%h%n%cI', 'HEAD']).trim().split('\n')
  let tag: string | undefined
  try {
    tag = git(root, ['describe', '--tags', '--exact-match', 'HEAD']).trim()
  } catch {
    tag = undefined
  }
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=normal', '--', ...inputs]).trim() !== ''
  const utc = new Date(date).toISOString().slice(0, 10).replaceAll('-', '.')
  const base = tag ?? `${utc}+${shortCommit}`
  return {version: dirty ? `${base}-dirty` : base, commit, shortCommit, date, dirty}
}
