// Reads the history of every document in one `git log` pass over the documents folder, the
// default branch's first-parent line (one revision per landed pull request), renames followed,
// and every revision's front matter version in one `git cat-file --batch`, fed while the log
// still runs. The config and the roster are controlled files too: their changes are revisions
// like a document's, and so are the vendor files, read in the same pass (their whole YAML, in the
// same batch). History begins after the adoption commit, except for a document that came into the
// folder by a rename from elsewhere: its revisions at the old paths are kept, marked as before Charter.
import {randomBytes} from 'node:crypto'
import {findFrontMatter, frontMatterSource} from '../model/front-matter-block'
import type {VendorSettings} from '../model/config-shape'
import {vendorChange, type VendorChange, type VendorState} from '../model/vendor-change'
import {isVendorFile} from '../model/vendor'
import {configFileName} from '../load/config'
import {maxDocumentBytes} from '../load/files'
import {parseVendor} from '../load/vendor-register'
import {rosterFileName, type Roster} from '../load/people'
import {trustRosters} from './roster-trust'
import {git, gitAsync, gitStream, GitError, requireFullHistory, shallowMessage, type GitStream} from './git'
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
  /** That commit's committer date, ISO 8601: when an approval in it was given. */
  date?: string
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
  /**
   * A revision at a path outside the documents folder, from before the document was moved in:
   * it has no Charter front matter, so no version, and was not a controlled change.
   */
  beforeCharter?: true
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
  /** A revision of a vendor file (`vendors/<id>.yaml`) rather than of a document. */
  kind?: 'vendor'
  /** For a vendor file: the file as this change left it (undefined when deleted). */
  vendor?: VendorState
  /** For a vendor file: what the change did to the register, against the revision before it. */
  vendorChange?: VendorChange
}

/** Files outside the documents folder whose changes need approval like a document's. */
export const controlledFiles: readonly string[] = [configFileName, rosterFileName]

/** Revisions per document, newest first, keyed by the document's path at the tip of `ref`. */
export type History = Map<string, Revision[]>

/**
 * A history as read, with every revision of the roster, newest first, those before the adoption
 * commit too: the trust in the roster is rooted in its first version, whatever the history shows.
 */
export type HistoryRead = History & {rosterChanges: readonly Revision[]}

/** What a history covers: the documents folder, and where it begins. */
export interface HistoryScope {
  /** The documents folder, repository-relative. */
  folder: string
  /**
   * The adoption commit: changes it reaches are left out (they are the toolkit's own, or the
   * repository's from before Charter), except an imported document's revisions at its old paths.
   * Undefined keeps every change.
   */
  adoption?: string
  /** The register's settings: its folder's vendor files are read in the same pass, when given. */
  vendors?: VendorSettings
}

/** How many times a document's rename from outside the folder is followed back (a rename of a rename, and so on). */
const maxRenameHops = 8

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
/** A blob's front matter facts; read whole, its text, or why the register would not read it. */
type BlobFacts = {version?: string; approvers?: string[]; owner?: string; text?: string; unread?: string}

const statuses: Record<string, Revision['change']> = {A: 'added', C: 'added', M: 'modified', T: 'modified', R: 'renamed', D: 'deleted'}

export async function readHistory(root: string, scope: HistoryScope, ref = 'HEAD'): Promise<HistoryRead> {
  const {folder, adoption} = scope
  const vendorFolder = scope.vendors?.folder
  const tip = resolveTip(root, ref)
  if (tip === undefined) return Object.assign(new Map(), {rosterChanges: []})
  // The whole graph (for merged branches) is read while the documents' log is.
  const graph = gitAsync(root, ['log', tip, `--format=%x1e${tag}${['%H', '%P', '%T', '%an', '%ae', '%cI', '%(trailers:unfold,only)'].join(fieldFormat)}`])
  graph.catch(() => {})
  // The first-parent commits after the adoption commit: what the history shows.
  const scoped = adoption === undefined ? undefined : gitAsync(root, ['rev-list', '--first-parent', tip, `^${adoption}`, '--'])
  scoped?.catch(() => {})
  const history: History = new Map()
  // Older commits name a document by its path at that time; map those back to today's path.
  const currentPath = new Map<string, string>()
  const blobs = new Map<Revision, string>()
  const vendorBlobs = new Map<Revision, string>()
  const merges: Revision[] = []
  // Each blob goes to `git cat-file --batch` as soon as the log names it, so both run at once.
  const reader = new BlobFactsReader(root)
  let inScope: (commit: string) => boolean
  try {
    const takeCommits = (text: string) => {
      const named: string[] = []
      const whole: string[] = []
      for (const {base, changes} of commitsIn(text)) {
        for (const found of changes) {
          // Renamed to a name the log does not follow (`acme.yaml.off`, `old.md.txt`): the file it was is deleted.
          const controlled = (path: string) => (vendorFolder !== undefined && isVendorFile(vendorFolder, path)) || isDocumentIn(folder, path) || controlledFiles.includes(path)
          const change: RawChange = found.letter === 'R' && found.previousPath !== undefined && !controlled(found.path) && controlled(found.previousPath) ? {path: found.previousPath, mode: found.mode, letter: 'D', blob: found.blob} : found
          const vendor = vendorFolder !== undefined && isVendorFile(vendorFolder, change.path)
          // Only Markdown documents (and the config and roster) are controlled; a README or image beside them is not.
          if (!vendor && !isDocumentIn(folder, change.path) && !controlledFiles.includes(change.path)) continue
          const key = currentPath.get(change.path) ?? change.path
          const revision = revisionOf(base, change)
          if (vendor) {
            revision.kind = 'vendor'
            // A link's blob is its target's name: never read as the vendor, never followed.
            if (revision.change !== 'deleted' && change.mode !== '100644' && change.mode !== '100755') revision.vendor = {unread: change.mode === '120000' ? 'a symbolic link, never followed' : 'not a regular file'}
            else if (revision.change !== 'deleted') {
              vendorBlobs.set(revision, change.blob)
              whole.push(change.blob)
            }
          } else if (revision.change !== 'deleted') {
            blobs.set(revision, change.blob)
            named.push(change.blob)
          }
          addRevision(history, key, revision)
          if (revision.change === 'renamed' && change.previousPath) currentPath.set(change.previousPath, key)
          if (base.parents.length > 1) merges.push(revision)
        }
      }
      reader.ask(named, whole)
    }
    const commits = new CommitSplitter(takeCommits)
    // The whole history is read even with an adoption commit: the roster's trust is rooted in its first version.
    const log = gitStream(
      root,
      ['log', tip, '--first-parent', '--diff-merges=first-parent', '--raw', '-z', '--no-abbrev', '-M', `--format=%x1e${tag}${format}%x1d${tag}`, '--', `${folder}/`, ...controlledFiles, ...(vendorFolder !== undefined ? [`${vendorFolder}/`] : [])],
      (chunk) => commits.take(chunk)
    )
    log.end()
    await log.done
    commits.flush()
    inScope = await scopeOf(root, tip, adoption, scoped, graph)
    const followed = followRenames(root, history, folder, inScope)
    if (merges.length > 0) addMergedBranches(tip, merges, (await graph).toString('utf8'))
    const followedBlobs = await followed
    reader.ask(followedBlobs.values())
    const facts = await reader.finish()
    setBlobFacts(blobs, facts)
    setBlobFacts(followedBlobs, facts)
    if (scope.vendors) setVendorStates(vendorBlobs, facts, scope.vendors)
  } finally {
    // On a failure too: an open `cat-file --batch` would wait for more names, and keep charter from exiting.
    reader.close()
  }
  const newVendors = setApproverRoles(history)
  if (scope.vendors) setVendorChanges(history, scope.vendors)
  const rosterChanges = history.get(rosterFileName) ?? []
  // Signatures are verified only where they are shown, and on every roster change, whose trust
  // runs back to the roster's first version: not on the commits the adoption cut drops.
  const rosterRevisions = new Set(rosterChanges)
  const revisions = [...history.values()].flat().filter((revision) => rosterRevisions.has(revision) || revision.beforeCharter || inScope(revision.commit))
  const rosters = await establishTrailerFacts(root, revisions.map((revision) => ({base: revision.parents[0], trailers: revision.trailers})), rosterChanges.map((change) => change.commit))
  const trusted = trustRosters(root, tip, rosterChanges, rosters)
  for (const revision of revisions) {
    const people = trusted(revision.commit)
    if (people) revision.people = people
    const roster = trusted(revision.parents[0])
    if (!roster) continue
    revision.roster = roster
    if ((controlledFiles.includes(revision.path) || newVendors.has(revision)) && roster.configApprovers) revision.approverRoles = [...roster.configApprovers]
  }
  // Only now: the roster's trust and the approvers' roles were judged over the whole history.
  if (adoption !== undefined) {
    for (const [key, kept] of history) {
      const shown = kept.filter((revision) => revision.beforeCharter || inScope(revision.commit))
      if (shown.length > 0) history.set(key, shown)
      else history.delete(key)
    }
  }
  return Object.assign(history, {rosterChanges})
}

/**
 * Whether a first-parent commit comes after the adoption commit. The adoption commit must be
 * one of the branch's own: a commit elsewhere could reach, and so hide, any part of its history.
 */
async function scopeOf(root: string, tip: string, adoption: string | undefined, scoped: Promise<Buffer> | undefined, graph: Promise<Buffer>): Promise<(commit: string) => boolean> {
  if (adoption === undefined || scoped === undefined) return () => true
  const where = adoptionName(adoption)
  let after: Set<string>
  try {
    after = new Set((await scoped).toString('utf8').split('\n').filter(Boolean))
  } catch {
    throw new GitError(`${where} is not in this repository; set \`adoption\` to the commit Charter was adopted at, or remove it to show every change`)
  }
  if (!(await graph).toString('utf8').includes(`${commitStart}${adoption}${field}`)) {
    throw new GitError(`${where} is not in the history of ${tip.slice(0, 12)}; set \`adoption\` to a commit of this branch, or remove it to show every change`)
  }
  return (commit) => after.has(commit)
}

/** How messages name the adoption commit. */
export function adoptionName(adoption: string): string {
  return `the adoption commit ${adoption.slice(0, 12)} (\`adoption\` in the config)`
}

type RevisionBase = Omit<Revision, 'path' | 'change' | 'previousPath'>

/** One path a commit changed, as `git log --raw -z` or `git diff-tree --raw -z` gives it. */
interface RawChange {
  path: string
  /** The file's mode after the change: 100644 or 100755 for a file, 120000 for a symbolic link. */
  mode: string
  previousPath?: string
  /** The status letter: A, C, M, T, R or D. */
  letter: string
  /** The blob after the change (zeros when deleted). */
  blob: string
}

/** Each commit of a `git log --raw -z` in `format`, with the paths it changed. */
function* commitsIn(output: string): Generator<{base: RevisionBase; changes: RawChange[]}> {
  for (const chunk of output.split(commitStart)) {
    if (chunk === '') continue
    const end = chunk.indexOf(headerEnd)
    const [commit = '', parents = '', authorName = '', authorEmail = '', date = '', subject = '', trailers = ''] = chunk.slice(0, end).split(field)
    const author = {name: authorName, email: authorEmail}
    const base: RevisionBase = {
      commit,
      parents: parents.split(' ').filter(Boolean),
      date,
      author,
      authors: [author],
      subject,
      pr: pullRequestOf(subject),
      trailers: parseTrailers(trailers, commit, date),
      approverRoles: []
    }
    yield {base, changes: rawChanges(chunk.slice(end + headerEnd.length))}
  }
}

/** The `:old-mode new-mode old-blob new-blob status` records of a `--raw -z` diff, each with its path (two for a rename or copy). */
function rawChanges(text: string): RawChange[] {
  const changes: RawChange[] = []
  const tokens = text.split('\0')
  for (let index = 0; index < tokens.length; index++) {
    const meta = tokens[index]!.replace(/^\n/, '')
    if (!meta.startsWith(':')) continue
    const [, mode = '', , blob = '', status = ''] = meta.slice(1).split(' ')
    const letter = status[0] ?? 'M'
    const twoPaths = letter === 'R' || letter === 'C'
    const path = tokens[index + (twoPaths ? 2 : 1)] ?? ''
    const previousPath = twoPaths ? tokens[index + 1] : undefined
    index += twoPaths ? 2 : 1
    changes.push({path, mode, letter, blob, ...(letter === 'R' && previousPath !== undefined ? {previousPath} : {})})
  }
  return changes
}

function revisionOf(base: RevisionBase, change: RawChange): Revision {
  // Written out, not spread: tens of thousands of revisions then share one shape, which keeps
  // setting their versions and roles later cheap (spread ones cost V8 a slow path for each).
  const revision: Revision = {
    commit: base.commit,
    parents: base.parents,
    date: base.date,
    author: base.author,
    authors: base.authors,
    subject: base.subject,
    pr: base.pr,
    trailers: base.trailers,
    approverRoles: base.approverRoles,
    path: change.path,
    change: statuses[change.letter] ?? 'modified'
  }
  if (change.previousPath !== undefined) revision.previousPath = change.previousPath
  return revision
}

function addRevision(history: History, key: string, revision: Revision): void {
  const revisions = history.get(key)
  if (revisions) revisions.push(revision)
  else history.set(key, [revision])
}

/** A Markdown document in the documents folder (not in a dot-folder): what the history follows. */
function isDocumentIn(folder: string, path: string): boolean {
  return path.startsWith(`${folder}/`) && path.toLowerCase().endsWith('.md') && !path.split('/').some((part) => part.startsWith('.'))
}


/**
 * Follows each document that came into the folder by a rename from outside it (as `charter
 * import` moves a folder of the repository): `git log` over the folder sees only an addition.
 * One `git diff-tree` asks every such addition at once whether git sees a rename there, and one
 * `git log` per rename commit (usually one: the import's) reads the old paths' revisions before
 * it, renames among them followed, each marked before Charter. An old path added by a rename from
 * outside that log's folder is followed again, up to a few hops. Returns the blobs of revisions
 * inside the documents folder, whose versions are still to be read.
 */
async function followRenames(root: string, history: History, folder: string, inScope: (commit: string) => boolean): Promise<Map<Revision, string>> {
  const blobs = new Map<Revision, string>()
  // Where each document's own revisions end: the followed ones go after its last one in scope.
  let pending: Followed[] = [...history].flatMap(([key, revisions]) => {
    // A vendor file is followed through renames inside its folder only: one from elsewhere was no vendor file before.
    if (controlledFiles.includes(key) || revisions[0]?.kind === 'vendor') return []
    const shown = revisions.findIndex((revision) => !inScope(revision.commit))
    const at = shown === -1 ? revisions.length : shown
    const oldest = revisions[at - 1]
    return oldest?.change === 'added' && oldest.parents.length > 0 ? [{key, revision: oldest, at}] : []
  })
  for (let hop = 0; hop < maxRenameHops && pending.length > 0; hop++) {
    const renamed = await renamesAt(root, pending.map(({revision}) => revision))
    const byCommit = new Map<string, Followed[]>()
    for (const entry of pending) {
      const previousPath = renamed.get(entry.revision.commit)?.get(entry.revision.path)
      if (previousPath === undefined) continue
      entry.revision.change = 'renamed'
      entry.revision.previousPath = previousPath
      byCommit.set(entry.revision.commit, [...(byCommit.get(entry.revision.commit) ?? []), entry])
    }
    const next = await Promise.all([...byCommit.values()].map((entries) => olderRevisions(root, folder, history, entries, blobs)))
    pending = next.flat()
  }
  return blobs
}

/** A document being followed back: its key in the history, the revision that added it by a rename, and where its older revisions go. */
interface Followed {
  key: string
  revision: Revision
  at: number
}

/**
 * The revisions before one rename commit of the paths its documents came from, put into the
 * history; returns the documents whose oldest revision found is again an addition.
 */
async function olderRevisions(root: string, folder: string, history: History, entries: readonly Followed[], blobs: Map<Revision, string>): Promise<Followed[]> {
  const parent = entries[0]!.revision.parents[0]!
  // The paths still followed, each to its document; a rename among them moves the path back.
  const tracked = new Map(entries.map((entry) => [entry.revision.previousPath!, entry]))
  // The folders holding the old paths, not each path: git matches a long list of paths slowly.
  // Not first-parent only: a source merged in from another repository keeps its own line.
  const output = (
    await gitAsync(
      root,
      ['log', parent, '--date-order', '--diff-merges=off', '--raw', '-z', '--no-abbrev', '-M', `--format=%x1e${tag}${format}%x1d${tag}`, '--', ...coveringPathspecs([...tracked.keys()])],
      undefined,
      // A path is a path: no glob, no `:(exclude)`, whatever its name.
      {GIT_LITERAL_PATHSPECS: '1'}
    )
  ).toString('utf8')
  const found = new Map<Followed, Revision[]>()
  for (const {base, changes} of commitsIn(output)) {
    for (const change of changes) {
      const entry = tracked.get(change.path)
      if (!entry) continue
      // Before its deletion, or before it was added, the path held some other file.
      tracked.delete(change.path)
      if (change.letter === 'D') continue
      const revision = revisionOf(base, change)
      if (isDocumentIn(folder, change.path)) blobs.set(revision, change.blob)
      else revision.beforeCharter = true
      found.set(entry, [...(found.get(entry) ?? []), revision])
      if (revision.change === 'modified') tracked.set(change.path, entry)
      else if (revision.change === 'renamed' && change.previousPath !== undefined) tracked.set(change.previousPath, entry)
    }
  }
  const next: Followed[] = []
  for (const [entry, revisions] of found) {
    history.get(entry.key)!.splice(entry.at, 0, ...revisions)
    const oldest = revisions[revisions.length - 1]!
    if (oldest.change === 'added' && oldest.parents.length > 0) next.push({key: entry.key, revision: oldest, at: entry.at + revisions.length})
  }
  return next
}

/** The deepest folder holding every path; or, when they only share the repository's top, each top folder (and top-level file). */
function coveringPathspecs(paths: readonly string[]): string[] {
  const folders = paths.map((path) => path.split('/').slice(0, -1))
  let depth = 0
  while (folders.every((parts) => parts.length > depth && parts[depth] === folders[0]![depth])) depth++
  if (depth > 0) return [`${folders[0]!.slice(0, depth).join('/')}/`]
  return [...new Set(paths.map((path) => (path.includes('/') ? `${path.split('/')[0]}/` : path)))]
}

/** For each commit, the renames git sees against its first parent: new path → old path; one `git diff-tree` for all. */
async function renamesAt(root: string, revisions: readonly Revision[]): Promise<Map<string, Map<string, string>>> {
  const commits = [...new Map(revisions.map((revision) => [revision.commit, revision.parents[0]!]))]
  const output = (await gitAsync(root, ['diff-tree', '--stdin', '-z', '-r', '-M', '--raw', '--no-abbrev', '--diff-filter=R'], `${commits.map(([commit, parent]) => `${commit} ${parent}`).join('\n')}\n`)).toString('utf8')
  const found = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  // Each commit's id, then its records; a record's paths are stepped over, so a path that looks like an id is never taken for one.
  const tokens = output.split('\0')
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!.replace(/^\n/, '')
    if (token.startsWith(':')) {
      const twoPaths = /^[RC]/.test(token.slice(1).split(' ')[4] ?? '')
      if (twoPaths && current) current.set(tokens[index + 2] ?? '', tokens[index + 1] ?? '')
      index += twoPaths ? 2 : 1
    } else if (/^[0-9a-f]{40,64}$/.test(token)) {
      current = new Map()
      found.set(token, current)
    }
  }
  return found
}

/**
 * Each revision's approver roles, from the document as it was before the change. A vendor file's
 * change is approved by the `owner` role its file names on the base the change landed on, never
 * by the changed file's own; a vendor file with no readable owner before the change (a new one,
 * or one that was no valid vendor file) is approved like the config. Returns those revisions.
 */
function setApproverRoles(history: History): Set<Revision> {
  const documentRoles = new Set<string>()
  const likeConfig = new Set<Revision>()
  for (const [path, revisions] of history) {
    if (controlledFiles.includes(path)) continue
    if (revisions[0]?.kind === 'vendor') {
      for (let index = revisions.length - 1; index >= 0; index--) {
        const before = revisions[index + 1]
        // A file renamed is a vendor with a new id: its old owner does not approve the new one.
        const renamed = revisions[index]!.change === 'renamed'
        const owner = !renamed && before && before.change !== 'deleted' && before.vendor && 'fields' in before.vendor ? before.vendor.fields.owner : undefined
        if (owner !== undefined) revisions[index]!.approverRoles = [owner]
        else likeConfig.add(revisions[index]!)
      }
      continue
    }
    // Oldest first, carrying the last approvers seen: each revision looks only at those before it.
    let before: string[] | undefined
    for (let index = revisions.length - 1; index >= 0; index--) {
      const revision = revisions[index]!
      revision.approverRoles = [...(before ?? revision.approvers ?? [])]
      if (revision.approvers !== undefined) before = revision.approvers
    }
    // A deleted document's roles no longer approve the config.
    const latest = revisions[0]?.change === 'deleted' ? undefined : revisions.find((revision) => revision.approvers !== undefined || revision.owner !== undefined)
    for (const role of [...(latest?.approvers ?? []), ...(latest?.owner ? [latest.owner] : [])]) documentRoles.add(role)
  }
  for (const path of controlledFiles) for (const revision of history.get(path) ?? []) revision.approverRoles = [...documentRoles].sort()
  for (const revision of likeConfig) revision.approverRoles = [...documentRoles].sort()
  return likeConfig
}

/** Each vendor revision's file as the register reads it: the fields its schema accepts. */
function setVendorStates(blobs: ReadonlyMap<Revision, string>, facts: ReadonlyMap<string, BlobFacts>, vendors: VendorSettings): void {
  const states = new Map<string, VendorState>()
  for (const [revision, blob] of blobs) {
    const text = facts.get(blob)?.text
    let state = states.get(`${revision.path}\0${blob}`)
    if (!state) {
      if (text === undefined) state = {unread: facts.get(blob)?.unread ?? 'missing from git'}
      else {
        const parsed = parseVendor(revision.path, text, {vendors})
        const fields = Object.keys(parsed.vendor).length > 0 || parsed.problems.length === 0
        state = fields ? {fields: parsed.vendor} : {unread: 'no field the vendor schema accepts'}
      }
      states.set(`${revision.path}\0${blob}`, state)
    }
    revision.vendor = state
  }
}

/** What each vendor revision did to the register, against the one before it (oldest first). */
function setVendorChanges(history: History, vendors: VendorSettings): void {
  for (const revisions of history.values()) {
    if (revisions[0]?.kind !== 'vendor') continue
    for (let index = revisions.length - 1; index >= 0; index--) {
      const before = revisions[index + 1]
      const revision = revisions[index]!
      revision.vendorChange = vendorChange(before && before.change !== 'deleted' ? before.vendor : undefined, revision.change === 'deleted' ? undefined : revision.vendor, {vendors})
    }
  }
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

function parseTrailers(text: string, commit: string, date?: string): Trailer[] {
  return text
    .split('\n')
    .map((line) => /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({key: match[1]!, value: match[2]!.trim(), commit, ...(date ? {date} : {})}))
}

/** How much of a blob its front matter facts are read from: the block sits at the top. */
const factsLength = 8192

/**
 * One `git cat-file --batch` for every distinct blob, each asked for as soon as it is known and
 * its answer read as it comes; the version, owner and approvers are read from its front matter.
 * Only the first bytes of a blob are kept, so a huge one costs no memory.
 */
export class BlobFactsReader {
  private readonly facts = new Map<string, BlobFacts>()
  private readonly asked = new Set<string>()
  /** Blobs read whole (vendor files, up to the size a file may have), their text kept. */
  private readonly whole = new Set<string>()
  private batch: GitStream | undefined
  /** A header line not yet ended by its line feed. */
  private header: Buffer[] = []
  /** The object being read: its name, what is kept of it, and how many bytes (its line feed included) are still to come. */
  private object: {blob: string; size: number; head: Buffer[]; kept: number; limit: number; remaining: number} | undefined

  constructor(private readonly root: string) {}

  /** Asks for blobs not asked before, in one write: a write per blob costs more than git's answer. `whole`: blobs read whole. */
  ask(blobs: Iterable<string>, whole: readonly string[] = []): void {
    let names = ''
    for (const blob of whole) this.whole.add(blob)
    for (const blob of [...blobs, ...whole]) {
      if (this.asked.has(blob) || /^0+$/.test(blob)) continue
      this.asked.add(blob)
      names += `${blob}\n`
    }
    if (names === '') return
    if (!this.batch) {
      this.batch = gitStream(this.root, ['cat-file', '--batch'], (chunk) => this.take(chunk))
      // git may fail while the log is still being read, before `finish` awaits it: the failure is
      // reported there (or dropped by `close`), never left to end the program unhandled.
      this.batch.done.catch(() => {})
    }
    this.batch.write(names)
  }

  /** Every answer, once git has given them all. */
  async finish(): Promise<Map<string, BlobFacts>> {
    if (this.batch) {
      this.batch.end()
      await this.batch.done
    }
    return this.facts
  }

  /** Lets git stop, its outcome unread: for a history that failed elsewhere. */
  close(): void {
    this.batch?.end()
  }

  private take(chunk: Buffer): void {
    let offset = 0
    while (offset < chunk.length) {
      const object = this.object
      if (object) {
        const taken = Math.min(object.remaining, chunk.length - offset)
        if (object.kept < object.limit) {
          const piece = chunk.subarray(offset, offset + Math.min(taken, object.limit - object.kept))
          object.head.push(piece)
          object.kept += piece.length
        }
        offset += taken
        object.remaining -= taken
        if (object.remaining === 0) {
          const head = Buffer.concat(object.head).subarray(0, Math.min(object.size, object.limit))
          if (object.limit === factsLength) this.facts.set(object.blob, blobFacts(head.toString('utf8')))
          else this.facts.set(object.blob, wholeFacts(head, object.size))
          this.object = undefined
        }
        continue
      }
      const lineEnd = chunk.indexOf(10, offset)
      if (lineEnd === -1) {
        this.header.push(chunk.subarray(offset))
        return
      }
      const [blob = '', type = '', size = '0'] = Buffer.concat([...this.header, chunk.subarray(offset, lineEnd)]).toString('utf8').split(' ')
      this.header = []
      offset = lineEnd + 1
      if (type === 'missing') continue
      // The content, then a line feed.
      this.object = {blob, size: Number(size), head: [], kept: 0, limit: this.whole.has(blob) ? maxDocumentBytes : factsLength, remaining: Number(size) + 1}
    }
  }
}

/** A blob read whole (a vendor file): its text, unless the register would refuse it unread, as too large or not UTF-8. */
function wholeFacts(head: Buffer, size: number): BlobFacts {
  if (size > maxDocumentBytes) return {unread: `larger than ${maxDocumentBytes / 1024 / 1024} MB`}
  try {
    const text = new TextDecoder('utf-8', {fatal: true}).decode(head)
    return {...blobFacts(text.slice(0, factsLength)), text}
  } catch {
    return {unread: 'not UTF-8'}
  }
}

/** Each revision's front matter facts, from its blob's. */
function setBlobFacts(blobs: ReadonlyMap<Revision, string>, facts: ReadonlyMap<string, BlobFacts>): void {
  for (const [revision, blob] of blobs) {
    const found = facts.get(blob)
    if (found?.version !== undefined) revision.version = found.version
    if (found?.approvers !== undefined) revision.approvers = found.approvers
    if (found?.owner !== undefined) revision.owner = found.owner
  }
}

/**
 * Cuts `git log` output, as it comes, into runs of whole commits, each decoded once: a cut falls
 * just before a commit's tagged start, an ASCII byte, so no character is ever split.
 */
export class CommitSplitter {
  private readonly start: Buffer
  private pieces: Buffer[] = []
  private length = 0
  /** The last bytes taken, for a start split between two chunks. */
  private tail: Buffer = Buffer.alloc(0)

  /** `start`: what begins each commit; the log's tagged start unless a test gives another. */
  constructor(private readonly takeCommits: (text: string) => void, start = commitStart) {
    this.start = Buffer.from(start)
  }

  take(chunk: Buffer): void {
    const overlap = this.start.length - 1
    const within = chunk.lastIndexOf(this.start)
    let cut = within === -1 ? -1 : this.length + within
    if (cut === -1) {
      const joint = Buffer.concat([this.tail, chunk.subarray(0, overlap)]).lastIndexOf(this.start)
      if (joint !== -1) cut = this.length - this.tail.length + joint
    }
    this.pieces.push(chunk)
    this.length += chunk.length
    this.tail = chunk.length >= overlap ? chunk.subarray(chunk.length - overlap) : Buffer.concat([this.tail, chunk]).subarray(-overlap)
    if (cut <= 0) return
    const pending = Buffer.concat(this.pieces, this.length)
    this.takeCommits(pending.subarray(0, cut).toString('utf8'))
    this.pieces = [pending.subarray(cut)]
    this.length -= cut
  }

  /** The last commit, once git has ended. */
  flush(): void {
    if (this.length > 0) this.takeCommits(Buffer.concat(this.pieces, this.length).toString('utf8'))
    this.pieces = []
    this.length = 0
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
    const [commit = '', parents = '', tree = '', name = '', email = '', date = '', trailers = ''] = chunk.split(field)
    commits.set(commit, {parents: parents.split(' ').filter(Boolean), tree, author: {name, email}, trailers: parseTrailers(trailers, commit, date)})
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

/** The raw log of the follow-up commits, started at once so git reads them while the rest is read; undefined without commits. */
export type FollowUpLog = Promise<{tip: string; output: string} | undefined>

export function startFollowUps(root: string, ref = 'HEAD'): FollowUpLog {
  let tip: string | undefined
  try {
    tip = resolveTip(root, ref)
  } catch (error) {
    return Promise.reject(error)
  }
  if (tip === undefined) return Promise.resolve(undefined)
  const at = tip
  // The whole message, not only its trailer block: `Reviews:` and `Approved-by:` lines count
  // wherever they stand, since `git commit -m … -m …` easily splits them into paragraphs.
  return gitAsync(root, ['log', at, '--first-parent', '-i', '-E', '--grep=^Reviews:', `--format=%x1e${tag}${['%H', '%P', '%cI', '%an', '%ae', '%B'].join(fieldFormat)}`]).then((output) => ({tip: at, output: output.toString('utf8')}))
}

/** Commits on the first-parent line that record an after-the-fact review (`Reviews: <sha>`), their signatures verified. */
export async function readFollowUps(root: string, ref = 'HEAD', rosterChanges: readonly Revision[] = [], started: FollowUpLog = startFollowUps(root, ref)): Promise<FollowUp[]> {
  const log = await started
  if (log === undefined) return []
  const {tip, output} = log
  const followUps = output
    .split(commitStart)
    .filter(Boolean)
    .map((chunk) => {
      const [commit = '', parents = '', date = '', name = '', email = '', trailers = ''] = chunk.split(field)
      const parsed = parseTrailers(trailers, commit, date)
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
