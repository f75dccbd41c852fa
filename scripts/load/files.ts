// Finds the documents under policies/ and reads each one as text, refusing what is not a
// readable document (binary, not UTF-8, too large, a link out of the repository) without throwing.
import {lstatSync, readFileSync, readdirSync, realpathSync, statSync} from 'node:fs'
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
    if (lstatSync(absolute).isSymbolicLink()) {
      let target: string
      try {
        target = realpathSync(absolute)
      } catch {
        return {problem: 'Unexpected broken symbolic link; point it at an existing document or delete it'}
      }
      const inside = relative(realpathSync(root), target)
      if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') {
        return {problem: 'Unexpected symbolic link to a file outside the repository; copy the document into policies/ instead of linking to it'}
      }
    }
    const size = statSync(absolute).size
    if (size > maxDocumentBytes) {
      return {problem: `Unexpected ${(size / 1024 / 1024).toFixed(1)} MB file, expected a document under 1 MB; split it into smaller documents or move it out of policies/`}
    }
    return decode(readFileSync(absolute))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    return {problem: `Unexpected ${code} while reading the file; check that it exists and is readable`}
  }
}

function decode(bytes: Buffer): ReadResult {
  const nul = bytes.indexOf(0)
  if (nul !== -1) {
    return {problem: 'Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of policies/ or give it a different extension'}
  }
  try {
    // TextDecoder drops a leading byte order mark, so positions count from the first real character.
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes)}
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
