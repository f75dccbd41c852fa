/**
 * file-readable: every `.md` file in the documents folder must be a readable UTF-8 text file.
 *
 * Refused, each with a message at the file: a binary file, bytes that are not UTF-8 (the message
 * names the line and column), a file over 1 MB, anything but a regular file (a symbolic link,
 * even to a file inside the repository; a named pipe; a device), and Markdown beyond the parse
 * bounds (over 20,000 lines; block quotes, lists or inline spans nested over 32 deep; over 1,000
 * emphasis, bracket or code-span delimiters or 100 lazy lines in one paragraph; over 1,000 HTML comment
 * openers), at the line where the bound is crossed. A byte
 * order mark and CRLF line endings are fine.
 *
 * @example ok
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     ---
 *     > A quote, in UTF-8 text: “quoted”.
 *
 * @example not-ok block quotes nested 33 deep
 *   policies/alpha.md
 *     > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > Deep.
 *   → policies/alpha.md:1:65-1:65 error Unexpected block quotes nested 33 deep at line 1, expected at most 32; flatten the quotes
 */
import type {DocumentRule} from '../rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'file-readable',
  summary: 'Each .md file in the documents folder is a regular UTF-8 text file under 1 MB, within the parse bounds.',
  description:
    'A document that cannot be read as text cannot be checked, reviewed or published, so binary files, files that are not UTF-8, files over 1 MB, symbolic links, pipes and devices are errors, and so is Markdown nested or repeated past the bounds that keep every check quick (20,000 lines; 32 levels of quotes, lists or emphasis; 1,000 emphasis, bracket or code-span delimiters or 100 lazy lines in a paragraph; 1,000 HTML comments). The message says what was found and where; re-save the file as UTF-8, replace a link with the file, split the document or flatten the Markdown.',
  severity: 'error',
  check(document, context) {
    if (document.unreadable) context.report(document.unreadable.position, document.unreadable.reason)
  }
}

export default rule
