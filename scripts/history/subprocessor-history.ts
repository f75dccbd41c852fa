// The subprocessor list's past: each first-parent commit that changed the vendors folder, the
// list as it stood after it, and what changed, read from git alone (never the working tree). One
// `git log` pass names every vendor file's blob at each commit; one `git cat-file --batch` reads
// them all. A customer's DPA asks to be told of a new subprocessor: these are those notices.
import {randomBytes} from 'node:crypto'
import {isMap, type Document as YamlDocument} from 'yaml'
import {parseVendor} from '../load/vendor-register'
import type {Config} from '../model/config-shape'
import {listChanges, subprocessorList, type Subprocessor, type SubprocessorChange} from '../model/subprocessors'
import {isVendorFile, type Vendor} from '../model/vendor'
import {gitAsync} from './git'
import {BlobFactsReader} from './log'

/** One commit that changed the list. */
export interface SubprocessorListChange {
  commit: string
  /** Its committer date, ISO 8601: when the change landed on the branch. */
  date: string
  changes: SubprocessorChange[]
  /** The list as it stood after the commit. */
  list: Subprocessor[]
}

/** What the history covers: the vendors folder, and the adoption commit, whose list is where it starts. */
export interface SubprocessorScope {
  folder: string
  adoption?: string
}

/** The fields a notice speaks of: a past file that gives one the schema refuses says nothing new about the vendor. */
const shownKeys = ['name', 'services', 'status', 'subprocessor', 'location'] as const
const requiredShownKeys = ['name', 'services', 'status'] as const

// The log's commits are split on these: a path may hold any character but NUL, so each carries a random tag.
const tag = randomBytes(8).toString('hex')
const commitStart = `\x1e${tag}`
const headerEnd = `\x1d${tag}`

/**
 * Every change to the list on the first-parent line up to `tip`, newest first. With an adoption
 * commit, the list as it stood there is the starting point and only later commits are changes;
 * without one, the list starts empty, so the commit that first lists a subprocessor adds it.
 */
export async function subprocessorHistory(root: string, scope: SubprocessorScope, config: Pick<Config, 'vendors'>, tip = 'HEAD'): Promise<SubprocessorListChange[]> {
  const {folder, adoption} = scope
  // Path → blob, as the vendors folder stands at the commit being replayed.
  const blobs = new Map<string, string>()
  const range = adoption === undefined ? [tip] : [tip, `^${adoption}`]
  // Without waiting: the build reads the documents' history meanwhile.
  const logged = gitAsync(root, ['log', ...range, '--first-parent', '--diff-merges=first-parent', '--raw', '-z', '--no-abbrev', '--no-renames', '--reverse', `--format=%x1e${tag}%H %cI%x1d${tag}`, '--', `${folder}/`])
  logged.catch(() => {})
  if (adoption !== undefined) {
    for (const entry of (await gitAsync(root, ['ls-tree', '-r', '-z', '--full-tree', adoption, '--', `${folder}/`])).toString('utf8').split('\0')) {
      const match = /^(\d{6}) blob ([0-9a-f]+)\t(.+)$/s.exec(entry)
      if (match && isVendorPath(folder, match[3]!) && isRegular(match[1]!)) blobs.set(match[3]!, match[2]!)
    }
  }
  const commits = commitsIn((await logged).toString('utf8'), folder)
  const wanted = new Set([...blobs.values(), ...commits.flatMap((commit) => commit.changes.flatMap((change) => (change.blob ? [change.blob] : [])))])
  const texts = await readBlobs(root, wanted)
  // Path → the fields last read well from it.
  const vendors = new Map<string, Partial<Vendor>>()
  const take = (path: string, blob: string) => {
    const text = texts.get(blob)
    if (text === undefined) return
    // Most changes are to vendors that are no subprocessor before or after (a review recorded):
    // such a file is not parsed, as it cannot change the list whatever it holds.
    if (vendors.get(path)?.subprocessor !== true && !mayBeSubprocessor(text)) {
      vendors.set(path, {})
      return
    }
    const read = readVendor(path, text, config)
    if (read) vendors.set(path, read)
  }
  for (const [path, blob] of blobs) take(path, blob)
  let list = currentList(vendors)
  const found: SubprocessorListChange[] = []
  for (const commit of commits) {
    for (const change of commit.changes) {
      if (change.blob === undefined) vendors.delete(change.path)
      else take(change.path, change.blob)
    }
    const next = currentList(vendors)
    const changes = listChanges(list, next)
    if (changes.length > 0) found.push({commit: commit.commit, date: commit.date, changes, list: next})
    list = next
  }
  return found.reverse()
}

/**
 * Whether the text could make the vendor a subprocessor: it names the key other than as a plain
 * `subprocessor: false` line. A key spelt with escapes needs a backslash; one merged from an
 * anchor is spelt out at the anchor.
 */
function mayBeSubprocessor(text: string): boolean {
  return text.includes('\\') || text.replace(/^subprocessor:[ \t]*false[ \t]*(?:#.*)?$/gm, '').includes('subprocessor')
}

function currentList(vendors: ReadonlyMap<string, Partial<Vendor>>): Subprocessor[] {
  return subprocessorList([...vendors].map(([key, vendor]) => ({key, vendor})))
}

/**
 * A past vendor file's fields, or undefined when it says nothing reliable about the list: YAML
 * that does not parse, or a shown field the schema refuses. The list then keeps what the file
 * said before, so a commit that broke a file and the one that mended it are no notices.
 */
function readVendor(path: string, text: string, config: Pick<Config, 'vendors'>): Partial<Vendor> | undefined {
  const {yaml, vendor, problems} = parseVendor(path, text, config)
  if (problems.length === 0) return vendor
  if (requiredShownKeys.some((key) => !(key in vendor))) return undefined
  return shownKeys.every((key) => key in vendor || !given(yaml, key)) ? vendor : undefined
}

function given(yaml: YamlDocument.Parsed, key: string): boolean {
  return isMap(yaml.contents) && yaml.contents.has(key)
}

interface VendorCommit {
  commit: string
  date: string
  /** Each vendor file the commit changed: its new blob, none when deleted (or no longer a regular file). */
  changes: {path: string; blob?: string}[]
}

/** The commits of `git log --raw -z --no-renames`: a header, then per path `:<modes> <blobs> <status>` and the path, each ended by NUL. */
function commitsIn(log: string, folder: string): VendorCommit[] {
  const commits: VendorCommit[] = []
  for (const part of log.split(commitStart)) {
    const end = part.indexOf(headerEnd)
    if (end === -1) continue
    const [commit = '', date = ''] = part.slice(0, end).split(' ')
    const fields = part.slice(end + headerEnd.length).replace(/^\0?\n?/, '').split('\0')
    const changes: VendorCommit['changes'] = []
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const match = /^:\d{6} (\d{6}) [0-9a-f]+ ([0-9a-f]+) [A-Z]\d*$/.exec(fields[index]!)
      const path = fields[index + 1]!
      if (!match || !isVendorPath(folder, path)) continue
      const [, mode = '', blob = ''] = match
      changes.push(/^0+$/.test(blob) || !isRegular(mode) ? {path} : {path, blob})
    }
    commits.push({commit, date, changes})
  }
  return commits
}

/** A vendor file the register can list: a `.yml` one it refuses, so never a subprocessor. */
function isVendorPath(folder: string, path: string): boolean {
  return isVendorFile(folder, path) && path.endsWith('.yaml')
}

/** A regular file; a symbolic link or a submodule is no vendor file, as the register refuses them. */
function isRegular(mode: string): boolean {
  return mode === '100644' || mode === '100755'
}

/** The text of each blob, read whole in one `git cat-file --batch`; one the register would refuse unread (too large, not UTF-8) is left out. */
async function readBlobs(root: string, blobs: ReadonlySet<string>): Promise<Map<string, string>> {
  const reader = new BlobFactsReader(root)
  reader.ask([], [...blobs])
  const facts = await reader.finish()
  return new Map([...facts].flatMap(([blob, found]) => (found.text === undefined ? [] : [[blob, found.text] as const])))
}
