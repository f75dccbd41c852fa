// The issue `charter audit --open-issues` files for each change still waiting for its
// after-the-fact review: what changed, who must review it, and how to record the review.
import type {Document} from '../model/document'
import {reviewByText, type AuditEntry} from '../history/approval-audit'
import type {Revision} from '../history/log'

export interface FollowUpIssueContext {
  repository: string
  /** Each document by its path, for its id, title, owner and approvers. */
  documents: ReadonlyMap<string, Document>
  /** The review window as the user wrote it, e.g. "2 business days". */
  window: string
  /** git's diff stat of the change. */
  stat(revision: Revision): string
}

/** One issue per change that is pending or overdue, keyed by its audit entry. */
export function followUpIssues(entries: readonly AuditEntry[], context: FollowUpIssueContext): {key: AuditEntry; title: string; body(): string}[] {
  return entries
    .filter((entry) => entry.status === 'pending' || entry.status === 'overdue')
    .map((entry) => {
      const document = context.documents.get(entry.document)
      const name = document?.meta.id ?? entry.document
      return {
        key: entry,
        title: `Follow-up review: ${context.repository}@${entry.revision.commit.slice(0, 7)} (${name})`,
        body: () => issueBody(entry, document, context.window, context.stat(entry.revision))
      }
    })
}

function issueBody(entry: AuditEntry, document: Document | undefined, window: string, stat: string): string {
  const {revision} = entry
  const vendor = revision.kind === 'vendor'
  const approvers = vendor ? revision.approverRoles : (document?.meta.approvers ?? [])
  const ask = approvers.length > 0 ? `${approvers.join(', ')} (${vendor ? "the vendor's owner before the change, or the config's approvers for a new vendor" : "the document's approvers"})` : "the document's owner"
  return [
    `A change to a controlled ${vendor ? 'vendor file' : 'document'} landed on the default branch without approval evidence. It needs an after-the-fact review by ${reviewByText(entry)} (${window} after it landed).`,
    '',
    vendor
      ? `- **Vendor file:** \`${entry.document}\`: ${revision.vendorChange?.changes.join('; ') ?? ''}${revision.vendorChange?.material ? ' (material)' : ''}`
      : `- **Document:** ${document?.meta.title ?? entry.document} (\`${revision.path}\`)${document?.meta.owner ? `, owned by ${document.meta.owner}` : ''}`,
    `- **Commit:** ${revision.commit}`,
    `- **Landed:** ${revision.date} by ${revision.author.name} <${revision.author.email}>${revision.pr ? `; its subject names #${revision.pr}, which is not evidence of a review` : ''}`,
    `- **Subject:** ${revision.subject}`,
    `- **Who to ask:** ${ask}`,
    '',
    'Diff stat:',
    '',
    '```',
    stat,
    '```',
    '',
    'When the change has been reviewed, the reviewer records it with a commit on the default branch, signed with their key on the roster (the reviewer must not be the change\'s author):',
    '',
    '```sh',
    `git commit -S --allow-empty -m "Review ${revision.commit.slice(0, 7)}" --trailer "Reviews: ${revision.commit}" --trailer "Approved-by: Name <email>"`,
    '```'
  ].join('\n')
}
