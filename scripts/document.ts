// A controlled document as every rule sees it: read and parsed once, messages collected on its vfile.
import type {Root} from 'mdast'
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

export interface Document {
  /** Repository-relative POSIX path, e.g. `policies/access-control.md`. */
  path: string
  /** The source, without a byte order mark. */
  text: string
  file: VFile
  tree: Root
  frontMatter?: FrontMatter
  /** Front matter problems (YAML syntax, schema), as offsets into `text`; reported by `frontmatter-schema`. */
  frontMatterProblems: Problem[]
  /** The front matter fields that passed the schema; a field with a problem is left out. */
  meta: Partial<DocumentMeta>
  /** Why the file could not be read as text; reported by `file-readable`. */
  unreadable?: {reason: string; position?: Position}
}

/** The document set a check runs over, for rules that look across documents. */
export interface Corpus {
  /** The documents folder, repository-relative: `policies`. */
  folder: string
  documents: readonly Document[]
  byId: ReadonlyMap<string, readonly Document[]>
  byPath: ReadonlyMap<string, Document>
  /** Every file path under the documents folder, documents included, for links to attachments. */
  files: ReadonlySet<string>
}

export function createCorpus(folder: string, documents: readonly Document[], files: Iterable<string>): Corpus {
  const byId = new Map<string, Document[]>()
  for (const document of documents) {
    const id = document.meta.id
    if (id === undefined) continue
    const same = byId.get(id)
    if (same) same.push(document)
    else byId.set(id, [document])
  }
  return {folder, documents, byId, byPath: new Map(documents.map((document) => [document.path, document])), files: new Set(files)}
}
