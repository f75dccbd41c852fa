// `charter history`: each document's and vendor file's revisions from git, newest first, with approval evidence.
import {gitHubFromEnvironment} from '../forge/github-client'
import {documentHistories, type HistorySelection} from '../history/document-history'
import {readVendorRegister, type VendorFile} from '../load/vendor-register'
import {historyPrinters} from '../report/history-listing'
import {listingFormats, print} from '../report/listing'
import type {Config} from '../model/config-shape'
import type {Document} from '../model/document'
import {closeMatches} from '../model/suggest'
import {vendorIdOf} from '../model/vendor'
import type {Command} from './command'
import {byId, choiceOption, CommandFailure, findDocument, loadDocuments, loadDocumentsAlongside, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter history [<id or path>...] [options]

Shows each document's revision history from git, newest first: version, date, summary, author
and approval evidence. The summary is the commit's Change: trailer, else (with --github) the
title of its pull request, else the commit subject, as one line of at most 160 characters.
Without ids, every document. One revision per change that landed on the current branch (a
merged pull request counts once); renames are followed. History begins after the adoption
commit (\`adoption\` in charter.config.yaml), so a fork shows none of the toolkit's own
commits. A document moved into the documents folder from elsewhere in the repository (as
\`charter import\` does) is followed back through its old paths: those revisions show their
date, author and summary, with "before Charter" for the version. Approval evidence comes from
Approved-by: and Reviewed-by: commit trailers, and with --github from the merged pull requests
GitHub lists for the commit (never a number in its subject). A trailer counts only when the
person it names is on the roster (people.yaml, as it was before the change), is not the
change's author, holds one of the document's approvers: roles, and signed the commit carrying
it with a key the roster lists for them; any other trailer is shown as "claimed, not verified"
with the reason. An author whose email is on the roster is shown by their roster name, so one
person is one name whichever email they committed with. A shallow clone is refused rather than
shown with a truncated history.

Vendor files (vendors/<id>.yaml, or the folder vendors.folder sets) have revisions too, listed
after the documents: each says what it did to the register (tier from and to, data categories
added and removed, status, subprocessor, owner, assurance added, review recorded), and
"material" when it added the vendor, changed its tier or data, flipped subprocessor or made it
active. A vendor change is approved by the vendor's owner: role as the file stood before the
change, never as the change sets it; a new vendor file by the roles that approve the config. An
id that is both a document's and a vendor's is refused: name the file by its path instead
(policies/<id>.md or vendors/<id>.yaml).

Options:
  --format <name>      text (default), json, or markdown (tables, for documents and PDFs)
  --github             Add evidence from pull request reviews on GitHub (GITHUB_TOKEN;
                       repository from GITHUB_REPOSITORY or github.repository in the config);
                       answers are cached outside the repository, as for charter audit
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {format: {type: 'string'}, github: {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    const format = choiceOption(values, 'format', listingFormats, 'history')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    // Every document: loaded while git reads the history. Named ones: found first, so a wrong id is reported before git starts.
    let chosen: () => Promise<HistorySelection>
    if (positionals.length === 0) {
      const loading = loadDocumentsAlongside(root, config)
      // Read once git has started, as the documents are.
      chosen = async () => {
        const documents = await loading()
        const register = readVendorRegister(root, config)
        if (register.folderProblem) io.stderr.write(`charter: vendor files are not listed: ${register.folderProblem}\n`)
        return {documents, vendors: register.files}
      }
    } else {
      const named = chooseFiles(positionals, loadDocuments(root, config), vendorFiles(root, config), config)
      chosen = async () => named
    }
    const connect = () => gitHubFromEnvironment(root, config.github.repository, '--github needs a token in GITHUB_TOKEN that can read pull requests', io)
    const {listing, unavailable} = await documentHistories(root, config, chosen, values.github ? connect : undefined)
    if (unavailable) {
      io.stderr.write(`charter: GitHub was unavailable (${unavailable.reason}); pull request evidence is missing for ${unavailable.missing} revisions, shown as "not assessed"\n`)
    }
    io.stdout.write(print(historyPrinters, format, listing))
    return 0
  }
}

/** The vendor files, read once an id needs them; a vendors folder that cannot be read is an error then. */
function vendorFiles(root: string, config: Config): () => readonly VendorFile[] {
  let files: readonly VendorFile[] | undefined
  return () => {
    if (files) return files
    const register = readVendorRegister(root, config)
    if (register.folderProblem) throw new CommandFailure(register.folderProblem)
    files = register.files
    return files
  }
}

const vendorId = (file: VendorFile) => vendorIdOf(file.path)

/** Each id or path: a document's, else a vendor file's; one that names both is refused. */
function chooseFiles(ids: readonly string[], documents: readonly Document[], vendors: () => readonly VendorFile[], config: Config): HistorySelection {
  const documentIds = byId(documents)
  const chosen: {documents: Document[]; vendors: VendorFile[]} = {documents: [], vendors: []}
  for (const id of ids) {
    const document = documentIds.get(id) ?? documents.find((each) => each.path === id || each.path.endsWith(`/${id}.md`))
    const register = document && document.path === id ? [] : vendors()
    const vendor = register.find((file) => file.path === id) ?? register.find((file) => vendorId(file) === id)
    if (document && vendor) {
      throw new CommandFailure(`\`${id}\` is both the document ${document.path} and the vendor ${vendor.path}; name the one you mean by its path: \`charter history ${document.path}\` or \`charter history ${vendor.path}\``)
    }
    if (document) chosen.documents.push(document)
    else if (vendor) chosen.vendors.push(vendor)
    else if (register.length === 0) findDocument(id, documents, config)
    else {
      const close = closeMatches(id, [...documentIds.keys(), ...register.map(vendorId)])
      const hint = close.length > 0 ? `; did you mean ${close.map((match) => `\`${match}\``).join(', ')}?` : `; the ids are the file names in ${config.documents}/ and ${config.vendors.folder}/`
      throw new CommandFailure(`no document in ${config.documents}/ or vendor in ${config.vendors.folder}/ has the id \`${id}\`${hint}`)
    }
  }
  return chosen
}

export default command
