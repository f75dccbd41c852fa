// `charter history`: each document's revisions from git, newest first, with approval evidence.
import {gitHubFromEnvironment} from '../forge/github-client'
import {documentHistories} from '../history/document-history'
import {historyPrinters} from '../report/history-listing'
import {listingFormats, print} from '../report/listing'
import type {Document} from '../model/document'
import type {Command} from './command'
import {choiceOption, findDocument, loadDocuments, loadDocumentsAlongside, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter history [<id>...] [options]

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
    let chosen: () => Promise<readonly Document[]>
    if (positionals.length === 0) chosen = loadDocumentsAlongside(root, config)
    else {
      const documents = loadDocuments(root, config)
      const named = positionals.map((id) => findDocument(id, documents, config))
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

export default command
