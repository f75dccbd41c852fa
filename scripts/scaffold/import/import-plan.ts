// Plans `charter import` in memory, writing nothing: reads the source folder, tells its layout,
// maps and fills each document's front matter, gives each an id no other document has, makes
// its body Charter's, and decides what is created, updated, moved or left as it was.
import {existsSync, lstatSync, readFileSync, realpathSync, statSync} from 'node:fs'
import {basename, isAbsolute, relative, resolve, sep} from 'node:path'
import type {Config} from '../../load/config'
import {listRepository, loadDocument, MissingFolderError} from '../../load/corpus'
import {isDocumentId} from '../../model/document'
import {UsageError} from '../../model/errors'
import {adoptionConfigText} from './adoption-config'
import {normaliseBody} from './body'
import {fillDocument, type FillValues, type FilledDocument, type MissingField} from './filling'
import {importedFromKey, importedText} from './imported-text'
import {listSourceFolder, readSourceFile, SourceFolderTooLarge, type SourceProblem} from './source-files'
import {readSourceFrontMatter, type SourceFrontMatter} from './source-front-matter'
import {mapDocument, type ImportNote, type Layout, type MappedDocument, type SourceDocument} from './source-mapping'

export type {Layout} from './source-mapping'
export const layouts: readonly Layout[] = ['hugo', 'jekyll', 'comply', 'markdown']

/** git, passed in by the command: the edge where history enters. */
export interface SourceGit {
  /** The repository holding a folder, or undefined. */
  repository(dir: string): {top: string; folder: string} | undefined
  /** The days of each file's first and last commits, by path relative to the folder. */
  commitDays(repository: {top: string; folder: string}, paths: readonly string[]): Map<string, {first: string; last: string}>
  /** Which repository-relative paths git tracks in the repository at `root`. */
  tracked(root: string, paths: readonly string[]): Set<string>
  /** The commit HEAD points at, or undefined. */
  head(root: string): string | undefined
}

export interface ImportRequest {
  root: string
  /** The source folder, absolute. */
  dir: string
  /** The source folder as the command line gave it, for what is printed. */
  dirLabel: string
  from: Layout | 'auto'
  siteBases: readonly string[]
  values: FillValues
  config: Config
  configPath: string
  git: SourceGit
}

export type Outcome = 'create' | 'update' | 'unchanged'

export interface PlannedDocument {
  /** Relative to the source folder. */
  source: string
  id: string
  /** Repository-relative: `<documents>/<id>.md`. */
  path: string
  mapped: MappedDocument['mapped']
  filled: FilledDocument['filled']
  missing: MissingField[]
  /** The keys kept under `x-<layout>`, and the `x-` keys the source had. */
  kept: string[]
  /** What the body's conversion changed. */
  changed: string[]
  /** What import could not convert, in the source file. */
  notes: ImportNote[]
  /** Why the id is not the one the source suggests, when another document has that one. */
  idNote?: string
  content: string
  /** What the file held before (undefined when it did not exist). */
  previous?: string
  outcome: Outcome
  /** The source inside the repository, moved to `path` (with `git mv` when git tracks it, so history follows). */
  move?: {from: string; tracked: boolean}
  /** The source file is inside the repository but its document already exists: it stays where it is. */
  leftInPlace?: boolean
}

export interface ImportPlan {
  layout: Layout
  /** Why that layout, when it was detected. */
  detected?: string
  documents: PlannedDocument[]
  /** Files in the folder that are not Markdown: not imported. */
  others: string[]
  /** Problems that stop the import: nothing is written while there is one. */
  problems: SourceProblem[]
  /** The source folder is inside the repository: its documents are moved, not copied. */
  inside: boolean
  /** The adoption commit and the config text recording it, when the config has none yet. */
  adoption?: {commit: string; configText: string; previous?: string}
}

export function planImport(request: ImportRequest): ImportPlan {
  const {root, dir, config} = request
  const folder = config.documents
  const inside = placeSource(request)
  let listed
  try {
    listed = listSourceFolder(dir)
  } catch (error) {
    if (error instanceof SourceFolderTooLarge) return emptyPlan(request, inside, [{path: '', line: 1, column: 1, reason: error.message}])
    throw error
  }
  const problems = [...listed.problems]
  const sources: SourceDocument[] = []
  const fenceless = request.from === 'comply' ? 'always' : 'recognised'
  for (const path of listed.documents) {
    const read = readSourceFile(dir, path)
    if ('problem' in read) {
      problems.push(read.problem)
      continue
    }
    let frontMatter: SourceFrontMatter | {problem: {line: number; column: number; reason: string}}
    try {
      frontMatter = readSourceFrontMatter(read.text, fenceless)
    } catch (error) {
      // A value nested past what the YAML reader's own stack allows: refused like any bomb.
      if (!(error instanceof RangeError)) throw error
      frontMatter = {problem: {line: 1, column: 1, reason: 'Unexpected front matter nested too deeply to read; flatten it'}}
    }
    if ('problem' in frontMatter) problems.push({path, ...frontMatter.problem})
    else sources.push({path, text: read.text, frontMatter, preamble: isPreamble(path, listed.documents)})
  }
  if (problems.length > 0 || sources.length === 0) return emptyPlan(request, inside, problems, listed.others)

  const {layout, detected} = request.from === 'auto' ? detectLayout(sources, listed.others) : {layout: request.from, detected: undefined}
  const repository = request.git.repository(dir)
  if (repository) {
    const days = request.git.commitDays(repository, sources.map((source) => source.path))
    for (const source of sources) {
      const found = days.get(source.path)
      if (found) source.commits = found
    }
  }
  const folderName = basename(dir)
  const mapped = sources.map((source) => mapDocument(source, layout, folderName))
  // Where each came from: its path in its repository, so two imports of one file name the same one.
  const origin = (path: string) => (repository ? [repository.folder, path].filter((part) => part !== '').join('/') : `${folderName}/${path}`)

  const existing = existingDocuments(root, folder, inside === false ? undefined : inside)
  const ids = assignIds(mapped, existing, origin, folder, (path) => `${request.dirLabel.replace(/\/+$/, '')}/${path}`)
  const idForSlugs = new Map<string, string>()
  mapped.forEach((document, index) => {
    for (const slug of document.slugs.flatMap((slug) => [slug, slug.toLowerCase()])) if (!idForSlugs.has(slug)) idForSlugs.set(slug, ids[index]!.id)
  })
  const siteBases = [...request.siteBases]
  const tracked = inside === false ? new Set<string>() : request.git.tracked(root, sources.map((source) => `${inside}/${source.path}`.replace(/^\//, '')))

  const documents = mapped.map((document, index): PlannedDocument => {
    const {id, note} = ids[index]!
    const filled = fillDocument(document, request.values, config, request.configPath)
    const body = normaliseBody(document.body, {title: filled.title, siteBases, idForSlug: (slug) => idForSlugs.get(slug) ?? idForSlugs.get(slug.toLowerCase())})
    const bodyLine = document.source.frontMatter.bodyLine
    const notes = [...document.notes, ...body.unconverted.map((item) => ({line: bodyLine + item.line - 1, column: item.column, text: item.text}))]
    const path = `${folder}/${id}.md`
    const content = importedText({id, filled, own: document.own, kept: document.kept, layout, importedFrom: origin(document.source.path), body: body.text})
    const previous = readExisting(root, path)
    const sourceInRepository = inside === false ? undefined : `${inside}/${document.source.path}`.replace(/^\//, '')
    const planned: PlannedDocument = {
      source: document.source.path,
      id,
      path,
      mapped: document.mapped,
      filled: filled.filled,
      missing: filled.missing,
      kept: [...Object.keys(document.own), ...Object.keys(document.kept).map((key) => `x-${layout}.${key}`)],
      changed: body.changed,
      notes: notes.sort((a, b) => a.line - b.line || a.column - b.column),
      content,
      outcome: previous === undefined ? 'create' : previous === content ? 'unchanged' : 'update'
    }
    if (note) planned.idNote = note
    if (previous !== undefined) planned.previous = previous
    if (sourceInRepository !== undefined) {
      if (previous !== undefined) planned.leftInPlace = true
      else planned.move = {from: sourceInRepository, tracked: tracked.has(sourceInRepository)}
    }
    return planned
  })

  const plan: ImportPlan = {layout, ...(detected ? {detected} : {}), documents, others: listed.others, problems: [], inside: inside !== false}
  const head = config.adoption === undefined ? request.git.head(root) : undefined
  if (head !== undefined) {
    const config = adoptionConfigText(root, request.configPath, head)
    if (config !== undefined) plan.adoption = {commit: head, ...config}
  }
  return plan
}

/**
 * Where the source folder is: `false` outside the repository, else its path in it. Refuses a
 * folder that is a link, that is the documents folder, or that holds it.
 */
function placeSource({root, dir, dirLabel, config}: ImportRequest): string | false {
  if (!existsSync(dir)) throw new UsageError(`import: ${dirLabel} does not exist; give the folder that holds the policies to import`)
  if (lstatSync(dir).isSymbolicLink()) throw new UsageError(`import: ${dirLabel} is a symbolic link; import never follows a link, so give the folder itself`)
  if (!statSync(dir).isDirectory()) throw new UsageError(`import: ${dirLabel} is not a folder; give the folder that holds the policies to import`)
  const realRoot = realpathSync(root)
  const inRoot = relative(realRoot, realpathSync(dir))
  if (inRoot === '..' || inRoot.startsWith(`..${sep}`) || isAbsolute(inRoot)) return false
  const path = inRoot.split(sep).join('/')
  const folder = config.documents
  if (path === folder || path === '' || folder.startsWith(`${path}/`)) {
    throw new UsageError(
      path === folder
        ? `import: ${dirLabel} is the documents folder (${folder}/) itself; import reads policies from another folder. To convert files already in ${folder}/, move them out first (git mv ${folder}/<file> legacy/) and import that folder`
        : `import: ${dirLabel} holds the documents folder (${folder}/); give the folder of the policies to import, e.g. content/policies`
    )
  }
  return path
}

function emptyPlan(request: ImportRequest, inside: string | false, problems: SourceProblem[], others: string[] = []): ImportPlan {
  return {layout: request.from === 'auto' ? 'markdown' : request.from, documents: [], others, problems, inside: inside !== false}
}

/** `overview.md`, or an `_index.md` with other documents beside it or below it: a preamble to them. */
function isPreamble(path: string, all: readonly string[]): boolean {
  const parts = path.split('/')
  const name = parts[parts.length - 1]!.toLowerCase()
  if (name === 'overview.md') return true
  if (name !== '_index.md') return false
  const folder = parts.slice(0, -1).join('/')
  const prefix = folder === '' ? '' : `${folder}/`
  return all.some((other) => other !== path && other.startsWith(prefix))
}

/** The layout the files show, and the evidence for it. */
function detectLayout(sources: readonly SourceDocument[], others: readonly string[]): {layout: Layout; detected: string} {
  const fenceless = sources.find((source) => source.frontMatter.form === 'fenceless')
  const satisfies = sources.find((source) => 'satisfies' in source.frontMatter.fields)
  if (fenceless || satisfies) return {layout: 'comply', detected: `${(fenceless ?? satisfies)!.path} has ${fenceless ? 'front matter without an opening ---' : 'satisfies:'}`}
  const toml = sources.find((source) => source.frontMatter.form === 'toml')
  if (toml) return {layout: 'hugo', detected: `${toml.path} has TOML front matter (+++)`}
  const bundle = sources.find((source) => /(^|\/)_?index\.md$/i.test(source.path) && source.path.includes('/'))
  if (bundle) return {layout: 'hugo', detected: `${bundle.path} is a page bundle (<topic>/index.md)`}
  const post = sources.find((source) => /(^|\/)_posts\//.test(source.path))
  if (post) return {layout: 'jekyll', detected: `${post.path} is in _posts/`}
  if (others.includes('_config.yml')) return {layout: 'jekyll', detected: 'the folder has _config.yml'}
  return {layout: 'markdown', detected: sources.some((source) => source.frontMatter.form === 'yaml') ? 'Markdown files with YAML front matter' : 'Markdown files without front matter'}
}

interface ExistingDocument {
  path: string
  id?: string
  importedFrom?: string
}

/** The documents already in the documents folder, but for the sources themselves when they sit in it. */
function existingDocuments(root: string, folder: string, sourcePath: string | undefined): ExistingDocument[] {
  let paths: string[]
  try {
    paths = listRepository(root, folder).documentPaths
  } catch (error) {
    if (error instanceof MissingFolderError && !existsSync(resolve(root, folder))) return []
    throw new UsageError(`import: ${(error as Error).message}`)
  }
  return paths
    .filter((path) => sourcePath === undefined || !path.startsWith(`${sourcePath}/`))
    .map((path) => {
      const meta = loadDocument(root, path, {body: false}).meta as Record<string, unknown>
      const importedFrom = meta[importedFromKey]
      return {path, ...(typeof meta.id === 'string' ? {id: meta.id} : {}), ...(typeof importedFrom === 'string' ? {importedFrom} : {})}
    })
}

/**
 * An id for each document. One imported before (its `x-imported-from` names the same file) keeps
 * its id; the others take their first candidate no other document has, or that with `-2`, `-3`….
 */
function assignIds(mapped: readonly MappedDocument[], existing: readonly ExistingDocument[], origin: (path: string) => string, folder: string, shown: (path: string) => string): {id: string; note?: string}[] {
  const taken = new Map<string, string>()
  for (const document of existing) {
    if (document.id !== undefined) taken.set(document.id, document.path)
    taken.set(document.path.slice(folder.length + 1).replace(/\.md$/i, '').toLowerCase(), document.path)
  }
  const earlier = new Map(existing.filter((document) => document.importedFrom !== undefined).map((document) => [document.importedFrom!, document]))
  const ids: ({id: string; note?: string} | undefined)[] = mapped.map((document) => {
    const before = earlier.get(origin(document.source.path))
    const id = before?.path.slice(folder.length + 1).replace(/\.md$/i, '')
    return id !== undefined && isDocumentId(id) ? {id} : undefined
  })
  const used = new Set(ids.flatMap((entry) => (entry ? [entry.id] : [])))
  mapped.forEach((document, index) => {
    if (ids[index]) return
    const candidates = document.idCandidates.length > 0 ? document.idCandidates : ['document']
    const free = (id: string) => !used.has(id) && !taken.has(id)
    let id = candidates.find(free)
    if (id === undefined) {
      const base = candidates[0]!.slice(0, 76)
      let counter = 2
      while (!free(`${base}-${counter}`)) counter++
      id = `${base}-${counter}`
    }
    used.add(id)
    if (id === candidates[0]) {
      ids[index] = {id}
      return
    }
    const importedBy = mapped.find((_, otherIndex) => ids[otherIndex]?.id === candidates[0])
    const holder = taken.get(candidates[0]!) ?? (importedBy ? shown(importedBy.source.path) : 'another document')
    ids[index] = {id, note: `the id \`${candidates[0]}\` is taken by ${holder}; this document is \`${id}\``}
  })
  return ids as {id: string; note?: string}[]
}

function readExisting(root: string, path: string): string | undefined {
  const absolute = resolve(root, path)
  if (!existsSync(absolute)) return undefined
  if (lstatSync(absolute).isSymbolicLink()) throw new UsageError(`import: ${path} is a symbolic link; replace it with a file, or delete it, and import again`)
  return readFileSync(absolute, 'utf8')
}
