// The documents as they were at a base ref (a pull request's target branch), read from git in
// two processes: one tree listing and one `git cat-file --batch`.
import {GitError, git, gitBytes, requireFullHistory} from './git'
import {versionOf} from './log'

export interface BaseDocument {
  path: string
  id?: string
  version?: string
  /** The Markdown after the front matter, line endings normalized. */
  body: string
}

export interface Base {
  ref: string
  /** By id, and by path for documents whose id could not be read. */
  documents: ReadonlyMap<string, BaseDocument>
}

export function readBase(root: string, folder: string, ref: string): Base {
  requireFullHistory(root)
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])
  } catch {
    throw new GitError(`the base ref \`${ref}\` does not exist here; fetch it first (in GitHub Actions: checkout with \`fetch-depth: 0\`)`)
  }
  const entries = git(root, ['ls-tree', '-r', '-z', '--full-tree', ref, '--', `${folder}/`])
    .split('\0')
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2]!.toLowerCase().endsWith('.md'))
    .map((match) => ({blob: match[1]!, path: match[2]!}))
  const documents = new Map<string, BaseDocument>()
  if (entries.length === 0) return {ref, documents}
  const output = gitBytes(root, ['cat-file', '--batch'], `${entries.map((entry) => entry.blob).join('\n')}\n`)
  let offset = 0
  for (const entry of entries) {
    const lineEnd = output.indexOf(10, offset)
    const size = Number(output.subarray(offset, lineEnd).toString('utf8').split(' ')[2] ?? 0)
    const text = output.subarray(lineEnd + 1, lineEnd + 1 + size).toString('utf8')
    offset = lineEnd + 1 + size + 1
    const id = /^id:[ \t]*["']?([a-z0-9-]+)/m.exec(frontMatterOf(text))?.[1]
    const document: BaseDocument = {path: entry.path, body: bodyOf(text), ...(id ? {id} : {}), ...(versionOf(text) ? {version: versionOf(text)} : {})}
    documents.set(id ?? entry.path, document)
  }
  return {ref, documents}
}

const frontMatter = /^(?:\uFEFF)?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

function frontMatterOf(text: string): string {
  return frontMatter.exec(text)?.[1] ?? ''
}

/** Everything after the front matter block, with CRLF read as LF. */
export function bodyOf(text: string): string {
  const match = frontMatter.exec(text)
  return (match ? text.slice(match[0].length) : text).replace(/\r\n/g, '\n')
}
