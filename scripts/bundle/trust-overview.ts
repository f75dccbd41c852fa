// The overview page (site/index.html) from `trust:` in the config: the statement, the practice
// tiles with the documents and controls behind them, certifications, the FAQ. Every value is
// text for the template to escape; links are only the bundle's own pages, http(s) and mailto.
import type {Config} from '../model/config-shape'
import {controlOf, requestHref} from '../model/trust-links'
import type {AudienceDocuments} from './audience-documents'
import {controlAnchor, pageHref} from './bundle-layout'

export interface OverviewPractice {
  title: string
  summary: string
  /** The documents behind it that this bundle publishes. */
  documents: {page: string; title: string}[]
  /** Documents behind it that this audience may not read: named only as internal, never by title. */
  internal: number
  controls: {id: string; href?: string; title?: string}[]
}

export interface Overview {
  statement: string[]
  practices: OverviewPractice[]
  certifications: {name: string; period?: string; auditor?: string; request: string; href?: string; email: boolean; nda: boolean}[]
  faq: {question: string; answer: string[]}[]
}

/**
 * The overview's values for this bundle's audience. A tile naming a document this audience does
 * not get (an internal one, on the public page) says an internal policy backs it, available on
 * request, as the controls page does; a document that does not exist (a build with
 * --allow-errors) is left out.
 */
export function overview(config: Config, documents: AudienceDocuments): Overview {
  const everyId = new Set(documents.everyDocument.map((meta) => meta.id))
  const {trust} = config
  return {
    statement: paragraphs(trust.statement ?? ''),
    practices: trust.practices.map((practice) => {
      const ids = practice.documents ?? []
      const published = ids.filter((id) => documents.byId.has(id))
      return {
        title: practice.title,
        summary: practice.summary,
        documents: published.map((id) => ({page: pageHref(id), title: documents.byId.get(id)!.title})),
        internal: ids.filter((id) => !documents.byId.has(id) && everyId.has(id)).length,
        controls: (practice.controls ?? []).map((id) => {
          const found = controlOf(id, config.frameworks)
          // The controls page gives each control's row an anchor named for its framework and id.
          return found ? {id, href: `controls.html#${controlAnchor(found.framework, id)}`, title: found.control.title} : {id}
        })
      }
    }),
    certifications: trust.certifications.map((entry) => {
      const href = requestHref(entry.request)
      return {
        name: entry.name,
        ...(entry.period === undefined ? {} : {period: entry.period}),
        ...(entry.auditor === undefined ? {} : {auditor: entry.auditor}),
        request: entry.request,
        ...(href === undefined ? {} : {href}),
        email: href?.startsWith('mailto:') ?? false,
        nda: entry.nda
      }
    }),
    faq: trust.faq.map((entry) => ({question: entry.question, answer: paragraphs(entry.answer)}))
  }
}

/** Text to paragraphs: a blank line starts a new one, a single line break is a space. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '')
}
