/**
 * id-matches-filename: a document's `id` equals its file name without `.md`.
 *
 * Links, `related:` lists, review commands and the published URLs all use the id, so a file
 * name that says something else misleads whoever looks for the document. The fix it suggests
 * always leads to a valid id that no other document has: it offers `id: <file name>` only when
 * the file name is a valid id that no other document uses or shares (every `<topic>/index.md`
 * of a site would otherwise be told to take `id: index`), and renaming the file only when no
 * other document has that name or that id.
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
 *
 * @example not-ok folders of `index.md` files, as a static site keeps its pages
 *   policies/incident/index.md
 *     ---
 *     id: incident-response
 *     ---
 *   policies/access/index.md
 *     ---
 *     id: access-control
 *     ---
 *   → policies/access/index.md:2:5-2:19 error Unexpected id `access-control` in `index.md`, expected the id and the file name to agree; rename the file to `access-control.md` (`index` can't be the id: 2 documents are named `index.md`)
 *   → policies/incident/index.md:2:5-2:22 error Unexpected id `incident-response` in `index.md`, expected the id and the file name to agree; rename the file to `incident-response.md` (`index` can't be the id: 2 documents are named `index.md`)
 */
import {basename} from 'node:path/posix'
import {isDocumentId, type Corpus, type DocumentSummary} from '../../model/document'
import {frontMatterSpan, type CorpusRule} from '../rule'

const rule: CorpusRule = {
  scope: 'corpus',
  id: 'id-matches-filename',
  summary: 'The front matter id equals the file name without .md.',
  description:
    'The id names the document everywhere: in links, in `related:` lists, in commands and in the published page URLs. Keeping it equal to the file name means there is only one name to look for. Rename the file or change the id so they agree; the message offers only a name that is a valid id and that no other document has.',
  severity: 'error',
  check(summary, context) {
    const id = summary.id
    if (id === undefined) return
    const file = basename(summary.path)
    const name = file.replace(/\.md$/i, '')
    if (id === name) return
    const asId = whyNotId(name, file, summary, context.corpus)
    const asName = whyNotName(id, summary, context.corpus)
    const where = `Unexpected id \`${id}\` in \`${file}\``
    let reason: string
    if (!asId && !asName) reason = `${where}, expected \`${name}\`; rename the file to \`${id}.md\` or set \`id: ${name}\``
    else if (!asId) reason = `${where}, expected \`${name}\`; set \`id: ${name}\` (${asName})`
    else if (!asName) reason = `${where}, expected the id and the file name to agree; rename the file to \`${id}.md\` (${asId})`
    else reason = `${where}, expected the id and the file name to agree; choose an id no other document has, and name the file after it (${asId}; ${asName})`
    context.report(frontMatterSpan(summary, ['id']), reason)
  }
}

/** Why the file name can't become the id, if it can't: not a valid id, or not this document's alone. */
function whyNotId(name: string, file: string, summary: DocumentSummary, corpus: Corpus): string | undefined {
  if (!isDocumentId(name)) return `\`${name}\` can't be the id: an id is kebab-case, lowercase letters, digits and single hyphens`
  const sameName = namedAs(file, corpus)
  if (sameName.length > 1) return `\`${name}\` can't be the id: ${sameName.length} documents are named \`${file}\``
  const owner = corpus.byId.get(name)?.find((path) => path !== summary.path)
  if (owner) return `\`${name}\` is already the id of ${owner}`
  return undefined
}

/** Why the file can't be renamed after its id, if it can't: another document has that name or that id. */
function whyNotName(id: string, summary: DocumentSummary, corpus: Corpus): string | undefined {
  const taken = namedAs(`${id}.md`, corpus).find((path) => path !== summary.path)
  if (taken) return `\`${id}.md\` is already the name of ${taken}`
  const owner = corpus.byId.get(id)?.find((path) => path !== summary.path)
  if (owner) return `\`${id}\` is also the id of ${owner}`
  return undefined
}

// Built once per check, the first time a document's name and id disagree.
const byName = new WeakMap<Corpus, Map<string, string[]>>()

/** The documents whose file is called `file`, in any folder, ignoring case as some file systems do. */
function namedAs(file: string, corpus: Corpus): readonly string[] {
  let names = byName.get(corpus)
  if (!names) {
    names = new Map()
    for (const path of corpus.byPath.keys()) {
      const name = basename(path).toLowerCase()
      const same = names.get(name)
      if (same) same.push(path)
      else names.set(name, [path])
    }
    byName.set(corpus, names)
  }
  return names.get(file.toLowerCase()) ?? []
}

export default rule
