// What each key of a source document's front matter becomes in Charter's: its title, id, dates,
// order and controls, Charter's own keys where the source already has them, and every other key
// kept as written under `x-<layout>`. Nothing is guessed: a value that does not read is reported.
import type {Heading} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {classifications, kinds, statuses, type Classification, type DocumentMeta, type Framework, type Kind, type Status} from '../../model/document'
import {parseDuration} from '../../model/dates'
import {parseDocument} from '../../load/parse'
import {idFromTitle} from '../new-document'
import type {SourceFrontMatter, SourceValue} from './source-front-matter'
import {controlKeys, controlsIn, sourceDay} from './source-values'

export type Layout = 'hugo' | 'jekyll' | 'comply' | 'markdown'

export interface SourceDocument {
  /** Relative to the source folder, POSIX separators. */
  path: string
  text: string
  frontMatter: SourceFrontMatter
  /** The days of the file's first and last commits, when it is in a git repository. */
  commits?: {first: string; last: string}
  /** A preamble to the other documents: `overview.md`, or an `_index.md` over a folder of them. */
  preamble: boolean
}

/** Something import could not carry over, at its line and column in the source file. */
export interface ImportNote {
  line: number
  column: number
  text: string
}

export interface MappedField {
  field: keyof DocumentMeta
  /** Where the value came from, as the summary names it: a key, `the first commit`, … */
  from: string
}

/** The front matter fields import writes, `id` and `title` aside, in the order it writes them. */
export interface ImportedFields {
  kind?: Kind
  version?: string
  status?: Status
  owner?: string
  approvers?: string[]
  classification?: Classification
  effective?: string
  last_reviewed?: string
  review_interval?: string
  order?: number
  controls?: Partial<Record<Framework, string[]>>
}

export interface MappedDocument {
  source: SourceDocument
  /** Candidate ids, best first, each in kebab-case. */
  idCandidates: string[]
  /** The names the old site used for the document in its addresses (slug, folder or file name). */
  slugs: string[]
  title?: string
  fields: ImportedFields
  mapped: MappedField[]
  /** Keys kept as written, under `x-<layout>`; mappings without prototypes. */
  kept: Record<string, SourceValue>
  /** `x-` keys the source had already, kept as they are. */
  own: Record<string, SourceValue>
  notes: ImportNote[]
  /** The Markdown after the front matter, line ends as LF. */
  body: string
}

/** Keys holding the last review or update, most specific first. */
const reviewDateKeys = ['last_reviewed', 'last_updated', 'lastmod', 'updated', 'date'] as const
// comply keeps procedures and standards in folders of their own.
const kindFolders: Record<string, Kind> = {policies: 'policy', procedures: 'procedure', standards: 'standard'}

const version = /^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$/
const ownKey = /^x-[a-z0-9]+(-[a-z0-9]+)*$/

export function mapDocument(source: SourceDocument, layout: Layout, folderName: string): MappedDocument {
  const {fields: values, keyLines} = source.frontMatter
  const body = source.text.slice(source.frontMatter.bodyStart).replace(/\r\n?/g, '\n')
  const document: MappedDocument = {source, idCandidates: [], slugs: [], fields: {}, mapped: [], kept: bare(), own: bare(), notes: [], body}
  const consumed = new Set<string>()
  const has = (key: string) => Object.prototype.hasOwnProperty.call(values, key)
  const lineOf = (key: string) => keyLines.get(key) ?? 1
  const note = (key: string, text: string) => document.notes.push({line: lineOf(key), column: 1, text})
  const map = (field: keyof DocumentMeta, key: string | undefined, from = `\`${key}\``) => {
    if (key !== undefined) consumed.add(key)
    document.mapped.push({field, from})
  }
  const keptAs = (key: string) => `x-${layout}.${key}`
  const text = (key: string): string | undefined => {
    const value = values[key]
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
  }

  // The title: the front matter's, comply's `name`, else the first heading.
  for (const key of layout === 'comply' ? ['title', 'name'] : ['title']) {
    if (!has(key) || document.title !== undefined) continue
    const title = text(key)
    if (title === undefined) note(key, `Unexpected \`${key}\` that is not text; it is kept under ${keptAs(key)}, and the title is taken from elsewhere`)
    else {
      document.title = title.replace(/\s+/g, ' ')
      map('title', key)
    }
  }
  if (document.title === undefined) {
    const heading = firstHeading(source.path, body)
    if (heading !== undefined) {
      document.title = heading
      map('title', undefined, 'the first heading')
    }
  }

  // The id: the front matter's own, its slug, then the name the site gave the file.
  for (const key of ['id', 'slug']) {
    if (!has(key)) continue
    const value = values[key]
    const id = typeof value === 'string' || typeof value === 'number' ? kebab(String(value)) : ''
    if (id === '') {
      note(key, `Unexpected \`${key}\` that makes no id (it has no letters or digits); it is kept under ${keptAs(key)}`)
      continue
    }
    document.idCandidates.push(id)
    if (key === 'slug') document.slugs.push(String(value))
    map('id', key)
  }
  const named = nameFromPath(source.path, layout, folderName)
  if (named.name !== '') {
    document.slugs.push(named.name)
    const id = kebab(named.name)
    if (id !== '') document.idCandidates.push(id)
    if (document.mapped.every((field) => field.field !== 'id')) document.mapped.push({field: 'id', from: named.from})
  }
  if (document.title !== undefined && kebab(document.title) !== '') document.idCandidates.push(kebab(document.title))

  // Dates: the last review from the most specific key that holds a date; the first commit is when it took effect.
  for (const key of reviewDateKeys) {
    if (!has(key)) continue
    const day = sourceDay(values[key])
    if (day === undefined) {
      note(key, `Unexpected \`${key}: ${describe(values[key])}\`, expected a date such as 2024-03-01 or March 1, 2024; it is kept under ${keptAs(key)}. Set last_reviewed by hand, or pass --last-reviewed`)
    } else if (document.fields.last_reviewed === undefined) {
      document.fields.last_reviewed = day
      map('last_reviewed', key)
    }
  }
  if (document.fields.last_reviewed === undefined && named.day !== undefined) {
    document.fields.last_reviewed = named.day
    map('last_reviewed', undefined, "the file name's date")
  }
  // Without a date of its own, the last change git recorded is when the text was last looked after.
  if (document.fields.last_reviewed === undefined && source.commits !== undefined) {
    document.fields.last_reviewed = source.commits.last
    map('last_reviewed', undefined, 'the last commit')
  }
  if (has('effective')) {
    const day = sourceDay(values.effective)
    if (day === undefined) note('effective', `Unexpected \`effective: ${describe(values.effective)}\`, expected a date such as 2024-03-01; it is kept under ${keptAs('effective')}`)
    else {
      document.fields.effective = day
      map('effective', 'effective')
    }
  }
  if (document.fields.effective === undefined && source.commits !== undefined) {
    // A text updated before its first commit (a site moved into git later) was in effect by then.
    const lastReviewed = document.fields.last_reviewed
    const earlier = lastReviewed !== undefined && lastReviewed < source.commits.first
    document.fields.effective = earlier ? lastReviewed : source.commits.first
    map('effective', undefined, earlier ? `${document.mapped.find((field) => field.field === 'last_reviewed')!.from}, which predates the first commit` : 'the first commit')
  }

  // Where it sits among the others.
  for (const key of ['order', 'weight']) {
    if (!has(key) || document.fields.order !== undefined) continue
    const value = values[key]
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 1_000_000) {
      document.fields.order = value
      map('order', key)
    } else note(key, `Unexpected \`${key}: ${describe(value)}\`, expected a whole number; it is kept under ${keptAs(key)}`)
  }

  // Charter's own keys, where the source has them already.
  const choice = <T extends string>(key: keyof ImportedFields, allowed: readonly T[]) => {
    if (!has(key)) return
    const value = values[key]
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
      ;(document.fields as Record<string, unknown>)[key] = value
      map(key, key)
    } else note(key, `Unexpected \`${key}: ${describe(value)}\`, expected one of ${allowed.join(', ')}; it is kept under ${keptAs(key)}, and --${key} fills it`)
  }
  choice('kind', kinds)
  choice('status', statuses)
  choice('classification', classifications)
  if (has('version')) {
    const value = values.version
    if (typeof value === 'string' && version.test(value)) {
      document.fields.version = value
      map('version', 'version')
    } else note('version', `Unexpected \`version: ${describe(value)}\`, expected MAJOR.MINOR.PATCH such as 1.0.0; it is kept under ${keptAs('version')}`)
  }
  if (has('owner')) {
    const owner = text('owner')
    if (owner !== undefined && owner.length <= 100) {
      document.fields.owner = owner
      map('owner', 'owner')
    } else note('owner', `Unexpected \`owner: ${describe(values.owner)}\`, expected a role such as Head of Security; it is kept under ${keptAs('owner')}, and --owner fills it`)
  }
  if (has('approvers')) {
    const value = values.approvers
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
    const roles = [...new Set(list.filter((role): role is string => typeof role === 'string').map((role) => role.trim()))]
    if (roles.length > 0 && roles.length === list.length && roles.every((role) => role !== '' && role.length <= 100)) {
      document.fields.approvers = roles
      map('approvers', 'approvers')
    } else note('approvers', `Unexpected \`approvers: ${describe(value)}\`, expected a list of roles such as [CTO]; it is kept under ${keptAs('approvers')}, and --approvers fills it`)
  }
  if (has('review_interval')) {
    const value = values.review_interval
    if (typeof value === 'string' && parseDuration(value) !== undefined) {
      document.fields.review_interval = value
      map('review_interval', 'review_interval')
    } else note('review_interval', `Unexpected \`review_interval: ${describe(value)}\`, expected a period such as 12 months; it is kept under ${keptAs('review_interval')}`)
  }
  // Hugo's `draft: true` and Jekyll's `published: false` say the same thing.
  const unpublished = (layout === 'hugo' && values.draft === true) || (layout === 'jekyll' && values.published === false)
  if (unpublished && document.fields.status === undefined) {
    const key = layout === 'hugo' ? 'draft' : 'published'
    document.fields.status = 'draft'
    map('status', key)
  }
  if (document.fields.kind === undefined) {
    const folder = source.path.split('/').slice(-2, -1)[0]
    if (source.preamble) {
      document.fields.kind = 'overview'
      map('kind', undefined, source.path.endsWith('overview.md') ? 'overview.md, a preamble' : '_index.md, a preamble')
    } else if (layout === 'comply' && folder !== undefined && kindFolders[folder]) {
      document.fields.kind = kindFolders[folder]
      map('kind', undefined, `the folder ${folder}/`)
    }
  }

  // Control maps: every id either catalog knows; a key with ids neither knows is kept whole.
  const controls: Record<Framework, string[]> = {soc2: [], iso27001: []}
  for (const key of controlKeys) {
    if (!has(key) || (key === 'controls' && document.mapped.some((field) => field.field === 'controls'))) continue
    const read = controlsIn(values[key]!)
    for (const framework of ['soc2', 'iso27001'] as const) for (const id of read[framework]) if (!controls[framework].includes(id)) controls[framework].push(id)
    if (read.soc2.length + read.iso27001.length > 0) map('controls', key)
    if (read.unknown.length > 0) {
      consumed.delete(key)
      note(key, `Unexpected control ${read.unknown.map((id) => `\`${id}\``).join(', ')} in \`${key}\`, expected SOC 2 (2017) or ISO/IEC 27001:2022 Annex A ids; \`${key}\` is kept whole under ${keptAs(key)}: map those by hand under controls`)
    }
  }
  if (controls.soc2.length + controls.iso27001.length > 0) {
    document.fields.controls = {}
    for (const framework of ['soc2', 'iso27001'] as const) if (controls[framework].length > 0) document.fields.controls[framework] = controls[framework]
  }

  // Everything else, as written. A source's own `x-<layout>` or `x-imported-from` would be
  // overwritten by what import writes under those names: kept under x-<layout> like any other key.
  const importsOwn = new Set([`x-${layout}`, `x-imported-from`])
  for (const key of Object.keys(values)) {
    if (consumed.has(key)) continue
    if (ownKey.test(key) && !importsOwn.has(key)) define(document.own, key, values[key]!)
    else define(document.kept, key, values[key]!)
  }
  return document
}

/** The document's name in the old site: a bundle's folder, a post's name without its date, or the file's. */
function nameFromPath(path: string, layout: Layout, folderName: string): {name: string; from: string; day?: string} {
  const parts = path.split('/')
  const file = parts[parts.length - 1]!.replace(/\.md$/i, '')
  if (file === 'index' || file === '_index') {
    const folder = parts.length > 1 ? parts[parts.length - 2]! : folderName
    return {name: folder, from: parts.length > 1 ? 'the folder name' : "the source folder's name"}
  }
  const post = /^(\d{4}-\d{2}-\d{2})-(.+)$/.exec(file)
  if (layout === 'jekyll' && post) {
    const day = sourceDay(post[1]!)
    return {name: post[2]!, from: 'the file name', ...(day === undefined ? {} : {day})}
  }
  return {name: file, from: 'the file name'}
}

/** The first heading's text, when the body has one. */
function firstHeading(path: string, body: string): string | undefined {
  const parsed = parseDocument(path, body, {fields: {meta: {}, problems: []}})
  const heading = parsed.tree.children.find((node): node is Heading => node.type === 'heading')
  const title = heading ? toString(heading).trim().replace(/\s+/g, ' ') : ''
  return title === '' ? undefined : title
}

/** An id in kebab-case from any text, at most 80 characters, cut at a hyphen. */
export function kebab(text: string): string {
  const id = idFromTitle(text)
  if (id.length <= 80) return id
  const cut = id.slice(0, 81)
  return cut.slice(0, Math.max(cut.lastIndexOf('-'), 1)).replace(/-+$/, '')
}

function describe(value: SourceValue | undefined): string {
  const shown = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value)
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown
}

function bare(): Record<string, SourceValue> {
  return Object.create(null) as Record<string, SourceValue>
}

/** Sets a key on a mapping without a prototype: `__proto__` is a key like any other. */
export function define(mapping: Record<string, SourceValue>, key: string, value: SourceValue): void {
  Object.defineProperty(mapping, key, {value, enumerable: true, writable: true, configurable: true})
}
