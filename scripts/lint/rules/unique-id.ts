/**
 * unique-id: no two documents share an `id`.
 *
 * Reported on every document after the first (in path order) that uses the id, naming the
 * first one, so a copied file that kept its id is easy to find.
 *
 * @example ok
 *   policies/a/password.md
 *     ---
 *     id: password
 *     ---
 *   policies/b/passwords.md
 *     ---
 *     id: passwords
 *     ---
 *
 * @example not-ok
 *   policies/a/password.md
 *     ---
 *     id: password
 *     ---
 *   policies/b/passwords.md
 *     ---
 *     id: password
 *     ---
 *   → policies/b/passwords.md:2:5-2:13 error Unexpected duplicate id `password`, also used by policies/a/password.md; give this document its own id and file name
 */
import {frontMatterSpan, type CorpusRule} from '../rule'

const rule: CorpusRule = {
  scope: 'corpus',
  id: 'unique-id',
  summary: 'No two documents share an id.',
  description:
    'Links, reviews, history and the published bundle address documents by id, so an id used twice makes one of the documents unreachable. This happens most often when a document is copied to start a new one. Give the copy its own id (and file name).',
  severity: 'error',
  check(summary, context) {
    const same = summary.id === undefined ? [] : (context.corpus.byId.get(summary.id) ?? [])
    const first = same[0]
    if (same.length < 2 || first === undefined || first === summary.path) return
    context.report(frontMatterSpan(summary, ['id']), `Unexpected duplicate id \`${summary.id}\`, also used by ${first}; give this document its own id and file name`)
  }
}

export default rule
