// A controlled document as every rule sees it: read and parsed once, messages collected on its vfile.
import type {Nodes, Parents, Root} from 'mdast'
import type {Position} from 'unist'
import type {VFile} from 'vfile'
import type {Document as YamlDocument} from 'yaml'
import type {Problem} from './position'
import type {FileFacts} from './published-file'

/** The values schemas/policy.schema.json allows for `kind`, `status` and `classification`. */
export const kinds = ['policy', 'standard', 'procedure', 'plan', 'overview'] as const
export const statuses = ['draft', 'in-review', 'approved', 'retired'] as const
export const classifications = ['public', 'internal', 'confidential'] as const
export type Kind = (typeof kinds)[number]
export type Status = (typeof statuses)[number]
export type Classification = (typeof classifications)[number]
export type Framework = 'soc2' | 'iso27001'

/** What schemas/policy.schema.json allows as an `id` (its pattern and maxLength; a test holds them equal). */
export function isDocumentId(text: string): boolean {
  return text.length <= 80 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(text)
}

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
  /** Place among the documents on the page and in the PDF: lower first, then those without, by title. */
  order?: number
  controls?: Partial<Record<Framework, string[]>>
  related?: string[]
  /** False for a document no one acknowledges; people owe every other approved one. */
  acknowledge?: boolean
  /** Keys another tool or an import brought along, kept as written. */
  [key: `x-${string}`]: unknown
}

export interface FrontMatter {
  /** Offset in `text` where the YAML source starts (after the opening `---` line). */
  start: number
  /** Offset in `text` where the YAML source ends (before the closing `---` line). */
  end: number
  /** The YAML source as a Document, for positions: parsed when first read. */
  readonly yaml: YamlDocument.Parsed
}

/**
 * The document's nodes by type, from one walk of the whole tree, made the first time a rule
 * asks (see `nodesOf`), so no rule walks the tree for itself and none needs a field of its own.
 */
export interface NodeIndex {
  /** Every node of the given types, in document order (a node before the nodes it contains). */
  all<Type extends Nodes['type']>(...types: Type[]): readonly Extract<Nodes, {type: Type}>[]
  /** The node that holds `node`: undefined for the root, or for a node from another tree. */
  parentOf(node: Nodes): Parents | undefined
}

export interface Document {
  /** Repository-relative POSIX path, e.g. `policies/access-control.md`. */
  path: string
  /** The source, without a byte order mark. */
  text: string
  file: VFile
  /** The whole Markdown tree; `nodesOf(document)` finds nodes in it by type. */
  tree: Root
  frontMatter?: FrontMatter
  /** Front matter problems (YAML syntax, schema), as offsets into `text`; reported by `frontmatter-schema`. */
  frontMatterProblems: Problem[]
  /** The front matter fields that passed the schema; a field with a problem is left out. */
  meta: Partial<DocumentMeta>
  /** Why the file could not be read as text; reported by `file-readable`. */
  unreadable?: {reason: string; position?: Position}
}

/**
 * What rules that look across documents may know of one document: its id, anchors, outgoing
 * links and related ids, with positions. Plain data, so the parsed tree can be let go as soon
 * as the document's own rules have run.
 */
export interface DocumentSummary {
  path: string
  id?: string
  /** The front matter, for the positions of `id` and `related` in messages. */
  frontMatter?: FrontMatter
  /** GitHub-style slugs of the document's headings. */
  anchors: string[]
  /** Links, images and definitions. */
  links: {url: string; position?: Position}[]
  related: string[]
  /** The document's lint comments, for filtering messages found later (see lint/run.ts). */
  control?: Root
}

/** The document set a check runs over, as an index of summaries. */
export interface Corpus {
  /** The documents folder, repository-relative: `policies`. */
  folder: string
  /** Every file path under the documents folder, documents included, for links to attachments. */
  files: ReadonlySet<string>
  /** What each file that is not a document is on disk (kind, size, leading bytes), for links to it. */
  attachments: ReadonlyMap<string, FileFacts>
  byPath: ReadonlyMap<string, {id?: string; anchors: ReadonlySet<string>}>
  /** Paths of the documents using each id, in path order. */
  byId: ReadonlyMap<string, readonly string[]>
}

export function createCorpus(folder: string, summaries: readonly DocumentSummary[], files: Iterable<string>, attachments: ReadonlyMap<string, FileFacts> = new Map()): Corpus {
  const byId = new Map<string, string[]>()
  const sorted = [...summaries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const summary of sorted) {
    if (summary.id === undefined) continue
    const same = byId.get(summary.id)
    if (same) same.push(summary.path)
    else byId.set(summary.id, [summary.path])
  }
  const byPath = new Map(sorted.map((summary) => [summary.path, {id: summary.id, anchors: new Set(summary.anchors)}]))
  return {folder, files: new Set(files), attachments, byPath, byId}
}

// Kept on the tree itself, out of sight of anything that copies or compares it: a WeakMap would
// hold every tree and its index past the young-generation collections, for a peak memory 20% higher.
const indexKey = Symbol('nodes')

/** The index of the document's tree: built on the first call, then the same one for every rule. */
export function nodesOf(document: Pick<Document, 'tree'>): NodeIndex {
  const tree = document.tree as Root & {[indexKey]?: NodeIndex}
  let index = tree[indexKey]
  if (!index) {
    index = indexTree(tree)
    Object.defineProperty(tree, indexKey, {value: index})
  }
  return index
}

function indexTree(tree: Root): NodeIndex {
  const order: Nodes[] = []
  const byType = new Map<string, Nodes[]>()
  const walk = (node: Nodes) => {
    order.push(node)
    const same = byType.get(node.type)
    if (same) same.push(node)
    else byType.set(node.type, [node])
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(tree)
  // Parents are asked for rarely (a lint comment, a text that may hold a URL): mapped on first use.
  let parents: Map<Nodes, Parents> | undefined
  return {
    all(...types) {
      if (types.length === 1) return (byType.get(types[0]!) ?? []) as never
      const wanted = new Set<string>(types)
      return order.filter((node) => wanted.has(node.type)) as never
    },
    parentOf(node) {
      if (!parents) {
        parents = new Map()
        for (const parent of order) if ('children' in parent) for (const child of parent.children) parents.set(child, parent)
      }
      return parents.get(node)
    }
  }
}
