// `charter init`: make a fork your own. Renders the seed library for the organization into
// policies/ and records its values in charter.config.yaml, all in one write or none.
import {createInterface} from 'node:readline/promises'
import {formatDay, plural} from '../model/dates'
import {configFileName} from '../load/config'
import {headCommit} from '../history/git'
import {initConfigText} from '../scaffold/init-config'
import {planSeed, type SeedValues} from '../scaffold/seed'
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

In a terminal, init asks for each value it was not given (Enter keeps the value shown).
Elsewhere, values not given keep what ${configFileName} has.

Options:
  --name <name>                 Organization name, e.g. "Acme Inc"
  --short-name <name>           Short name for running text, e.g. "Acme"
  --security-contact <contact>  Where security reports go: an email address or URL
  --role <key=title>            A role title, e.g. --role security_lead=CISO (repeatable);
                                keys: the roles in ${configFileName}
  --date <date>                 effective and last_reviewed, YYYY-MM-DD (default: today)
  --force                       Also overwrite seed documents that were edited
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
    role: {type: 'string', multiple: true},
    date: {type: 'string'},
    force: {type: 'boolean'},
    ...rootOptions
  },
  async run(values, positionals, io) {
    if (positionals.length > 0) throw new UsageError(`init: unexpected argument \`${positionals[0]}\`; values are given as options, see \`charter init --help\``)
    const root = rootOf(values)
    const configPath = (values.config as string | undefined) ?? configFileName
    const config = requireConfig(root, values)
    const date = formatDay(dateOption(values, 'date', 'init', io))
    const templatesDir = templatePath(root, 'policies')
    if (!templatesDir) throw new CommandFailure('templates/policies/ is missing; restore the seed library from the Charter repository')

    const previous: SeedValues = {organization: config.organization, roles: config.roles}
    const next = await answers(values, previous, io)
    const plan = planSeed(root, templatesDir, config.documents, previous, next, date)
    const edited = plan.filter((item) => item.outcome === 'edited')
    if (edited.length > 0 && !values.force) {
      throw new CommandFailure(
        [
          `charter: init would overwrite ${plural(edited.length, 'document')} that differ${edited.length === 1 ? 's' : ''} from the seed:`,
          ...edited.map((item) => `  ${item.path}`),
          'Nothing was written. Pass --force to replace them with the seed, or leave them as they are.'
        ].join('\n')
      )
    }
    const writes = new Map(plan.filter((item) => item.outcome !== 'unchanged').map((item) => [item.path, item.content]))
    // Recorded once: the commits it reaches are the toolkit's or the repository's past, not the company's record.
    const adoption = config.adoption === undefined ? headCommit(root) : undefined
    const newConfig = initConfigText(root, configPath, next, adoption)
    if (newConfig !== undefined) writes.set(configPath, newConfig)
    writeFilesAtomically(root, writes)

    const count = (outcome: string) => plan.filter((item) => item.outcome === outcome).length
    io.stdout.write(
      [
        `Seed library for ${next.organization.name} in ${config.documents}/: ${count('create')} created, ${count('update') + (values.force ? edited.length : 0)} updated, ${count('unchanged')} unchanged.`,
        newConfig === undefined ? `${configPath} already had these values.` : `Wrote the organization and role values to ${configPath}.`,
        ...(adoption ? [`Recorded the adoption commit ${adoption.slice(0, 7)} in ${configPath}: history, the changelog and the audit begin after it.`] : []),
        writes.size === 0 ? 'Nothing changed.' : `Next: read the documents, adjust what does not fit, run \`charter check\`, then commit.`,
        ''
      ].join('\n')
    )
    return 0
  }
}

async function answers(values: Values, previous: SeedValues, io: Io): Promise<SeedValues> {
  const organization = {...previous.organization}
  const flags = {name: values.name, short_name: values['short-name'], security_contact: values['security-contact']} as Record<string, string | undefined>
  const roles = {...previous.roles}
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
  } finally {
    terminal?.close()
  }
  for (const [key, value] of [...Object.entries(organization), ...Object.entries(roles)]) {
    if (value.trim() === '') throw new UsageError(`init: ${key} must not be empty`)
  }
  return {organization, roles}
}

export default command
