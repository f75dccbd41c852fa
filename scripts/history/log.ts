// Reads the history of every document in one `git log` pass over the documents folder, the
// default branch's first-parent line (one revision per landed pull request), renames followed,
// and every revision's front matter version in one `git cat-file --batch`. The config and the
// roster are controlled files too: their changes are revisions like a document's.
import {randomBytes} from 'node:crypto'
import {findFrontMatter, frontMatterSource} from '../model/front-matter-block'
import {configFileName} from '../load/config'
import {rosterFileName, type Roster} from '../load/people'
import {trustRosters} from './roster-trust'
import {git, gitAsync, GitError, requireFullHistory, shallowMessage} from './git'
import {establishTrailerFacts} from './signatures'

export interface Person {
  name: string
  email: string
}

export interface Trailer {
  key: string
  value: string
  /** The commit whose message carries it. */
  commit: string
  /** For an approval trailer: git's verdict on that commit's signature (`%G?`) and the key's fingerprint. */
  signature?: {status: string; fingerprint?: string; primary?: string}
}

export interface Revision {
  commit: string
  parents: string[]
  /** When it landed on the branch: the committer date, ISO 8601. */
  date: string
  /** Who wrote the change: for a merge, the author of the merged branch's last commit that changed files. */
  author: Person
  /** Everyone who wrote the change (for a merge, every commit it brought in that changed files; an empty approval commit does not count). */
  authors: Person[]
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
  /** The front matter owner and approvers after the change (a document's only). */
  owner?: string
  approvers?: string[]
  /**
   * Roles whose holders may approve this change: the document's approvers on the base it landed
   * on (its own for a new document); for the config and roster, the roster's `config_approvers`
   * or else every document's owner and approvers.
   */
  approverRoles: string[]
  /** The trusted roster on the base it landed on (its first parent), when it has trailers to judge. */
  roster?: Roster
  /** The trusted roster once this change landed, for showing its author by name. */
  people?: Roster
}

/** Files outside the documents folder whose changes need approval like a document's. */
export const controlledFiles: readonly string[] = [configFileName, rosterFileName]

/** Revisions per document, newest first, keyed by the document's path at the tip of `ref`. */
export type History = Map<string, Revision[]>

// git's output is split on these separators. Commit messages and author names may hold any
// control character, so each separator carries a random tag: a message cannot predict it, and
// so cannot end its commit early and pose as another (signed) commit with trailers of its own.
const tag = randomBytes(8).toString('hex')
const field = `\x1f${tag}`
const commitStart = `\x1e${tag}`
const headerEnd = `\x1d${tag}`
const fieldFormat = `%x1f${tag}`
const format = ['%H', '%P', '%an', '%ae', '%cI', '%s', '%(trailers:unfold,only)'].join(fieldFormat)
/** What the front matter says about approval, by blob: read with the version. */
type BlobFacts = {version?: string; approvers?: string[]; owner?: string}

const statuses: Record<string, Revision['change']> = {A: 'added', C: 'added', M: 'modified', T: 'modified', R: 'renamed', D: 'deleted'}

export async function readHistory(root: string, folder: string, ref = 'HEAD'): Promise<History> {
  const tip = resolveTip(root, ref)
  if (tip === undefined) return new Map()
  // The whole graph (for merged branches) is read while the documents' log is.
  const graph = gitAsync(root, ['log', tip, `--format=%x1e${tag}${['%H', '%P', '%T', '%an', '%ae', '%(trailers:unfold,only)'].join(fieldFormat)}`])
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
    `--format=%x1e${tag}${format}%x1d${tag}`,
    '--',
    `${folder}/`,
    ...controlledFiles
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
    const author = {name: authorName, email: authorEmail}
    const base = {
      commit,
      parents: parents.split(' ').filter(Boolean),
      date,
      author,
      authors: [author],
      subject,
      pr: pullRequestOf(subject),
      trailers: parseTrailers(trailers, commit),
      approverRoles: [] as string[]
    }
    const tokens = chunk.slice(end + headerEnd.length).split('\0')
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
      // Only Markdown documents (and the config and roster) are controlled; a README or image beside them is not.
      const document = path.startsWith(`${folder}/`) && path.toLowerCase().endsWith('.md') && !path.split('/').some((part) => part.startsWith('.'))
      if (!document && !controlledFiles.includes(path)) continue
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
  setApproverRoles(history)
  const revisions = [...history.values()].flat()
  const rosterChanges = history.get(rosterFileName) ?? []
  const rosters = await establishTrailerFacts(root, revisions.map((revision) => ({base: revision.parents[0], trailers: revision.trailers})), rosterChanges.map((change) => change.commit))
  const trusted = trustRosters(root, tip, rosterChanges, rosters)
  for (const revision of revisions) {
    const people = trusted(revision.commit)
    if (people) revision.people = people
    const roster = trusted(revision.parents[0])
    if (!roster) continue
    revision.roster = roster
    if (controlledFiles.includes(revision.path) && roster.configApprovers) revision.approverRoles = [...roster.configApprovers]
  }
  return history
}

/** Each revision's approver roles, from the document as it was before the change. */
function setApproverRoles(history: History): void {
  const documentRoles = new Set<string>()
  for (const [path, revisions] of history) {
    if (controlledFiles.includes(path)) continue
    revisions.forEach((revision, index) => {
      const before = revisions.slice(index + 1).find((older) => older.approvers !== undefined)
      revision.approverRoles = [...(before?.approvers ?? revision.approvers ?? [])]
    })
    // A deleted document's roles no longer approve the config.
    const latest = revisions[0]?.change === 'deleted' ? undefined : revisions.find((revision) => revision.approvers !== undefined || revision.owner !== undefined)
    for (const role of [...(latest?.approvers ?? []), ...(latest?.owner ? [latest.owner] : [])]) documentRoles.add(role)
  }
  for (const path of controlledFiles) for (const revision of history.get(path) ?? []) revision.approverRoles = [...documentRoles].sort()
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

function parseTrailers(text: string, commit: string): Trailer[] {
  return text
    .split('\n')
    .map((line) => /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({key: match[1]!, value: match[2]!.trim(), commit}))
}

/** One `git cat-file --batch` for every distinct blob; the version is read from its front matter. */
async function readVersions(root: string, blobs: Map<Revision, string>): Promise<void> {
  const distinct = [...new Set([...blobs.values()].filter((blob) => !/^0+$/.test(blob)))]
  if (distinct.length === 0) return
  const versions = new Map<string, BlobFacts>()
  const output = await gitAsync(root, ['cat-file', '--batch'], `${distinct.join('\n')}\n`)
  let offset = 0
  while (offset < output.length) {
    const lineEnd = output.indexOf(10, offset)
    const [blob = '', type = '', size = '0'] = output.subarray(offset, lineEnd).toString('utf8').split(' ')
    offset = lineEnd + 1
    if (type === 'missing') continue
    const length = Number(size)
    versions.set(blob, blobFacts(output.subarray(offset, offset + Math.min(length, 8192)).toString('utf8')))
    offset += length + 1
  }
  for (const [revision, blob] of blobs) {
    const facts = versions.get(blob)
    if (facts?.version !== undefined) revision.version = facts.version
    if (facts?.approvers !== undefined) revision.approvers = facts.approvers
    if (facts?.owner !== undefined) revision.owner = facts.owner
  }
}

function blobFacts(text: string): BlobFacts {
  if (!findFrontMatter(text)) return {}
  const front = frontMatterSource(text)
  const version = versionOf(text)
  const owner = /^owner:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^#\n]*[^#\s]))/m.exec(front)
  return {...(version !== undefined ? {version} : {}), ...listOf(front, 'approvers'), ...(owner ? {owner: (owner[1] ?? owner[2] ?? owner[3])!.trim()} : {})}
}

/** A list value (`key: [A, B]` or one `- A` per line) without parsing all of the YAML. */
function listOf(front: string, key: 'approvers'): {approvers?: string[]} {
  const unquote = (item: string) => item.trim().replace(/^(["'])(.*)\1$/, '$2')
  const flow = new RegExp(`^${key}:[ \\t]*\\[([^\\]\\n]*)\\]`, 'm').exec(front)
  if (flow) return {[key]: flow[1]!.split(',').map(unquote).filter(Boolean)}
  const block = new RegExp(`^${key}:[ \\t]*(?:#.*)?\\r?\\n((?:[ \\t]*-[ \\t]+.*(?:\\r?\\n|$))+)`, 'm').exec(front)
  if (block) return {[key]: block[1]!.split('\n').map((line) => /^[ \t]*-[ \t]+(.*?)[ \t]*(?:#.*)?\r?$/.exec(line)?.[1]).filter((item): item is string => !!item).map(unquote)}
  return {}
}

/** The `version:` value in a front matter block, without parsing all of the YAML. */
export function versionOf(text: string): string | undefined {
  const match = /^version:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#]+))/m.exec(frontMatterSource(text))
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

/**
 * For a merge, the pull request's authors are those of the merged branch's commits that changed
 * files (an approver's empty, signed approval commit leaves them out), the merge's author merged
 * it, and the trailers of every commit the merge brought in count for it. One `git log` over the
 * whole graph gives parents, trees and trailers; a merged branch's commits are those reached from
 * its tip before meeting the first-parent line.
 */
function addMergedBranches(tip: string, merges: Revision[], graph: string): void {
  const commits = new Map<string, {parents: string[]; tree: string; author: Person; trailers: Trailer[]}>()
  for (const chunk of graph.split(commitStart)) {
    if (chunk === '') continue
    const [commit = '', parents = '', tree = '', name = '', email = '', trailers = ''] = chunk.split(field)
    commits.set(commit, {parents: parents.split(' ').filter(Boolean), tree, author: {name, email}, trailers: parseTrailers(trailers, commit)})
  }
  const changesFiles = (entry: {parents: string[]; tree: string}) => entry.parents.length === 0 || commits.get(entry.parents[0]!)?.tree !== entry.tree
  const mainline = new Set<string>()
  for (let commit: string | undefined = tip; commit; commit = commits.get(commit)?.parents[0]) mainline.add(commit)
  for (const revision of merges) {
    const tip = commits.get(revision.parents[1]!)
    if (!tip) continue
    const seen = new Set<string>()
    const queue = [revision.parents[1]!]
    // An approval counts for what it saw: the trailers of the branch's commits from its tip back
    // to its last change of any file, that change included; an approval before a later change is stale.
    const trailers = [...revision.trailers]
    for (let commit: string | undefined = revision.parents[1]; commit && !mainline.has(commit); commit = commits.get(commit)?.parents[0]) {
      const entry = commits.get(commit)
      if (!entry) break
      trailers.push(...entry.trailers)
      if (changesFiles(entry)) break
    }
    const authors: Person[] = []
    while (queue.length > 0) {
      const commit = queue.pop()!
      if (seen.has(commit) || mainline.has(commit)) continue
      seen.add(commit)
      const entry = commits.get(commit)
      if (!entry) continue
      const wrote = changesFiles(entry) && !authors.some((author) => author.email === entry.author.email && author.name === entry.author.name)
      if (wrote) authors.push(entry.author)
      queue.push(...entry.parents)
    }
    revision.mergedBy = revision.author
    // The queue takes the branch newest first along first parents, so the first author found wrote last.
    revision.author = authors[0] ?? tip.author
    revision.authors = authors.length > 0 ? authors : [tip.author]
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
  /** The roster on the commit it landed on (its first parent). */
  roster?: Roster
}

/** Commits on the first-parent line that record an after-the-fact review (`Reviews: <sha>`), their signatures verified. */
export async function readFollowUps(root: string, ref = 'HEAD', rosterChanges: readonly Revision[] = []): Promise<FollowUp[]> {
  const tip = resolveTip(root, ref)
  if (tip === undefined) return []
  // The whole message, not only its trailer block: `Reviews:` and `Approved-by:` lines count
  // wherever they stand, since `git commit -m … -m …` easily splits them into paragraphs.
  const output = git(root, ['log', tip, '--first-parent', '-i', '-E', '--grep=^Reviews:', `--format=%x1e${tag}${['%H', '%P', '%cI', '%an', '%ae', '%B'].join(fieldFormat)}`])
  const followUps = output
    .split(commitStart)
    .filter(Boolean)
    .map((chunk) => {
      const [commit = '', parents = '', date = '', name = '', email = '', trailers = ''] = chunk.split(field)
      const parsed = parseTrailers(trailers, commit)
      return {
        commit,
        date,
        author: {name, email},
        trailers: parsed,
        reviews: parsed.filter((trailer) => trailer.key.toLowerCase() === 'reviews').flatMap((trailer) => trailer.value.split(/[\s,]+/).filter((sha) => /^[0-9a-f]{7,40}$/i.test(sha))),
        base: parents.split(' ')[0] ?? ''
      }
    })
  const rosters = await establishTrailerFacts(root, followUps, rosterChanges.map((change) => change.commit))
  const trusted = trustRosters(root, tip, rosterChanges, rosters)
  return followUps.map(({base, ...followUp}) => {
    const roster = trusted(base)
    return {...followUp, ...(roster ? {roster} : {})}
  })
}
