// Reads each document's file and its front matter, in path order, before its Markdown is parsed.
import {readDocumentFile, type ReadResult} from './files'
import {readFrontMatter, type FrontMatterRead} from './front-matter'

export interface DocumentRead {
  read: ReadResult
  /** The front matter, when the file could be read as text. */
  frontMatter?: FrontMatterRead
}

export function readDocument(root: string, path: string): DocumentRead {
  const read = readDocumentFile(root, path)
  return 'text' in read ? {read, frontMatter: readFrontMatter(read.text)} : {read}
}

/**
 * Each document read, with its path, in the order of `paths`, one at a time as the check asks.
 * Reading in a second thread was tried and removed: it never started below 300 documents, and
 * above that it saved no CPU time (BENCHMARKS.md, "Issue 11: the reader thread").
 */
export function* readDocuments(root: string, paths: readonly string[]): Generator<DocumentRead & {path: string}> {
  for (const path of paths) yield {path, ...readDocument(root, path)}
}
