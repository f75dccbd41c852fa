// `charter acknowledge`: run by a person in their own clone, records that they read documents at
// their current version, appending to acknowledgements/<login>.yaml for them to commit, signed.
import {existsSync, lstatSync} from 'node:fs'
import {join} from 'node:path'
import {readAcknowledgementFile} from '../load/acknowledgements'
import {loadRoster, personByEmail, rosterFileName} from '../load/people'
import {ledgerPath, owes, type Acknowledgement} from '../model/acknowledgement'
import type {Document} from '../model/document'
import {committerEmail, lastChanges} from '../history/acknowledged-revision'
import {acknowledgeSummary} from '../report/acknowledge-summary'
import {appendAcknowledgements} from '../scaffold/append-acknowledgements'
import {UsageError, type Command} from './command'
import {CommandFailure, findDocument, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter acknowledge <id>... [options]
       charter acknowledge --all [options]

Records that you have read documents at their current version: appends one entry per
document (its id, version, and the commit that last changed its file) to
acknowledgements/<login>.yaml, your own file. You are found by \`git config user.email\`,
which must be one of your emails in ${rosterFileName}; the login is your entry's \`login\`
(default: its GitHub login, lower-cased). Comments and order in the file are kept; it is
written whole or not at all. A document already acknowledged at its current version is
reported, not added again.

Then commit the file yourself with a signed commit (\`git commit -S\`) and open a pull
request. On it, \`charter check --base\` refuses an entry unless the commit that added it
is authored by you and signed with one of your keys on the roster at the base; the entry's
date is that commit's date.

Options:
  --all                Every approved document you owe (all but those marked
                       \`acknowledge: false\`, and a group's documents only when you are
                       in the group) that you have not acknowledged at its current version
${rootHelp}
  -h, --help           Show this help

Exit status: 0 when done (also when everything was already acknowledged); 1 when who you
are, a document or your acknowledgements file is in question; 2 for a wrong command line.
`

const command: Command = {
  usage,
  options: {all: {type: 'boolean'}, ...rootOptions},
  async run(values, positionals, io) {
    if (positionals.length === 0 && !values.all) throw new UsageError('acknowledge: name at least one document id, or pass --all (see `charter acknowledge --help`)')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const documents = loadDocuments(root, config)
    const person = whoIsRunning(root, Object.keys(config.acknowledgements.groups))
    const path = ledgerPath(person.login)
    const file = existsSync(join(root, path)) || isLink(root, path) ? readAcknowledgementFile(root, path) : undefined
    if (file && file.problems.length > 0) {
      const shown = file.problems.map((problem) => {
        const before = (file.text ?? '').slice(0, problem.start).split('\n')
        return `  ${path}:${before.length}:${before.at(-1)!.length + 1} ${problem.reason}`
      })
      throw new CommandFailure(`acknowledge: ${path} has problems; fix them first (\`charter check\` reports the same), then run the command again:\n${shown.join('\n')}`)
    }
    const chosen = new Map<string, Document>()
    for (const id of positionals) {
      const document = findDocument(id, documents, config)
      if (document.meta.status !== 'approved') throw new CommandFailure(`acknowledge: \`${id}\` is ${document.meta.status ?? 'not approved'}; only approved documents are acknowledged, so wait until it is approved`)
      if (document.meta.acknowledge === false) throw new CommandFailure(`acknowledge: \`${id}\` is marked \`acknowledge: false\` in ${document.path}; no one acknowledges it`)
      chosen.set(document.meta.id!, document)
    }
    const acknowledged = new Set((file?.entries ?? []).map((entry) => `${entry.document} ${entry.version}`))
    if (values.all) {
      for (const document of documents) {
        const id = document.meta.id
        if (id === undefined || chosen.has(id) || !owes(document.meta, person.groups, config.acknowledgements.groups)) continue
        if (!acknowledged.has(`${id} ${document.meta.version}`)) chosen.set(id, document)
      }
      if (chosen.size === 0) {
        io.stdout.write(`Nothing to acknowledge: ${path} holds every approved document you owe at its current version.\n`)
        return 0
      }
    }
    const paths = [...chosen.values()].map((document) => document.path)
    const {commits, uncommitted} = lastChanges(root, paths)
    const changed = paths.filter((documentPath) => uncommitted.has(documentPath))
    if (changed.length > 0) {
      throw new CommandFailure(`acknowledge: ${changed.map((documentPath) => `\`${documentPath}\``).join(', ')} ${changed.length === 1 ? 'differs' : 'differ'} from the last commit; an acknowledgement names a committed revision, so update your branch from the default branch (or discard the local change) and run the command again`)
    }
    const entries = [...chosen.values()].map((document): Acknowledgement => ({document: document.meta.id!, version: document.meta.version!, commit: commits.get(document.path)!}))
    const added = entries.filter((entry) => !acknowledged.has(`${entry.document} ${entry.version}`))
    const already = entries.filter((entry) => acknowledged.has(`${entry.document} ${entry.version}`))
    if (added.length > 0) appendAcknowledgements(root, person.login, file?.text, added)
    io.stdout.write(acknowledgeSummary(path, added, already))
    return 0
  }
}

/** The roster person whose email git commits with here, and their login. */
function whoIsRunning(root: string, groups: readonly string[]): {name: string; login: string; groups: string[]} {
  const loaded = loadRoster(root, groups)
  if (loaded.text === undefined) throw new CommandFailure(`acknowledge: there is no ${rosterFileName}; acknowledgements are kept per person on the roster, so add yourself there (name, emails, login) first`)
  if (!loaded.roster) throw new CommandFailure(`acknowledge: ${rosterFileName} has problems; \`charter check\` shows where, fix them, then run the command again`)
  const email = committerEmail(root)
  if (email === undefined) throw new CommandFailure(`acknowledge: git has no user.email here; set it to your email on the roster with \`git config user.email <you@example.com>\`, then run the command again`)
  const person = personByEmail(loaded.roster, email)
  if (!person) throw new CommandFailure(`acknowledge: your git email \`${email}\` is not on the roster (${rosterFileName}); set \`git config user.email\` to the email listed for you there, or ask the security lead to add this one to your entry`)
  if (!person.login) throw new CommandFailure(`acknowledge: ${person.name} has no login in ${rosterFileName}; add \`login:\` (or \`github:\`) to their entry, so their acknowledgements have a file`)
  return {name: person.name, login: person.login, groups: person.groups}
}

function isLink(root: string, path: string): boolean {
  try {
    return lstatSync(join(root, path)).isSymbolicLink()
  } catch {
    return false
  }
}

export default command
