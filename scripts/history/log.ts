// Reads the history of every document in one `git log` pass over the documents folder, the
// default branch's first-parent line (one revision per landed pull request), renames followed,
// and every revision's front matter version in one `git cat-file --batch`.
import {git, gitAsync, GitError, requireFullHistory, shallowMessage} from './git'

export interface Person {
  name: string
  email: string
}

export interface Trailer {
  key: string
  value: string
}

export interface Revision {
  commit: string
  parents: string[]
  /** When it landed on the branch: the committer date, ISO 8601. */
  date: string
  /** Who wrote the change: for a merge, the author of the merged branch's last commit. */
  author: Person
  /** For a merge commit: who merged it. */
  mergedBy?: Person
  subject: string
  /** From `Merge pull request #N …` or a squash subject ending `(#N)`. */
  pr?: number
  /** The commit's trailers; for a merge, also those of every commit it brought in. */
  trailers: Trailer[]
  /** The document's path in this revision, and how it changed. */
  path: string
  change: 'added' | 'modified' | 'renamed' | 'deleted'
  /** For a rename: the path before it. */
  previousPath?: string
  /** The front matter version after the change; undefined when deleted or unreadable. */
  version?: string
}

/** Revisions per document, newest first, keyed by the document's path at the tip of `ref`. */
export type History = Map<string, Revision[]>

const field = '\x1f'
const commitStart = '\x1e'
const headerEnd = '\x1d'
const format = ['%H', '%P', '%an', '%ae', '%cI', '%s', '%(trailers:unfold,only)'].join('%x1f')

const statuses: Record<string, Revision['change']> = {A: 'added', C: 'added', M: 'modified', T: 'modified', R: 'renamed', D: 'deleted'}

export async function readHistory(root: string, folder: string, ref = 'HEAD'): Promise<History> {
  const tip = resolveTip(root, ref)
  if (tip === undefined) return new Map()
  // The whole graph (for merged branches) is read while the documents' log is.
  const graph = gitAsync(root, ['log', tip, `--format=%x1e${['%H', '%P', '%an', '%ae', '%(trailers:unfold,only)'].join('%x1f')}`])
  graph.catch(() => {})
  const output = (await gitAsync(root, [
    'log',
    tip,
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '-z',
    '--no-abbrev',
    '-M',
    `--format=%x1e${format}%x1d`,
    '--',
    `${folder}/`
  ])).toString('utf8')
  const history: History = new Map()
  // Older commits name a document by its path at that time; map those back to today's path.
  const currentPath = new Map<string, string>()
  const blobs = new Map<Revision, string>()
  const merges: Revision[] = []
  for (const chunk of output.split(commitStart)) {
    if (chunk === '') continue
    const end = chunk.indexOf(headerEnd)
    const [commit = '', parents = '', authorName = '', authorEmail = '', date = '', subject = '', trailers = ''] = chunk.slice(0, end).split(field)
    const base = {
      commit,
      parents: parents.split(' ').filter(Boolean),
      date,
      author: {name: authorName, email: authorEmail},
      subject,
      pr: pullRequestOf(subject),
      trailers: parseTrailers(trailers)
    }
    const tokens = chunk.slice(end + 1).split('\0')
    for (let index = 0; index < tokens.length; index++) {
      const meta = tokens[index]!.replace(/^\n/, '')
      if (!meta.startsWith(':')) continue
      const [, , , newBlob = '', status = ''] = meta.slice(1).split(' ')
      const letter = status[0] ?? 'M'
      const change = statuses[letter] ?? 'modified'
      const twoPaths = letter === 'R' || letter === 'C'
      const path = tokens[index + (twoPaths ? 2 : 1)] ?? ''
      const previousPath = twoPaths ? tokens[index + 1] : undefined
      index += twoPaths ? 2 : 1
      // Only Markdown documents are controlled; a README or image beside them is not.
      if (!path.toLowerCase().endsWith('.md') || path.split('/').some((part) => part.startsWith('.'))) continue
      const key = currentPath.get(path) ?? path
      const revision: Revision = {...base, path, change, ...(letter === 'R' ? {previousPath} : {})}
      if (change !== 'deleted') blobs.set(revision, newBlob)
      const revisions = history.get(key)
      if (revisions) revisions.push(revision)
      else history.set(key, [revision])
      if (letter === 'R' && previousPath) currentPath.set(previousPath, key)
      if (base.parents.length > 1) merges.push(revision)
    }
  }
  const versions = readVersions(root, blobs)
  if (merges.length > 0) addMergedBranches(tip, merges, (await graph).toString('utf8'))
  await versions
  return history
}

/** The commit `ref` names, undefined in a repository without commits; refuses a shallow clone. */
function resolveTip(root: string, ref: string): string | undefined {
  let answer: string
  try {
    answer = git(root, ['rev-parse', '--is-shallow-repository', `${ref}^{commit}`])
  } catch (error) {
    requireFullHistory(root)
    if (error instanceof GitError && /unknown revision|ambiguous argument/.test(error.message)) return undefined
    throw error
  }
  const [shallow, commit] = answer.trim().split('\n')
  if (shallow === 'true') throw new GitError(shallowMessage)
  return commit
}

function pullRequestOf(subject: string): number | undefined {
  const match = /^Merge pull request #(\d+)\b/.exec(subject) ?? /\(#(\d+)\)\s*$/.exec(subject)
  return match ? Number(match[1]) : undefined
}

function parseTrailers(text: string): Trailer[] {
  return text
    .split('\n')
    .map((line) => /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({key: match[1]!, value: match[2]!.trim()}))
}

/** One `git cat-file --batch` for every distinct blob; the version is read from its front matter. */
async function readVersions(root: string, blobs: Map<Revision, string>): Promise<void> {
  const distinct = [...new Set([...blobs.values()].filter((blob) => !/^0+$/.test(blob)))]
  if (distinct.length === 0) return
  const versions = new Map<string, string | undefined>()
  const output = await gitAsync(root, ['cat-file', '--batch'], `${distinct.join('\n')}\n`)
  let offset = 0
  while (offset < output.length) {
    const lineEnd = output.indexOf(10, offset)
    const [blob = '', type = '', size = '0'] = output.subarray(offset, lineEnd).toString('utf8').split(' ')
    offset = lineEnd + 1
    if (type === 'missing') continue
    const length = Number(size)
    versions.set(blob, versionOf(output.subarray(offset, offset + Math.min(length, 4096)).toString('utf8')))
    offset += length + 1
  }
  for (const [revision, blob] of blobs) {
    const version = versions.get(blob)
    if (version !== undefined) revision.version = version
  }
}

/** The `version:` value in a front matter block, without parsing all of the YAML. */
export function versionOf(text: string): string | undefined {
  const front = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  if (!front) return undefined
  const match = /^version:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#]+))/m.exec(front[1]!)
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

/**
 * For a merge, the pull request's author is the merged branch's tip author, the merge's author
 * merged it, and the trailers of every commit the merge brought in count for it. One `git log`
 * over the whole graph gives parents and trailers; a merged branch's commits are those reached
 * from its tip before meeting the first-parent line.
 */
function addMergedBranches(tip: string, merges: Revision[], graph: string): void {
  const commits = new Map<string, {parents: string[]; author: Person; trailers: Trailer[]}>()
  for (const chunk of graph.split(commitStart)) {
    if (chunk === '') continue
    const [commit = '', parents = '', name = '', email = '', trailers = ''] = chunk.split(field)
    commits.set(commit, {parents: parents.split(' ').filter(Boolean), author: {name, email}, trailers: parseTrailers(trailers)})
  }
  const mainline = new Set<string>()
  for (let commit: string | undefined = tip; commit; commit = commits.get(commit)?.parents[0]) mainline.add(commit)
  for (const revision of merges) {
    const tip = commits.get(revision.parents[1]!)
    if (!tip) continue
    const seen = new Set<string>()
    const queue = [revision.parents[1]!]
    const trailers = [...revision.trailers]
    while (queue.length > 0) {
      const commit = queue.pop()!
      if (seen.has(commit) || mainline.has(commit)) continue
      seen.add(commit)
      const entry = commits.get(commit)
      if (!entry) continue
      trailers.push(...entry.trailers)
      queue.push(...entry.parents)
    }
    revision.mergedBy = revision.author
    revision.author = tip.author
    revision.trailers = trailers
  }
}

export interface FollowUp {
  commit: string
  date: string
  author: Person
  trailers: Trailer[]
  /** The commits named by its `Reviews:` trailers. */
  reviews: string[]
}

/** Commits on the first-parent line that record an after-the-fact review (`Reviews: <sha>`). */
export function readFollowUps(root: string, ref = 'HEAD'): FollowUp[] {
  const tip = resolveTip(root, ref)
  if (tip === undefined) return []
  // The whole message, not only its trailer block: `Reviews:` and `Approved-by:` lines count
  // wherever they stand, since `git commit -m … -m …` easily splits them into paragraphs.
  const output = git(root, ['log', tip, '--first-parent', '-i', '-E', '--grep=^Reviews:', `--format=%x1e${['%H', '%cI', '%an', '%ae', '%B'].join('%x1f')}`])
  return output
    .split(commitStart)
    .filter(Boolean)
    .map((chunk) => {
      const [commit = '', date = '', name = '', email = '', trailers = ''] = chunk.split(field)
      const parsed = parseTrailers(trailers)
      return {
        commit,
        date,
        author: {name, email},
        trailers: parsed,
        reviews: parsed.filter((trailer) => trailer.key.toLowerCase() === 'reviews').flatMap((trailer) => trailer.value.split(/[\s,]+/).filter((sha) => /^[0-9a-f]{7,40}$/i.test(sha)))
      }
    })
}
