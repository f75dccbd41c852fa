/**
 * file-readable: every `.md` file under policies/ must be a readable UTF-8 text file.
 *
 * Refused, each with a message at the file: a binary file, bytes that are not UTF-8 (the message
 * names the line and column), a file over 1 MB, a broken symbolic link and a symbolic link to a
 * file outside the repository. A byte order mark and CRLF line endings are fine.
 *
 * ok: `policies/access-control.md`, UTF-8 text.
 * not-ok: `policies/logo.md`, a PNG renamed: "Unexpected binary file …".
 */
import type {DocumentRule} from './rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'file-readable',
  summary: 'Each .md file under policies/ is UTF-8 text under 1 MB, inside the repository.',
  description:
    'A document that cannot be read as text cannot be checked, reviewed or published, so binary files, files that are not UTF-8, files over 1 MB and symbolic links that leave the repository are errors. The message says what was found; re-save the file as UTF-8, split it, or move it out of policies/.',
  severity: 'error',
  check(document, context) {
    if (document.unreadable) context.report(document.unreadable.position, document.unreadable.reason)
  }
}

export default rule
