// `charter vendors`: the vendor register. Lists it by tier, scaffolds a vendor file, and records
// a vendor review (with the report received) in the vendor's file.
import {formatDay} from '../model/dates'
import {assuranceTypes, vendorIdFrom, type Assurance, type AssuranceType} from '../model/vendor'
import {closeMatches} from '../model/suggest'
import type {VendorFile} from '../load/vendor-register'
import {print} from '../report/listing'
import {vendorFormats, vendorPrinters, vendorRows} from '../report/vendor-listing'
import {createVendor} from '../scaffold/new-vendor'
import {recordVendorReview} from '../scaffold/record-vendor-review'
import {parseMaps, planVendorImport, writeVendorImport} from '../scaffold/vendor-import'
import {CsvProblem, readCsvFile} from '../load/csv-table'
import {resolve} from 'node:path'
import {parseDay} from '../model/dates'
import type {Config} from '../model/config-shape'
import {UsageError, type Command, type Io, type OptionValues} from './command'
import {choiceOption, CommandFailure, dateOption, requireConfig, loadVendors, rootHelp, rootOf, rootOptions} from './options'

export const usage = `Usage: charter vendors [list] [options]
       charter vendors new "<name>" [options]
       charter vendors review <id> [options]
       charter vendors import <file.csv> [options]

The vendor register: one YAML file per vendor in the vendors folder (vendors.folder in
charter.config.yaml, default vendors/), checked by \`charter check\`.

  list     Every vendor by tier, highest first, with its review state (due date, or days
           overdue) and the age of its latest assurance report. The default.
  new      Creates <id>.yaml from templates/new/vendor.yaml.hbs, status evaluating and no
           data reached yet; the id is the name in kebab-case unless --id is given.
  review   Records a completed review: sets last_reviewed and reviewed_by, and with
           --assurance adds the report received to the vendor's assurance list. Comments,
           key order and quoting are kept; the file is written whole or not at all.
  import   Adds a vendor file per row of a CSV export (a spreadsheet, a ticket system),
           with a header row. Columns are matched to fields by header name (id, name,
           website, owner, status, services, data, tier, tier_justification,
           subprocessor, location, last_reviewed, reviewed_by, and common names such as
           Vendor or Used for); --map names the others. Lists go in one cell, separated
           by commas or semicolons. Every row is checked like a vendor file; when any row
           has a problem, each one is listed with its line and nothing is written.

Options for list:
  --format <name>      text (default), json, csv (for a spreadsheet), or markdown
  --today <date>       Count ages from this date, YYYY-MM-DD (default: the system's date)

Options for new:
  --id <id>            The vendor id and file name (default: the name in kebab-case)
  --owner <role>       The owning role (default: roles.security_lead from the config)

Options for review:
  --date <date>        The date of the review, YYYY-MM-DD (default: today)
  --by <role>          The reviewing role (default: roles.security_lead from the config)
  --assurance <type>   A report received: soc2-type1, soc2-type2, iso27001 or questionnaire
  --period <dates>     Its period as <start>..<end>, e.g. 2025-07-01..2026-06-30 (a
                       certificate: issued..expires); needed for every type but questionnaire
  --received <date>    The date the report arrived (default: the review date)
  --auditor <name>     The audit firm that issued it
  --opinion <opinion>  The auditor's opinion: unqualified, qualified or adverse

Options for import:
  --map <mapping>      <column>=<field>: fill the field from the column with that header,
                       e.g. --map "Risk=tier"; repeat it for more columns

${rootHelp}
  -h, --help           Show this help

Exit status: 0 when done (list: also when reviews are due; charter check is the gate); 1 when a
vendor file has problems or the vendor is not found; 2 on a usage error.
`

const opinions = ['unqualified', 'qualified', 'adverse'] as const

const command: Command = {
  usage,
  options: {
    format: {type: 'string'},
    today: {type: 'string'},
    id: {type: 'string'},
    owner: {type: 'string'},
    date: {type: 'string'},
    by: {type: 'string'},
    assurance: {type: 'string'},
    period: {type: 'string'},
    received: {type: 'string'},
    auditor: {type: 'string'},
    opinion: {type: 'string'},
    map: {type: 'string', multiple: true},
    ...rootOptions
  },
  async run(values, positionals, io) {
    const [action = 'list', ...rest] = positionals
    if (action === 'list') return list(values, rest, io)
    if (action === 'new') return scaffold(values, rest, io)
    if (action === 'review') return review(values, rest, io)
    if (action === 'import') return importRows(values, rest, io)
    throw new UsageError(`vendors: unknown action \`${action}\`, expected list, new, review or import (see \`charter vendors --help\`)`)
  }
}

const register = (root: string, config: Config): VendorFile[] => loadVendors(root, config, 'vendors')

async function list(values: OptionValues, rest: string[], io: Io): Promise<number> {
  if (rest.length > 0) throw new UsageError(`vendors: unexpected \`${rest[0]}\`; \`charter vendors\` lists every vendor (see \`charter vendors --help\`)`)
  const format = choiceOption(values, 'format', vendorFormats, 'vendors')
  const root = rootOf(values)
  const config = requireConfig(root, values)
  const today = dateOption(values, 'today', 'vendors', io)
  io.stdout.write(print(vendorPrinters, format, {today, rows: vendorRows(register(root, config), config, today)}))
  return 0
}

async function scaffold(values: OptionValues, rest: string[], io: Io): Promise<number> {
  const [name, extra] = rest
  if (name === undefined || extra !== undefined) throw new UsageError('vendors new: expected one quoted name, e.g. `charter vendors new "Nimbus Cloud"`')
  if (name.trim() === '' || name.length > 200) throw new UsageError('vendors new: expected a name of 1 to 200 characters (the schema\'s limit)')
  // The name goes into the new file's first comment line: a line break there would write keys of its own.
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) throw new UsageError('vendors new: unexpected control character or line break in the name; give the name on one line')
  const id = (values.id as string | undefined) ?? vendorIdFrom(name)
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || id.length > 80) throw new UsageError(`vendors new: \`${id}\` is not a usable id; pass --id with lowercase letters, digits and single hyphens, at most 80 characters`)
  const root = rootOf(values)
  const config = requireConfig(root, values)
  const owner = (values.owner as string | undefined) ?? config.roles.security_lead ?? 'Head of Security'
  const path = createVendor(root, config, {id, name, owner, date: formatDay(io.today())})
  io.stdout.write(`Created ${path} (evaluating).\nSet services, data and the rest, run \`charter check\`, and once assessed record it with \`charter vendors review ${id}\`.\n`)
  return 0
}

async function review(values: OptionValues, rest: string[], io: Io): Promise<number> {
  const [id, extra] = rest
  if (id === undefined || extra !== undefined) throw new UsageError('vendors review: name one vendor id, e.g. `charter vendors review nimbusforge`')
  const assurance = assuranceOption(values, io)
  const root = rootOf(values)
  const config = requireConfig(root, values)
  const date = dateOption(values, 'date', 'vendors review', io)
  if (date > io.today()) throw new UsageError(`vendors review: --date ${formatDay(date)} is in the future; a review is recorded once it has happened`)
  const files = register(root, config)
  const file = files.find((each) => each.vendor.id === id)
  if (!file) {
    const close = closeMatches(id, files.flatMap((each) => (each.vendor.id === undefined ? [] : [each.vendor.id])))
    throw new CommandFailure(`vendors review: no vendor in ${config.vendors.folder}/ has the id \`${id}\`${close.length > 0 ? `; did you mean ${close.map((match) => `\`${match}\``).join(', ')}?` : ''}`)
  }
  if (assurance && assurance.received === undefined) assurance.received = formatDay(date)
  const by = (values.by as string | undefined) ?? config.roles.security_lead ?? 'Head of Security'
  recordVendorReview(root, file.path, file.text!, {date: formatDay(date), by, ...(assurance ? {assurance} : {})})
  const added = assurance ? `, and added its ${assurance.type} report${assurance.period_end ? ` for the period ending ${assurance.period_end}` : ''}` : ''
  io.stdout.write(
    [
      `Recorded the review of ${id} in ${file.path} (last_reviewed: ${formatDay(date)}, reviewed_by: ${by})${added}.`,
      '',
      'Commit it with a message such as:',
      '',
      `Review vendor ${id}`,
      '',
      `Vendor review on ${formatDay(date)} by ${by}.`,
      ''
    ].join('\n')
  )
  return 0
}

async function importRows(values: OptionValues, rest: string[], io: Io): Promise<number> {
  const [file, extra] = rest
  if (file === undefined || extra !== undefined) throw new UsageError('vendors import: name one CSV file, e.g. `charter vendors import vendors.csv`')
  const maps = parseMaps((values.map as string[] | undefined) ?? [])
  const root = rootOf(values)
  const config = requireConfig(root, values)
  const existing = new Set(register(root, config).flatMap((each) => (each.vendor.id === undefined ? [] : [each.vendor.id])))
  let rows
  try {
    rows = readCsvFile(resolve(file))
  } catch (error) {
    if (error instanceof CsvProblem) throw new CommandFailure(`vendors import: ${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}: ${error.message}; nothing was imported`)
    throw error
  }
  const plan = planVendorImport(file, rows, maps, config, existing)
  if (plan.problems.length > 0) {
    const count = plan.problems.length
    throw new CommandFailure(`${plan.problems.join('\n')}\ncharter: vendors import: ${count} ${count === 1 ? 'problem' : 'problems'} in ${file}; nothing was imported. Fix the rows (or pass --map) and run it again.`)
  }
  writeVendorImport(root, plan)
  const ignored = plan.ignored.length > 0 ? `Columns not imported: ${plan.ignored.join(', ')} (pass --map "<column>=<field>" to keep one).\n` : ''
  io.stdout.write(`Imported ${plan.files.size} ${plan.files.size === 1 ? 'vendor' : 'vendors'} into ${config.vendors.folder}/:\n${[...plan.files.keys()].map((path) => `  ${path}\n`).join('')}${ignored}Run \`charter check\`, fill in what the sheet did not say, and commit.\n`)
  return 0
}

/** --assurance and the options that describe the report; undefined without --assurance. */
function assuranceOption(values: OptionValues, io: Io): Assurance | undefined {
  const type = values.assurance as string | undefined
  const describing = ['period', 'received', 'auditor', 'opinion'].filter((name) => values[name] !== undefined)
  if (type === undefined) {
    if (describing.length > 0) throw new UsageError(`vendors review: --${describing[0]} describes a report; pass --assurance <type> with it`)
    return undefined
  }
  if (!(assuranceTypes as readonly string[]).includes(type)) throw new UsageError(`vendors review: unknown --assurance \`${type}\`, expected one of ${assuranceTypes.join(', ')}`)
  const assurance: Assurance = {type: type as AssuranceType}
  const period = values.period as string | undefined
  if (period !== undefined) {
    const [start = '', end = '', more] = period.split('..')
    const [from, to] = [parseDay(start), parseDay(end)]
    if (more !== undefined || from === undefined || to === undefined || to < from) throw new UsageError(`vendors review: --period expects <start>..<end> as two real dates, the start first, e.g. 2025-07-01..2026-06-30; got \`${period}\``)
    Object.assign(assurance, {period_start: start, period_end: end})
  } else if (type !== 'questionnaire') {
    throw new UsageError(`vendors review: --assurance ${type} needs --period <start>..<end>, the report's period (a certificate: issued..expires)`)
  }
  if (values.received !== undefined) assurance.received = formatDay(dateOption(values, 'received', 'vendors review', io))
  if (values.auditor !== undefined) assurance.auditor = values.auditor as string
  if (values.opinion !== undefined) assurance.opinion = choiceOption(values, 'opinion', opinions, 'vendors review')
  return assurance
}

export default command
