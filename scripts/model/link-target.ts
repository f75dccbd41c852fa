// Where a link in a document points, read one way by `check` (the links rules) and `build`
// (which rewrites it): percent-escapes decoded, `..` resolved, a query dropped; and what it
// lands on, a document or another file under the documents folder.
import {dirname, join, normalize} from 'node:path/posix'

export type LinkTarget =
  /** A URL with a scheme (`https:`, `mailto:`), a `//host` address or an empty link: not followed. */
  | {kind: 'external'}
  /** `#anchor` in the same document. */
  | {kind: 'fragment'; anchor: string}
  /** `/path`: absolute paths mean nothing in a bundle. */
  | {kind: 'absolute'; rawPath: string}
  /** A relative path that leaves the documents folder. */
  | {kind: 'outside'; rawPath: string}
  /** A repository-relative path inside the documents folder, and its anchor. */
  | {kind: 'path'; rawPath: string; target: string; anchor?: string}

export function linkTarget(from: string, url: string, folder: string): LinkTarget {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//') || url === '') return {kind: 'external'}
  const hashAt = url.indexOf('#')
  const rawPath = (hashAt === -1 ? url : url.slice(0, hashAt)).replace(/\?.*$/, '')
  const anchor = hashAt === -1 ? undefined : safeDecode(url.slice(hashAt + 1))
  if (rawPath === '') return anchor === undefined ? {kind: 'external'} : {kind: 'fragment', anchor}
  if (rawPath.startsWith('/')) return {kind: 'absolute', rawPath}
  const target = normalize(join(dirname(from), safeDecode(rawPath)))
  if (!target.startsWith(`${folder}/`)) return {kind: 'outside', rawPath}
  return anchor === undefined ? {kind: 'path', rawPath, target} : {kind: 'path', rawPath, target, anchor}
}

/** What a relative link lands on, for `resolveLink`; any set with `has` will do. */
export interface LinkSpace {
  /** The documents folder, repository-relative: `policies`. */
  folder: string
  /** Paths of the documents a link may name. */
  documents: {has(path: string): boolean}
  /** Paths of every file under the folder; documents may be among them. */
  files: {has(path: string): boolean}
}

type Landing<Kind extends string> = {kind: Kind; rawPath: string; target: string; anchor?: string}

export type LinkDestination =
  | Exclude<LinkTarget, {kind: 'path'}>
  /** One of the documents, and the anchor in it. */
  | Landing<'document'>
  /** Another file under the folder: an attachment, or Markdown that is not one of the documents. */
  | Landing<'file'>
  /** No file under the folder has that path. */
  | Landing<'missing'>

/** Where a link in the document at `from` lands: the one reading `check` reports on and `build` publishes. */
export function resolveLink(from: string, url: string, space: LinkSpace): LinkDestination {
  const link = linkTarget(from, url, space.folder)
  if (link.kind !== 'path') return link
  return {...link, kind: space.documents.has(link.target) ? 'document' : space.files.has(link.target) ? 'file' : 'missing'}
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
