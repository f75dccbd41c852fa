// The folder an import reads: every Markdown file in it, read as text without following a link,
// and what else it holds. Nothing outside the folder is read, and nothing in it is trusted.
import {closeSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {firstInvalidByte, maxDocumentBytes, openNoFollow, readUpTo, utf8} from '../../load/files'

/** A policy is a few pages; a larger source file is refused unread, as `check` refuses one. */
export const maxSourceBytes = maxDocumentBytes
/** More Markdown files than any policy set has: a folder past this is refused, not read. */
export const maxSourceDocuments = 5000
/** Entries of every kind the walk looks at before it gives up, so a vast tree is refused quickly. */
const maxEntries = 50_000
/** Folders deeper than this are refused: a policy site nests a few levels, never hundreds. */
const maxDepth = 32

export interface SourceProblem {
  /** Relative to the source folder, POSIX separators. */
  path: string
  line: number
  column: number
  reason: string
}

export interface SourceFolder {
  /** Markdown files, relative to the folder, sorted. */
  documents: string[]
  /** Every other regular file, relative to the folder, sorted: not imported. */
  others: string[]
  problems: SourceProblem[]
}

/** Lists the folder, refusing links, special files and names that cannot be a document's. */
export function listSourceFolder(dir: string): SourceFolder {
  const documents: string[] = []
  const others: string[] = []
  const problems: SourceProblem[] = []
  let entries = 0
  const problem = (path: string, reason: string) => problems.push({path, line: 1, column: 1, reason})
  const walk = (relative: string, depth: number) => {
    for (const entry of readdirSync(join(dir, relative), {withFileTypes: true}).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (++entries > maxEntries) throw new SourceFolderTooLarge(`Unexpected more than ${maxEntries.toLocaleString('en-US')} files and folders in the source folder, expected a folder of policies; point import at the folder that holds them`)
      // Dot-folders are a tool's own (.git, .github), dot-files its settings: never policies.
      if (entry.name.startsWith('.')) continue
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`
      // A control character in a name would reach the terminal and every message quoting the path.
      if (/[\u0000-\u001f\u007f]/.test(entry.name)) {
        problem(path, 'Unexpected control character in a file or folder name; rename it with printable characters only')
        continue
      }
      if (entry.isSymbolicLink()) {
        problem(path, 'Unexpected symbolic link, expected a regular file or folder; import never follows a link, so copy what it points to into the folder, or delete the link')
      } else if (entry.isDirectory()) {
        if (depth >= maxDepth) problem(path, `Unexpected folders nested more than ${maxDepth} deep, expected a policy site's few levels; move the documents up`)
        else walk(path, depth + 1)
      } else if (!entry.isFile()) {
        problem(path, 'Unexpected special file (a pipe, socket or device), expected a regular file; delete it')
      } else if (entry.name.toLowerCase().endsWith('.md')) {
        documents.push(path)
        if (documents.length > maxSourceDocuments) {
          throw new SourceFolderTooLarge(`Unexpected more than ${maxSourceDocuments.toLocaleString('en-US')} Markdown files in the source folder, expected a set of policies; point import at the folder that holds them, or import it in parts`)
        }
      } else {
        others.push(path)
      }
    }
  }
  walk('', 0)
  return {documents, others, problems}
}

/** The source folder is far larger than a set of policies; nothing is read further. */
export class SourceFolderTooLarge extends Error {}

export type SourceRead = {text: string} | {problem: SourceProblem}

/** One Markdown file of the folder as text, or why it cannot be a document; read as `check` reads a document (load/files.ts), in import's words. */
export function readSourceFile(dir: string, path: string): SourceRead {
  const refuse = (reason: string, line = 1, column = 1): SourceRead => ({problem: {path, line, column, reason}})
  let opened: ReturnType<typeof openNoFollow>
  try {
    // Checked again as it is opened: the walk saw a file, but it may have become a link since.
    opened = openNoFollow(join(dir, path))
  } catch (error) {
    return refuse(`Unexpected ${(error as NodeJS.ErrnoException).code ?? 'error'} while reading the file; check that it exists and is readable`)
  }
  if (opened === 'symlink') return refuse('Unexpected symbolic link, expected a regular file; import never follows a link')
  try {
    const {stats, descriptor} = opened
    if (!stats.isFile()) return refuse('Unexpected special file, expected a regular file; delete it')
    if (stats.size > maxSourceBytes) return refuse(`Unexpected ${(stats.size / 1024 / 1024).toFixed(1)} MB file, expected a document under 1 MB; split it, or move it out of the folder`)
    const content = readUpTo(descriptor, stats.size)
    if (content.includes(0)) return refuse('Unexpected binary file (it contains NUL bytes), expected Markdown text; move it out of the folder, or give it another extension')
    try {
      return {text: utf8.decode(content)}
    } catch {
      const {line, column} = firstInvalidByte(content)
      return refuse('Unexpected bytes that are not UTF-8; re-save the file as UTF-8', line, column)
    }
  } finally {
    closeSync(opened.descriptor)
  }
}
