/**
 * version-bump: a document whose body changed since the base ref has a higher version.
 *
 * Active when `charter check --base <ref>` is given (CI passes the pull request's base). The
 * body is everything after the front matter. A body change needs a higher version; a version
 * may never go down; a change to front matter alone (a review moving `last_reviewed`, a new
 * owner) needs no bump; a new document may start at any version. Documents are matched by id,
 * so a renamed file keeps its history.
 *
 * @example ok body edited, version raised
 *   main:policies/alpha.md
 *     ---
 *     id: alpha
 *     version: 2.1.0
 *     ---
 *     Passwords have 12 characters.
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     version: 2.2.0
 *     ---
 *     Passwords have 14 characters.
 *
 * @example not-ok body edited, version unchanged
 *   main:policies/alpha.md
 *     ---
 *     id: alpha
 *     version: 2.1.0
 *     ---
 *     Passwords have 12 characters.
 *   policies/alpha.md
 *     ---
 *     id: alpha
 *     version: 2.1.0
 *     ---
 *     Passwords have 14 characters.
 *   → policies/alpha.md:3:10-3:15 error Unexpected unchanged version 2.1.0: the body changed since main; use 2.2.0 for a minor change or 3.0.0 for a material one
 */
import {bodyOf} from '../../model/front-matter-block'
import {compareVersions, raiseVersion} from '../../model/document-version'
import type {DocumentRule} from '../rule'
import {baseDocumentOf, frontMatterSpan} from '../rule'

const rule: DocumentRule = {
  scope: 'document',
  id: 'version-bump',
  summary: 'With --base: a changed body comes with a higher version; versions never go down.',
  description:
    'The version is how readers and auditors tell which text they saw, and a major version marks a material change that needs re-approval. With `--base <ref>`, a document whose body differs from the base must raise its version: MINOR (or PATCH) for a change that is not material, MAJOR for a material one. A version lower than the base is an error. Changing only front matter, such as `last_reviewed` after a review, needs no bump, and a new document may start at any version; a document git sees as renamed since the base (even to a new id) is compared with what it was, not taken as new.',
  severity: 'error',
  check(document, context) {
    const base = context.base
    const {version} = document.meta
    if (!base || version === undefined || !document.frontMatter) return
    const {before, renamed} = baseDocumentOf(base, document)
    if (!before?.version || !/^\d+\.\d+\.\d+$/.test(before.version)) return
    const where = renamed ? `${base.ref} (as ${before.path})` : base.ref
    const at = () => frontMatterSpan(document, ['version'])
    const order = compareVersions(version, before.version)
    if (order < 0) {
      context.report(at(), `Unexpected version ${version}, lower than ${before.version} at ${where}; versions only go up, so use ${raiseVersion(before.version, 'minor')} or higher`)
    } else if (order === 0 && bodyOf(document.text) !== before.body) {
      context.report(
        at(),
        `Unexpected unchanged version ${version}: the body changed since ${where}; use ${raiseVersion(version, 'minor')} for a minor change or ${raiseVersion(version, 'major')} for a material one`
      )
    }
  }
}

export default rule
