/**
 * published-files: what the security page publishes besides its own pages is inert and is the
 * repository's own.
 *
 * Every file a document links to (or shows as an image) that is not a document is copied into
 * the bundle, and `branding.logo` is shown on every page. Each must be a regular file inside
 * the repository: not a symbolic link, not a hard link, not a named pipe or device; under
 * 10 MB (a logo under 1 MB); and of a type that cannot run script on the page's origin: PDF,
 * PNG, JPEG, plain text (.txt) or CSV for attachments, PNG or JPEG for the logo. The leading
 * bytes must match the extension, so an HTML page renamed `.png` is refused too. A symbolic link
 * such as `policies/env.txt` → /proc/self/environ is refused, whatever it points at.
 *
 * @example ok
 *   policies/alpha.md
 *     See the [scan results](evidence/scan.txt).
 *   policies/evidence/scan.txt
 *     No findings.
 *
 * @example not-ok
 *   policies/alpha.md
 *     See the [scan results](evidence/scan.html).
 *   policies/evidence/scan.html
 *     <p>No findings.</p>
 *   → policies/alpha.md:1:9-1:43 error Unexpected `.html` attachment `policies/evidence/scan.html`, expected PDF, PNG, JPEG, plain text (.txt) or CSV, which cannot run script on the security page; convert it to PDF
 */
import type {Position} from 'unist'
import {resolveLink} from '../../model/link-target'
import {attachmentProblem} from '../../model/published-file'
import type {CorpusRule} from '../rule'

const rule: CorpusRule = {
  scope: 'corpus',
  id: 'published-files',
  summary: 'Linked attachments and the logo are regular files in the repository, of an inert type.',
  description:
    'A linked attachment is published on the security page as it is, so a symbolic link to a file outside the repository (a CI runner\'s environment, a password file) would publish that file, an HTML or SVG file would run script on the page\'s origin, and a device file would hang the build. Attachments must be regular files under 10 MB of type PDF, PNG, JPEG, plain text or CSV, with content that matches the extension; `branding.logo` must be a PNG or JPEG under 1 MB. Copy the file into the repository instead of linking to it, or convert it as the message says.',
  severity: 'error',
  check(summary, context) {
    const {corpus} = context
    for (const link of summary.links) {
      const target = resolveLink(summary.path, link.url, {folder: corpus.folder, documents: corpus.byPath, files: corpus.files})
      if (target.kind !== 'file') continue
      const facts = corpus.attachments.get(target.target)
      const problem = facts && attachmentProblem(target.target, facts)
      if (problem) context.report(link.position as Position | undefined, problem)
    }
  }
}

export default rule
