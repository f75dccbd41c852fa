// Where a document's links point on the security page: another published document's page, an
// anchor, or an attachment copied into files/. The links rule reads the same links the same
// way (model/link-target.ts); a link the bundle cannot follow keeps only its text.
import {resolveLink} from '../model/link-target'
import type {LinkResolver} from '../render/html'
import type {Attachments} from './attachments'
import type {AudienceDocuments} from './audience-documents'

/** The links of the document at `from`, for its page beside the other documents' pages. */
export function siteLinks(from: string, documents: Pick<AudienceDocuments, 'byPath' | 'folder' | 'files'>, attachments: Attachments): LinkResolver {
  const space = {folder: documents.folder, documents: documents.byPath, files: documents.files}
  return (url, image) => {
    // The page loads nothing from another host: an image elsewhere keeps only its text.
    if (/^(https?:|mailto:)/i.test(url)) return image ? undefined : url
    const link = resolveLink(from, url, space)
    const fragment = 'anchor' in link && link.anchor !== undefined ? `#${encodeURIComponent(link.anchor)}` : ''
    switch (link.kind) {
      case 'fragment':
        return fragment
      case 'document':
        return image ? undefined : `${encodeURIComponent(documents.byPath.get(link.target)!.id)}.html${fragment}`
      case 'file':
        // A Markdown file that is no page here is a document this audience does not see.
        if (link.target.toLowerCase().endsWith('.md') || !attachments.bytes(link.target)) return undefined
        return `../files/${link.target.slice(documents.folder.length + 1).split('/').map(encodeURIComponent).join('/')}`
      default:
        return undefined
    }
  }
}
