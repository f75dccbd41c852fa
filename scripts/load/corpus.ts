// Loads the documents folder into a corpus: each file listed, read with its guards and parsed once.
import {existsSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {VFile} from 'vfile'
import {createCorpus, type Corpus, type Document} from '../document'
import {isDocumentPath, listFiles, readDocumentFile} from './files'
import {parseDocument} from './parse'

export const documentsFolder = 'policies'

export class MissingFolderError extends Error {}

export function loadCorpus(root: string, folder = documentsFolder): Corpus {
  const absolute = join(root, folder)
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) {
    throw new MissingFolderError(`no ${folder}/ folder in ${root}; run charter from the repository root, or pass --root <dir>`)
  }
  const files = listFiles(root, folder)
  const documents = files.filter(isDocumentPath).map((path) => loadDocument(root, path))
  return createCorpus(folder, documents, files)
}

export function loadDocument(root: string, path: string): Document {
  const read = readDocumentFile(root, path)
  if ('text' in read) return parseDocument(path, read.text)
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
