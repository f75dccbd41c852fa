// The order documents take on the security page's index and in the combined PDF: overviews
// first, then by `order` (lower first), then those without `order`, each group by title.
import type {DocumentMeta} from './document'

export interface Placed {
  id: string
  title: string
  document: {meta: Partial<Pick<DocumentMeta, 'kind' | 'order'>>}
}

/** For `sort`: an overview (a preamble to the rest) before any other kind, then `order`, then title and id. */
export function publishedOrder(a: Placed, b: Placed): number {
  const overview = Number(b.document.meta.kind === 'overview') - Number(a.document.meta.kind === 'overview')
  if (overview !== 0) return overview
  const [first, second] = [a.document.meta.order ?? Infinity, b.document.meta.order ?? Infinity]
  if (first !== second) return first < second ? -1 : 1
  return a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
