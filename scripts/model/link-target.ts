// Where a link in a document points, read one way by `check` (the links rules) and `build`
// (which rewrites it): percent-escapes decoded, `..` resolved, a query dropped.
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

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
