// `charter init`: make a fork your own. Renders the seed library for the organization into
// policies/ and records its values in charter.config.yaml, all in one write or none.
import {createInterface} from 'node:readline/promises'
import {formatDay, plural} from '../model/dates'
import {printable} from '../model/printable-text'
import {configFileName} from '../load/config'
import {MissingFolderError} from '../load/corpus'
import {headCommit} from '../history/git'
import {initConfigText} from '../scaffold/init-config'
import {defaultStatement, seedTrust} from '../scaffold/seed-trust'
import {ownDocuments, planSeed, type SeedValues} from '../scaffold/seed'
import {templatePath} from '../scaffold/templates'
import {writeFilesAtomically} from '../write/atomic'
import {UsageError, type Command, type Io, type OptionValues as Values} from './command'
import {CommandFailure, dateOption, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter init [options]

Makes a fork your own. Renders the seed library (templates/policies/) into the documents folder
(\`documents\` in ${configFileName}, default policies/) with your organization's name,
security contact and role titles, every document at version 1.0.0 with effective and
last_reviewed set to today (or --date), and writes those values into ${configFileName}.
Documents you added are left alone. A seed document you have edited is not overwritten unless
you pass --force; init then lists them and writes nothing. Running init again with the same
answers changes nothing.

In a git repository with a commit, init also records that commit as \`adoption\` in
${configFileName}, unless it names one already. History, the changelog, the bundle and the
audit begin after it, so a fork does not inherit the toolkit's own commits as its record.

On a repository with policies of its own (documents in the documents folder and none rendered
from the seed library), init never adds the seed library beside them: it lists them and writes
nothing. Pass --config-only there to set the values in ${configFileName} alone (no adoption
commit is recorded then: those documents' past is your record), or convert policies kept
elsewhere with \`charter import <dir>\`.

It also fills \`trust:\`, the overview page of the security site, from
templates/config/trust.yaml: a statement, practice tiles linked to the seed documents and an FAQ.
Parts you have edited are kept; with --config-only the seed's practices and FAQ are removed, as
they describe the seed library. Certifications are yours to list; when the organization's name
changes, those listed under the old name are removed.

In a terminal, init asks for each value it was not given (Enter keeps the value shown).
Elsewhere, values not given keep what ${configFileName} has; a statement that is still the
seed's follows the new name.

Options:
  --name <name>                 Organization name, e.g. "Acme Inc"
  --short-name <name>           Short name for running text, e.g. "Acme"
  --security-contact <contact>  Where security reports go: an email address or URL
  --role <key=title>            A role title, e.g. --role security_lead=CISO (repeatable);
                                keys: the roles in ${configFileName}
  --statement <text>            The overview page's short statement on how you approach
                                security (trust.statement)
  --date <date>                 effective and last_reviewed, YYYY-MM-DD (default: today)
  --force                       Also overwrite seed documents that were edited
  --config-only                 Write the values into ${configFileName} only, and leave
                                the documents folder as it is
${rootHelp}
  -h, --help                    Show this help
`

const questions = [
  ['name', 'Organization name'],
  ['short_name', 'Short name'],
  ['security_contact', 'Security contact (email or URL)']
] as const

const command: Command = {
  usage,
  options: {
    name: {type: 'string'},
    'short-name': {type: 'string'},
    'security-contact': {type: 'string'},
    statement: {type: 'string'},
    role: {type: 'string', multiple: true},
    date: {type: 'string'},
    force: {type: 'boolean'},
    'config-only': {type: 'boolean'},
    ...rootOptions
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`init: unexpected argument \`${positionals[0]}\`; values are given as options, see \`charter init --help\``)
    const root = rootOf(values)
    const configPath = (values.config as string | undefined) ?? configFileName
    const config = requireConfig(root, values)
    if (values['config-only']) return configOnly(values, configPath, config.documents, {organization: config.organization, roles: config.roles}, config.trust.statement, io)
    const date = formatDay(dateOption(values, 'date', 'init', io))
    const templatesDir = templatePath(root, 'policies')
    if (!templatesDir) throw new CommandFailure('templates/policies/ is missing; restore the seed library from the Charter repository')

    const previous: SeedValues = {organization: config.organization, roles: config.roles}
    const {next, statement} = await answers(root, values, previous, config.trust.statement, io)
    const plan = planSeed(root, templatesDir, config.documents, previous, next, date)
    const own = withFolder(() => ownDocuments(root, config.documents, plan))
    if (own.length > 0) throw new CommandFailure(ownDocumentsRefusal(config.documents, own, plan.filter((item) => item.outcome === 'create').length))
    const edited = plan.filter((item) => item.outcome === 'edited')
    if (edited.length > 0 && !values.force) {
      throw new CommandFailure(
        [
          `charter: init would overwrite ${plural(edited.length, 'document')} that differ${edited.length === 1 ? 's' : ''} from the seed:`,
          ...edited.map((item) => `  ${item.path}`),
          `Nothing was written. Pass --force to replace them with the seed, or leave them as they are and set only the values in ${configFileName} with \`charter init --config-only\`.`
        ].join('\n')
      )
    }
    const writes = new Map(plan.filter((item) => item.outcome !== 'unchanged').map((item) => [item.path, item.content]))
    // Recorded once: the commits it reaches are the toolkit's or the repository's past, not the company's record.
    const adoption = config.adoption === undefined ? headCommit(root) : undefined
    const {text: newConfig, droppedCertifications} = initConfigText(root, configPath, previous, next, statement, true, adoption)
    if (newConfig !== undefined) writes.set(configPath, newConfig)
    writeFilesAtomically(root, writes)

    const count = (outcome: string) => plan.filter((item) => item.outcome === outcome).length
    io.stdout.write(
      [
        `Seed library for ${next.organization.name} in ${config.documents}/: ${count('create')} created, ${count('update') + (values.force ? edited.length : 0)} updated, ${count('unchanged')} unchanged.`,
        newConfig === undefined ? `${configPath} already had these values.` : `Wrote the organization and role values to ${configPath}.`,
        ...droppedNote(droppedCertifications, previous, next, configPath),
        ...(adoption ? [`Recorded the adoption commit ${adoption.slice(0, 7)} in ${configPath}: history, the changelog and the audit begin after it.`] : []),
        writes.size === 0 ? 'Nothing changed.' : `Next: read the documents, adjust what does not fit, run \`charter check\`, then commit.`,
        ''
      ].join('\n')
    )
    return 0
  }
}

/** Runs `read`, telling of a documents folder that is a link as a usage error. */
function withFolder<T>(read: () => T): T {
  try {
    return read()
  } catch (error) {
    if (error instanceof MissingFolderError) throw new UsageError(`init: ${error.message}`)
    throw error
  }
}

/**
 * `--config-only`: the values into the config, nothing into the documents folder. It records no
 * adoption commit: the documents already there are the organization's own, and their past is
 * its record.
 */
async function configOnly(values: Values, configPath: string, folder: string, previous: SeedValues, currentStatement: string | undefined, io: Io): Promise<number> {
  for (const option of ['force', 'date'] as const) {
    if (values[option] !== undefined) throw new UsageError(`init: --${option} is about the seed documents, and --config-only writes none; leave out one of the two`)
  }
  const {next, statement} = await answers(rootOf(values), values, previous, currentStatement, io)
  const {text: newConfig, droppedCertifications, removedSeed} = initConfigText(rootOf(values), configPath, previous, next, statement, false)
  if (newConfig !== undefined) writeFilesAtomically(rootOf(values), new Map([[configPath, newConfig]]))
  io.stdout.write(
    newConfig === undefined
      ? `${configPath} already had these values.\nNothing changed.\n`
      : [
          `Wrote the organization and role values to ${configPath}; ${folder}/ was left as it is.`,
          ...(removedSeed.length > 0 ? [`Removed the seed's ${removedSeed.join(' and ').replace('faq', 'FAQ')} under trust: in ${configPath}: they describe the seed library, which ${folder}/ does not hold; write your own there.`] : []),
          ...droppedNote(droppedCertifications, previous, next, configPath),
          'Next: run `charter check`, then commit.',
          ''
        ].join('\n')
  )
  return 0
}

/** Why init renders no seed library here: the repository's policies are its own. */
function ownDocumentsRefusal(folder: string, own: readonly string[], seeds: number): string {
  const shown = 10
  return [
    `charter: init: ${folder}/ holds ${plural(own.length, 'document')} of your own and none rendered from the seed library; init would add ${plural(seeds, 'seed document')} beside them:`,
    // A file name may hold a line break, which would pass for a line of the list.
    ...own.slice(0, shown).map((path) => `  ${printable(path)}`),
    ...(own.length > shown ? [`  … and ${own.length - shown} more`] : []),
    `Nothing was written. To set the organization, contacts and roles in ${configFileName} and leave ${folder}/ as it is, run \`charter init --config-only\`; to convert policies kept in another folder or site, run \`charter import <dir>\`.`
  ].join('\n')
}

/** Why the certifications under `trust:` went: a report names the organization it was issued to. */
function droppedNote(count: number, previous: SeedValues, next: SeedValues, configPath: string): string[] {
  if (count === 0) return []
  // Names come from the config or the command line: printed as text, never as terminal controls.
  return [`Removed ${plural(count, 'certification')} under trust: in ${configPath}, issued to ${printable(previous.organization.name)}; list ${printable(next.organization.name)}'s own reports there.`]
}

async function answers(root: string, values: Values, previous: SeedValues, currentStatement: string | undefined, io: Io): Promise<{next: SeedValues; statement?: string}> {
  const organization = {...previous.organization}
  const flags = {name: values.name, short_name: values['short-name'], security_contact: values['security-contact']} as Record<string, string | undefined>
  const roles = {...previous.roles}
  const given = values.statement as string | undefined
  let statement: string | undefined
  for (const entry of (values.role as string[] | undefined) ?? []) {
    const match = /^([a-z][a-z0-9_]*)=(.+)$/.exec(entry)
    if (!match) throw new UsageError(`init: --role expects key=title, e.g. --role security_lead=CISO; got \`${entry}\``)
    roles[match[1]!] = match[2]!.trim()
  }
  const terminal = io.terminal ? createInterface(io.terminal) : undefined
  // Lines are read through the iterator, which keeps answers typed (or pasted) ahead of a prompt.
  const lines = terminal?.[Symbol.asyncIterator]()
  const ask = async (question: string, current: string): Promise<string> => {
    io.stdout.write(`${question} [${current}]: `)
    const answer = await lines!.next()
    if (answer.done) throw new CommandFailure('init stopped before every value was given; nothing was written')
    return (answer.value as string).trim() || current
  }
  try {
    for (const [key, question] of questions) {
      const given = flags[key]
      if (given !== undefined) organization[key] = given.trim()
      else if (lines) organization[key] = await ask(question, organization[key])
    }
    if (lines && values.role === undefined) {
      io.stdout.write('Role titles, as your organization names them:\n')
      for (const key of Object.keys(roles)) roles[key] = await ask(`  ${key}`, roles[key]!)
    }
    if (given !== undefined) statement = given.trim()
    else if (lines) {
      const offered = defaultStatement(currentStatement, seedTrust(root, previous), seedTrust(root, {organization, roles}))
      io.stdout.write('A short statement for the overview page of the security site, on how you approach security.\n')
      statement = await ask('Statement', offered ?? '')
    }
  } finally {
    terminal?.close()
  }
  for (const [key, value] of [...Object.entries(organization), ...Object.entries(roles), ...(statement === undefined ? [] : [['statement', statement] as const])]) {
    if (value.trim() === '') throw new UsageError(`init: ${key} must not be empty`)
  }
  return {next: {organization, roles}, ...(statement === undefined ? {} : {statement})}
}

export default command
