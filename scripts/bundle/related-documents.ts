// What a document page lists under "Related documents": the documents its front matter names
// under `related`, then the few others in the bundle that address the most of the same controls.
import type {AudienceDocuments} from './audience-documents'
import {pageHref} from './bundle-layout'
import type {DocumentControl} from './document-control'

export interface RelatedDocument {
  page: string
  title: string
  /** The controls both documents address ("SOC 2 CC6.1"); empty for one named under `related`. */
  shared: string[]
}

/** Documents found by shared controls, at most this many: beyond, the list stops being a pointer. */
const bySharedControls = 3

/**
 * Each document's related documents, in the documents' order. Named ones come first, as the
 * owner ordered them; then up to three that share controls, the most shared first, ties in
 * the bundle's order. Only documents in this bundle are listed, so no link leads out of it.
 */
export function relatedDocuments(documents: AudienceDocuments, controls: readonly DocumentControl[]): RelatedDocument[][] {
  const addressed = controls.map((control) => new Set(control.controls.map((entry) => `${entry.framework} ${entry.id}`)))
  return documents.entries.map((entry, index) => {
    const named = (entry.document.meta.related ?? []).filter((id, at, all) => id !== entry.id && documents.byId.has(id) && all.indexOf(id) === at)
    const listed = new Set([entry.id, ...named])
    const sharing = documents.entries
      .map((other, at) => ({other, shared: [...addressed[index]!].filter((control) => addressed[at]!.has(control))}))
      .filter(({other, shared}) => !listed.has(other.id) && shared.length > 0)
      .sort((a, b) => b.shared.length - a.shared.length)
      .slice(0, bySharedControls)
    return [
      ...named.map((id) => ({page: pageHref(id, 'document'), title: documents.byId.get(id)!.title, shared: []})),
      ...sharing.map(({other, shared}) => ({page: pageHref(other.id, 'document'), title: other.title, shared}))
    ]
  })
}
