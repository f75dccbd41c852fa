/**
 * links: relative links resolve, `#anchors` name a real heading, and `related:` ids exist.
 *
 * A relative link (or image) must point at a document or file under the documents folder; a
 * `#fragment` must match a heading's GitHub-style slug in the target (or in the same document
 * for a bare `#fragment`). Links with a scheme (`https:`, `mailto:`) are not followed. Every id
 * under `related:` must belong to a document.
 *
 * @example ok
 *   policies/password.md
 *     ---
 *     id: password
 *     related: [access-control]
 *     ---
 *     See the [Access Control Policy](access-control.md#scope).
 *   policies/access-control.md
 *     ---
 *     id: access-control
 *     ---
 *     ## Scope
 *
 * @example not-ok
 *   policies/password.md
 *     ---
 *     id: password
 *     related: [access-controls]
 *     ---
 *     See the [Access Control Policy](access-controls.md) and its [scope](access-control.md#scopes).
 *   policies/access-control.md
 *     ---
 *     id: access-control
 *     ---
 *     ## Scope
 *   → policies/password.md:3:11-3:26 error Unexpected related id `access-controls`: no document has it; did you mean `access-control`?
 *   → policies/password.md:5:9-5:52 error Unexpected link to `access-controls.md`: no such file in policies/; did you mean `access-control.md`?
 *   → policies/password.md:5:61-5:94 error Unexpected anchor `#scopes`: no heading in policies/access-control.md has it; did you mean `scope`?
 */
import type {Corpus} from '../../model/document'
import {resolveLink} from '../../model/link-target'
import {didYouMean} from '../../model/suggest'
import {frontMatterSpan, type CorpusRule} from '../rule'

const rule: CorpusRule = {
  scope: 'corpus',
  id: 'links',
  summary: 'Relative links and #anchors resolve; related ids exist.',
  description:
    'A broken cross-reference in a policy sends a reader, or an auditor, to nothing. Relative links must point at an existing document or file in the documents folder, anchors must match a heading (GitHub-style slug: lowercase, spaces to hyphens, punctuation dropped), and each id in `related:` must be a document id. Fix the path, the anchor or the id; the message suggests a close match.',
  severity: 'error',
  check(summary, context) {
    const {corpus} = context
    for (const link of summary.links) {
      const problem = checkUrl(summary.path, corpus, link.url)
      if (problem) context.report(link.position, problem)
    }
    summary.related.forEach((id, index) => {
      if (corpus.byId.has(id)) return
      context.report(frontMatterSpan(summary, ['related', index]), `Unexpected related id \`${id}\`: no document has it${didYouMean(id, corpus.byId.keys())}`)
    })
  }
}

function checkUrl(path: string, corpus: Corpus, url: string): string | undefined {
  const link = resolveLink(path, url, {folder: corpus.folder, documents: corpus.byPath, files: corpus.files})
  switch (link.kind) {
    case 'external':
      return undefined
    case 'fragment':
      return checkAnchor(corpus, path, link.anchor, 'this document')
    case 'absolute':
      return `Unexpected absolute path \`${link.rawPath}\`; link to documents with a relative path such as \`access-control.md\``
    case 'outside':
      return `Unexpected link to \`${link.rawPath}\` outside ${corpus.folder}/: the published bundle holds documents only; link with a full https:// URL instead`
    case 'document':
      return link.anchor === undefined ? undefined : checkAnchor(corpus, link.target, link.anchor, link.target)
    case 'file':
      return undefined
  }
  const near = didYouMean(link.target.slice(corpus.folder.length + 1), [...corpus.files].map((path) => path.slice(corpus.folder.length + 1)))
  return `Unexpected link to \`${link.rawPath}\`: no such file in ${corpus.folder}/${near}`
}

function checkAnchor(corpus: Corpus, path: string, anchor: string, where: string): string | undefined {
  const anchors = corpus.byPath.get(path)?.anchors ?? new Set<string>()
  if (anchors.has(anchor)) return undefined
  return `Unexpected anchor \`#${anchor}\`: no heading in ${where} has it${didYouMean(anchor, anchors)}`
}

export default rule
