// A controlled document as every rule sees it: read and parsed once, messages collected on its vfile.
import GithubSlugger from 'github-slugger'
import type {Code, Definition, Heading, Html, Image, InlineCode, Link, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {Document as YamlDocument} from 'yaml'
import type {Problem} from './load/yaml'

export type Kind = 'policy' | 'standard' | 'procedure' | 'plan'
export type Status = 'draft' | 'in-review' | 'approved' | 'retired'
export type Classification = 'public' | 'internal' | 'confidential'
export type Framework = 'soc2' | 'iso27001'

/** Front matter fields, as defined by schemas/policy.schema.json. */
export interface DocumentMeta {
  id: string
  title: string
  kind: Kind
  version: string
  status: Status
  owner: string
  approvers: string[]
  classification: Classification
  effective: string
  last_reviewed: string
  review_interval?: string
  controls?: Partial<Record<Framework, string[]>>
  related?: string[]
}

export interface FrontMatter {
  yaml: YamlDocument.Parsed
  /** Offset in `text` where the YAML source starts (after the opening `---` line). */
  start: number
}

/** Nodes rules look for, gathered in one walk at parse time so no rule walks the whole tree. */
export interface NodeIndex {
  headings: Heading[]
  /** Links, images and link definitions: everything with a `url`. */
  links: (Link | Image | Definition)[]
  code: (Code | InlineCode)[]
  html: Html[]
  /**
   * The tree cut down to headings, HTML and lists (with their items), in document order: the
   * structure the remark-lint hygiene rules read, at a fraction of the size.
   */
  outline: Root
}

export interface Document {
  /** Repository-relative POSIX path, e.g. `policies/access-control.md`. */
  path: string
  /** The source, without a byte order mark. */
  text: string
  file: VFile
  tree: Root
  nodes: NodeIndex
  frontMatter?: FrontMatter
  /** Front matter problems (YAML syntax, schema), as offsets into `text`; reported by `frontmatter-schema`. */
  frontMatterProblems: Problem[]
  /** The front matter fields that passed the schema; a field with a problem is left out. */
  meta: Partial<DocumentMeta>
  /** Why the file could not be read as text; reported by `file-readable`. */
  unreadable?: {reason: string; position?: Position}
}

/** What rules may know about every other document: enough to resolve ids, links and anchors. */
export interface IndexEntry {
  path: string
  id?: string
  /** GitHub-style slugs of the document's headings. */
  anchors: readonly string[]
}

/** The document set a check runs over, as an index; each rule still sees only its own document's tree. */
export interface Corpus {
  /** The documents folder, repository-relative: `policies`. */
  folder: string
  /** Every file path under the documents folder, documents included, for links to attachments. */
  files: ReadonlySet<string>
  byPath: ReadonlyMap<string, {id?: string; anchors: ReadonlySet<string>}>
  /** Paths of the documents using each id, in path order. */
  byId: ReadonlyMap<string, readonly string[]>
}

export function indexEntry(document: Document): IndexEntry {
  const slugger = new GithubSlugger()
  const anchors = document.nodes.headings.map((heading) => slugger.slug(toString(heading)))
  return document.meta.id === undefined ? {path: document.path, anchors} : {path: document.path, id: document.meta.id, anchors}
}

export function createCorpus(folder: string, entries: readonly IndexEntry[], files: Iterable<string>): Corpus {
  const byId = new Map<string, string[]>()
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const entry of sorted) {
    if (entry.id === undefined) continue
    const same = byId.get(entry.id)
    if (same) same.push(entry.path)
    else byId.set(entry.id, [entry.path])
  }
  const byPath = new Map(sorted.map((entry) => [entry.path, {id: entry.id, anchors: new Set(entry.anchors)}]))
  return {folder, files: new Set(files), byPath, byId}
}
