// What a bundle is built from: the commit, its date, and the name the bundle gets — the tag on
// HEAD, or <YYYY.MM.DD>+<short sha> from the commit date — marked -dirty when the working tree
// has uncommitted changes.
import {git, GitError} from '../history/git'
import type {Day} from '../model/dates'
import type {Audience} from './audience-documents'

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
  try {
    git(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
  } catch (error) {
    if (error instanceof GitError && /not a git repository/.test(error.message)) throw error
    throw new GitError('no commits yet: the bundle version and its dates come from the commit; commit the documents, then build')
  }
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

/** What every page, PDF and the manifest say of the bundle they belong to. */
export interface BundleFacts {
  version: BundleVersion
  /** The commit's day: review badges are computed for it. */
  today: Day
  audience: Audience
  /** Whether PDFs are built, so pages link to them. */
  pdf: boolean
  /** Errors the check found, built anyway with --allow-errors. */
  errors: number
}
