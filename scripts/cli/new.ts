// `charter new`: scaffold a draft document of a kind, with that kind's required sections.
import {formatDay} from '../model/dates'
import type {Kind} from '../model/document'
import {createDocument, idFromTitle} from '../scaffold/new-document'
import {UsageError, type Command} from './command'
import {dateOption, loadDocuments, requireConfig, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter new <kind> "<title>" [options]

Creates <id>.md in the documents folder (\`documents\` in charter.config.yaml, default
policies/) as a draft (version 0.1.0) from templates/new/<kind>.md.hbs, with the required
sections of that kind from charter.config.yaml, each holding a to-do note, and today's date as
effective and last_reviewed. The id is made from the title unless --id is given; an id that
already exists is refused.

Kinds: policy, standard, procedure, plan (the keys under \`kinds:\` in the config).

Options:
  --id <id>            The document id and file name (default: the title in kebab-case)
  --owner <role>       The owning role (default: roles.security_lead from the config)
  --date <date>        effective and last_reviewed, YYYY-MM-DD (default: today)
${rootHelp}
  -h, --help           Show this help
`

const command: Command = {
  usage,
  options: {id: {type: 'string'}, owner: {type: 'string'}, date: {type: 'string'}, ...rootOptions},
  async run(values, positionals, io) {
    const [kind, title, extra] = positionals
    if (kind === undefined || title === undefined || extra !== undefined) throw new UsageError('new: expected a kind and a quoted title, e.g. `charter new policy "Password Policy"`')
    const root = rootOf(values)
    const config = requireConfig(root, values)
    const kinds = Object.keys(config.kinds)
    if (!kinds.includes(kind)) throw new UsageError(`new: unknown kind \`${kind}\`, expected one of ${kinds.join(', ')}`)
    if (title.length > 200) throw new UsageError(`new: Unexpected title of ${title.length} characters, expected at most 200 (the schema's limit); shorten it`)
    const id = (values.id as string | undefined) ?? idFromTitle(title)
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new UsageError(`new: \`${id}\` is not a usable id; pass --id with lowercase letters, digits and hyphens`)
    // The schema's limit, which also keeps the file name within what file systems allow.
    if (id.length > 80) throw new UsageError(`new: Unexpected id of ${id.length} characters from the title, expected at most 80; pass a shorter --id, e.g. \`--id ${id.slice(0, 40).replace(/-[^-]*$/, '')}\``)
    const owner = (values.owner as string | undefined) ?? config.roles.security_lead ?? 'Head of Security'
    const approvers = [config.roles.engineering_lead ?? 'CTO']
    const date = () => formatDay(dateOption(values, 'date', 'new', io))
    const path = createDocument(root, loadDocuments(root, config), config, {id, kind: kind as Kind, title, owner, approvers, date})
    io.stdout.write(`Created ${path} (${kind}, draft 0.1.0).\nFill in each section, then set status: approved and version: 1.0.0 once it is approved.\n`)
    return 0
  }
}

export default command
