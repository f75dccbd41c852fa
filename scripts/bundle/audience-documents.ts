// The documents a bundle publishes for its audience, with their revisions, in published order; and
// the names of those it leaves out, so that no published commit subject names them.
import {listRepository, loadDocument} from '../load/corpus'
import type {Config} from '../model/config-shape'
import type {Document, DocumentMeta} from '../model/document'
import {publishedOrder} from '../model/document-order'
import {readHistory, type Revision} from '../history/log'

export type Audience = 'public' | 'internal'

export interface PublishedDocument {
  document: Document
  id: string
  title: string
  revisions: Revision[]
}

export interface AudienceDocuments {
  /** Overviews first, then by `order`, then by title (model/document-order.ts). */
  entries: PublishedDocument[]
  byPath: ReadonlyMap<string, PublishedDocument>
  byId: ReadonlyMap<string, PublishedDocument>
  /** The documents folder, repository-relative. */
  folder: string
  /** Every file in the documents folder, for links to attachments. */
  files: ReadonlySet<string>
  /** Ids and titles of the documents left out of this audience. */
  withheld: readonly string[]
  /**
   * Every document's front matter, of any classification: control coverage counts them all, so
   * the public page shows a control an internal document covers as covered, without naming it.
   */
  everyDocument: readonly Partial<DocumentMeta>[]
}

/** Reads the documents and their revisions (one git pass), and keeps those the audience may read. */
export async function gatherDocuments(root: string, audience: Audience, config: Pick<Config, 'documents' | 'adoption'>): Promise<AudienceDocuments> {
  const folder = config.documents
  const {files, documentPaths} = listRepository(root, folder)
  const history = await readHistory(root, {folder, adoption: config.adoption})
  const all = documentPaths.map((path) => loadDocument(root, path))
  const entries: PublishedDocument[] = all
    .filter((document) => document.meta.id !== undefined && (audience === 'internal' || document.meta.classification === 'public'))
    .map((document) => ({document, id: document.meta.id!, title: document.meta.title ?? document.meta.id!, revisions: history.get(document.path) ?? []}))
    .sort(publishedOrder)
  const byId = new Map(entries.map((entry) => [entry.id, entry]))
  const withheld = all.filter((document) => document.meta.id !== undefined && !byId.has(document.meta.id)).flatMap((document) => [document.meta.title, document.meta.id].filter((name): name is string => !!name))
  return {entries, byPath: new Map(entries.map((entry) => [entry.document.path, entry])), byId, folder, files: new Set(files), withheld, everyDocument: all.map((document) => document.meta)}
}

/** The text with every withheld document's id and title replaced. */
export function scrubWithheld(text: string, withheld: readonly string[]): string {
  return withheld.reduce((result, name) => result.replace(new RegExp(escapeRegExp(name), 'gi'), '[internal document]'), text)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
