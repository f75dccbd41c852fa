// Finds the documents folder's files, and loads each document: read with its guards, parsed once.
import {isAbsolute, relative, resolve} from 'node:path'
import {VFile} from 'vfile'
import type {Document} from '../model/document'
import type {FileFacts} from '../model/published-file'
import {fileFacts, folderProblem, isDocumentPath, listFiles, readDocumentFile, type ReadResult} from './files'
import type {FrontMatterRead} from './front-matter'
import {parseDocument, parseFrontMatterOnly} from './parse'

/** A document's file as read, and its front matter when that was read already. */
export interface DocumentRead {
  read: ReadResult
  frontMatter?: FrontMatterRead
}

export class MissingFolderError extends Error {}

/**
 * Every file under the documents folder (`documents` in the config, repository-relative), and
 * which of them are documents.
 */
export function listRepository(root: string, folder: string): {files: string[]; documentPaths: string[]} {
  const inside = relative(resolve(root), resolve(root, folder))
  // The schema already refuses `..` and absolute paths; this holds whatever the config says.
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw new MissingFolderError(`the documents folder \`${folder}\` is not inside ${root}; set \`documents\` in the config to a folder of the repository, such as \`policies\``)
  }
  const problem = folderProblem(root, folder)
  const configured = folder === 'policies' ? '' : ' (the documents folder set by `documents` in the config)'
  if (problem?.kind === 'missing' || problem?.kind === 'not-folder') {
    throw new MissingFolderError(`no ${folder}/ folder in ${root}${configured}; run charter from the repository root, or pass --root <dir>`)
  }
  // A linked folder would have charter walk, check and publish whatever it points at.
  if (problem?.kind === 'link') {
    const through = problem.at === folder ? '' : ` (the way to ${folder}/)`
    throw new MissingFolderError(`${problem.at}/${through} is a symbolic link, expected the folder itself inside the repository; replace the link with the documents`)
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
