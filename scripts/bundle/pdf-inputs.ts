// What the PDF is given of each document and of the bundle: the control block's facts, the
// verified approvals of the version in force with links to their evidence, where the body's
// relative links land, and the cover's logo and security contact.
import type {Config} from '../model/config-shape'
import {contactUri} from '../model/contact-uri'
import {formatDay} from '../model/dates'
import {resolveLink} from '../model/link-target'
import {logoProblem, maxLogoBytes} from '../model/published-file'
import type {Root, RootContent} from 'mdast'
import type {PdfApproval, PdfBundle, PdfDocument, PdfLinkTarget} from '../render/pdf'
import type {PdfDocumentTask} from '../render/pdf-tasks'
import {publishable} from './attachments'
import type {AudienceDocuments, PublishedDocument} from './audience-documents'
import type {DocumentControl} from './document-control'
import type {BundleFacts} from './version'

/** What each PDF's cover, headers and footers say of the bundle. */
export function pdfBundle(root: string, config: Config, facts: BundleFacts): PdfBundle {
  const {version, today, audience, errors} = facts
  const contact = contactUri(config.organization.security_contact)
  const logoPath = config.branding.logo
  const logo = logoPath ? publishable(root, logoPath, maxLogoBytes, logoProblem) : undefined
  return {
    organization: config.organization.name,
    bundleVersion: version.version,
    date: formatDay(today),
    commit: version.commit,
    shortCommit: version.shortCommit,
    audience,
    dirty: version.dirty,
    errors,
    accent: config.branding.accent,
    ...('uri' in contact ? {securityContact: {text: config.organization.security_contact, uri: contact.uri}} : {}),
    ...(logoPath && logo ? {logo: {path: logoPath, bytes: logo}} : {})
  }
}

/** One document as the PDF lays it out: its control block, its approvals, its tree and its links. */
export function pdfDocument(control: DocumentControl, entry: PublishedDocument, documents: AudienceDocuments, config: Config): PdfDocument {
  return {
    id: control.id,
    title: control.title,
    version: control.version ?? '',
    status: control.status ?? '',
    classification: control.classification ?? '',
    owner: control.owner ?? '',
    approvers: control.approvers,
    approvals: approvalsOfVersion(control, config),
    effective: control.effective ?? '',
    lastReviewed: control.lastReviewed ?? '',
    nextReview: control.review.due ?? '—',
    controls: control.controls.map((item) => item.id),
    related: control.related.map((related) => related.title),
    tree: entry.document.tree,
    revisions: control.revisions,
    resolveLink: pdfLinks(entry.document.path, documents)
  }
}

/**
 * Who approved the version in force: the approvals the revision record verified on each revision
 * of that version (names or roles, as this audience is shown them), oldest first, each once. A
 * claim that is not evidence is never shown here; the revision history shows it as a claim. A
 * signed commit's evidence links to the commit on GitHub when the repository is known.
 */
export function approvalsOfVersion(control: DocumentControl, config: Pick<Config, 'github'>): PdfApproval[] {
  const seen = new Set<string>()
  const approvals: PdfApproval[] = []
  for (const row of [...control.revisions].reverse()) {
    if (row.version !== control.version) continue
    for (const approval of row.approvals) {
      if (seen.has(approval.text)) continue
      seen.add(approval.text)
      const url = approval.href ?? commitUrl(row.commit, config.github.repository)
      approvals.push({text: approval.text, ...(url ? {url} : {})})
    }
  }
  return approvals
}

function commitUrl(commit: string, repository: string | undefined): string | undefined {
  return repository && /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository) ? `https://github.com/${repository}/commit/${commit}` : undefined
}

/** A relative link in the document at `from`: to a document in this bundle (and its anchor), else nothing. */
function pdfLinks(from: string, documents: AudienceDocuments): (url: string) => PdfLinkTarget | undefined {
  const space = {folder: documents.folder, documents: documents.byPath, files: documents.files}
  return (url) => {
    const link = resolveLink(from, url, space)
    if (link.kind !== 'document') return undefined
    const id = documents.byPath.get(link.target)!.id
    return link.anchor === undefined ? {document: id} : {document: id, anchor: link.anchor}
  }
}

/** A document as a PDF worker gets it: its link resolver asked here, for every address its body links to. */
export function pdfDocumentTask(document: PdfDocument): PdfDocumentTask {
  const {resolveLink, ...rest} = document
  const links = new Map<string, PdfLinkTarget>()
  const walk = (node: Root | RootContent) => {
    if ((node.type === 'link' || node.type === 'definition') && !links.has(node.url)) {
      const target = resolveLink?.(node.url)
      if (target) links.set(node.url, target)
    }
    if ('children' in node) for (const child of node.children) walk(child)
  }
  walk(document.tree)
  return {...rest, links: [...links]}
}
