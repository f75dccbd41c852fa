// What the PDF is given of each document and of the bundle: the control block's facts, the
// verified approvals of the version in force with links to their evidence, where the body's
// relative links land, and the cover's logo and security contact.
import type {Config} from '../model/config-shape'
import {contactUri} from '../model/contact-uri'
import {formatDay} from '../model/dates'
import {resolveLink} from '../model/link-target'
import {logoProblem, maxLogoBytes} from '../model/published-file'
import {assessTrailers} from '../history/evidence'
import type {PdfApproval, PdfBundle, PdfDocument, PdfLinkTarget} from '../render/pdf'
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
    approvals: approvalsOfVersion(entry, config),
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
 * Who approved the version in force, and when: the verified evidence (signed trailers by a roster
 * approver) on every revision that carries that version, oldest first, each person once. A claim
 * that is not evidence is never shown here; the revision history shows it as a claim.
 */
export function approvalsOfVersion(entry: PublishedDocument, config: Pick<Config, 'github'>): PdfApproval[] {
  const version = entry.document.meta.version
  const seen = new Set<string>()
  const approvals: PdfApproval[] = []
  const revisions = entry.revisions.filter((revision) => !revision.beforeCharter && revision.version !== undefined && revision.version === version).reverse()
  for (const revision of revisions) {
    for (const evidence of assessTrailers(revision).evidence) {
      const name = evidence.by.replace(/\s*<[^>]*>$/, '')
      if (seen.has(name)) continue
      seen.add(name)
      approvals.push({name, date: revision.date.slice(0, 10), detail: evidence.detail, evidence: evidenceLink(revision.commit, revision.pr, config.github.repository)})
    }
  }
  return approvals
}

/** The commit (or its pull request) that carries the evidence, linked on GitHub when the repository is known. */
function evidenceLink(commit: string, pr: number | undefined, repository: string | undefined): PdfApproval['evidence'] {
  const text = pr !== undefined ? `pull request #${pr}, commit ${commit.slice(0, 7)}` : `commit ${commit.slice(0, 7)}`
  if (!repository || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) return {text}
  return {text, url: `https://github.com/${repository}/commit/${commit}`}
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
