// The documents and the config as they were at a base ref (a pull request's target branch),
// read from git in three processes: the commit, one tree listing and one `git cat-file --batch`.
import {GitError, git, gitBytes, requireFullHistory} from './git'
import {bodyOf, frontMatterSource} from '../model/front-matter-block'
import {versionOf} from './log'

export interface BaseDocument {
  path: string
  id?: string
  version?: string
  /** The `kind` its front matter named, as written. */
  kind?: string
  /** The Markdown after the front matter, line endings normalized. */
  body: string
}

export interface Base {
  ref: string
  /** By id, and by path for documents whose id could not be read. */
  documents: ReadonlyMap<string, BaseDocument>
  /** The config file at the base, when it had one: the first of `configPaths` that is a file there. */
  config?: {path: string; text: string}
  /** Documents git sees as renamed since the base: the base's document, by its path now. */
  renamedFrom?: ReadonlyMap<string, BaseDocument>
}

/**
 * `configPaths`: where to look for the base's config, in order, relative to the repository's
 * top (the `--config` given, then the default file name), so a pull request that points
 * `--config` at a new file is still compared with the config the base really had.
 */
export function readBase(root: string, folder: string, ref: string, configPaths: readonly string[] = []): Base {
  requireFullHistory(root)
  let commit: string
  try {
    commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim()
  } catch {
    throw new GitError(`the base ref \`${ref}\` does not exist here; fetch it first (in GitHub Actions: checkout with \`fetch-depth: 0\`)`)
  }
  const entries = git(root, ['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${folder}/`])
    .split('\0')
    .map((line) => /^\d+ blob ([0-9a-f]+)\t(.+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[2]!.toLowerCase().endsWith('.md'))
    .map((match) => ({blob: match[1]!, path: match[2]!}))
  // A name on a line of its own; a path with a line break can't be asked for, so it is not.
  const configs = [...new Set(configPaths)].filter((path) => !/[\r\n]/.test(path))
  const names = [...entries.map((entry) => entry.blob), ...configs.map((path) => `${commit}:${path}`)]
  const documents = new Map<string, BaseDocument>()
  if (names.length === 0) return {ref, documents}
  const objects = catFileBatch(root, names)
  entries.forEach((entry, index) => {
    const text = objects[index]?.text ?? ''
    const source = frontMatterSource(text)
    const id = /^id:[ \t]*["']?([a-z0-9-]+)/m.exec(source)?.[1]
    const kind = /^kind:[ \t]*["']?([a-z]+)/m.exec(source)?.[1]
    const document: BaseDocument = {path: entry.path, body: bodyOf(text), ...(id ? {id} : {}), ...(kind ? {kind} : {}), ...(versionOf(text) ? {version: versionOf(text)} : {})}
    documents.set(id ?? entry.path, document)
  })
  const found = configs.findIndex((_, index) => objects[entries.length + index]?.type === 'blob')
  const config = found === -1 ? undefined : {path: configs[found]!, text: objects[entries.length + found]!.text}
  const renamedFrom = renames(root, commit, folder, new Map([...documents.values()].map((document) => [document.path, document])))
  return {ref, documents, ...(config ? {config} : {}), ...(renamedFrom.size > 0 ? {renamedFrom} : {})}
}

/**
 * Renames git finds between the base and the work tree, so a document moved to a new name (and
 * id) is still compared with what it was, rather than passing as a new document.
 */
function renames(root: string, commit: string, folder: string, byPath: ReadonlyMap<string, BaseDocument>): Map<string, BaseDocument> {
  const tokens = git(root, ['diff', '-z', '--name-status', '-M', '--diff-filter=R', commit, '--', `${folder}/`]).split('\0')
  const found = new Map<string, BaseDocument>()
  for (let index = 0; index + 2 < tokens.length; index += 3) {
    const before = byPath.get(tokens[index + 1]!)
    if (tokens[index]!.startsWith('R') && before) found.set(tokens[index + 2]!, before)
  }
  return found
}

/** One `git cat-file --batch` for `names`; a missing object comes back as `undefined`. */
export function catFileBatch(root: string, names: readonly string[]): ({type: string; text: string} | undefined)[] {
  const output = gitBytes(root, ['cat-file', '--batch'], `${names.join('\n')}\n`)
  let offset = 0
  return names.map(() => {
    const lineEnd = output.indexOf(10, offset)
    const header = output.subarray(offset, lineEnd).toString('utf8')
    const [, type = '', size = '0'] = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header) ?? []
    if (!type) {
      // `<name> missing` or `<name> ambiguous`: a header with nothing after it.
      offset = lineEnd + 1
      return undefined
    }
    const text = output.subarray(lineEnd + 1, lineEnd + 1 + Number(size)).toString('utf8')
    offset = lineEnd + 1 + Number(size) + 1
    return {type, text}
  })
}

