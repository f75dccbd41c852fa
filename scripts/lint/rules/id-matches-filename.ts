/**
 * id-matches-filename: a document's `id` equals its file name without `.md`.
 *
 * Links, `related:` lists, review commands and the published URLs all use the id, so a file
 * name that says something else misleads whoever looks for the document.
 *
 * @example ok
 *   policies/access-control.md
 *     ---
 *     id: access-control
 *     ---
 *
 * @example not-ok
 *   policies/access.md
 *     ---
 *     id: access-control
 *     ---
 *   → policies/access.md:2:5-2:19 error Unexpected id `access-control` in `access.md`, expected `access`; rename the file to `access-control.md` or set `id: access`
 */
import {basename} from 'node:path/posix'
import type {DocumentRule} from '../rule'
import {frontMatterSpan} from '../rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'id-matches-filename',
  summary: 'The front matter id equals the file name without .md.',
  description:
    'The id names the document everywhere: in links, in `related:` lists, in commands and in the published page URLs. Keeping it equal to the file name means there is only one name to look for. Rename the file or change the id so they agree.',
  severity: 'error',
  check(document, context) {
    const id = document.meta.id
    if (id === undefined) return
    const name = basename(document.path).replace(/\.md$/i, '')
    if (id === name) return
    context.report(
      frontMatterSpan(document, ['id']),
      `Unexpected id \`${id}\` in \`${basename(document.path)}\`, expected \`${name}\`; rename the file to \`${id}.md\` or set \`id: ${name}\``
    )
  }
}

export default rule
