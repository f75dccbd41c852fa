// Finds the documents under policies/ and reads each one as text, refusing what is not a
// readable document (binary, not UTF-8, too large, a link out of the repository) without throwing.
import {closeSync, constants as fsConstants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync} from 'node:fs'
import {join, relative, resolve, sep} from 'node:path'

/** Larger files are refused unread: a policy is a few pages, not megabytes. */
const maxDocumentBytes = 1024 * 1024

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

export function isDocumentPath(path: string): boolean {
  return path.toLowerCase().endsWith('.md')
}

export function readDocumentFile(root: string, path: string): ReadResult {
  const absolute = resolve(root, path)
  try {
    let descriptor = openUnlessLink(absolute)
    if (descriptor === undefined) {
      const problem = linkProblem(root, absolute)
      if (problem) return {problem}
      descriptor = openSync(absolute, 'r')
    }
    try {
      const {size} = fstatSync(descriptor)
      if (size > maxDocumentBytes) {
        return {problem: `Unexpected ${(size / 1024 / 1024).toFixed(1)} MB file, expected a document under 1 MB; split it into smaller documents or move it out of policies/`}
      }
      const bytes = Buffer.allocUnsafe(size)
      let read = 0
      while (read < size) {
        const count = readSync(descriptor, bytes, read, size - read, read)
        if (count === 0) break
        read += count
      }
      return decode(bytes.subarray(0, read))
    } finally {
      closeSync(descriptor)
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return {problem: `Unexpected ${code} while reading the file; check that it exists and is readable`}
  }
}

// Drops a leading byte order mark, so positions count from the first real character.
const utf8 = new TextDecoder('utf-8', {fatal: true})

/** Opens a file that is not a symbolic link; undefined for a link, whose target needs checking first. */
function openUnlessLink(absolute: string): number | undefined {
  // One open instead of lstat and open, where the system can refuse to follow a link.
  if (fsConstants.O_NOFOLLOW === undefined) return lstatSync(absolute).isSymbolicLink() ? undefined : openSync(absolute, 'r')
  try {
    return openSync(absolute, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP' || code === 'EMLINK') return undefined
    throw error
  }
}

function linkProblem(root: string, absolute: string): string | undefined {
  let target: string
  try {
    target = realpathSync(absolute)
  } catch {
    return 'Unexpected broken symbolic link; point it at an existing document or delete it'
  }
  const inside = relative(realpathSync(root), target)
  if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
    return 'Unexpected symbolic link to a file outside the repository; copy the document into policies/ instead of linking to it'
  }
  return undefined
}

function decode(bytes: Buffer): ReadResult {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return {problem: 'Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of policies/ or give it a different extension'}
  }
  try {
    return {text: utf8.decode(bytes)}
  } catch {
    const {line, column} = firstInvalidByte(bytes)
    return {problem: `Unexpected bytes that are not UTF-8 at line ${line}, column ${column}; re-save the file as UTF-8`, line, column}
  }
}

function firstInvalidByte(bytes: Buffer): {line: number; column: number} {
  const text = new TextDecoder('utf-8').decode(bytes)
  const before = text.slice(0, Math.max(0, text.indexOf('\uFFFD'))).split(/\r?\n/)
  return {line: before.length, column: before[before.length - 1]!.length + 1}
}
