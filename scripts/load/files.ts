// Finds the documents under the documents folder and reads each one as text, refusing what is not
// a readable document (binary, not UTF-8, too large, a link out of the repository) without throwing.
import {closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats} from 'node:fs'
import {dirname, isAbsolute, join, relative, resolve, sep} from 'node:path'
import {headBytes, type FileFacts} from '../model/published-file'

/** Larger files are refused unread: a policy is a few pages, not megabytes. */
export const maxDocumentBytes = 1024 * 1024

export type ReadResult =
  | {text: string}
  | {problem: string; line?: number; column?: number}

/** Every file below `dir` (repository-relative, POSIX separators, sorted), skipping dot-folders. */
export function listFiles(root: string, dir: string): string[] {
  const found: string[] = []
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(join(root, relativeDir), {withFileTypes: true})) {
      if (entry.name.startsWith('.')) continue
      const path = `${relativeDir}/${entry.name}`
      if (entry.isDirectory()) walk(path)
      else found.push(path)
    }
  }
  walk(dir)
  return found.sort()
}

/**
 * What keeps `folder` (repository-relative) from being a folder of the repository, each part
 * looked at without following a link: `at` is the first part that is missing, not a folder,
 * or a symbolic link (which could lead anywhere). Undefined for a real folder.
 */
export function folderProblem(root: string, folder: string): {kind: 'missing' | 'not-folder' | 'link'; at: string} | undefined {
  let at = ''
  for (const part of folder.split('/')) {
    at = at === '' ? part : `${at}/${part}`
    let stats: Stats
    try {
      stats = lstatSync(join(root, at))
    } catch {
      return {kind: 'missing', at}
    }
    if (stats.isSymbolicLink()) return {kind: 'link', at}
    if (!stats.isDirectory()) return {kind: 'not-folder', at}
  }
  return undefined
}

export function isDocumentPath(path: string): boolean {
  return path.toLowerCase().endsWith('.md')
}

export function readDocumentFile(root: string, path: string): ReadResult {
  const absolute = resolve(root, path)
  try {
    const opened = openNoFollow(absolute)
    if (opened === 'symlink') return {problem: linkProblem(root, absolute)}
    try {
      const {stats, descriptor} = opened
      if (!stats.isFile()) return {problem: `Unexpected ${kindOf(stats)}, expected a regular file; replace it with the document itself`}
      if (stats.size > maxDocumentBytes) {
        return {problem: `Unexpected ${(stats.size / 1024 / 1024).toFixed(1)} MB file, expected a document under 1 MB; split it into smaller documents or move it out of the documents folder`}
      }
      return decode(readUpTo(descriptor, stats.size))
    } finally {
      closeSync(opened.descriptor)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return {problem: `Unexpected ${code} while reading the file; check that it exists and is readable`}
  }
}

// Drops a leading byte order mark, so positions count from the first real character.
export const utf8 = new TextDecoder('utf-8', {fatal: true})

// Never waits: a named pipe or a device opens at once, and fstat then refuses it.
/** Read-only, and never waiting: a named pipe or a device opens at once, and its fstat then says what it is. */
export const readFlags = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0) | (fsConstants.O_NOCTTY ?? 0)

/**
 * Opens a file without following a symbolic link and without waiting (a named pipe or a device
 * opens at once, and its fstat then says what it is): the descriptor with its fstat, or
 * `symlink` for a link, whose target the caller judges. Other errors are thrown.
 */
export function openNoFollow(absolute: string): {descriptor: number; stats: Stats} | 'symlink' {
  let descriptor: number
  // One open instead of lstat and open, where the system can refuse to follow a link.
  if (fsConstants.O_NOFOLLOW === undefined) {
    if (lstatSync(absolute).isSymbolicLink()) return 'symlink'
    descriptor = openSync(absolute, readFlags)
  } else {
    try {
      descriptor = openSync(absolute, readFlags | fsConstants.O_NOFOLLOW)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ELOOP' || code === 'EMLINK') return 'symlink'
      throw error
    }
  }
  try {
    return {descriptor, stats: fstatSync(descriptor)}
  } catch (error) {
    closeSync(descriptor)
    throw error
  }
}

function linkProblem(root: string, absolute: string): string {
  let target: string
  try {
    target = realpathSync(absolute)
  } catch {
    return 'Unexpected broken symbolic link; point it at an existing document or delete it'
  }
  const inside = relative(realpathSync(root), target)
  if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
    return 'Unexpected symbolic link to a file outside the repository; copy the document into the repository instead of linking to it'
  }
  // Even inside the repository: a link lets a change to another file change this document unseen.
  return `Unexpected symbolic link to \`${inside.split(sep).join('/')}\`, expected the document itself; replace the link with the file (move or copy it here)`
}

function decode(bytes: Buffer): ReadResult {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return {problem: 'Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of the documents folder or give it a different extension'}
  }
  try {
    return {text: utf8.decode(bytes)}
  } catch {
    const {line, column} = firstInvalidByte(bytes)
    return {problem: `Unexpected bytes that are not UTF-8 at line ${line}, column ${column}; re-save the file as UTF-8`, line, column}
  }
}

export function firstInvalidByte(bytes: Buffer): {line: number; column: number} {
  const text = new TextDecoder('utf-8').decode(bytes)
  const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split(/\r?\n/)
  return {line: before.length, column: before[before.length - 1]!.length + 1}
}

/**
 * What an attachment or logo is on disk, without following a symbolic link or opening anything
 * but a regular file: its kind, size, names (hard links) and leading bytes.
 */
export function fileFacts(root: string, path: string): FileFacts {
  const none = {size: 0, links: 0, head: new Uint8Array(0)}
  const absolute = resolve(root, path)
  let stats: Stats
  try {
    stats = lstatSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    return code === 'ENOENT' || code === 'ENOTDIR' ? {kind: 'missing', ...none} : {kind: 'unreadable', code: code ?? 'error', ...none}
  }
  if (!insideRoot(root, absolute)) return {kind: 'outside', ...none}
  if (!stats.isFile()) return {kind: factKind(stats), ...none, size: stats.size}
  const read = readRegularFile(root, path, headBytes, {whole: false})
  return 'facts' in read ? read.facts : {kind: 'unreadable', code: read.code, ...none}
}

/**
 * Reads a regular file inside the repository for publishing: opened without following a
 * symbolic link and without waiting, refused unless fstat says it is a regular file of one
 * name; `limit` bytes at most (with `whole`, a larger file is read only far enough to say so).
 */
export function readRegularFile(root: string, path: string, limit: number, {whole = true} = {}): {facts: FileFacts} | {code: string} {
  const absolute = resolve(root, path)
  const none = {size: 0, links: 0, head: new Uint8Array(0)}
  let opened: ReturnType<typeof openNoFollow>
  try {
    opened = openNoFollow(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return code === 'ENOENT' || code === 'ENOTDIR' ? {facts: {kind: 'missing', ...none}} : {code}
  }
  if (opened === 'symlink') return {facts: {kind: 'symlink', ...none}}
  const {descriptor, stats} = opened
  try {
    const facts = {size: stats.size, links: stats.nlink, head: new Uint8Array(0)}
    if (!stats.isFile()) return {facts: {kind: factKind(stats), ...facts}}
    // The folders above were resolved too: a linked folder could lead out of the repository.
    if (!insideRoot(root, absolute)) return {facts: {kind: 'outside', ...facts}}
    if (whole && stats.size > limit) return {facts: {kind: 'file', ...facts}}
    const head = readUpTo(descriptor, Math.min(stats.size, limit))
    return {facts: {kind: 'file', ...facts, head, whole: whole && head.length === stats.size}}
  } catch (error) {
    return {code: (error as NodeJS.ErrnoException).code ?? 'error'}
  } finally {
    closeSync(descriptor)
  }
}

/** True when the folder holding `absolute` is, with every link resolved, the same folder inside `root`. */
function insideRoot(root: string, absolute: string): boolean {
  try {
    const realRoot = realpathSync(root)
    const folder = realpathSync(dirname(absolute))
    const inside = relative(realRoot, folder)
    return folder === join(realRoot, relative(resolve(root), dirname(absolute))) && !inside.startsWith('..') && !inside.startsWith(sep)
  } catch {
    return false
  }
}

function factKind(stats: Stats): FileFacts['kind'] {
  if (stats.isSymbolicLink()) return 'symlink'
  if (stats.isDirectory()) return 'directory'
  if (stats.isFIFO()) return 'fifo'
  if (stats.isSocket()) return 'socket'
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device'
  return stats.isFile() ? 'file' : 'unreadable'
}

function kindOf(stats: Stats): string {
  const names: Record<FileFacts['kind'], string> = {symlink: 'symbolic link', directory: 'folder', fifo: 'named pipe', socket: 'socket', device: 'device file', file: 'file', missing: 'missing file', outside: 'file outside the repository', unreadable: 'special file'}
  return names[factKind(stats)]
}

/** The first `size` bytes of an open file, fewer when it ends sooner. */
export function readUpTo(descriptor: number, size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size)
  let read = 0
  while (read < size) {
    const count = readSync(descriptor, bytes, read, size - read, read)
    if (count === 0) break
    read += count
  }
  return bytes.subarray(0, read)
}

/** `path` (as given, relative to `root` or absolute) as a repository-relative path with `/`, or undefined when it lies outside the repository or is its root. */
export function repositoryPath(root: string, path: string): string | undefined {
  const inside = relative(resolve(root), resolve(root, path)).split(sep).join('/')
  return inside === '' || inside === '..' || inside.startsWith('../') || isAbsolute(inside) ? undefined : inside
}
