// Finds the documents folder's files, and loads each document: read with its guards, parsed once.
import {existsSync, lstatSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {VFile} from 'vfile'
import type {Document} from '../model/document'
import type {FileFacts} from '../model/published-file'
import {fileFacts, isDocumentPath, listFiles, readDocumentFile} from './files'
import {parseDocument, parseFrontMatterOnly} from './parse'
import type {DocumentRead} from './reader'

export const documentsFolder = 'policies'

export class MissingFolderError extends Error {}

/** Every file under the documents folder, and which of them are documents. */
export function listRepository(root: string, folder = documentsFolder): {files: string[]; documentPaths: string[]} {
  const absolute = join(root, folder)
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new MissingFolderError(`no ${folder}/ folder in ${root}; run charter from the repository root, or pass --root <dir>`)
  }
  // A linked folder would have charter walk, check and publish whatever it points at.
  if (lstatSync(absolute).isSymbolicLink()) {
    throw new MissingFolderError(`${folder}/ is a symbolic link, expected the folder itself inside the repository; replace the link with the documents`)
  }
  const files = listFiles(root, folder)
  return {files, documentPaths: files.filter(isDocumentPath)}
}

/**
 * What each listed file that is not a document (a possible attachment) is on disk: kind, size,
 * names and leading bytes, so the rules can judge links to it without touching the file system.
 */
export function attachmentFacts(root: string, files: readonly string[]): Map<string, FileFacts> {
  return new Map(files.filter((path) => !isDocumentPath(path)).map((path) => [path, fileFacts(root, path)] as const))
}

/** `body: false` reads only the front matter, for commands that need no Markdown. */
export function loadDocument(root: string, path: string, options: {body?: boolean} = {}): Document {
  const read = readDocumentFile(root, path)
  if ('text' in read && options.body === false) return parseFrontMatterOnly(path, read.text)
  return documentFrom(path, {read})
}

/** A document from what the reader (reader.ts) found in its file. */
export function documentFrom(path: string, {read, frontMatter}: DocumentRead): Document {
  return 'text' in read ? parseDocument(path, read.text, frontMatter) : unreadableDocument(path, read)
}

function unreadableDocument(path: string, read: {problem: string; line?: number; column?: number}): Document {
  const point = {line: read.line ?? 1, column: read.column ?? 1}
  return {
    path,
    text: '',
    file: new VFile({path}),
    tree: {type: 'root', children: []},
    frontMatterProblems: [],
    meta: {},
    unreadable: {reason: read.problem, position: {start: point, end: point}}
  }
}
